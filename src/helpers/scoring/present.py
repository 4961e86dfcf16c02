"""What the scoring chapter (05) shows: headline tiles, the scoring rules in words, how much of
the new scorecards last year's data measures, grade distributions, who moves, alignment with
customer outcomes, bonus exposure and lifecycle milestones. Every figure comes from the
stage's result (:class:`helpers.scoring.stage.ScoringResult`) or the policy."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from helpers import charts, i18n
from helpers.kpi_pool.selection import SEPARATOR
from helpers.scoring import pilot


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"pilot.{key}", lang, **params)


def _join(items, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items)


def _position(frame: pd.DataFrame) -> pd.Series:
    return frame["unit"].astype(str) + SEPARATOR + frame["position"].astype(str)


def _percent(value, digits: int = 0) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.{digits}%}"


def _number(value, digits: int = 2) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.{digits}f}"


def outcome_name(code: str, lang: str) -> str:
    """The outcome's name in the report language (templates/method/pilot.yaml)."""
    spec = pilot.settings()["outcomes"].get(code) or {}
    return spec.get(f"name_{lang}", code)


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def _scheme(code: str, lang: str) -> str:
    return _t(f"scheme.{code}", lang)


# --- headline ---------------------------------------------------------------------------------


def headline_figures(result, lang: str) -> list[tuple[str, str, str]]:
    """Tiles: employees compared, proposed weight measured, grade movers, first alignment."""
    s = result.summary
    tiles = [
        (_t("headline.comparable", lang), str(s["comparable"]),
         _t("headline.comparable_note", lang, scored=s["scored_both"],
            least=_percent(s["min_coverage"]))),
        (_t("headline.measured", lang), _percent(s["measured_weight_share"]),
         _t("headline.measured_note", lang, count=s["never_measured"])),
        (_t("headline.moved", lang), _percent(s["share_moved"]),
         _t("headline.moved_note", lang, count=s["movers"])),
    ]
    for code, figures in _primary(s).items():
        tiles.append((_t("headline.alignment", lang, outcome=outcome_name(code, lang)),
                      f"{_number(figures['rho_current'])} → {_number(figures['rho_proposed'])}",
                      _t(f"verdict.{figures['verdict']}", lang) + f" (n = {figures['n']})"))
        break
    return tiles


def _primary(summary: dict) -> dict:
    """The comparable population's alignment, else everyone's when no comparable rows."""
    return summary["alignment"] or summary["alignment_all"]


# --- rules ------------------------------------------------------------------------------------


def rule_lines(policy: dict, lang: str) -> list[str]:
    """The policy's scoring rules in words (METHOD §7)."""
    spec = policy["scoring"]
    bands = spec["grades"]["absolute"]
    ladder = _join([f"{b['grade']} ≥ {b['min']}" for b in bands if b["min"] > 0], lang)
    veto = [i18n.t(f"scoring.veto.{code}", lang) for code in spec["veto_precedence"]]
    return [
        _t("rules.ratio", lang, floor=_percent(spec["ratio"]["floor_with_threshold"]),
           cap=_percent(spec["ratio"]["cap"])),
        _t("rules.lower", lang,
           points=spec["zero_target"]["points_per_unit"]),
        _t("rules.interpolation", lang, p_b=_percent(spec["interpolation"]["p_b"]),
           p_x=_percent(spec["interpolation"]["p_x"])),
        _t("rules.total", lang, cap=spec["total_cap"],
           precedence=" > ".join(veto)),
        _t("rules.grades", lang, ladder=ladder,
           s_min=spec["grades"]["s_requires_score_at_least"]),
    ]


