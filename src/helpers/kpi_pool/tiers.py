"""A/B/C value tiers and the priority quadrant of the KPI pool (METHOD §5; seed 001 价值分层,
seed 004 象限分析法).

:func:`score` adds four factors (each 0–1, from the tables in
``templates/method/kpi_tiers.yaml``), the tier score ``100 × Σ policy weight × factor``, the tier
(A ≥ ``a_min``, B ≥ ``b_min``, else C), the execution cost and the priority quadrant. Weights,
cut-offs and thresholds come from the policy (``kpi_pool.tiers``, ``kpi_pool.priority_quadrant``,
``kpi_pool.data_availability_cost``).

Columns added: ``customer_value``, ``perceptibility``, ``controllability``,
``data_availability_score``, ``tier_score``, ``tier``, ``execution_cost``, ``high_value``,
``low_cost``, ``quadrant``.
"""

from __future__ import annotations

from functools import cache

import altair as alt
import pandas as pd

from helpers import charts, i18n, paths, yamlio

TABLES = paths.TEMPLATES / "method" / "kpi_tiers.yaml"
FACTORS = ("customer_value", "perceptibility", "controllability", "data_availability")
SCORE_COLUMNS = ["customer_value", "perceptibility", "controllability",
                 "data_availability_score", "tier_score", "tier", "execution_cost",
                 "high_value", "low_cost", "quadrant"]
#: Digits the tier score is rounded to before the cut-offs apply (so 70.0000000001 is 70).
DIGITS = 6


@cache
def tables() -> dict:
    """The factor tables of ``templates/method/kpi_tiers.yaml``."""
    with open(TABLES, encoding="utf-8") as handle:
        return yamlio.load(handle)


def _code(value, table: dict) -> str:
    """``value`` when the table knows it, else ``"unknown"``."""
    return value if isinstance(value, str) and value in table else "unknown"


def _listed(value) -> list:
    """A list cell as a list (None / NaN → [])."""
    if isinstance(value, list | tuple | set):
        return list(value)
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return list(value) if hasattr(value, "__iter__") and not isinstance(value, str) else [value]


def customer_value(row) -> float:
    """Customer-value impact by orientation (METHOD §1, §5)."""
    table = tables()["customer_value"]
    return float(table[_code(row.get("orientation"), table)])


def perceptibility(row) -> float:
    """"Would the customer notice a difference?" (seed 001): orientation base + journey-stage
    bonus + origin bonus (journey touchpoint / uncovered moment), capped."""
    spec = tables()["perceptibility"]
    value = spec["orientation"][_code(row.get("orientation"), spec["orientation"])]
    if _listed(row.get("journey_stages")):
        value += spec["journey_stage_bonus"]
    origins = set(_listed(row.get("origin")))
    value += sum(bonus for origin, bonus in spec["origin_bonus"].items() if origin in origins)
    return float(min(value, spec["cap"]))


def position_codes(frame: pd.DataFrame) -> dict[tuple[str, str], frozenset[str]]:
    """Department codes of each position of the frame, as the funnel sees them
    (:func:`helpers.kpi_pool.candidates.position_departments`: unit name, position name, else
    the unit's current cards)."""
    from helpers.kpi_pool import candidates

    if frame.empty:
        return {}
    current = frame[["current" in _listed(o) for o in frame["origin"]]]
    ids = {unit: [i for i in group["library_id"] if isinstance(i, str)]
           for unit, group in current.groupby("unit")}
    pairs = frame[["unit", "position"]].drop_duplicates().itertuples(index=False)
    return {(u, p): frozenset(candidates.position_departments(u, p, ids.get(u, [])))
            for u, p in pairs}


def controllability(row, codes: frozenset[str] = frozenset()) -> float:
    """Best applicable value: the position's department ``codes`` meet the card's departments,
    the client already holds the position to it (current), otherwise (METHOD §5 funnel
    question 3)."""
    table = tables()["controllability"]
    found = [table["other"]]
    if set(codes) & set(_listed(row.get("departments"))):
        found.append(table["own_department"])
    if "current" in _listed(row.get("origin")):
        found.append(table["current"])
    return float(max(found))


def data_availability(row) -> float:
    """Data availability: system / manual / none / unknown (METHOD §5 funnel question 4)."""
    table = tables()["data_availability"]
    return float(table[_code(row.get("data_availability"), table)])


def execution_cost(row, policy: dict) -> float:
    """Cost level of the data availability (policy) + kind and QQTC additions, capped
    (seed 004)."""
    spec = tables()["execution_cost"]
    levels = policy["kpi_pool"]["data_availability_cost"]
    level = levels.get(row.get("data_availability"), max(levels.values(),
                                                         key=lambda v: spec["level"][v]))
    value = spec["level"][level]
    value += spec["kind"].get(row.get("kind"), 0.0) if isinstance(row.get("kind"), str) else 0.0
    value += spec["qqtc"].get(row.get("qqtc"), 0.0) if isinstance(row.get("qqtc"), str) else 0.0
    return float(min(value, spec["cap"]))


