"""Moments of truth (关键时刻) by importance-performance analysis (METHOD §3 "Moments of
truth"; seed 000 §三.2; Martilla & James 1977).

Each touchpoint's gap = importance − current performance (ratings 1–5). Touchpoints are ranked
by gap, larger first, then by importance (of two equal gaps, the more important touchpoint comes
first); equal (gap, importance) share a rank ("min" ranking). A touchpoint is a moment of truth
when its rank is within the policy's ``value_chain.moments_of_truth.top`` and its gap is at
least ``min_gap``. Ties at the cut-off are all kept: a touchpoint is never dropped in favour of
another with the same gap and importance, so the list may be longer than ``top``.

A template journey has no performance ratings: its touchpoints are ranked by importance alone,
``min_gap`` does not apply, and every row is marked ``performance_missing``. In a client journey
a row without performance is ranked after the rated ones and is not a moment of truth.

The quadrant splits importance and performance at the midpoint of the rating scale
(``templates/method/value_chain.yaml`` ``ipa``): concentrate here (important, performing low),
keep up the good work, low priority, possible overkill. The top moments of truth must be covered
by an indicator (METHOD §3); the table lists uncovered moments of truth first.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import charts, i18n
from helpers.value_chain.coverage import journey_file, journey_row, settings

MOMENT_COLUMNS = ["touchpoint_id", "stage", "touchpoint", "importance", "performance", "gap",
                  "rank", "is_moment", "covered", "covered_by_customer", "uncovered_moment",
                  "quadrant", "performance_missing", "file", "row"]
QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")
STATUSES = ("uncovered_moment", "covered_moment", "other")
STATUS_COLOURS = {"uncovered_moment": charts.WARNING, "covered_moment": charts.ACCENT,
                  "other": charts.MUTED}
#: Rounding that removes float noise from a gap before comparing it with the policy.
_DIGITS = 9
#: Display only: touchpoints on the same rating pair are set in a grid of at most this many
#: columns, this far apart (in rating units).
_SPOT_COLUMNS = 4
_SPREAD = 0.16


def moments_of_truth(journey: pd.DataFrame, coverage_touchpoints: pd.DataFrame,
                     policy: dict) -> pd.DataFrame:
    """One row per touchpoint (columns ``MOMENT_COLUMNS``): gap, rank, whether it is a moment
    of truth, its coverage and IPA quadrant; uncovered moments of truth first, then the other
    moments, then the rest, each by rank and journey order."""
    rule = policy["value_chain"]["moments_of_truth"]
    frame = _base(journey, coverage_touchpoints)
    rated = ~frame["performance_missing"]
    by_importance = not rated.any()
    keys = [_rank_key(row, by_importance) for _, row in frame.iterrows()]
    frame["rank"] = [1 + sum(other < key for other in keys) for key in keys]
    within_top = frame["rank"] <= rule["top"]
    if by_importance:
        frame["is_moment"] = within_top
    else:
        frame["is_moment"] = within_top & rated & (frame["gap"] >= rule["min_gap"])
    frame["uncovered_moment"] = frame["is_moment"] & ~frame["covered"]
    frame["quadrant"] = [quadrant(i, p) for i, p in zip(frame["importance"],
                                                        frame["performance"], strict=True)]
    order = sorted(range(len(frame)), key=lambda n: (
        not frame["uncovered_moment"].iat[n], not frame["is_moment"].iat[n],
        frame["rank"].iat[n], n))
    return frame.iloc[order][MOMENT_COLUMNS].reset_index(drop=True)


def uncovered_moments(moments: pd.DataFrame) -> pd.DataFrame:
    """The moments of truth no current indicator watches, most urgent first (METHOD §3: "the
    top ones must be covered by an indicator")."""
    return moments[moments["uncovered_moment"]].reset_index(drop=True)


def _base(journey: pd.DataFrame, coverage_touchpoints: pd.DataFrame) -> pd.DataFrame:
    covered = coverage_touchpoints.set_index("touchpoint_id")
    frame = pd.DataFrame({
        "touchpoint_id": journey["touchpoint_id"].to_list(),
        "stage": journey["stage"].to_list(),
        "touchpoint": journey["touchpoint"].to_list(),
        "importance": pd.to_numeric(journey["importance"], errors="coerce").to_list(),
        "performance": pd.to_numeric(journey["performance"], errors="coerce").to_list(),
        "file": [journey_file(tp) for _, tp in journey.iterrows()],
        "row": [journey_row(tp) for _, tp in journey.iterrows()],
    })
    frame["gap"] = (frame["importance"] - frame["performance"]).round(_DIGITS)
    frame["performance_missing"] = frame["performance"].isna()
    for column in ("covered", "covered_by_customer"):
        frame[column] = frame["touchpoint_id"].map(covered[column]).fillna(False).astype(bool)
    return frame


def _rank_key(row: pd.Series, by_importance: bool) -> tuple:
    """Smaller is better: (unrated last, −gap, −importance); importance only for templates."""
    importance = -row["importance"] if pd.notna(row["importance"]) else 0
    if by_importance:
        return (importance,)
    if row["performance_missing"]:
        return (1, 0, importance)
    return (0, -row["gap"], importance)


def quadrant(importance, performance) -> str | None:
    """IPA quadrant code split at the rating-scale midpoint; None without performance."""
    if pd.isna(importance) or pd.isna(performance):
        return None
    high_importance, high_performance = _high(importance), _high(performance)
    if high_importance:
        return "keep_up" if high_performance else "concentrate"
    return "overkill" if high_performance else "low_priority"


def _high(value: float) -> bool:
    ipa = settings()["ipa"]
    if value == ipa["midpoint"]:
        return bool(ipa["midpoint_counts_as_high"])
    return value > ipa["midpoint"]


# --- chart --------------------------------------------------------------------------------------


def quadrant_chart(moments: pd.DataFrame, lang: str) -> alt.HConcatChart | None:
    """Importance-performance grid: x current performance, y importance, dashed reference lines
    at the scale midpoint, quadrant names in the corners; touchpoints sharing a rating pair are
    drawn side by side; moments of truth carry their number, listed by name on the right, the
    uncovered ones in the warning colour. None when no touchpoint has a performance rating
    (template journey)."""
    rated = moments[~moments["performance_missing"]]
    if rated.empty:
        return None
    scale, midpoint = settings()["rating_scale"], settings()["ipa"]["midpoint"]
    domain = [scale["min"] - 0.5, scale["max"] + 0.5]
    points = _points(rated, lang)
    colour = _status_colour(lang)
    ticks = list(range(scale["min"], scale["max"] + 1))
    x = alt.X("x:Q", scale=alt.Scale(domain=domain, nice=False),
              title=i18n.t("coverage.mot.chart.x", lang, **scale),
              axis=alt.Axis(values=ticks, format="d"))
    y = alt.Y("y:Q", scale=alt.Scale(domain=domain, nice=False),
              title=i18n.t("coverage.mot.chart.y", lang, **scale),
              axis=alt.Axis(values=ticks, format="d"))
    base = alt.Chart(points).encode(x=x, y=y)
    dots = base.mark_circle(size=150, opacity=1).encode(
        color=colour, tooltip=["touchpoint:N", "importance:Q", "performance:Q", "gap:Q",
                               "status:N"])
    numbers = base.transform_filter("datum.number > 0").mark_text(
        fontSize=9, fontWeight="bold", color="white").encode(text="number:Q")
    grid = alt.layer(*_reference_lines(midpoint), *_corner_names(domain, lang), dots,
                     numbers).properties(width=400, height=360)
    return alt.hconcat(grid, _moment_list(points, colour)).properties(
        title=i18n.t("coverage.mot.chart.title", lang))


def _status_colour(lang: str) -> alt.Color:
    statuses = [i18n.t(f"coverage.mot.status.{s}", lang) for s in STATUSES]
    return alt.Color("status:N", title=None, sort=statuses, scale=alt.Scale(
        domain=statuses, range=[STATUS_COLOURS[s] for s in STATUSES]))


def _points(rated: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One point per touchpoint; touchpoints sharing a rating pair are set in a small grid
    around it (moments first); moments of truth numbered in table order."""
    frame = rated[["touchpoint", "importance", "performance", "gap", "is_moment",
                   "uncovered_moment"]].reset_index(drop=True)
    frame["number"] = frame["is_moment"].cumsum().where(frame["is_moment"], 0).astype(int)
    code = ["uncovered_moment" if u else "covered_moment" if m else "other"
            for u, m in zip(frame["uncovered_moment"], frame["is_moment"], strict=True)]
    frame["status"] = [i18n.t(f"coverage.mot.status.{c}", lang) for c in code]
    spot = frame.groupby(["performance", "importance"], sort=False)
    place, size = spot.cumcount(), spot["touchpoint"].transform("size")
    columns = size.clip(upper=_SPOT_COLUMNS)
    rows = -(-size // columns)
    frame["x"] = frame["performance"] + (place % columns - (columns - 1) / 2) * _SPREAD
    frame["y"] = frame["importance"] - (place // columns - (rows - 1) / 2) * _SPREAD
    return frame


def _moment_list(points: pd.DataFrame, colour: alt.Color) -> alt.Chart:
    """The numbered moments of truth by name, in table order (uncovered first)."""
    moments = points[points["is_moment"]].copy()
    moments["label"] = [f"{n}. {name}" for n, name in zip(moments["number"],
                                                          moments["touchpoint"], strict=True)]
    return alt.Chart(moments).mark_text(align="left", baseline="middle", fontSize=11).encode(
        x=alt.value(0), y=alt.Y("number:O", axis=None), text="label:N", color=colour,
    ).properties(width=190, height=alt.Step(18), view=alt.ViewBackground(stroke=None))


def _reference_lines(midpoint: float) -> list[alt.Chart]:
    line = {"color": "#888", "strokeDash": [4, 3]}
    return [alt.Chart(pd.DataFrame({"x": [midpoint]})).mark_rule(**line).encode(x="x:Q"),
            alt.Chart(pd.DataFrame({"y": [midpoint]})).mark_rule(**line).encode(y="y:Q")]


def _corner_names(domain: list[float], lang: str) -> list[alt.Chart]:
    """Quadrant names in the four corners (IPA: Martilla & James 1977)."""
    low, high = domain[0] + 0.1, domain[1] - 0.1
    corners = {"concentrate": (low, high, "left", "top"), "keep_up": (high, high, "right", "top"),
               "low_priority": (low, low, "left", "bottom"),
               "overkill": (high, low, "right", "bottom")}
    layers = []
    for code, (x, y, align, baseline) in corners.items():
        frame = pd.DataFrame({"x": [x], "y": [y],
                              "text": [i18n.t(f"coverage.mot.quadrant.{code}", lang)]})
        layers.append(alt.Chart(frame).mark_text(
            align=align, baseline=baseline, fontSize=11, fontWeight="bold",
            color="#b0b0b0").encode(x="x:Q", y="y:Q", text="text:N"))
    return layers