def rules_table(measurement: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The proposed scorecards' scoring rules: how many indicators and how much weight each."""
    total = measurement["weight"].sum()
    grouped = measurement.groupby("rule", sort=False).agg(items=("key", "size"),
                                                          weight=("weight", "sum"))
    grouped = grouped.sort_values("weight", ascending=False)
    return pd.DataFrame({
        _t("col.rule", lang): [_sentence_start(i18n.t(f"scoring.rule.{r}", lang))
                               for r in grouped.index],
        _t("col.items", lang): grouped["items"].to_numpy(),
        _t("col.weight_share", lang): [_percent(w / total) if total else "–"
                                       for w in grouped["weight"]],
    })


# --- measurement ------------------------------------------------------------------------------


def measurement_lines(summary: dict, lang: str) -> list[str]:
    """How much of the new weight last year's actuals measure, and who can be compared."""
    return [
        _t("measured.share", lang, share=_percent(summary["measured_weight_share"]),
           never=summary["never_measured"]),
        _t("measured.comparable", lang, least=_percent(summary["min_coverage"]),
           comparable=summary["comparable"], scored=summary["scored_both"],
           employees=summary["employees"]),
    ]


def measurement_table(measurement: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per position: its new indicators, the measured weight share and the indicators
    without any actual last year (to start measuring before a live pilot)."""
    frame = measurement.assign(
        label=_position(measurement),
        measured=measurement["weight"] * measurement["measured_share"],
        name=measurement[f"name_{lang}"].fillna(measurement["name_zh"]))
    rows = []
    for label, group in frame.groupby("label", sort=False):
        missing = group.loc[group["measured_periods"] == 0, "name"]
        rows.append({
            _t("col.position", lang): label,
            _t("col.items", lang): len(group),
            _t("col.measured_weight", lang): _percent(group["measured"].sum()
                                                      / group["weight"].sum()),
            _t("col.unmeasured", lang): _join(missing, lang) if len(missing) else "–",
        })
    return pd.DataFrame(rows)


# --- grades -----------------------------------------------------------------------------------


def distribution_chart(distribution: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Grouped bars: employees per grade under the current and the proposed scorecards."""
    if distribution[list(pilot.SCHEMES)].to_numpy().sum() == 0:
        return None
    long = distribution.melt(id_vars="grade", value_vars=list(pilot.SCHEMES),
                             var_name="code", value_name="employees")
    long["scheme"] = [_scheme(c, lang) for c in long["code"]]
    order = [_scheme(c, lang) for c in pilot.SCHEMES]
    return (
        alt.Chart(long, title=_t("chart.distribution", lang))
        .mark_bar()
        .encode(
            x=alt.X("grade:N", sort=list(distribution["grade"]), title=_t("chart.grade", lang),
                    axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("scheme:N", sort=order),
            y=alt.Y("employees:Q", title=_t("chart.employees", lang)),
            color=alt.Color("scheme:N", sort=order, title=None,
                            scale=alt.Scale(domain=order, range=[charts.MUTED, charts.ACCENT]),
                            legend=alt.Legend(orient="bottom")),
            tooltip=["grade", "scheme", "employees"],
        )
        .properties(width=360, height=200)
    )


def distribution_lines(distribution: pd.DataFrame, lang: str) -> list[str]:
    """The share of the top two grades under each scheme (grade inflation shows here)."""
    total = distribution["current"].sum()
    if not total:
        return []
    top = list(distribution["grade"])[:2]
    shares = {s: distribution.loc[distribution["grade"].isin(top), s].sum() / total
              for s in pilot.SCHEMES}
    return [_t("distribution.top", lang, grades=_t("or", lang).join(top), employees=int(total),
               current=_percent(shares["current"]), proposed=_percent(shares["proposed"]))]


def movers_chart(scores: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Slope chart: each comparable employee's annual score under both schemes, coloured by
    whether the grade rises, falls or stays."""
    compared = scores[scores["comparable"].astype(bool)]
    if compared.empty:
        return None
    direction = np.sign(compared["moved"].astype(float))
    labels = {1.0: _t("direction.up", lang), -1.0: _t("direction.down", lang),
              0.0: _t("direction.same", lang)}
    frame = compared.assign(direction=direction.map(labels), label=_position(compared))
    frame = frame.melt(id_vars=["employee_id", "label", "direction"],
                       value_vars=["current_total", "proposed_total"], var_name="code",
                       value_name="score")
    frame["scheme"] = [_scheme(c.removesuffix("_total"), lang) for c in frame["code"]]
    order = [_scheme(c, lang) for c in pilot.SCHEMES]
    domain = [labels[1.0], labels[0.0], labels[-1.0]]
    return (
        alt.Chart(frame, title=_t("chart.movers", lang))
        .mark_line(point=True, opacity=0.7)
        .encode(
            x=alt.X("scheme:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("score:Q", title=_t("chart.score", lang), scale=alt.Scale(zero=False)),
            detail="employee_id:N",
            color=alt.Color("direction:N", scale=alt.Scale(
                domain=domain, range=[charts.ACCENT, charts.MUTED, charts.WARNING]), title=None,
                legend=alt.Legend(orient="bottom")),
            tooltip=["employee_id", "label", "scheme", alt.Tooltip("score:Q", format=".1f")],
        )
        .properties(width=300, height=260)
    )


def unit_table(scores: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per unit, comparable employees only: mean scores under both schemes, grade ups/downs."""
    compared = scores[scores["comparable"].astype(bool)]
    grouped = compared.groupby("unit", sort=False)
    frame = pd.DataFrame({
        "employees": grouped.size(),
        "current": grouped["current_total"].mean(), "proposed": grouped["proposed_total"].mean(),
        "up": grouped["moved"].apply(lambda m: int((m.astype(float) > 0).sum())),
        "down": grouped["moved"].apply(lambda m: int((m.astype(float) < 0).sum())),
    })
    return pd.DataFrame({
        _t("col.unit", lang): frame.index,
        _t("col.employees", lang): frame["employees"].to_numpy(),
        _t("col.mean_current", lang): [_number(v, 1) for v in frame["current"]],
        _t("col.mean_proposed", lang): [_number(v, 1) for v in frame["proposed"]],
        _t("col.up", lang): frame["up"].to_numpy(),
        _t("col.down", lang): frame["down"].to_numpy(),
    })


def movers_table(movers: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Employees whose grade changes, the largest moves first."""
    def steps(value) -> str:
        count = int(value)
        return _t("steps.up" if count > 0 else "steps.down", lang, count=abs(count))

    return pd.DataFrame({
        _t("col.employee", lang): movers["employee_id"],
        _t("col.position", lang): _position(movers),
        _t("col.team", lang): movers["team"],
        _t("col.current", lang): [f"{_number(s, 1)} ({g})" for s, g in
                                  zip(movers["current_total"], movers["current_grade"],
                                      strict=True)],
        _t("col.proposed", lang): [f"{_number(s, 1)} ({g})" for s, g in
                                   zip(movers["proposed_total"], movers["proposed_grade"],
                                       strict=True)],
        _t("col.change", lang): [steps(v) for v in movers["moved"]],
        _t("col.coverage", lang): [_percent(v) for v in movers["coverage_proposed"]],
    })


# --- alignment --------------------------------------------------------------------------------


def alignment_chart(alignment: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Dots: Spearman's ρ of each scheme with each customer outcome (comparable employees),
    joined by a line so the direction of the change is visible."""
    rows = alignment[(alignment["population"] == "comparable") & alignment["rho"].notna()]
    if rows.empty:
        return None
    frame = pd.DataFrame({
        "outcome": [_sentence_start(outcome_name(c, lang)) for c in rows["code"]],
        "scheme": [_scheme(s, lang) for s in rows["scheme"]],
        "rho": rows["rho"].astype(float).to_numpy(), "n": rows["n"].to_numpy(),
    })
    order = [_scheme(c, lang) for c in pilot.SCHEMES]
    base = alt.Chart(frame, title=_t("chart.alignment", lang)).encode(
        y=alt.Y("outcome:N", title=None, sort=list(dict.fromkeys(frame["outcome"]))),
        x=alt.X("rho:Q", title=_t("chart.rho", lang), scale=alt.Scale(domain=[-1, 1])))
    line = base.mark_line(color=charts.MUTED).encode(detail="outcome:N")
    dots = base.mark_point(filled=True, size=90).encode(
        color=alt.Color("scheme:N", sort=order, title=None,
                        scale=alt.Scale(domain=order, range=[charts.MUTED, charts.ACCENT]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=["outcome", "scheme", alt.Tooltip("rho:Q", format=".2f"), "n"])
    zero = alt.Chart(pd.DataFrame({"rho": [0.0]})).mark_rule(
        color=charts.MUTED, strokeDash=[3, 3]).encode(x="rho:Q")
    return (zero + line + dots).properties(width=380, height=max(60, 34 * frame["outcome"]
                                                                    .nunique()))


def alignment_table(alignment: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per outcome and population: n, ρ with p under both schemes, the difference, verdict."""
    rows = []
    for (code, population), group in alignment.groupby(["code", "population"], sort=False):
        by = group.set_index("scheme")
        rows.append({
            _t("col.outcome", lang): _sentence_start(outcome_name(code, lang)),
            _t("col.population", lang): _t(f"population.{population}", lang),
            "n": int(by["n"].iloc[0]),
            _t("col.rho_current", lang): _rho(by.loc["current"]),
            _t("col.rho_proposed", lang): _rho(by.loc["proposed"]),
            _t("col.difference", lang): _signed(by["difference"].iloc[0]),
            _t("col.verdict", lang): _sentence_start(_t(f"verdict.{by['verdict'].iloc[0]}",
                                                         lang)),
        })
    return pd.DataFrame(rows)


def _rho(row) -> str:
    if pd.isna(row["rho"]):
        return "–"
    return f"{row['rho']:.2f} (p = {row['p']:.3f})"


def _signed(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):+.2f}"


def alignment_lines(result, lang: str) -> list[str]:
    """One honest sentence per outcome (comparable population), then the caveats."""
    s, lines = result.summary, []
    primary = s["alignment"]
    for code, figures in primary.items():
        significant = figures["p_proposed"] is not None and figures["p_proposed"] < 0.05
        lines.append(_t(f"alignment.{figures['verdict']}", lang,
                        outcome=_sentence_start(outcome_name(code, lang)), n=figures["n"],
                        current=_number(figures["rho_current"]),
                        proposed=_number(figures["rho_proposed"]),
                        difference=_signed(figures["difference"]),
                        significance=_t("alignment.significant" if significant
                                        else "alignment.not_significant", lang)))
    if not primary and s["alignment_all"]:
        lines.append(_t("alignment.only_all", lang, least=_percent(s["min_coverage"])))
    agree = [code for code, figures in s["alignment_all"].items()
             if code in primary and figures["verdict"] != primary[code]["verdict"]]
    if agree:
        lines.append(_t("alignment.populations_differ", lang,
                        outcomes=_sentence_start(
                            _join([outcome_name(c, lang) for c in agree], lang))))
    if not primary and not s["alignment_all"]:
        lines.append(_t("alignment.no_outcomes", lang))
    lines.append(_t("alignment.caveat", lang, share=_percent(s["measured_weight_share"])))
    return lines


# --- bonus and lifecycle ----------------------------------------------------------------------


def bonus_table(bonus: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per unit: the bonus pool's split under both schemes and the change."""
    return pd.DataFrame({
        _t("col.unit", lang): bonus["unit"],
        _t("col.employees", lang): bonus["employees"],
        _t("col.bonus_current", lang): [f"{v:,.0f}" for v in bonus["current"]],
        _t("col.bonus_proposed", lang): [f"{v:,.0f}" for v in bonus["proposed"]],
        _t("col.change", lang): [f"{v:+,.0f}" for v in bonus["change"]],
    })


def lifecycle_table(lifecycle: pd.DataFrame, policy: dict, lang: str) -> pd.DataFrame:
    """Per milestone stage: its bonus share, employees with evidence, and the share of them
    who reached it (METHOD §9, seed 004)."""
    weights = (policy.get("pilot") or {}).get("lifecycle_milestones") or {}
    if lifecycle.empty:
        return pd.DataFrame()
    rows = []
    for stage, weight in weights.items():
        reached = lifecycle[stage] if stage in lifecycle else pd.Series(dtype=object)
        evidenced = reached.dropna()
        rows.append({
            _t("col.stage", lang): _t(f"stage.{stage}", lang),
            _t("col.stage_weight", lang): _percent(weight / sum(weights.values())),
            _t("col.evidenced", lang): len(evidenced),
            _t("col.reached", lang): (_percent(evidenced.astype(bool).mean())
                                      if len(evidenced) else "–"),
        })
    return pd.DataFrame(rows)


def lifecycle_lines(result, lang: str) -> list[str]:
    """Mean released share, or why the milestone model could not be evidenced."""
    reason = result.summary["lifecycle_reason"]
    if reason:
        return [_t(f"lifecycle.{reason}", lang)]
    frame = result.lifecycle
    return [_t("lifecycle.released", lang, employees=len(frame),
               released=_percent(frame["released"].mean()),
               evidenced=_percent(frame["evidenced"].mean()))]

