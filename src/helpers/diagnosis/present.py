"""What the diagnosis chapter shows first: headline tiles, the verdict sentence, the index
formula as applied, and the per-position table — all in the report language."""

from __future__ import annotations

import pandas as pd

from helpers import i18n
from helpers.diagnosis.shares import orientation_label


def headline_figures(result, lang: str) -> list[tuple[str, str, str]]:
    """Index and verdict, customer and outward weight shares, recommended band and gap,
    high-severity findings, indicators awaiting the consultant's confirmation."""
    s = result.summary
    band = s["recommended_band"]
    return [
        (i18n.t("diagnosis.headline.index", lang), f"{s['orientation_index']:.0f}",
         i18n.t(f"verdict.{s['verdict']}", lang)),
        (i18n.t("diagnosis.headline.customer_weight", lang),
         f"{s['customer_share_weight']:.0%}", ""),
        (i18n.t("diagnosis.headline.outward_weight", lang), f"{s['outward_share_weight']:.0%}",
         ""),
        (i18n.t("diagnosis.headline.gap", lang), f"{s['gap']:+.0f}",
         i18n.t("diagnosis.headline.band", lang) + f" {band['low']}–{band['high']}"),
        (i18n.t("diagnosis.headline.high_findings", lang),
         str(s["findings_by_severity"].get("high", 0)), ""),
        (i18n.t("diagnosis.headline.review", lang), str(len(result.review)), ""),
    ]


def verdict_sentence(summary: dict, lang: str) -> str:
    """The chapter's first sentence: index, verdict, shares, band and gap in words."""
    gap = summary["gap"]
    if gap > 0:
        gap_text = i18n.t("diagnosis.gap_below", lang, gap=gap)
    elif gap < 0:
        gap_text = i18n.t("diagnosis.gap_above", lang, gap=-gap)
    else:
        gap_text = i18n.t("diagnosis.gap_inside", lang)
    band = summary["recommended_band"]
    return i18n.t("diagnosis.verdict_sentence", lang, index=summary["orientation_index"],
                  verdict=i18n.t(f"verdict.{summary['verdict']}", lang),
                  customer=summary["customer_share_weight"],
                  outward=summary["outward_share_weight"], low=band["low"], high=band["high"],
                  gap_text=gap_text)


def index_formula(policy: dict, lang: str) -> str:
    """The orientation-index formula with the policy's weights, e.g. 100 × (客户价值 × 1 + …)."""
    weights = policy["orientation"]["index_weights"]
    terms = [f"{orientation_label(code, lang)} × {weight:g}"
             for code, weight in weights.items() if weight]
    bands = " / ".join("< {:g} {}".format(v["below"], i18n.t("verdict." + v["code"], lang))
                       for v in policy["orientation"]["verdicts"][:-1])
    return i18n.t("diagnosis.index_formula", lang, terms=" + ".join(terms), bands=bands)


def positions_table(positions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per position: indicators, customer count share, customer and outward weight shares,
    index and verdict."""
    def col(name):
        return i18n.t(f"diagnosis.col.{name}", lang)

    return pd.DataFrame({
        col("unit"): positions["unit"],
        col("position"): positions["position"],
        col("indicators"): positions["indicators"],
        col("customer_share_count"): positions["customer_share_count"].map("{:.0%}".format),
        col("customer_share_weight"): positions["customer_share_weight"].map("{:.0%}".format),
        col("outward_share_weight"): positions["outward_share_weight"].map("{:.0%}".format),
        col("orientation_index"): positions["orientation_index"].round(0).astype(int),
        col("verdict"): [i18n.t(f"verdict.{v}", lang) for v in positions["verdict"]],
    })


def by_severity(findings: pd.DataFrame, severities: tuple[str, ...]) -> pd.DataFrame:
    """The findings of the given severities, in their original order."""
    return findings[findings["severity"].isin(severities)]


def findings_brief(findings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A compact findings table for the chapter body: problem, where (position and rows) and
    the evidence; recommendations are in the full table of the details."""
    from helpers.diagnosis.checks import format_rows

    def col(name):
        return i18n.t(f"checks.col.{name}", lang)

    where = [f"{u} · {p}" if p else u for u, p in zip(findings["unit"], findings["position"],
                                                       strict=True)]
    return pd.DataFrame({
        col("rule"): [i18n.t(f"checks.rule.{r}", lang) for r in findings["rule"]],
        col("position"): where,
        col("indicator"): findings["indicator"].to_list(),
        col("rows"): [format_rows(r, lang) for r in findings["rows"]],
        col("evidence"): findings[f"evidence_{lang}"].to_list(),
    })
