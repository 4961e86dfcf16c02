"""Stage 00 — intake: the client profile, what the inputs hold, and scenario fit.

Scenario fit (METHOD §2.3, seed 000 §二.6): internal emphasis is legitimate for mature mass
production, early-stage organisations and red-line compliance; customer emphasis is required
for service, solution and SaaS businesses, strong competition with homogeneous products,
and stock competition. Each rule is a *factor* of the policy file
(``scenario_fit.factors``) that fires when the profile matches it and adds points toward
``customer`` or ``internal``. The net score (customer − internal points) selects the first
policy band whose ``min_net`` it reaches: that band is the recommended orientation-index
range, and the fired factors are the reasons.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import altair as alt
import pandas as pd

from helpers import artifacts, charts, i18n, schema
from helpers.engagement import Engagement


@dataclass
class IntakeResult(artifacts.SavedResult):
    """What stage 00 found; ``save``/``load`` round-trip through ``artifacts/intake/``."""

    profile: dict
    factors: pd.DataFrame
    recommendation: dict
    inventory: pd.DataFrame
    departments: pd.DataFrame
    notes: pd.DataFrame


def run(engagement: Engagement, policy: dict) -> IntakeResult:
    """Stage 00 on a validated engagement."""
    factors = scenario_factors(engagement.profile, policy)
    return IntakeResult(
        profile=engagement.profile,
        factors=factors,
        recommendation=recommend_band(factors, policy),
        inventory=input_inventory(engagement),
        departments=department_overview(engagement),
        notes=input_notes(engagement),
    )


# --- scenario fit -----------------------------------------------------------------------


def scenario_factors(profile: dict, policy: dict) -> pd.DataFrame:
    """Every policy factor with whether it fired on this profile and its signed points."""
    rows = []
    for factor in policy["scenario_fit"]["factors"]:
        fired = all(profile.get(field) in values for field, values in factor["when"].items())
        sign = 1 if factor["toward"] == "customer" else -1
        evidence = {field: profile.get(field) for field in factor["when"]}
        rows.append({
            "factor": factor["id"],
            "toward": factor["toward"],
            "points": factor["points"],
            "fired": fired,
            "signed_points": sign * factor["points"] if fired else 0,
            "evidence": json.dumps(evidence, ensure_ascii=False),
        })
    return pd.DataFrame(rows)


def recommend_band(factors: pd.DataFrame, policy: dict) -> dict:
    """The first band (in policy order) whose ``min_net`` the net score reaches."""
    fired = factors[factors["fired"]]
    customer = int(fired.loc[fired["toward"] == "customer", "points"].sum())
    internal = int(fired.loc[fired["toward"] == "internal", "points"].sum())
    net = customer - internal
    band = next(b for b in policy["scenario_fit"]["bands"] if net >= b["min_net"])
    return {"band": band["code"], "low": band["low"], "high": band["high"], "net": net,
            "customer_points": customer, "internal_points": internal}


def verdict(index: float, policy: dict) -> str:
    """Verdict code of an orientation index (METHOD §2 bands, from the policy)."""
    return next(v["code"] for v in policy["orientation"]["verdicts"] if index < v["below"])


# --- inventory --------------------------------------------------------------------------


def input_inventory(engagement: Engagement) -> pd.DataFrame:
    """One row per input table: provided or not, source file, number of rows."""
    rows = []
    for name in schema.tables():
        provided = engagement.has(name)
        rows.append({
            "table": name,
            "provided": provided,
            "source": engagement.sources.get(name, ""),
            "rows": len(engagement.tables[name]) if provided else 0,
        })
    return pd.DataFrame(rows)


def department_overview(engagement: Engagement) -> pd.DataFrame:
    """Positions, indicators and employees per department (current scorecards + roster)."""
    kpis = engagement.table("current_kpis")
    overview = kpis.groupby("unit", sort=False).agg(
        positions=("position", "nunique"), indicators=("indicator", "size"))
    employees = engagement.table("employees")
    headcount = employees.groupby("department", sort=False).size().rename("employees")
    order = list(dict.fromkeys([*overview.index, *headcount.index]))
    overview = overview.reindex(order).join(headcount).fillna(0).astype(int)
    return overview.rename_axis("department").reset_index()


def input_notes(engagement: Engagement) -> pd.DataFrame:
    """Conventions detected and warnings, rendered in both languages."""
    rows = [
        {"severity": p.severity, "message_zh": p.render("zh"), "message_en": p.render("en")}
        for p in [*engagement.notes, *engagement.warnings]
    ]
    return pd.DataFrame(rows, columns=["severity", "message_zh", "message_en"])


# --- presentation -----------------------------------------------------------------------


def value_label(field: str, code, lang: str) -> str:
    """Display label of a profile value (choice codes through the message catalog)."""
    if isinstance(code, list):
        return "、".join(value_label(field, c, lang) for c in code) if lang == "zh" else \
            ", ".join(value_label(field, c, lang) for c in code)
    if isinstance(code, bool):
        return i18n.t(f"common.{'yes' if code else 'no'}", lang)
    key = f"value.{field}.{code}"
    return i18n.label(key, lang, default=str(code))


def profile_table(profile: dict, lang: str) -> pd.DataFrame:
    """The profile as two display columns (field label, value label) in schema order."""
    fields = schema.profile_fields()
    if lang == "en" and profile.get("client_en"):
        profile = {**profile, "client": profile["client_en"]}
    rows = [
        {i18n.t("intake.col.field", lang): spec[lang],
         i18n.t("intake.col.value", lang): value_label(name, profile[name], lang)}
        for name, spec in fields.items()
        if name in profile and spec["type"] not in ("mapping",) and name != "client_en"
    ]
    return pd.DataFrame(rows)


def factor_table(factors: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Fired and not-fired factors with their reason, direction and points."""
    return pd.DataFrame({
        i18n.t("intake.col.factor", lang): [
            i18n.t(f"scenario.factor.{f}.label", lang) for f in factors["factor"]],
        i18n.t("intake.col.applies", lang): [
            i18n.t(f"common.{'yes' if v else 'no'}", lang) for v in factors["fired"]],
        i18n.t("intake.col.toward", lang): [
            i18n.t(f"scenario.toward.{t}", lang) for t in factors["toward"]],
        i18n.t("intake.col.points", lang): factors["signed_points"],
        i18n.t("intake.col.reason", lang): [
            i18n.t(f"scenario.factor.{f}.reason", lang) for f in factors["factor"]],
    })


