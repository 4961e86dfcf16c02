"""Six-dimension profile (METHOD §2.2, seed 000 §二) and "KPI green, customer red"
(METHOD §2.6, seed 001 opening scenario).

Six dimensions, each a 0–100 position between the internal end (0) and the customer end
(100), computed from evidence on the classified scorecards. The evidence rules and every
constant they use are in ``templates/method/profile.yaml`` (documented there):

- goal (目标导向): weight share of customer + business indicators (seed 000 §二.1);
- indicator logic (指标设计逻辑): weight share of indicators linked to a journey touchpoint —
  the journey table's ``indicators`` column, or the library's journey stages (§二.2);
- time horizon (时间视角): weight share of long-horizon indicators (§二.3);
- behaviour (行为引导): 1 − weight share of throughput indicators, internal indicators that
  count volume or speed rather than resolution (§二.4);
- collaboration (组织协同): weight share of cross-department indicators — linked to a
  touchpoint with several R departments in the journey's RACI, or, without a journey table,
  the same indicator on several departments' scorecards (§二.5);
- scenario fit (适用场景与风险): the measured orientation index against the band recommended
  by scenario fit (METHOD §2.3), both passed in by the caller (§二.6).

Weight shares are taken per position (Σ weight with the evidence / Σ weight of the position)
and averaged over positions, each counting once, as :mod:`helpers.diagnosis.shares` does for
orientation shares; scaling all weights of a position changes no score.

"KPI green, customer red": unit rows of the outcomes table with a KPI-attainment metric
(recognised by name) and customer metrics over periods; a unit is flagged when its attainment
reaches the policy's ``kpi_green_customer_red.attainment_at_least`` in every period while a
customer metric gets worse over at least ``customer_metric_falls_over_periods`` successive
periods.
"""

from __future__ import annotations

import math
import re
from functools import cache

import altair as alt
import pandas as pd

from helpers import charts, i18n, paths, yamlio
from helpers.diagnosis.shares import gap_to_band
from helpers.library import normalise

METHOD_FILE = paths.TEMPLATES / "method" / "profile.yaml"
DIMENSIONS = ("goal", "indicator_logic", "time_horizon", "behaviour", "collaboration",
              "scenario_fit")
#: Dimensions read from scorecard rows (scenario fit is read from the index and band).
ROW_DIMENSIONS = DIMENSIONS[:-1]
PROFILE_COLUMNS = ["dimension", "label_zh", "label_en", "score", "share", "full_score_at",
                   "positions", "source", "rule_zh", "rule_en", "evidence_zh", "evidence_en"]
KGCR_COLUMNS = ["unit", "metric", "attainment_metric", "periods", "attainment", "values",
                "attainment_min", "attainment_mean", "customer_first", "customer_last",
                "customer_change", "lower_is_better", "worse_change", "falls_in_a_row",
                "always_green", "flagged", "file", "row", "rows", "evidence_zh", "evidence_en"]
#: Radius of the radar's reference rings (the 0–100 scale itself, not a method choice).
RADAR_RINGS = (25, 50, 75, 100)


@cache
def _read() -> dict:
    with open(METHOD_FILE, encoding="utf-8") as handle:
        return yamlio.load(handle)


def parameters() -> dict:
    """Evidence rules of the six dimensions (``templates/method/profile.yaml``)."""
    return _read()["dimensions"]


def kgcr_parameters() -> dict:
    """Name patterns of the "KPI green, customer red" check (same file)."""
    return _read()["kpi_green_customer_red"]


# --- evidence per scorecard row ---------------------------------------------------------


def journey_links(engagement) -> dict[str, list[int]]:
    """Normalised indicator name → journey rows (touchpoints) whose ``indicators`` list it."""
    links: dict[str, list[int]] = {}
    if not engagement.has("journey"):
        return links
    for row, names in engagement.table("journey")["indicators"].items():
        for name in names if isinstance(names, list) else []:
            links.setdefault(normalise(name), []).append(int(row))
    return links


