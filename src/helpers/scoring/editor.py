"""Live re-scoring for the scoring chapter (issue 8; JupyterLab, ``interactive=True`` only).

One slider per core indicator of a position, as in the weighting chapter's slider editor
(:func:`helpers.weighting.editor.slider_editor`); each change replays last year's actuals of
the position's employees through the slider weights (METHOD §9, :mod:`helpers.scoring.pilot`:
same matching, rules and rescaling of unmeasured weight as the stage) and shows, beside the
policy's rule check (:func:`helpers.weighting.editor.slider_feedback`), how the mean score,
the grade counts, the measured weight share and the alignment with customer outcomes
(Spearman's ρ; Spearman, C. 1904, "The proof and measurement of association between two
things", *Am. J. Psychol.* 15(1): 72–101) move from the current scorecard to these weights.
Saving writes method ``direct`` to ``decisions/weights.yaml``
(:mod:`helpers.weighting.choices`), which the batch runs of chapters 04 and 05 replay.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import numpy as np
import pandas as pd

from helpers import decisions, i18n
from helpers.errors import InputError, Problem
from helpers.kpi_pool.selection import position_label
from helpers.scoring import grades, pilot
from helpers.weighting import choices, items
from helpers.weighting.editor import slider_feedback

# Spearman's ρ needs at least three pairs (pilot._spearman returns NaN below that).
MIN_RHO_PAIRS = 3
SUMMARY_KEYS = ("employees", "scored", "mean", "grades", "coverage", "rho")


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"scoring_editor.{key}", lang, **params)


# --- re-scoring (no widgets) ------------------------------------------------------------------


def position_rows(weighting_result, unit: str, position: str) -> pd.DataFrame:
    """The position's core indicators in the weighting result (in their order); InputError
    when the result has none."""
    weights = weighting_result.weights
    rows = weights[(weights["unit"] == unit) & (weights["position"] == position)]
    if rows.empty:
        raise InputError([Problem("weights", "rescore_unknown_position",
                                  {"position": position_label(unit, position)})])
    return rows.sort_values("order") if "order" in rows else rows


def _checked_weights(rows: pd.DataFrame, weights: dict, label: str) -> pd.Series:
    """Slider weights aligned to the position's keys (a key not given weighs 0)."""
    keys = rows["key"].astype(str)
    unknown = sorted(str(key) for key in weights if str(key) not in set(keys))
    problems = [Problem("weights", "rescore_unknown_keys",
                        {"position": label, "keys": ", ".join(unknown),
                         "known": ", ".join(keys)})] if unknown else []
    problems += [Problem("weights", "rescore_bad_weight",
                         {"position": label, "key": key, "value": value})
                 for key, value in weights.items()
                 if isinstance(value, bool) or not isinstance(value, int | float)
                 or not value >= 0]
    if problems:
        raise InputError(problems)
    given = {str(key): float(value) for key, value in weights.items()}
    return keys.map(given).fillna(0.0)


def _staff(engagement, unit: str, position: str) -> pd.DataFrame:
    """The position's employees with actuals (the rows of the stage's scores table)."""
    employees = engagement.tables["employees"]
    with_actuals = set(engagement.tables["actuals"]["employee_id"].astype(str))
    ids = employees.loc[(employees["department"] == unit) & (employees["position"] == position),
                        "employee_id"].astype(str)
    return pd.DataFrame({"employee_id": ids[ids.isin(with_actuals)].to_numpy()})


def _current_scheme(engagement, policy: dict, unit: str, position: str) -> pd.DataFrame:
    """The position's current scorecard as a pilot scheme, with the consultant's saved
    classification (as stage 05 builds it)."""
    path = getattr(engagement, "path", None)
    decided = decisions.read_classification(path) if path is not None else None
    scheme = pilot.current_scheme(engagement, policy, decided)
    return scheme[(scheme["unit"] == unit) & (scheme["position"] == position)]