def tier_of(tier_score: float, policy: dict) -> str:
    """A ≥ a_min, B ≥ b_min, else C (policy ``kpi_pool.tiers``)."""
    spec = policy["kpi_pool"]["tiers"]
    if tier_score >= spec["a_min"]:
        return "A"
    return "B" if tier_score >= spec["b_min"] else "C"


def quadrant_of(high_value: bool, low_cost: bool) -> str:
    """The quadrant code of ``templates/method/kpi_tiers.yaml`` for the two splits."""
    for code, spec in tables()["quadrants"].items():
        if spec["high_value"] == high_value and spec["low_cost"] == low_cost:
            return code
    raise KeyError((high_value, low_cost))


def score(candidates: pd.DataFrame, policy: dict) -> pd.DataFrame:
    """The candidate frame with the factor scores, tier score, tier, execution cost and
    priority quadrant (columns :data:`SCORE_COLUMNS`)."""
    frame = candidates.copy()
    rows = [row for _, row in frame.iterrows()]
    weights = policy["kpi_pool"]["tiers"]["weights"]
    quadrant = policy["kpi_pool"]["priority_quadrant"]
    frame["customer_value"] = [customer_value(r) for r in rows]
    frame["perceptibility"] = [perceptibility(r) for r in rows]
    codes = position_codes(frame)
    frame["controllability"] = [controllability(r, codes.get((r["unit"], r["position"]),
                                                             frozenset())) for r in rows]
    frame["data_availability_score"] = [data_availability(r) for r in rows]
    columns = {"data_availability": "data_availability_score"}
    total = sum(weights[f] * frame[columns.get(f, f)] for f in FACTORS) if rows else []
    frame["tier_score"] = pd.Series(total, index=frame.index, dtype=float).mul(100).round(DIGITS)
    frame["tier"] = [tier_of(s, policy) for s in frame["tier_score"]]
    frame["execution_cost"] = [execution_cost(r, policy) for r in rows]
    frame["high_value"] = frame["customer_value"] >= quadrant["high_value_at_least"]
    frame["low_cost"] = frame["execution_cost"] <= quadrant["low_cost_at_most"]
    frame["quadrant"] = [quadrant_of(bool(h), bool(c))
                         for h, c in zip(frame["high_value"], frame["low_cost"], strict=True)]
    return frame


def quadrant_label(code: str, lang: str) -> str:
    """The quadrant's name in ``lang``."""
    return i18n.t(f"pool_selection.quadrant.{code}", lang)


def quadrant_chart(scored: pd.DataFrame, lang: str, policy: dict | None = None) -> alt.LayerChart:
    """Scatter of execution cost (x) × customer value (y), reference lines at the policy's
    thresholds and the four quadrant names (seed 004: high value, low cost first)."""
    from helpers import policy as policy_module

    spec = (policy or policy_module.load())["kpi_pool"]["priority_quadrant"]
    value_at, cost_at = spec["high_value_at_least"], spec["low_cost_at_most"]
    names = scored.get(f"name_{lang}", scored.get("name_zh", pd.Series(dtype=object)))
    points = pd.DataFrame({
        "cost": scored["execution_cost"].astype(float).to_list(),
        "value": scored["customer_value"].astype(float).to_list(),
        "name": [str(n) for n in names.fillna(scored.get("key", ""))],
        "tier": scored["tier"].to_list(),
    })
    x_title = i18n.t("pool_selection.chart.cost_axis", lang)
    y_title = i18n.t("pool_selection.chart.value_axis", lang)
    dots = alt.Chart(points).mark_circle(size=70, opacity=0.7).encode(
        x=alt.X("cost:Q", scale=alt.Scale(domain=[0, 1]), title=x_title),
        y=alt.Y("value:Q", scale=alt.Scale(domain=[0, 1]), title=y_title),
        color=alt.Color("tier:N", sort=["A", "B", "C"], scale=alt.Scale(
            domain=["A", "B", "C"], range=[charts.ACCENT, "#3a6ea5", charts.MUTED]),
            title=i18n.t("pool_selection.chart.tier", lang)),
        tooltip=["name:N", "tier:N", "cost:Q", "value:Q"],
    )
    vertical = alt.Chart(pd.DataFrame({"x": [cost_at]})).mark_rule(
        strokeDash=[4, 4], color="#888").encode(x="x:Q")
    horizontal = alt.Chart(pd.DataFrame({"y": [value_at]})).mark_rule(
        strokeDash=[4, 4], color="#888").encode(y="y:Q")
    labels = pd.DataFrame([
        {"x": cost_at / 2, "y": 0.97, "text": quadrant_label("quick_win", lang)},
        {"x": (1 + cost_at) / 2, "y": 0.97, "text": quadrant_label("strategic", lang)},
        {"x": cost_at / 2, "y": 0.03, "text": quadrant_label("fill_in", lang)},
        {"x": (1 + cost_at) / 2, "y": 0.03, "text": quadrant_label("deprioritise", lang)},
    ])
    text = alt.Chart(labels).mark_text(color="#555", fontSize=12).encode(
        x="x:Q", y="y:Q", text="text:N")
    return (dots + vertical + horizontal + text).properties(
        width=480, height=320, title=i18n.t("pool_selection.chart.title", lang))