def collaboration_source(engagement) -> str:
    """Which definition of a cross-department indicator applies (profile.yaml ``evidence``)."""
    chosen = parameters()["collaboration"]["evidence"]
    if chosen == "auto":
        return "journey_raci" if engagement.has("journey") else "shared_across_units"
    return chosen


def indicator_logic_source(engagement) -> str:
    """Where journey links come from: ``journey``, ``library`` or ``journey_and_library``."""
    option = parameters()["indicator_logic"]["library_journey_stages"]
    if not engagement.has("journey"):
        return "library" if option != "never" else "journey"
    return "journey_and_library" if option == "always" else "journey"


def row_evidence(scorecard: pd.DataFrame, engagement) -> pd.DataFrame:
    """Per scorecard row (same index): unit, position, indicator, weight, the touchpoint rows
    it is linked to, ``throughput``, and one boolean per row dimension that is True when the
    row is evidence for the customer end of that dimension."""
    params = parameters()
    keys = scorecard["indicator"].map(normalise)
    links = journey_links(engagement)
    frame = scorecard[["unit", "position", "indicator", "weight"]].copy()
    frame["touchpoints"] = keys.map(lambda k: links.get(k, []))
    frame["goal"] = scorecard["orientation"].isin(params["goal"]["orientations"])
    frame["indicator_logic"] = _journey_linked(scorecard, frame["touchpoints"], engagement)
    frame["time_horizon"] = scorecard["horizon"].isin(params["time_horizon"]["horizons"])
    frame["throughput"] = throughput(scorecard)
    frame["behaviour"] = ~frame["throughput"]
    frame["collaboration"] = _cross_department(frame, keys, engagement)
    return frame


def _journey_linked(scorecard: pd.DataFrame, touchpoints: pd.Series, engagement) -> pd.Series:
    source = indicator_logic_source(engagement)
    linked = touchpoints.map(bool) if "journey" in source else pd.Series(False, scorecard.index)
    if "library" in source:
        tagged = scorecard["journey_stages"].map(lambda s: isinstance(s, list) and bool(s))
        linked = linked | tagged
    return linked


def throughput(scorecard: pd.DataFrame) -> pd.Series:
    """Rows that reward throughput over resolution (profile.yaml ``behaviour.throughput``):
    orientation in the listed ones and QQTC quantity/time or a throughput word in the name,
    unless the name speaks of resolution or satisfaction."""
    rule = parameters()["behaviour"]["throughput"]
    patterns = [re.compile(p, re.I) for p in rule["patterns"]]
    unless = [re.compile(p, re.I) for p in rule["unless"]]

    names = scorecard["indicator"].astype(str)
    worded = names.map(lambda name: any(p.search(name) for p in patterns))
    resolution = names.map(lambda name: any(u.search(name) for u in unless))
    kind = scorecard["qqtc"].isin(rule["qqtc"]) | worded
    return scorecard["orientation"].isin(rule["orientations"]) & kind & ~resolution


def _cross_department(frame: pd.DataFrame, keys: pd.Series, engagement) -> pd.Series:
    params = parameters()["collaboration"]
    if collaboration_source(engagement) == "journey_raci":
        journey = engagement.table("journey")
        responsible = {int(r): len(v) if isinstance(v, list) else 0
                       for r, v in journey["R"].items()}
        return frame["touchpoints"].map(
            lambda rows: any(responsible[r] >= params["min_responsible"] for r in rows))
    units = frame.assign(key=keys).groupby("key")["unit"].nunique()
    return keys.map(units) >= params["min_units"]


# --- shares and scores ------------------------------------------------------------------


def position_shares(evidence: pd.DataFrame) -> pd.DataFrame:
    """Per (unit, position): the weight share of each row dimension's evidence and of
    throughput (0 for a position whose weights sum to 0, as in ``shares``)."""
    columns = [*ROW_DIMENSIONS, "throughput"]
    rows = []
    for (unit, position), card in evidence.groupby(["unit", "position"], sort=False):
        total = card["weight"].sum()
        row = {"unit": unit, "position": position, "indicators": len(card)}
        for column in columns:
            row[column] = card.loc[card[column], "weight"].sum() / total if total else 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=["unit", "position", "indicators", *columns])