def current_scores(engagement, policy: dict, unit: str, position: str) -> pd.DataFrame:
    """Per employee of the position: ``current_total``, ``current_grade``, ``coverage_current``
    under the current scorecard (pass it to :func:`rescore` as ``current``)."""
    scheme = _current_scheme(engagement, policy, unit, position)
    frame = pilot.scheme_scores(engagement, scheme, policy, "current")[0]
    return _staff(engagement, unit, position).merge(frame, on="employee_id", how="left")


def rescore(engagement, policy: dict, weighting_result, unit: str, position: str,
            weights: dict[str, float], current: pd.DataFrame | None = None) -> dict:
    """Replay last year's actuals of the position's employees through ``weights`` (percent by
    indicator key; a key not given weighs 0) with the pilot's rules (module docstring).

    Returns ``employees``, ``scored``, ``mean`` (annual total), ``grades`` (grade → count in
    the policy ladder's order), ``coverage`` (mean measured weight share) and ``rho``
    (outcome code → (n, ρ) over employees scored under both schemes, from
    :func:`helpers.scoring.pilot.align`); ``baseline``: the same for the current scorecard;
    ``scores``: the per-employee frame (current and proposed total, grade and coverage).
    ``current``: :func:`current_scores` of the position, computed when None.
    """
    rows = position_rows(weighting_result, unit, position)
    label = position_label(unit, position)
    rows = rows.assign(weight=_checked_weights(rows, weights, label).to_numpy())
    scheme = pilot.proposed_scheme(SimpleNamespace(weights=rows),
                                   _current_scheme(engagement, policy, unit, position))
    proposed = pilot.scheme_scores(engagement, scheme, policy, "proposed")[0]
    if current is None:
        current = current_scores(engagement, policy, unit, position)
    scores = current.merge(proposed, on="employee_id", how="left")
    alignment = pilot.align(scores, pilot.outcome_table(engagement), policy)
    found = _summary(scores, "proposed", alignment, policy)
    return {**found, "baseline": _summary(scores, "current", alignment, policy),
            "scores": scores}


def _summary(scores: pd.DataFrame, scheme: str, alignment: pd.DataFrame, policy: dict) -> dict:
    total = pd.to_numeric(scores[f"{scheme}_total"], errors="coerce")
    scored = total.notna()
    counts = scores.loc[scored, f"{scheme}_grade"].value_counts()
    rows = alignment[alignment["scheme"] == scheme]
    return {
        "employees": len(scores), "scored": int(scored.sum()),
        "mean": float(total.mean()) if scored.any() else None,
        "grades": {grade: int(counts.get(grade, 0)) for grade in grades.ladder(policy)},
        "coverage": _mean(scores.loc[scored, f"coverage_{scheme}"]),
        "rho": {str(code): (int(n), float(rho))
                for code, n, rho in zip(rows["code"], rows["n"], rows["rho"], strict=True)},
    }


def _mean(values: pd.Series) -> float | None:
    values = pd.to_numeric(values, errors="coerce")
    return float(values.mean()) if values.notna().any() else None


# --- feedback ---------------------------------------------------------------------------------


def _number(value: float | None, lang: str, pattern: str = "{:.1f}") -> str:
    return _t("missing", lang) if value is None or np.isnan(value) else pattern.format(value)


def _outcome(code: str, lang: str) -> str:
    return i18n.label(f"scoring_editor.outcome.{code}", lang, default=code)


def rescoring_feedback(found: dict, baseline: dict, lang: str) -> str:
    """Short HTML (escaped text, one line per fact): scored employees, mean score, grade
    counts, measured weight share and ρ per outcome (n ≥ 3), each as current → these
    weights."""
    if not found["scored"]:
        return html.escape(_t("none_scored", lang, employees=found["employees"]))
    lines = [
        _t("scored", lang, scored=found["scored"], employees=found["employees"]),
        _t("mean", lang, current=_number(baseline["mean"], lang),
           now=_number(found["mean"], lang)),
        _t("grades", lang, counts=_t("separator", lang).join(
            _t("grade_count", lang, grade=grade, current=baseline["grades"].get(grade, 0),
               now=count) for grade, count in found["grades"].items())),
        _t("coverage", lang, current=_number(baseline["coverage"], lang, "{:.0%}"),
           now=_number(found["coverage"], lang, "{:.0%}")),
    ]
    for code, (n, rho) in found["rho"].items():
        if n >= MIN_RHO_PAIRS:
            before = baseline["rho"].get(code, (n, np.nan))[1]
            lines.append(_t("rho", lang, outcome=_outcome(code, lang), n=n,
                            current=_number(before, lang, "{:+.2f}"),
                            now=_number(rho, lang, "{:+.2f}")))
    return "<br>".join(html.escape(line) for line in lines)


