"""What the value-chain chapter shows: headline tiles, tables in the report language and the
interactive editor of touchpoint links (saved to ``decisions/journey.csv``)."""

from __future__ import annotations

import pandas as pd

from helpers import display, i18n
from helpers.value_chain.coverage import location


def headline_figures(result, lang: str) -> list[tuple[str, str, str]]:
    s = result.summary

    def tile(key):
        return (i18n.t(f"value_chain.headline.{key}", lang), str(s[key]), "")

    return [tile("touchpoints"), tile("moments"), tile("uncovered_moments"), tile("uncovered"),
            tile("raci_problems"), tile("cross")]


def source_sentence(result, lang: str) -> str:
    """Where the journey comes from (client table or template, and why)."""
    text = result.summary["origin_sentence"]
    if len(result.edits):
        text += " " + i18n.t("value_chain.decisions.replayed", lang, count=len(result.edits))
    return text


def moments_table(result, lang: str, moments_only: bool = False) -> pd.DataFrame:
    """Touchpoints ranked by gap; moments of truth first, uncovered ones at the very top."""
    frame = result.moments
    if moments_only:
        frame = frame[frame["is_moment"]]

    def col(name):
        return i18n.t(f"value_chain.col.{name}", lang)

    def yes_no(flag):
        return i18n.t(f"value_chain.{'yes' if flag else 'no'}", lang)

    linked = result.coverage.touchpoints.set_index("touchpoint_id")["indicators"]
    return pd.DataFrame({
        col("stage"): frame["stage"],
        col("touchpoint"): frame["touchpoint"],
        col("importance"): frame["importance"],
        col("performance"): frame["performance"],
        col("gap"): frame["gap"],
        col("covered"): [yes_no(c) for c in frame["covered"]],
        col("indicators"): [_names(linked.get(t), lang) for t in frame["touchpoint_id"]],
    })


def _names(items, lang: str) -> str:
    if not isinstance(items, list) or not items:
        return i18n.t("value_chain.none", lang)
    return ("、" if lang == "zh" else ", ").join(map(str, items))


def findings_table(findings: pd.DataFrame, lang: str, namespace: str) -> pd.DataFrame:
    """RACI (``namespace="journey"``) or coverage (``"coverage"``) findings: severity, check,
    touchpoint, departments, where, evidence, recommendation."""
    def col(name):
        return i18n.t(f"coverage.col.{name}", lang)

    where = [row.get(f"location_{lang}") or _where(row, lang)
             for row in findings.to_dict("records")]
    return pd.DataFrame({
        col("severity"): [i18n.t(f"checks.severity.{s}", lang) for s in findings["severity"]],
        col("rule"): [i18n.t(f"{namespace}.rule.{r}", lang) for r in findings["rule"]],
        col("touchpoint"): findings["stage"].astype(str) + " · " + findings["touchpoint"],
        col("departments"): [_names(d, lang) for d in findings["departments"]],
        col("location"): where,
        i18n.t("checks.col.evidence", lang): findings[f"evidence_{lang}"],
        i18n.t("checks.col.recommendation", lang): findings[f"recommendation_{lang}"],
    })


def _where(row: dict, lang: str) -> str:
    return location(pd.Series(row), lang)


def cross_table(cross: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Shared indicators suggested for touchpoints with several responsible departments."""
    def col(name):
        return i18n.t(f"coverage.col.{name}", lang)

    shares = [("、" if lang == "zh" else ", ").join(f"{d} {v:g}%" for d, v in s.items())
              for s in cross["shares"]]
    return pd.DataFrame({
        col("touchpoint"): cross["stage"].astype(str) + " · " + cross["touchpoint"],
        i18n.t("value_chain.col.indicators", lang): cross[f"name_{lang}"].fillna(
            i18n.t("value_chain.none", lang)),
        col("departments"): shares,
        i18n.t("checks.col.evidence", lang): cross[f"reason_{lang}"],
    })


def directions_table(directions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Value proposition → indicator directions, and whether the client measures each."""
    def yes_no(flag):
        return i18n.t(f"value_chain.{'yes' if flag else 'no'}", lang)

    return pd.DataFrame({
        i18n.t("intake.col.value", lang): directions[f"proposition_{lang}"],
        i18n.t("value_chain.col.indicators", lang): directions[f"name_{lang}"],
        i18n.t("diagnosis.col.orientation", lang): [
            i18n.t(f"diagnosis.orientation.{o}", lang) for o in directions["orientation"]],
        i18n.t("value_chain.col.covered", lang): [yes_no(m) for m in directions["measured"]],
    })


def mapping_table(result, lang: str) -> pd.DataFrame:
    """Template department codes and the client units they were matched to."""
    mapping = result.department_map
    return pd.DataFrame({
        i18n.t("value_chain.col.code", lang): mapping["code"],
        i18n.t("value_chain.col.label", lang): mapping["label"],
        i18n.t("value_chain.col.unit", lang): mapping["unit"].fillna(
            i18n.t("value_chain.none", lang)),
    })


def show_decisions(ctx, result) -> None:
    """In JupyterLab: an editor of touchpoint → department and touchpoint → indicator links;
    in batch: the edits that were replayed (if any)."""
    if not ctx.interactive:
        if len(result.edits):
            display.table(result.edits.reset_index(drop=True))
        return
    from helpers.value_chain.editor import journey_editor

    journey_editor(ctx, result)