def score_of(share: float, full_score_at: float) -> float:
    """0–100 position of a share: min(100, 100 × share / full_score_at)."""
    return min(100.0, 100.0 * share / full_score_at)


def scenario_score(index: float, band: dict) -> float:
    """Scenario fit: min(100, 100 × index / reference), reference = the band's low, mid or
    high edge (profile.yaml ``scenario_fit.reference``)."""
    reference = _band_reference(band)
    return 100.0 if reference <= 0 else min(100.0, max(0.0, 100.0 * index / reference))


def _band_reference(band: dict) -> float:
    which = parameters()["scenario_fit"]["reference"]
    return (band["low"] + band["high"]) / 2 if which == "mid" else float(band[which])


def six_dimensions(scorecard: pd.DataFrame, engagement, policy: dict, index: float,
                   band: dict) -> pd.DataFrame:
    """One row per dimension (goal, indicator_logic, time_horizon, behaviour, collaboration,
    scenario_fit): score 0–100, the share it comes from, the rule and the evidence with its
    numbers in zh and en. ``index`` is the measured orientation index and ``band`` the
    recommended band (``low``, ``high``, ``band``) of scenario fit (stage 00). ``policy`` keeps
    the stage's common signature: the evidence rules are method choices of profile.yaml."""
    evidence = row_evidence(scorecard, engagement)
    positions = position_shares(evidence)
    params = parameters()
    rows = []
    for dimension in ROW_DIMENSIONS:
        share = float(positions[dimension].mean()) if len(positions) else 0.0
        full = params[dimension]["full_score_at"]
        numbers = _numbers(dimension, evidence, positions, engagement, share, full)
        rows.append(_profile_row(dimension, score_of(share, full), share, full,
                                 numbers, len(positions)))
    numbers = _scenario_numbers(index, band)
    rows.append(_profile_row("scenario_fit", scenario_score(index, band),
                             index / 100.0, _band_reference(band) / 100.0, numbers,
                             len(positions)))
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _numbers(dimension: str, evidence: pd.DataFrame, positions: pd.DataFrame, engagement,
             share: float, full: float) -> dict:
    """The numbers an evidence sentence shows: share, rows with evidence, source, limits."""
    params = parameters()
    column = "throughput" if dimension == "behaviour" else dimension
    numbers = {"share": share, "full": full, "positions": len(positions),
               "rows": int(evidence[column].sum()), "total_rows": len(evidence),
               "score": score_of(share, full), "source": ""}
    if dimension == "behaviour":
        numbers["throughput"] = float(positions["throughput"].mean()) if len(positions) else 0.0
    if dimension == "indicator_logic":
        numbers["source"] = indicator_logic_source(engagement)
    if dimension == "collaboration":
        numbers["source"] = collaboration_source(engagement)
        numbers["min_responsible"] = params["collaboration"]["min_responsible"]
        numbers["min_units"] = params["collaboration"]["min_units"]
    return numbers


def _scenario_numbers(index: float, band: dict) -> dict:
    gap = gap_to_band(index, band)
    where = "below" if gap > 0 else "above" if gap < 0 else "inside"
    return {"index": index, "low": band["low"], "high": band["high"],
            "band": band.get("band", ""), "gap": gap, "where": where, "source": where,
            "reference": _band_reference(band), "score": scenario_score(index, band)}


def _profile_row(dimension: str, score: float, share: float, full: float, numbers: dict,
                 positions: int) -> dict:
    row = {"dimension": dimension, "score": score, "share": share, "full_score_at": full,
           "positions": positions, "source": numbers["source"]}
    for lang in i18n.LANGUAGES:
        row[f"label_{lang}"] = dimension_label(dimension, lang)
        row[f"rule_{lang}"] = rule_text(dimension, lang, numbers)
        row[f"evidence_{lang}"] = evidence_text(dimension, lang, numbers)
    return row


def dimension_label(dimension: str, lang: str) -> str:
    return i18n.t(f"sixdim.dimension.{dimension}", lang)