# --- widgets ----------------------------------------------------------------------------------


def _save(ctx, unit: str, position: str, weights: dict[str, int]) -> str:
    saved = choices.read(ctx.engagement.path)
    saved[position_label(unit, position)] = {"method": "direct", "weights": weights}
    path = choices.write(ctx.engagement.path, saved)
    return html.escape(_t("saved", ctx.lang, path=path))


def rescoring_editor(ctx, weighting_result, unit: str, position: str):
    """A VBox: one slider per core indicator on the policy grid (starting at the proposed
    weight), the rule check, the re-scoring feedback and a save button (method ``direct``).
    The box carries ``sliders``, ``check``, ``feedback`` and ``save`` for tests."""
    import ipywidgets as widgets

    lang, rows = ctx.lang, position_rows(weighting_result, unit, position)
    keys = rows["key"].astype(str).tolist()
    start = rows["weight"].fillna(rows["preferred"]).round().astype(int)
    sliders = [widgets.IntSlider(value=int(v), min=0, max=100, step=ctx.policy["weights"]["grid"],
                                 description="", continuous_update=False) for v in start]
    frame = items.items_frame(rows, ctx.policy, lang)
    facing = unit in set(ctx.engagement.profile.get("customer_facing_units") or [])
    current = current_scores(ctx.engagement, ctx.policy, unit, position)
    check, feedback, saved = widgets.HTML(), widgets.HTML(), widgets.HTML()

    def values() -> dict[str, int]:
        return {key: int(s.value) for key, s in zip(keys, sliders, strict=True)}

    def update(_=None):
        check.value = slider_feedback([s.value for s in sliders], frame, ctx.policy, facing, lang)
        found = rescore(ctx.engagement, ctx.policy, weighting_result, unit, position, values(),
                        current)
        feedback.value = rescoring_feedback(found, found["baseline"], lang)

    def save(_=None):
        saved.value = _save(ctx, unit, position, values())

    for slider in sliders:
        slider.observe(update, names="value")
    button = widgets.Button(description=_t("save", lang), button_style="primary")
    button.on_click(save)
    update()
    names = rows[f"name_{lang}"].fillna(rows["name_zh"]) if f"name_{lang}" in rows \
        else rows["name_zh"]
    lines = [widgets.HBox([widgets.Label(str(n), layout=widgets.Layout(width="220px")), s])
             for n, s in zip(names, sliders, strict=True)]
    box = widgets.VBox([widgets.HTML(f"<b>{html.escape(_t('title', lang))}</b>"), *lines,
                        check, feedback, button, saved])
    box.sliders, box.check, box.feedback, box.save = sliders, check, feedback, save
    return box


def show(ctx, weighting_result) -> None:
    """A position picker and its re-scoring editor (JupyterLab only; nothing otherwise)."""
    if not ctx.interactive:
        return None
    import ipywidgets as widgets
    from IPython.display import display as show_widget

    weights = weighting_result.weights
    positions = list(dict.fromkeys(zip(weights["unit"], weights["position"], strict=True)))
    picker = widgets.Dropdown(options=[(position_label(u, p), (u, p)) for u, p in positions],
                              description=_t("position", ctx.lang))
    area = widgets.Output()

    def load(_=None):
        area.clear_output()
        with area:
            show_widget(rescoring_editor(ctx, weighting_result, *picker.value))

    picker.observe(load, names="value")
    show_widget(widgets.VBox([picker, area]))
    load()
    return None
