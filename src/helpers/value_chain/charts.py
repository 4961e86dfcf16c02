"""Charts of the value-chain chapter: the journey × department RACI matrix and the journey
strip (importance and current performance of each touchpoint, in journey order)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import charts, i18n

LETTER_ORDER = ("A", "R", "C", "I")
LETTER_COLOURS = {"A": "#0b5f61", "R": "#2f9fa1", "C": "#a9d6d7", "I": "#e3f1f1"}


def touchpoint_label(journey: pd.DataFrame) -> pd.Series:
    """"stage · touchpoint" labels, in journey order."""
    return journey["stage"].astype(str) + " · " + journey["touchpoint"].astype(str)


def raci_long(journey: pd.DataFrame) -> pd.DataFrame:
    """One row per (touchpoint, department) with its letters joined ("R", "A/R" …) and the
    strongest letter (A > R > C > I) for the colour."""
    labels = touchpoint_label(journey)
    rows = {}
    for label, (_, tp) in zip(labels, journey.iterrows(), strict=True):
        for letter in LETTER_ORDER:
            for department in tp[letter] or []:
                rows.setdefault((label, department), []).append(letter)
    return pd.DataFrame(
        [{"touchpoint": t, "department": d, "letters": "/".join(ls), "strongest": ls[0]}
         for (t, d), ls in rows.items()],
        columns=["touchpoint", "department", "letters", "strongest"])


def raci_matrix_chart(journey: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Heatmap: touchpoints (rows, journey order) × departments (columns), cells showing the
    RACI letters; several letters in one cell are a defect the findings name."""
    long = raci_long(journey)
    if long.empty:
        return None
    order = list(touchpoint_label(journey))
    departments = list(dict.fromkeys(long["department"]))
    legend = [i18n.t(f"value_chain.letter.{x}", lang) for x in LETTER_ORDER]
    long["meaning"] = long["strongest"].map(
        lambda x: i18n.t(f"value_chain.letter.{x}", lang))
    base = alt.Chart(long, title=i18n.t("value_chain.chart.matrix", lang)).encode(
        x=alt.X("department:N", sort=departments, title=None,
                axis=alt.Axis(orient="top", labelAngle=-30, labelAlign="left", labelLimit=140)),
        y=alt.Y("touchpoint:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("meaning:N", title=None, sort=legend, scale=alt.Scale(
            domain=legend, range=[LETTER_COLOURS[x] for x in LETTER_ORDER])),
        tooltip=["touchpoint", "department", "letters"])
    text = base.mark_text(fontSize=10, fontWeight="bold").encode(
        text="letters:N",
        color=alt.condition("datum.strongest == 'A' || datum.strongest == 'R'",
                            alt.value("white"), alt.value("#333")))
    return (cells + text).properties(width=alt.Step(44), height=alt.Step(18))


def strip_chart(moments: pd.DataFrame, journey: pd.DataFrame, lang: str) -> alt.Chart:
    """Journey strip: each touchpoint in journey order with its importance (bar) and current
    performance (tick); moments of truth in the warning colour, uncovered ones outlined."""
    frame = journey[["touchpoint_id"]].assign(label=list(touchpoint_label(journey)))
    frame = frame.merge(moments[["touchpoint_id", "importance", "performance", "is_moment",
                                 "covered"]], on="touchpoint_id", how="left")
    frame["kind"] = [i18n.t("value_chain.strip.moment" if m else "value_chain.strip.other",
                            lang) for m in frame["is_moment"].fillna(False)]
    order = list(frame["label"])
    kinds = [i18n.t("value_chain.strip.moment", lang), i18n.t("value_chain.strip.other", lang)]
    base = alt.Chart(frame, title=i18n.t("value_chain.chart.strip", lang)).encode(
        x=alt.X("label:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=-45, labelLimit=180)))
    bars = base.mark_bar(opacity=0.85).encode(
        y=alt.Y("importance:Q", scale=alt.Scale(domain=[0, 5]),
                title=i18n.t("value_chain.strip.axis", lang)),
        color=alt.Color("kind:N", title=None, sort=kinds,
                        scale=alt.Scale(domain=kinds, range=[charts.WARNING, charts.MUTED])),
        strokeWidth=alt.condition("datum.covered", alt.value(0), alt.value(2)),
        stroke=alt.value("#222"),
        tooltip=["label", "importance", "performance"])
    ticks = base.mark_tick(thickness=3, size=18, color="#222").encode(y="performance:Q")
    return (bars + ticks).properties(width=alt.Step(22), height=200)