def rule_text(dimension: str, lang: str, numbers: dict) -> str:
    """How a dimension is scored, with the method constants (profile.yaml) it uses."""
    key = f"sixdim.rule.{dimension}"
    if dimension in ("indicator_logic", "collaboration"):
        key = f"{key}.{numbers['source']}"
    params = {**numbers}
    if dimension == "scenario_fit":
        params["reference"] = i18n.t(
            f"sixdim.reference.{parameters()['scenario_fit']['reference']}", lang)
    return i18n.t(key, lang, **params)


def evidence_text(dimension: str, lang: str, numbers: dict) -> str:
    """The numbers of this engagement behind a dimension's score."""
    if dimension == "scenario_fit":
        band = i18n.label(f"scenario.band.{numbers['band']}", lang, default=numbers["band"])
        return i18n.t(f"sixdim.evidence.scenario_fit.{numbers['where']}", lang,
                      **{**numbers, "band": band, "gap": abs(numbers["gap"])})
    return i18n.t(f"sixdim.evidence.{dimension}", lang, **numbers)


# --- presentation -----------------------------------------------------------------------


def evidence_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The companion table of the radar chart: dimension, score, rule, evidence."""
    return pd.DataFrame({
        i18n.t("sixdim.col.dimension", lang): profile[f"label_{lang}"],
        i18n.t("sixdim.col.score", lang): profile["score"].round(0).astype(int),
        i18n.t("sixdim.col.rule", lang): profile[f"rule_{lang}"],
        i18n.t("sixdim.col.evidence", lang): profile[f"evidence_{lang}"],
    })


def _polar(radius: float, position: int, count: int) -> tuple[float, float]:
    """x, y of a radius on spoke ``position`` of ``count`` (first spoke up, clockwise)."""
    angle = math.pi / 2 - 2 * math.pi * position / count
    return radius * math.cos(angle), radius * math.sin(angle)


def _radar_frames(profile: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    count = len(profile)
    labels = list(profile[f"label_{lang}"])
    rings = [{"ring": r, "order": i, "x": _polar(r, i % count, count)[0],
              "y": _polar(r, i % count, count)[1]} for r in RADAR_RINGS for i in range(count + 1)]
    spokes = [{"spoke": i, "x": x, "y": y} for i in range(count)
              for x, y in ((0.0, 0.0), _polar(100, i, count))]
    scores = [{"order": i, "label": labels[i % count],
               "score": round(float(profile["score"].iloc[i % count])),
               "x": _polar(profile["score"].iloc[i % count], i % count, count)[0],
               "y": _polar(profile["score"].iloc[i % count], i % count, count)[1]}
              for i in range(count + 1)]
    names = []
    for i, label in enumerate(labels):
        x, y = _polar(118, i, count)
        align = "center" if abs(x) < 1 else "left" if x > 0 else "right"
        names.append({"label": f"{label} {round(float(profile['score'].iloc[i]))}",
                      "x": x, "y": y, "align": align})
    return {"rings": pd.DataFrame(rings), "spokes": pd.DataFrame(spokes),
            "scores": pd.DataFrame(scores), "names": pd.DataFrame(names)}


def radar_chart(profile: pd.DataFrame, lang: str) -> alt.Chart:
    """Radar of the six scores (0 = internal at the centre, 100 = customer at the rim): polar
    coordinates computed here and drawn as lines, so the static SVG needs no polar support."""
    frames = _radar_frames(profile, lang)
    domain = alt.Scale(domain=[-160, 160])
    x = alt.X("x:Q", scale=domain, axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[-135, 135]), axis=None)
    rings = alt.Chart(frames["rings"]).mark_line(color="#dddddd", strokeWidth=1).encode(
        x=x, y=y, detail="ring:N", order="order:Q")
    spokes = alt.Chart(frames["spokes"]).mark_line(color="#dddddd", strokeWidth=1).encode(
        x=x, y=y, detail="spoke:N")
    shape = alt.Chart(frames["scores"]).mark_line(
        color=charts.ACCENT, strokeWidth=2, point=alt.OverlayMarkDef(color=charts.ACCENT,
                                                                      size=40)).encode(
        x=x, y=y, order="order:Q",
        tooltip=["label:N", alt.Tooltip("score:Q", title=i18n.t("sixdim.col.score", lang))])
    names = [alt.Chart(group).mark_text(fontSize=12, color="#333", align=align).encode(
        x=x, y=y, text="label:N") for align, group in frames["names"].groupby("align")]
    return alt.layer(rings, spokes, shape, *names).properties(
        width=420, height=360, title=i18n.t("sixdim.chart.radar", lang))


# --- "KPI green, customer red" (METHOD §2.6) --------------------------------------------


def is_attainment_metric(metric: str) -> bool:
    """Whether an outcome metric is a KPI attainment (profile.yaml name patterns)."""
    key = normalise(metric)
    return any(normalise(p) in key for p in kgcr_parameters()["attainment_metric_patterns"])


def lower_is_better(metric: str) -> bool:
    """Whether a customer metric improves by falling (complaints, churn; profile.yaml)."""
    key = normalise(metric)
    return any(normalise(p) in key for p in kgcr_parameters()["lower_is_better_patterns"])


def period_key(label: str) -> tuple:
    """Sort key of a period label by the numbers in it (2025Q4 < 2026Q1, 2024-3 < 2024-10)."""
    parts = re.split(r"(\d+)", str(label))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def falls_in_a_row(values: list[float], lower_better: bool) -> int:
    """The longest run of successive period-on-period changes for the worse."""
    longest = run = 0
    for before, after in zip(values, values[1:], strict=False):
        worse = after > before if lower_better else after < before
        run = run + 1 if worse else 0
        longest = max(longest, run)
    return longest


def unit_outcomes(engagement) -> pd.DataFrame:
    """Outcome rows given for a unit (unit filled, employee id empty)."""
    outcomes = engagement.table("outcomes")
    return outcomes[outcomes["unit"].notna() & outcomes["employee_id"].isna()]


def kpi_green_customer_red(engagement, policy: dict) -> pd.DataFrame:
    """One row per unit × customer metric with the attainment and metric series over the
    periods both cover, and ``flagged`` when attainment ≥ policy ``attainment_at_least`` in
    every period while the metric got worse over at least ``customer_metric_falls_over_periods``
    successive periods. Empty when the outcomes have no unit rows."""
    units = unit_outcomes(engagement)
    rows = []
    file = engagement.sources.get("outcomes", "")
    for unit, block in units.groupby("unit", sort=False):
        attainment = next((m for m in block["metric"].drop_duplicates()
                           if is_attainment_metric(m)), None)
        if attainment is None:
            continue
        for metric in block["metric"].drop_duplicates():
            if metric != attainment and not is_attainment_metric(metric):
                rows.append(_kgcr_row(unit, block, attainment, metric, file, policy))
    return pd.DataFrame([r for r in rows if r], columns=KGCR_COLUMNS)


def _series(block: pd.DataFrame, metric: str) -> pd.DataFrame:
    chosen = block[block["metric"] == metric]
    return chosen.assign(row=chosen.index).set_index("period")[["value", "row"]]


def _kgcr_row(unit: str, block: pd.DataFrame, attainment_metric: str, metric: str, file: str,
              policy: dict) -> dict | None:
    rule = policy["kpi_green_customer_red"]
    kpi, customer = _series(block, attainment_metric), _series(block, metric)
    periods = sorted(set(kpi.index) & set(customer.index), key=period_key)
    if not periods:
        return None
    attainment = [float(kpi.at[p, "value"]) for p in periods]
    values = [float(customer.at[p, "value"]) for p in periods]
    lower = lower_is_better(metric)
    run = falls_in_a_row(values, lower)
    green = min(attainment) >= rule["attainment_at_least"]
    change = values[-1] - values[0]
    rows = sorted(int(frame.at[p, "row"]) for frame in (kpi, customer) for p in periods)
    record = {
        "unit": unit, "metric": metric, "attainment_metric": attainment_metric,
        "periods": periods, "attainment": attainment, "values": values,
        "attainment_min": min(attainment), "attainment_mean": sum(attainment) / len(attainment),
        "customer_first": values[0], "customer_last": values[-1], "customer_change": change,
        "lower_is_better": lower, "worse_change": change if lower else -change,
        "falls_in_a_row": run, "always_green": green,
        "flagged": green and run >= rule["customer_metric_falls_over_periods"],
        "file": file, "row": int(customer.at[periods[-1], "row"]), "rows": rows,
    }
    for lang in i18n.LANGUAGES:
        record[f"evidence_{lang}"] = kgcr_text(record, rule, lang)
    return record


def kgcr_text(record: dict, rule: dict, lang: str) -> str:
    """The evidence sentence of one unit × metric."""
    joiner = " → "
    key = "flagged" if record["flagged"] else "green" if record["always_green"] else "not_green"
    return i18n.t(
        f"kgcr.evidence.{key}", lang, unit=record["unit"], metric=record["metric"],
        attainment_metric=record["attainment_metric"], periods=len(record["periods"]),
        attainment="/".join(f"{v:g}" for v in record["attainment"]),
        values=joiner.join(f"{v:g}" for v in record["values"]),
        threshold=rule["attainment_at_least"], run=record["falls_in_a_row"],
        direction=i18n.t(f"kgcr.direction.{'up' if record['lower_is_better'] else 'down'}",
                         lang))


def quadrant_chart(kgcr: pd.DataFrame, policy: dict, lang: str) -> alt.Chart | None:
    """x = mean attainment, y = change of the customer metric from first to last period
    (sign turned for lower-is-better metrics, so down is always worse); reference lines at the
    policy's attainment threshold and at 0; flagged units labelled. None when empty."""
    if kgcr.empty:
        return None
    frame = kgcr.assign(
        change=-kgcr["worse_change"],
        status=[i18n.t(f"kgcr.status.{'flagged' if f else 'other'}", lang)
                for f in kgcr["flagged"]],
        name=kgcr["unit"] + " · " + kgcr["metric"])[
        ["unit", "metric", "name", "attainment_mean", "change", "status", "flagged"]]
    statuses = [i18n.t("kgcr.status.flagged", lang), i18n.t("kgcr.status.other", lang)]
    threshold = policy["kpi_green_customer_red"]["attainment_at_least"]
    points = alt.Chart(frame).mark_circle(size=110, opacity=0.9).encode(
        x=alt.X("attainment_mean:Q", title=i18n.t("kgcr.chart.x", lang),
                scale=alt.Scale(zero=False, padding=12)),
        y=alt.Y("change:Q", title=i18n.t("kgcr.chart.y", lang),
                scale=alt.Scale(zero=False, padding=12)),
        color=alt.Color("status:N", title=None, sort=statuses, scale=alt.Scale(
            domain=statuses, range=[charts.WARNING, charts.MUTED])),
        tooltip=["unit", "metric", alt.Tooltip("attainment_mean:Q", format=".1f"),
                 alt.Tooltip("change:Q", format="+.1f")])
    labels = alt.Chart(frame[frame["flagged"]]).mark_text(
        align="right", dx=-9, dy=-8, fontSize=11, color=charts.WARNING).encode(
        x="attainment_mean:Q", y="change:Q", text="name:N")
    vertical = alt.Chart(pd.DataFrame({"x": [threshold]})).mark_rule(
        color="#888", strokeDash=[4, 3]).encode(x="x:Q")
    horizontal = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(
        color="#888", strokeDash=[4, 3]).encode(y="y:Q")
    return (vertical + horizontal + points + labels).properties(
        width=440, height=300, title=i18n.t("kgcr.chart.title", lang))


def kgcr_lines(kgcr: pd.DataFrame, lang: str) -> list[str]:
    """Flagged units as sentences with their file and rows."""
    flagged = kgcr[kgcr["flagged"]]
    return [i18n.t("kgcr.where", lang, text=text, file=file,
                   rows=("、" if lang == "zh" else ", ").join(str(r) for r in rows))
            for text, file, rows in zip(flagged[f"evidence_{lang}"], flagged["file"],
                                        flagged["rows"], strict=True)]
