"""What the KPI pool chapter shows: headline tiles, the selection and rejection tables, the
card book, and the picker used live with the client (saved to ``decisions/selection.yaml``)."""

from __future__ import annotations

from html import escape

import pandas as pd

from helpers import display, i18n
from helpers.kpi_pool import selection as selection_module


def headline_figures(result, lang: str) -> list[tuple[str, str, str]]:
    s = result.summary
    return [(i18n.t(f"kpi_pool.headline.{key}", lang), str(s[key]), "")
            for key in ("candidates", "passed", "positions", "core", "observe", "violations")]


def _col(name: str, lang: str) -> str:
    return i18n.t(f"kpi_pool.col.{name}", lang)


def _origins(items, lang: str) -> str:
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(i18n.label(f"kpi_pool.origin.{o}", lang, o) for o in items or [])


def selection_table(chosen: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Core and observation indicators per position, with tier, origin and rationale."""
    kept = chosen[chosen["role"] != "dropped"]
    return pd.DataFrame({
        _col("unit", lang): kept["unit"],
        _col("position", lang): kept["position"],
        _col("indicator", lang): kept[f"name_{lang}"].fillna(kept["name_zh"]),
        _col("role", lang): [i18n.t(f"kpi_pool.role.{r}", lang) for r in kept["role"]],
        _col("tier", lang): kept["tier"],
        _col("orientation", lang): [i18n.t(f"diagnosis.orientation.{o}", lang)
                                    for o in kept["orientation"]],
        _col("origin", lang): [_origins(o, lang) for o in kept["origin"]],
        _col("rationale", lang): kept[f"rationale_{lang}"],
    })


def rejected_table(screened: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every candidate the five questions rejected, with its reason."""
    out = screened[~screened["passed"]]
    return pd.DataFrame({
        _col("position", lang): out["unit"] + " · " + out["position"],
        _col("indicator", lang): out[f"name_{lang}"].fillna(out["name_zh"]),
        _col("question", lang): [i18n.label(f"pool_funnel.question.{q}", lang, str(q))
                                 for q in out["failed_at"]],
        _col("reason", lang): out[f"reason_{lang}"],
    })


def violations_lines(violations: pd.DataFrame, lang: str) -> list[str]:
    """The positions whose selection breaks the policy, one sentence each."""
    if violations.empty:
        return []
    column = f"text_{lang}"
    return [f"{u} · {p}: {m}" for u, p, m in
            zip(violations["unit"], violations["position"], violations[column], strict=True)]


def show_picker(ctx, result) -> None:
    """The picker in JupyterLab; in batch, a note on replayed selections."""
    lang = ctx.lang
    if result.summary["replayed"]:
        display.paragraph(i18n.t("kpi_pool.replayed", lang, count=result.summary["replayed"]),
                          "note")
    if ctx.interactive:
        _picker(ctx, result)


def _picker(ctx, result) -> None:
    import ipywidgets as widgets
    from IPython.display import display as show

    lang = ctx.lang
    chosen = result.selection.copy()
    passed = result.candidates[result.candidates["passed"]]
    positions = list(dict.fromkeys(zip(chosen["unit"], chosen["position"], strict=True)))
    picker = widgets.Dropdown(options=[(f"{u} · {p}", (u, p)) for u, p in positions],
                              description=i18n.t("kpi_pool.picker.position", lang))
    core = widgets.SelectMultiple(description=i18n.t("kpi_pool.picker.core", lang), rows=8)
    observe = widgets.SelectMultiple(description=i18n.t("kpi_pool.picker.observe", lang), rows=8)
    check = widgets.HTML()
    status = widgets.HTML()

    def load(_=None):
        unit, position = picker.value
        pool = passed[(passed["unit"] == unit) & (passed["position"] == position)]
        options = [(f"{n} ({t})", k) for n, t, k in
                   zip(pool[f"name_{lang}"].fillna(pool["name_zh"]), pool["tier"], pool["key"],
                       strict=True)]
        mine = chosen[(chosen["unit"] == unit) & (chosen["position"] == position)]
        core.options = observe.options = options
        core.value = tuple(mine.loc[mine["role"] == "core", "key"])
        observe.value = tuple(mine.loc[mine["role"] == "observe", "key"])

    def update(_=None):
        unit, position = picker.value
        here = (chosen["unit"] == unit) & (chosen["position"] == position)
        chosen.loc[here, "role"] = [
            "core" if k in core.value else "observe" if k in observe.value else "dropped"
            for k in chosen.loc[here, "key"]]
        lines = violations_lines(selection_module.policy_check(chosen[here], ctx.policy), lang)
        check.value = "<br>".join(escape(x) for x in lines) or escape(
            i18n.t("kpi_pool.policy_ok", lang))

    def save(_):
        path = selection_module.write_selection(ctx.engagement.path, chosen)
        status.value = escape(i18n.t("kpi_pool.picker.saved", lang, count=len(positions),
                                     path=str(path)))

    picker.observe(lambda _: (load(), update()), names="value")
    core.observe(update, names="value")
    observe.observe(update, names="value")
    button = widgets.Button(description=i18n.t("kpi_pool.picker.save", lang),
                            button_style="primary")
    button.on_click(save)
    load()
    update()
    show(widgets.VBox([widgets.HTML(escape(i18n.t("kpi_pool.picker.intro", lang))), picker,
                       widgets.HBox([core, observe]), check, button, status]))
