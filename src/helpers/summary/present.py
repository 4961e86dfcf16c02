"""What the executive summary shows: tiles, the before/after table, findings by severity, the
recommendations and the pilot plan, in the report language."""

from __future__ import annotations

import pandas as pd

from helpers import i18n
from helpers.scoring.present import outcome_name
from helpers.summary.figures import SEVERITIES


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"summary.{key}", lang, **params)


def _join(items, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items)


def _percent(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0%}"


def _rho(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.2f}"


def _first_alignment(figures: dict) -> tuple[str, dict] | None:
    return next(iter(figures["alignment"].items()), None)


def headline_figures(result, lang: str) -> list[tuple[str, str, str]]:
    """Tiles: orientation index, customer weight share, uncovered moments, alignment."""
    o, m = result.figures["orientation"], result.figures["moments"]
    tiles = [
        (_t("headline.index", lang), f"{o['index_before']:.0f} → {o['index_after']:.0f}",
         _t("headline.index_note", lang, low=o["band_low"], high=o["band_high"])),
        (_t("headline.customer_share", lang),
         f"{_percent(o['customer_share_before'])} → {_percent(o['customer_share_after'])}",
         _t("headline.customer_share_note", lang)),
        (_t("headline.moments", lang), f"{m['uncovered_before']} → {m['uncovered_after']}",
         _t("headline.moments_note", lang, moments=m["moments"])),
    ]
    first = _first_alignment(result.figures)
    if first:
        code, f = first
        tiles.append((_t("headline.alignment", lang, outcome=outcome_name(code, lang)),
                      f"{_rho(f['before'])} → {_rho(f['after'])}",
                      i18n.t(f"pilot.verdict.{f['verdict']}", lang) + f" (n = {f['n']})"))
    return tiles


def before_after_table(result, lang: str) -> pd.DataFrame:
    """Measure, before, after, and what it means (one row per figure)."""
    o, m = result.figures["orientation"], result.figures["moments"]
    rows = [
        (_t("row.index", lang), f"{o['index_before']:.0f}", f"{o['index_after']:.0f}",
         _t("row.index_note", lang, low=o["band_low"], high=o["band_high"])),
        (_t("row.customer_share", lang), _percent(o["customer_share_before"]),
         _percent(o["customer_share_after"]), ""),
        (_t("row.moments", lang), str(m["uncovered_before"]), str(m["uncovered_after"]),
         _t("row.moments_note", lang, moments=m["moments"])),
    ]
    for code, f in result.figures["alignment"].items():
        rows.append((_t("row.alignment", lang, outcome=outcome_name(code, lang)),
                     _rho(f["before"]), _rho(f["after"]),
                     _t(f"row.population.{f['population']}", lang, n=f["n"])))
    columns = [_t(f"col.{c}", lang) for c in ("measure", "before", "after", "note")]
    return pd.DataFrame(rows, columns=columns)


def findings_table(findings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Findings per source (chapter) and severity."""
    frame = pd.DataFrame({_t("col.source", lang): [_t(f"source.{s}", lang)
                                                   for s in findings["source"]]})
    for severity in SEVERITIES:
        frame[i18n.t(f"checks.severity.{severity}", lang)] = findings[severity].to_numpy()
    return frame


def recommendation_lines(result, lang: str) -> list[str]:
    """One sentence per recommendation, in priority order."""
    return [_recommendation(item["code"], item["params"], lang)
            for item in result.recommendations]


def _recommendation(code: str, params: dict, lang: str) -> str:
    if code.startswith("orientation"):
        positions = params.get("positions") or []
        extra = (_t("advice.heavy", lang, count=len(positions), heavy=_percent(params["heavy"]),
                    positions=_join(positions[:5], lang)) if positions else "")
        return _t(f"advice.{code}", lang, index=f"{params['index_after']:.0f}",
                  low=params["band_low"], high=params["band_high"]) + extra
    if code == "moments":
        return _t("advice.moments", lang, count=len(params["names"]),
                  names=_join(params["names"], lang))
    if code.startswith("alignment"):
        return _t(f"advice.{code}", lang, outcomes=_join(
            [outcome_name(c, lang) for c in params["outcomes"]], lang))
    if code == "data":
        return _t("advice.data", lang, count=params["count"],
                  names=_join(params[f"names_{lang}"], lang))
    rules = [i18n.t(f"checks.rule.{rule}", lang) if i18n.has(f"checks.rule.{rule}", lang)
             else rule for rule in params["rules"]]
    return _t("advice.findings", lang, count=params["count"], rules=_join(rules, lang))


def plan_lines(plan: dict, lang: str) -> list[str]:
    """Which team, which period, what to watch."""
    if not plan["teams"]:
        return [_t("plan.no_team", lang)]
    period = (_join(plan["periods"], lang) if plan["periods"]
              else _t("plan.after", lang, last=plan["last_period"]))
    lines = []
    for team in plan["teams"]:
        lines.append(_t("plan.team", lang, unit=team["unit"], team=team["team"],
                        employees=team["employees"], comparable=team["comparable"],
                        coverage=_percent(team["coverage"]),
                        positions=_join(team["positions"], lang)))
        lines.append(_t("plan.period", lang, period=period))
        lines.append(_t("plan.watch", lang, outcomes=_join(
            [outcome_name(c, lang) for c in plan["outcomes"]], lang), up=team["up"],
            down=team["down"]))
        collect = team[f"collect_{lang}"]
        if collect:
            lines.append(_t("plan.collect", lang, count=len(collect),
                            names=_join(collect, lang)))
    return lines
