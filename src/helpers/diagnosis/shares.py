"""Orientation shares, the orientation index and its verdict (METHOD §2).

Per position: ``customer_share_count`` = customer indicators / all indicators;
``<o>_share_weight`` = Σ weight of orientation o / Σ weight of the position (so a scorecard
whose weights add up to 95 is measured on its own total, and scaling all weights of a position
changes nothing); ``outward_share_weight`` = customer + business weight share (seed 000:
"直接指向客户价值或业务结果"); orientation index = 100 × Σ_o share_weight(o) × index_weight(o)
with the policy's index weights (default customer 1, business 0.5). Indicators the classifier
could not place (``unknown``) keep their own share and add nothing to the index.

Departments and the organisation average their positions' shares, each position counting
once, so a department is not dominated by its longest scorecard.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import charts, i18n
from helpers.intake import verdict

ORIENTATIONS = ("customer", "business", "internal", "capability", "risk", "unknown")
LEVELS = {"position": ["unit", "position"], "department": ["unit"], "organisation": []}


def position_shares(scorecard: pd.DataFrame, policy: dict) -> pd.DataFrame:
    """One row per (unit, position): counts, count and weight shares, index, verdict."""
    rows = []
    for (unit, position), card in scorecard.groupby(["unit", "position"], sort=False):
        total = card["weight"].sum()
        row = {"unit": unit, "position": position, "indicators": len(card),
               "weight_total": total}
        for code in ORIENTATIONS:
            chosen = card["orientation"] == code
            row[f"{code}_share_count"] = chosen.mean()
            row[f"{code}_share_weight"] = card.loc[chosen, "weight"].sum() / total if total else 0.0
        rows.append(row)
    return _with_index(pd.DataFrame(rows), policy)


def aggregate(positions: pd.DataFrame, level: str, policy: dict) -> pd.DataFrame:
    """Department or organisation shares: the mean of their positions' shares."""
    share_columns = [c for c in positions if c.endswith(("_share_count", "_share_weight"))]
    keys = LEVELS[level]
    if keys:
        grouped = positions.groupby(keys, sort=False)
        frame = grouped[share_columns].mean()
        frame["positions"] = grouped.size()
        frame["indicators"] = grouped["indicators"].sum()
        frame = frame.reset_index()
    else:
        frame = positions[share_columns].mean().to_frame().T
        frame["positions"] = len(positions)
        frame["indicators"] = positions["indicators"].sum()
    return _with_index(frame, policy)


def _with_index(frame: pd.DataFrame, policy: dict) -> pd.DataFrame:
    weights = policy["orientation"]["index_weights"]
    frame["outward_share_weight"] = frame["customer_share_weight"] + frame["business_share_weight"]
    frame["orientation_index"] = 100 * sum(
        frame[f"{code}_share_weight"] * weights.get(code, 0.0) for code in ORIENTATIONS)
    frame["verdict"] = [verdict(i, policy) for i in frame["orientation_index"]]
    return frame


def gap_to_band(index: float, band: dict) -> float:
    """Recommended − measured (METHOD §2.3): distance to the band's nearest edge, 0 inside."""
    if index < band["low"]:
        return band["low"] - index
    if index > band["high"]:
        return band["high"] - index
    return 0.0


# --- charts -----------------------------------------------------------------------------


def orientation_label(code: str, lang: str) -> str:
    return i18n.t(f"diagnosis.orientation.{code}", lang)


def department_chart(departments: pd.DataFrame, lang: str) -> alt.Chart:
    """Stacked bars: the weight share of each orientation per department."""
    long = departments.melt(id_vars="unit", value_vars=[f"{o}_share_weight" for o in ORIENTATIONS],
                            var_name="orientation", value_name="share")
    long["orientation"] = long["orientation"].str.removesuffix("_share_weight")
    labels = [orientation_label(o, lang) for o in ORIENTATIONS]
    long["label"] = long["orientation"].map(lambda o: orientation_label(o, lang))
    long["order"] = long["orientation"].map(ORIENTATIONS.index)
    return (
        alt.Chart(long, title=i18n.t("diagnosis.chart.departments", lang))
        .mark_bar()
        .encode(
            y=alt.Y("unit:N", title=None, sort=list(departments["unit"]),
                    axis=alt.Axis(labelLimit=200)),
            x=alt.X("share:Q", title=None, stack="normalize", axis=alt.Axis(format="%")),
            color=alt.Color("label:N", title=None, sort=labels, scale=alt.Scale(
                domain=labels, range=[charts.ORIENTATION_COLOURS[o] for o in ORIENTATIONS])),
            order=alt.Order("order:Q"),
            tooltip=["unit", "label", alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(width=460)
    )


def position_heatmap(positions: pd.DataFrame, lang: str) -> alt.Chart:
    """Position × orientation heatmap of weight shares, positions grouped by department."""
    frame = positions.assign(row=positions["unit"] + " · " + positions["position"])
    long = frame.melt(id_vars=["row", "unit"],
                      value_vars=[f"{o}_share_weight" for o in ORIENTATIONS],
                      var_name="orientation", value_name="share")
    long["label"] = long["orientation"].str.removesuffix("_share_weight").map(
        lambda o: orientation_label(o, lang))
    labels = [orientation_label(o, lang) for o in ORIENTATIONS]
    base = alt.Chart(long, title=i18n.t("diagnosis.chart.heatmap", lang)).encode(
        x=alt.X("label:N", sort=labels, title=None,
                axis=alt.Axis(labelAngle=-30, labelAlign="left", orient="top", labelLimit=140)),
        y=alt.Y("row:N", sort=list(frame["row"]), title=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", title=None, scale=alt.Scale(scheme="teals", domain=[0, 1]),
                        legend=alt.Legend(format="%")),
        tooltip=["row", "label", alt.Tooltip("share:Q", format=".0%")])
    text = base.mark_text(fontSize=9).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.condition("datum.share > 0.5", alt.value("white"), alt.value("#333")))
    return (cells + text).properties(width=380, height=alt.Step(16))
