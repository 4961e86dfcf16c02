"""What the weighting chapter shows: headline tiles, the weight chart and table per position,
the rules that moved the consultant's numbers, conflicts, AHP judgements to revisit and the
sensitivity of ranks and grades."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers import charts, i18n
from helpers.kpi_pool.selection import SEPARATOR


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"weighting.{key}", lang, **params)


def _position(frame: pd.DataFrame) -> pd.Series:
    return frame["unit"].astype(str) + SEPARATOR + frame["position"].astype(str)


def headline_figures(result, lang: str) -> list[tuple[str, str, str]]:
    s = result.summary
    tau = "–" if s["tau_median"] is None else f"{s['tau_median']:.2f}"
    return [
        (_t("headline.positions", lang), str(s["positions"]), ""),
        (_t("headline.compliant", lang), str(s["compliant"]), ""),
        (_t("headline.moved", lang), str(s["moved_positions"]), ""),
        (_t("headline.replayed", lang), str(s["replayed"]), ""),
        (_t("headline.tau", lang), tau, _t("headline.tau_note", lang,
                                           count=s["tau_positions"])),
    ]


def weights_chart(weights: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Stacked bars: each position's 100 % split by indicator, coloured by orientation, so the
    customer share of every new scorecard is visible at a glance."""
    placed = weights.dropna(subset=["weight"])
    if placed.empty:
        return None
    frame = pd.DataFrame({
        "position": _position(placed), "weight": placed["weight"].astype(float),
        "indicator": placed[f"name_{lang}"].fillna(placed["name_zh"]),
        "orientation": [i18n.t(f"diagnosis.orientation.{o}", lang) for o in placed["orientation"]],
        "order": placed["order"],
    })
    codes = list(charts.ORIENTATION_COLOURS)
    domain = [i18n.t(f"diagnosis.orientation.{o}", lang) for o in codes]
    order = list(dict.fromkeys(frame["position"]))
    return (
        alt.Chart(frame, title=_t("chart.weights", lang))
        .mark_bar(stroke="white", strokeWidth=0.8)
        .encode(
            x=alt.X("sum(weight):Q", title=_t("chart.weight_axis", lang),
                    scale=alt.Scale(domain=[0, 100]),
                    axis=alt.Axis(values=list(range(0, 101, 20)))),
            y=alt.Y("position:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("orientation:N", scale=alt.Scale(
                domain=domain, range=list(charts.ORIENTATION_COLOURS.values())),
                title=None, legend=alt.Legend(orient="bottom")),
            order=alt.Order("order:Q"),
            tooltip=["position", "indicator", "orientation", "weight"],
        )
        .properties(width=440, height=max(80, 18 * len(order)))
    )