def reasons(factors: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per fired factor."""
    return [i18n.t(f"scenario.factor.{f}.reason", lang)
            for f in factors.loc[factors["fired"], "factor"]]


def recommendation_sentence(recommendation: dict, lang: str) -> str:
    return i18n.t("intake.recommendation", lang,
                  band=i18n.t(f"scenario.band.{recommendation['band']}", lang),
                  **{k: v for k, v in recommendation.items() if k != "band"})


def factor_chart(factors: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Diverging bars of the fired factors' points (customer right, internal left);
    None when no factor applies."""
    fired = factors[factors["fired"]]
    if fired.empty:
        return None
    frame = pd.DataFrame({
        "factor": [i18n.t(f"scenario.factor.{f}.label", lang) for f in fired["factor"]],
        "points": fired["signed_points"].to_list(),
        "toward": [i18n.t(f"scenario.toward.{t}", lang) for t in fired["toward"]],
    })
    domain = [i18n.t("scenario.toward.customer", lang), i18n.t("scenario.toward.internal", lang)]
    return charts.diverging_bars(frame, "factor", "points", "toward",
                                 i18n.t("intake.chart.factors", lang), domain,
                                 [charts.ACCENT, charts.MUTED])


def band_chart(recommendation: dict, policy: dict, lang: str) -> alt.Chart:
    """The 0–100 orientation-index scale with verdict bands and the recommended range."""
    lower = 0.0
    bands = []
    for v in policy["orientation"]["verdicts"]:
        upper = min(float(v["below"]), 100.0)
        bands.append({"start": lower, "end": upper, "band": i18n.t(f"verdict.{v['code']}", lang)})
        lower = upper
    scale = pd.DataFrame(bands)
    order = list(scale["band"])
    base = alt.Chart(scale).mark_bar(height=26).encode(
        x=alt.X("start:Q", scale=alt.Scale(domain=[0, 100]),
                title=i18n.t("intake.chart.index_axis", lang)),
        x2="end:Q",
        color=alt.Color("band:N", sort=order, title=None, scale=alt.Scale(
            domain=order, range=["#d9d9d9", "#b9d7d8", "#7fc1c2"])),
    )
    target = pd.DataFrame([{"start": recommendation["low"], "end": recommendation["high"],
                            "label": i18n.t("intake.chart.recommended", lang,
                                            low=recommendation["low"],
                                            high=recommendation["high"])}])
    marker = alt.Chart(target).mark_bar(height=10, color=charts.WARNING).encode(
        x="start:Q", x2="end:Q")
    label = alt.Chart(target).mark_text(dy=-22, color=charts.WARNING, fontSize=12).encode(
        x=alt.X("mid:Q"), text="label:N").transform_calculate(
        mid="(datum.start + datum.end) / 2")
    return (base + marker + label).properties(
        width=480, height=60, title=i18n.t("intake.chart.band", lang))


def department_chart(departments: pd.DataFrame, lang: str) -> alt.Chart:
    """Grouped bars: positions, indicators and employees per department."""
    measures = [i18n.t(f"intake.col.{m}", lang) for m in ("positions", "indicators", "employees")]
    long = department_table(departments, lang).melt(
        id_vars=i18n.t("intake.col.department", lang), value_vars=measures,
        var_name="measure", value_name="count").rename(
        columns={i18n.t("intake.col.department", lang): "department"})
    return (
        alt.Chart(long, title=i18n.t("intake.chart.departments", lang))
        .mark_bar()
        .encode(
            y=alt.Y("department:N", title=None, sort=list(departments["department"]),
                    axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("measure:N", sort=measures),
            x=alt.X("count:Q", title=None, axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color("measure:N", title=None, sort=measures, scale=alt.Scale(
                domain=measures, range=["#3a6ea5", charts.MUTED, charts.ACCENT])),
            tooltip=["department", "measure", "count"],
        )
        .properties(width=440, height=alt.Step(9))
    )


def headline_figures(result: IntakeResult, lang: str) -> list[tuple[str, str, str]]:
    """Tiles for the top of the chapter: recommended range, net score, scope of the inputs."""
    rec = result.recommendation
    deps = result.departments
    band = i18n.t(f"scenario.band.{rec['band']}", lang)
    return [
        (i18n.t("intake.headline.band", lang), f"{rec['low']}–{rec['high']}", band),
        (i18n.t("intake.headline.net", lang), f"{rec['net']:+d}",
         f"+{rec['customer_points']} / −{rec['internal_points']}"),
        (i18n.t("intake.headline.positions", lang), str(int(deps["positions"].sum())), ""),
        (i18n.t("intake.headline.indicators", lang), str(int(deps["indicators"].sum())), ""),
        (i18n.t("intake.headline.employees", lang), str(int(deps["employees"].sum())), ""),
    ]


def inventory_table(inventory: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The input inventory with translated table names and headers."""
    return pd.DataFrame({
        i18n.t("intake.col.table", lang): [i18n.t(f"table.{t}", lang) for t in inventory["table"]],
        i18n.t("intake.col.provided", lang): [
            i18n.t(f"common.{'yes' if p else 'no'}", lang) for p in inventory["provided"]],
        i18n.t("intake.col.source", lang): inventory["source"],
        i18n.t("intake.col.rows", lang): inventory["rows"],
    })


def department_table(departments: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Departments with translated headers."""
    return departments.rename(columns={c: i18n.t(f"intake.col.{c}", lang)
                                       for c in departments.columns})


def note_lines(notes: pd.DataFrame, lang: str) -> list[str]:
    """Detected conventions and warnings as sentences in the report language."""
    return [f"{i18n.t(f'intake.severity.{s}', lang)}:{m}" if lang == "zh"
            else f"{i18n.t(f'intake.severity.{s}', lang)}: {m}"
            for s, m in zip(notes["severity"], notes[f"message_{lang}"], strict=True)]
