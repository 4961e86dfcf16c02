"""Live editors for the weighting chapter (JupyterLab, ``interactive=True`` only): an AHP pairwise
editor (Saaty's 1–9 scale per pair, live CR and the worst judgement) and weight sliders with the
live policy check. Both save to ``decisions/weights.yaml`` (:mod:`helpers.weighting.choices`),
which batch runs replay.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd

from helpers import i18n
from helpers.kpi_pool.selection import position_label
from helpers.weighting import choices, items, pairwise, solver

SCALE = [9, 8, 7, 6, 5, 4, 3, 2]


def scale_options() -> list[tuple[str, float]]:
    """The 17 points of the pairwise slider: right indicator 9× … equal … left indicator 9×."""
    left = [(f"{v}", float(v)) for v in reversed(SCALE)]
    right = [(f"1/{v}", 1 / v) for v in SCALE]
    return right + [("1", 1.0)] + left


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"weighting.editor.{key}", lang, **params)


def _core(result, unit: str, position: str) -> pd.DataFrame:
    rows = result.weights[(result.weights["unit"] == unit)
                          & (result.weights["position"] == position)]
    return rows.sort_values("order")


def ahp_editor(ctx, result, unit: str, position: str):
    """A VBox: one slider per pair, the CR line, the worst judgement and a save button."""
    import ipywidgets as widgets

    lang, rows = ctx.lang, _core(result, unit, position)
    keys = rows["key"].astype(str).tolist()
    names = rows[f"name_{lang}"].fillna(rows["name_zh"]).tolist()
    sliders = {(i, j): widgets.SelectionSlider(
        options=scale_options(), value=1.0, description="", continuous_update=False,
        layout=widgets.Layout(width="420px"))
        for i, j in combinations(range(len(keys)), 2)}
    status, worst, saved = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def judgements() -> dict:
        return {f"{keys[i]}{choices.PAIR_SEPARATOR}{keys[j]}": pairwise.format_judgement(s.value)
                for (i, j), s in sliders.items()}

    def update(_=None):
        status.value, worst.value = ahp_feedback(keys, names, judgements(), ctx.policy, lang)

    def save(_=None):
        saved.value = _save(ctx, unit, position, {"method": "ahp", "judgements": judgements()})

    for slider in sliders.values():
        slider.observe(update, names="value")
    button = widgets.Button(description=_t("save", lang), button_style="primary")
    button.on_click(save)
    update()
    pairs = [widgets.HBox([widgets.Label(names[j], layout=widgets.Layout(width="180px")), s,
                           widgets.Label(names[i])]) for (i, j), s in sliders.items()]
    box = widgets.VBox([widgets.HTML(_t("pair_help", lang)), *pairs, status, worst, button,
                        saved])
    box.sliders, box.status, box.worst, box.save = sliders, status, worst, save
    return box


def ahp_feedback(keys: list[str], names: list[str], judgements: dict, policy: dict,
                 lang: str) -> tuple[str, str]:
    """(CR line, worst-judgement line) for the current judgements."""
    spec = policy["weights"]["ahp"]
    result = pairwise.ahp(choices.judgement_matrix(keys, judgements), spec["ri_table"],
                          labels=keys, missing=spec["missing_judgements"],
                          cr_max=spec["consistency_ratio_max"])
    verdict = _t("consistent" if result.consistent else "inconsistent", lang)
    ratio = _t("cr", lang, cr=f"{result.cr:.3f}", limit=spec["consistency_ratio_max"])
    line = f"{ratio} — {verdict}"
    if result.n < 3:
        return line, ""
    top = pairwise.worst_judgements(result, top=1).iloc[0]
    label = dict(zip(keys, names, strict=True))
    return line, _t("worst", lang, row=label[top["row"]], column=label[top["column"]],
                    given=pairwise.format_judgement(top["given"]),
                    implied=f"{top['implied']:.2f}",
                    suggested=pairwise.format_judgement(top["suggested"]))


def slider_editor(ctx, result, unit: str, position: str):
    """A VBox: one slider per indicator on the policy grid, the live total and rule check, and
    a save button (method ``direct``)."""
    import ipywidgets as widgets

    lang, rows = ctx.lang, _core(result, unit, position)
    grid = ctx.policy["weights"]["grid"]
    start = rows["weight"].fillna(rows["preferred"]).round().astype(int)
    sliders = [widgets.IntSlider(value=int(v), min=0, max=100, step=grid, description="",
                                 continuous_update=False) for v in start]
    frame = items.items_frame(rows, ctx.policy, lang)
    facing = unit in set(ctx.engagement.profile.get("customer_facing_units") or [])
    check, saved = widgets.HTML(), widgets.HTML()

    def update(_=None):
        check.value = slider_feedback([s.value for s in sliders], frame, ctx.policy, facing, lang)

    def save(_=None):
        weights = {str(k): s.value for k, s in zip(rows["key"], sliders, strict=True)}
        saved.value = _save(ctx, unit, position, {"method": "direct", "weights": weights})

    for slider in sliders:
        slider.observe(update, names="value")
    button = widgets.Button(description=_t("save", lang), button_style="primary")
    button.on_click(save)
    update()
    names = rows[f"name_{lang}"].fillna(rows["name_zh"])
    lines = [widgets.HBox([widgets.Label(n, layout=widgets.Layout(width="220px")), s])
             for n, s in zip(names, sliders, strict=True)]
    box = widgets.VBox([widgets.HTML(f"<b>{_t('sliders', lang)}</b>"), *lines, check, button,
                        saved])
    box.sliders, box.check, box.save = sliders, check, save
    return box


def slider_feedback(values, frame: pd.DataFrame, policy: dict, facing: bool, lang: str) -> str:
    """Total and the rules the slider values break (or that they meet every rule)."""
    weights = np.asarray(values, dtype=float)
    total = _t("total", lang, total=f"{weights.sum():.0f}")
    broken = [rule.text(lang) for rule in solver.rules_for(frame, policy, facing)
              if not rule.holds(weights)]
    if abs(weights.sum() - 100) > 1e-9:
        broken.insert(0, total)
    if not broken:
        return f"{total} — {_t('ok', lang)}"
    return _t("broken", lang, rules=i18n.t("weighting.rule.separator", lang).join(broken))


def _save(ctx, unit: str, position: str, choice: dict) -> str:
    saved = choices.read(ctx.engagement.path)
    saved[position_label(unit, position)] = choice
    path = choices.write(ctx.engagement.path, saved)
    return _t("saved", ctx.lang, path=path)


def show(ctx, result) -> None:
    """Both editors for a chosen position (JupyterLab only)."""
    if not ctx.interactive:
        return
    import ipywidgets as widgets
    from IPython.display import display as show_widget

    positions = list(dict.fromkeys(zip(result.weights["unit"], result.weights["position"],
                                       strict=True)))
    picker = widgets.Dropdown(options=[(position_label(u, p), (u, p)) for u, p in positions],
                              description=_t("position", ctx.lang))
    area = widgets.Output()

    def load(_=None):
        area.clear_output()
        with area:
            unit, position = picker.value
            show_widget(ahp_editor(ctx, result, unit, position))
            show_widget(slider_editor(ctx, result, unit, position))

    picker.observe(load, names="value")
    show_widget(widgets.VBox([picker, area]))
    load()