def weights_table(weights: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per core indicator: current, preferred and policy weight."""
    return pd.DataFrame({
        _t("col.position", lang): _position(weights),
        _t("col.indicator", lang): weights[f"name_{lang}"].fillna(weights["name_zh"]),
        _t("col.group", lang): [_t(f"group.{g}", lang) for g in weights["group"]],
        _t("col.orientation", lang): [i18n.t(f"diagnosis.orientation.{o}", lang)
                                      for o in weights["orientation"]],
        _t("col.current", lang): [_percent(v) for v in weights["current_weight"]],
        _t("col.preferred", lang): [_percent(v) for v in weights["preferred"]],
        _t("col.weight", lang): [_percent(v) for v in weights["weight"]],
    })


def _percent(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "–"
    return f"{float(value):.0f}%" if float(value).is_integer() else f"{float(value):.1f}%"


def method_lines(positions: pd.DataFrame, lang: str) -> list[str]:
    """How each position's preferred weights were made, grouped by method."""
    lines = []
    for method, group in positions.groupby("method", sort=False):
        names = ("、" if lang == "zh" else ", ").join(_position(group))
        if len(group) == len(positions):
            names = _t("all_positions", lang)
        elif len(group) > len(positions) / 2:
            names = _t("other_positions", lang)
        lines.append(_t(f"method.{method}", lang, count=len(group), positions=names))
    for _, row in positions[positions["note"].notna()].iterrows():
        lines.append(_t(f"note.{row['note']}", lang,
                        position=f"{row['unit']}{SEPARATOR}{row['position']}"))
    return lines


def binding_lines(binding: pd.DataFrame, lang: str) -> list[str]:
    """The rules that moved the preferred weights, one sentence per position."""
    moved = binding[binding["moved"].astype(bool)]
    lines = []
    for (unit, position), group in moved.groupby(["unit", "position"], sort=False):
        rules = _t("rule.separator", lang).join(group[f"text_{lang}"])
        lines.append(_t("moved", lang, position=f"{unit}{SEPARATOR}{position}", rules=rules))
    return lines


def conflict_lines(positions: pd.DataFrame, lang: str) -> list[str]:
    """Positions without any policy-compliant weights, with the conflicting rules in words."""
    infeasible = positions[~positions["feasible"].astype(bool)]
    return [f"{u}{SEPARATOR}{p}: {text}" for u, p, text in
            zip(infeasible["unit"], infeasible["position"], infeasible[f"conflict_{lang}"],
                strict=True)]


def ahp_table(positions: pd.DataFrame, judgements: pd.DataFrame, lang: str) -> pd.DataFrame:
    """AHP positions: CR against the threshold, and the judgements most worth revisiting."""
    if judgements.empty:
        return pd.DataFrame()
    cr = dict(zip(_position(positions), positions["ahp_cr"], strict=True))
    return pd.DataFrame({
        _t("col.position", lang): _position(judgements),
        _t("col.cr", lang): [f"{cr[p]:.3f}" for p in _position(judgements)],
        _t("col.pair", lang): judgements[f"row_{lang}"] + " / " + judgements[f"column_{lang}"],
        _t("col.given", lang): [f"{v:.3g}" for v in judgements["given"]],
        _t("col.implied", lang): [f"{v:.2f}" for v in judgements["implied"]],
        _t("col.suggested", lang): [_fraction(v) for v in judgements["suggested"]],
    })


def _fraction(value: float) -> str:
    return f"{value:.0f}" if value >= 1 else f"1/{1 / value:.0f}"


def sensitivity_table(sensitivity: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Positions with a stability result: employees, indicators with actuals, perturbations,
    Kendall's τ (median, lowest) and the share of employees changing grade (mean, most)."""
    done = sensitivity[sensitivity["perturbations"].fillna(0) > 0]

    def share(value) -> str:
        return f"{100 * value:.0f}%"

    return pd.DataFrame({
        _t("col.position", lang): _position(done),
        _t("col.employees", lang): done["employees"].astype(int),
        _t("col.measured", lang): done["indicators_with_actuals"].astype(int),
        _t("col.perturbations", lang): done["perturbations"].astype(int),
        _t("col.tau_median", lang): [f"{v:.2f}" for v in done["tau_median"]],
        _t("col.tau_min", lang): [f"{v:.2f}" for v in done["tau_min"]],
        _t("col.grade_mean", lang): [share(v) for v in done["grade_changed_mean"]],
        _t("col.grade_max", lang): [share(v) for v in done["grade_changed_max"]],
    })


def sensitivity_lines(sensitivity: pd.DataFrame, lang: str) -> list[str]:
    """The positions without a stability result, grouped by reason."""
    skipped = sensitivity[sensitivity["perturbations"].fillna(0) == 0]
    joiner = "、" if lang == "zh" else ", "
    return [_t(f"sensitivity_note.{note}", lang, count=len(group),
               positions=joiner.join(_position(group)))
            for note, group in skipped.groupby("note", sort=False)]


def ahp_lines(positions: pd.DataFrame, policy: dict, lang: str) -> list[str]:
    """A warning when some AHP positions are above the consistency limit."""
    cr = pd.to_numeric(positions["ahp_cr"], errors="coerce")
    limit = policy["weights"]["ahp"]["consistency_ratio_max"]
    above = positions[cr > limit]
    return [_t("ahp_inconsistent", lang, count=len(above), limit=limit)] if len(above) else []


def positions_table(positions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per position: indicators, dimension shares, customer share, method (and AHP CR)."""
    def share(value) -> str:
        return "–" if pd.isna(value) else f"{value:.0f}%"

    cr = pd.to_numeric(positions["ahp_cr"], errors="coerce")
    return pd.DataFrame({
        _t("col.position", lang): _position(positions),
        _t("col.indicators", lang): positions["indicators"].astype(int),
        _t("col.result_share", lang): [share(v) for v in positions["result_share"]],
        _t("col.process_share", lang): [share(v) for v in positions["process_capability_share"]],
        _t("col.customer_share", lang): [share(v) for v in positions["customer_share"]],
        _t("col.method", lang): [_t(f"method_name.{m}", lang) for m in positions["method"]],
        _t("col.cr", lang): ["–" if pd.isna(v) else f"{v:.3f}" for v in cr],
    })


def policy_lines(policy: dict, lang: str) -> list[str]:
    """The weight rules of the engagement's policy, in words (numbers from the policy file)."""
    spec = policy["weights"]
    bands = spec["dimensions"]
    lines = [_t("policy.items", lang, min=spec["item"]["min"], max=spec["item"]["max"],
                grid=spec["grid"])]
    lines += [_t("policy.band", lang, group=_t(f"group.{g}", lang), min=b["min"], max=b["max"])
              for g, b in bands.items()]
    lines.append(_t("policy.customer", lang, min=spec["customer_share_min_customer_facing"]))
    lines.append(_t("policy.rating", lang, max=spec["customer_rating_max"]))
    lines.append(_t("policy.ahp", lang, cr=spec["ahp"]["consistency_ratio_max"],
                    table=spec["ahp"]["ri_table"]))
    return lines
