"""Structural checks on the current scorecards (METHOD §2.4) as one findings table.

The checks read the classified scorecard (``helpers.diagnosis.scorecard.build``: one row per
input row, index = the row number the client sees) and the thresholds of the policy's
``structural_checks`` section; no threshold is written in this module. A scorecard is the set
of rows of one (unit, position). Every finding names the input file and the rows it points at,
with evidence (the numbers) and a recommendation in Chinese and English from the message
catalog (``templates/messages/<lang>.checks.yaml``).

Rules, each with the policy's severity:

- ``weight_sum``: the weights of a position add up to ``target`` ± ``tolerance``.
- ``too_many_indicators`` / ``too_few_indicators``: more than ``max`` or fewer than ``min``.
- ``single_weight`` / ``single_weight_hard_max``: one weight above ``max`` / above
  ``hard_max`` (the second replaces the first for the same row).
- ``no_customer_indicator``: a customer-facing position (its unit is listed in the profile's
  ``customer_facing_units``) with fewer customer-linked indicators than
  ``min_on_customer_facing``; ``few_customer_linked``: any other position below
  ``recommended`` (seed 001 步骤6: "至少有 1–2 个与客户价值直接相关").
- ``result_weight_share``: Σ weight of ``kind == result`` / Σ weight of the position outside
  ``min``–``max`` % (seed 002 §二.1).
- ``card_incomplete``: a required card field (definition, formula, data source, period, owner;
  seed 001 步骤6 "硬要求") empty; one finding per position listing each missing field with its
  rows. ``card_columns_missing``: a required field has no column in the file at all; one
  finding for the whole table instead of one per position.
- ``incentive_compatibility`` (seed 002 §一.4): per policy rule, a scored volume indicator
  (orientation in the rule's ``volume`` list or not yet classified, more is better, name — or
  the name of its library card — containing a keyword) on a position that carries no partner:
  no indicator whose name mentions one of the rule's ``needs`` words and none of the library
  cards the volume cards list as ``balanced_by``.
- ``same_name_different_definition``: one indicator name (library-normalised) used in two or
  more units with two or more different definitions or formulas (normalised text).

Findings are ordered by severity, then by unit and position in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import altair as alt
import pandas as pd

from helpers import charts, i18n, schema
from helpers import library as library_module

TABLE = "current_kpis"
SEVERITIES = ("high", "medium", "low")
RULES = (
    "weight_sum", "single_weight_hard_max", "single_weight", "no_customer_indicator",
    "few_customer_linked", "incentive_compatibility", "too_many_indicators",
    "too_few_indicators", "result_weight_share", "same_name_different_definition",
    "card_columns_missing", "card_incomplete",
)
COLUMNS = ["severity", "rule", "unit", "position", "indicator", "file", "row", "rows",
           "evidence_zh", "evidence_en", "recommendation_zh", "recommendation_en"]
SUMMARY_COLUMNS = ["severity", "rule", "findings", "rows"]
#: Classifier code of an indicator it could not place (``helpers.diagnosis.classify``).
UNCLASSIFIED = "unknown"
#: Polarity of a volume indicator: more is better (METHOD §4 polarity codes).
VOLUME_POLARITY = "higher"
#: Fields compared by the same-name check (METHOD §2.4 "different definitions").
DEFINITION_FIELDS = ("definition", "formula")
#: Joins several units or positions inside one cell (client text, any language).
CELL_JOIN = " / "
#: Rounding that removes float noise such as 0.35 × 100 = 35.00000000000001 before comparing
#: with a policy limit; a numeric precision, not a method threshold.
_DIGITS = 9
SEVERITY_COLOURS = {"high": charts.WARNING, "medium": "#e0a03a", "low": charts.MUTED}

Params = dict[str, object]


# --- the findings table -------------------------------------------------------------------


def structural_findings(scorecard: pd.DataFrame, engagement, policy: dict) -> pd.DataFrame:
    """Every structural finding of METHOD §2.4 on the classified scorecard, one per row of
    the result (columns: ``COLUMNS``), ordered by severity, then unit and position."""
    checks = policy["structural_checks"]
    present = set(engagement.headers.get(TABLE, {})) or set(scorecard.columns)
    found = [
        *weight_sum(scorecard, checks["weight_sum"]),
        *indicator_count(scorecard, checks["indicator_count"]),
        *single_weight(scorecard, checks["single_weight"]),
        *customer_linked(scorecard, checks["customer_linked"]),
        *result_weight_share(scorecard, checks["result_weight_share"]),
        *card_fields(scorecard, checks["card_fields"], present),
        *incentive_compatibility(scorecard, checks["incentive_compatibility"]),
        *same_name_different_definition(scorecard, checks["same_name_different_definition"]),
    ]
    frame = pd.DataFrame(found, columns=[c for c in COLUMNS if c != "file"])
    frame.insert(COLUMNS.index("file"), "file", engagement.sources.get(TABLE, ""))
    return _in_reading_order(frame, scorecard)


def findings_summary(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings counted by severity and rule, with the number of distinct rows they point at
    (columns: ``SUMMARY_COLUMNS``), most severe first."""
    rows = []
    for (severity, rule), group in findings.groupby(["severity", "rule"], sort=False):
        pointed = {row for rows_of in group["rows"] for row in rows_of}
        rows.append({"severity": severity, "rule": rule, "findings": len(group),
                     "rows": len(pointed)})
    summary = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    order = summary["severity"].map(SEVERITIES.index) * len(RULES) + summary["rule"].map(
        _rule_rank)
    return summary.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def _in_reading_order(frame: pd.DataFrame, scorecard: pd.DataFrame) -> pd.DataFrame:
    """Severity, then the unit and position of the first row pointed at (input order), then
    rule, then row."""
    if frame.empty:
        return frame.reset_index(drop=True)
    units = {u: n for n, u in enumerate(dict.fromkeys(scorecard["unit"]))}
    cards = {k: n for n, k in enumerate(dict.fromkeys(zip(scorecard["unit"],
                                                           scorecard["position"], strict=True)))}
    keys = []
    for severity, rule, row in zip(frame["severity"], frame["rule"], frame["row"], strict=True):
        unit, position = scorecard.at[row, "unit"], scorecard.at[row, "position"]
        keys.append((SEVERITIES.index(severity), units[unit], cards[(unit, position)],
                     _rule_rank(rule), row))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return frame.iloc[order].reset_index(drop=True)


def _rule_rank(rule: str) -> int:
    return RULES.index(rule) if rule in RULES else len(RULES)


# --- checks (METHOD §2.4) -----------------------------------------------------------------


def weight_sum(scorecard: pd.DataFrame, rule: dict) -> list[dict]:
    """Positions whose weights do not add up to ``target`` ± ``tolerance`` (METHOD §2.4)."""
    found = []
    for (unit, position), card in _cards(scorecard):
        total = card["weight"].sum()
        if _above(abs(total - rule["target"]), rule["tolerance"]):
            params = {"total": _num(total), "target": _num(rule["target"]),
                      "tolerance": _num(rule["tolerance"])}
            found.append(_finding("weight_sum", rule["severity"], card.index, params,
                                  unit, position))
    return found


def indicator_count(scorecard: pd.DataFrame, rule: dict) -> list[dict]:
    """Positions with more than ``max`` or fewer than ``min`` indicators (METHOD §2.4;
    seed 001 步骤6 keeps 3–5 core indicators per position)."""
    found = []
    for (unit, position), card in _cards(scorecard):
        count = len(card)
        code = ("too_many_indicators" if count > rule["max"] else
                "too_few_indicators" if count < rule["min"] else None)
        if code:
            params = {"count": count, "max": rule["max"], "min": rule["min"]}
            found.append(_finding(code, rule["severity"], card.index, params, unit, position))
    return found


def single_weight(scorecard: pd.DataFrame, rule: dict) -> list[dict]:
    """Indicators weighted above ``max``, or above ``hard_max`` (METHOD §2.4, §6)."""
    found = []
    for row, item in scorecard.iterrows():
        weight = item["weight"]
        code = ("single_weight_hard_max" if _above(weight, rule["hard_max"]) else
                "single_weight" if _above(weight, rule["max"]) else None)
        if code:
            params = {"weight": _num(weight), "max": _num(rule["max"]),
                      "hard_max": _num(rule["hard_max"])}
            found.append(_finding(code, rule["severity"], [row], params, item["unit"],
                                  item["position"], item["indicator"]))
    return found


def customer_linked(scorecard: pd.DataFrame, rule: dict) -> list[dict]:
    """Customer-facing positions below ``min_on_customer_facing`` customer-linked indicators,
    and any other position below ``recommended`` (METHOD §2.4, seed 001 步骤6)."""
    found = []
    for (unit, position), card in _cards(scorecard):
        linked = int(card["customer_linked"].sum())
        if card["customer_facing"].any() and linked < rule["min_on_customer_facing"]:
            code = "no_customer_indicator"
        elif linked < rule["recommended"]:
            code = "few_customer_linked"
        else:
            continue
        params = {"linked": linked, "count": len(card), "min": rule["min_on_customer_facing"],
                  "recommended": rule["recommended"]}
        found.append(_finding(code, rule["severity"], card.index, params, unit, position))
    return found


def result_weight_share(scorecard: pd.DataFrame, rule: dict) -> list[dict]:
    """Positions whose result indicators carry less than ``min`` or more than ``max`` % of the
    position's own weight total (METHOD §2.4, seed 002 §二.1)."""
    found = []
    for (unit, position), card in _cards(scorecard):
        total = card["weight"].sum()
        if not _above(total, 0):
            continue
        results = card[card["kind"] == "result"]
        share = 100 * results["weight"].sum() / total
        if _above(rule["min"], share) or _above(share, rule["max"]):
            params = {"share": _num(share, 1), "min": _num(rule["min"]),
                      "max": _num(rule["max"]), "names": _names(results["indicator"])}
            found.append(_finding("result_weight_share", rule["severity"], card.index, params,
                                  unit, position))
    return found


def card_fields(scorecard: pd.DataFrame, rule: dict, present: Iterable[str]) -> list[dict]:
    """Indicator cards missing required fields (METHOD §2.4, seed 001 步骤6 "硬要求"): one
    finding per position listing each missing field with its rows; a field without any column
    in the file is one finding for the whole table."""
    present = set(present)
    absent = [f for f in rule["required"] if f not in present]
    checked = [f for f in rule["required"] if f in present]
    found = []
    if absent and not scorecard.empty:
        params = {"fields": _field_list(absent), "count": len(scorecard)}
        found.append(_finding("card_columns_missing", rule["severity"], scorecard.index,
                              params))
    for (unit, position), card in _cards(scorecard):
        missing = {f: [r for r in card.index if _blank(card.at[r, f])] for f in checked}
        missing = {f: rows for f, rows in missing.items() if rows}
        if missing:
            rows = sorted({r for rows in missing.values() for r in rows})
            params = {"fields": _fields_with_rows(missing),
                      "field_names": _field_list(list(missing))}
            found.append(_finding("card_incomplete", rule["severity"], rows, params,
                                  unit, position))
    return found


def incentive_compatibility(scorecard: pd.DataFrame, check: dict) -> list[dict]:
    """Volume indicators without a margin / collection / retention partner on the same
    position, per policy rule (METHOD §2.4, seed 002 §一.4)."""
    cards = library_module.load().cards
    texts = {row: _match_text(item, cards) for row, item in scorecard.iterrows()}
    found = []
    for rule in check["rules"]:
        volume_words = _keywords(rule["keywords_zh"], rule["keywords_en"])
        partner_words = _keywords(rule["needs_zh"], rule["needs_en"])
        eligible = {*rule["volume"], UNCLASSIFIED}
        for (unit, position), card in _cards(scorecard):
            partners = [r for r in card.index if _mentions(texts[r], partner_words)]
            volume = [r for r in card.index if r not in partners
                      and _above(card.at[r, "weight"], 0)
                      and card.at[r, "orientation"] in eligible
                      and _rewards_more(card.loc[r], cards)
                      and _mentions(texts[r], volume_words)]
            if not volume or partners:
                continue
            balancing = _balanced_by(card.loc[volume, "library_id"], cards)
            if card["library_id"].isin(balancing).any():
                continue
            found.append(_incentive_finding(card.loc[volume], rule, check["severity"],
                                            balancing, cards, unit, position))
    return found


def _incentive_finding(volume: pd.DataFrame, rule: dict, severity: str, balancing: list[str],
                       cards: pd.DataFrame, unit: str, position: str) -> dict:
    pairs = _pairs(volume)
    needs = {"zh": rule["needs_zh"], "en": rule["needs_en"]}
    params = {
        "volume": lambda lang: _join(pairs, lang),
        "weight": _num(volume["weight"].sum()),
        "needs": lambda lang: i18n.t("checks.alternatives", lang).join(needs[lang]),
        "suggestion": lambda lang: _suggestion(balancing, cards, lang),
    }
    return _finding("incentive_compatibility", severity, volume.index, params, unit, position,
                    CELL_JOIN.join(dict.fromkeys(volume["indicator"])))


def same_name_different_definition(scorecard: pd.DataFrame, rule: dict) -> list[dict]:
    """One indicator name used in two or more units with two or more different definitions or
    formulas (METHOD §2.4); the finding points at every row carrying the name."""
    found = []
    keys = scorecard["indicator"].map(library_module.normalise)
    for _, group in scorecard.groupby(keys, sort=False):
        if group["unit"].nunique() < 2:
            continue
        versions = {f: _versions(group[f]) for f in DEFINITION_FIELDS if f in group}
        differing = {f: n for f, n in versions.items() if n > 1}
        if not differing:
            continue
        params = {"name": group["indicator"].iloc[0],
                  "units": lambda lang, g=group: _join(list(dict.fromkeys(g["unit"])), lang),
                  "details": _version_details(differing),
                  "rows": lambda lang, g=group: _rows_phrase(g.index, lang)}
        found.append(_finding("same_name_different_definition", rule["severity"], group.index,
                              params, CELL_JOIN.join(dict.fromkeys(group["unit"])),
                              CELL_JOIN.join(dict.fromkeys(group["position"])),
                              group["indicator"].iloc[0]))
    return found


# --- helpers ------------------------------------------------------------------------------


def _cards(scorecard: pd.DataFrame):
    """(unit, position) → rows of that scorecard, in input order."""
    return scorecard.groupby(["unit", "position"], sort=False)


def _finding(rule: str, severity: str, rows: Iterable, params: Params, unit: str = "",
             position: str = "", indicator: str = "") -> dict:
    """One finding with its evidence and recommendation rendered in both languages; a param
    may be a function of the language."""
    rows = sorted(int(r) for r in rows)
    finding = {"severity": severity, "rule": rule, "unit": unit, "position": position,
               "indicator": indicator, "row": rows[0], "rows": rows}
    for lang in i18n.LANGUAGES:
        values = {k: v(lang) if callable(v) else v for k, v in params.items()}
        finding[f"evidence_{lang}"] = i18n.t(f"checks.evidence.{rule}", lang, **values)
        finding[f"recommendation_{lang}"] = i18n.t(f"checks.recommendation.{rule}", lang,
                                                   **values)
    return finding


def _above(value: float, limit: float) -> bool:
    """``value > limit`` without float noise."""
    return round(float(value) - float(limit), _DIGITS) > 0


def _num(value: float, digits: int = 2) -> str:
    """A number as the report shows it: 95, 99.5, 33.3."""
    return f"{round(float(value), digits):g}"


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (
        isinstance(value, str) and not value.strip())


def _join(items: Iterable[str], lang: str) -> str:
    return i18n.t("checks.separator", lang).join(str(i) for i in items)


def _names(names: pd.Series) -> Callable[[str], str]:
    """Distinct indicator names joined, or "none"."""
    distinct = list(dict.fromkeys(names))
    return lambda lang: _join(distinct, lang) if distinct else i18n.t("common.none", lang)


def _pairs(rows: pd.DataFrame) -> list[str]:
    """"name (weight)" for each row."""
    return [f"{name}({_num(weight)})" for name, weight in zip(rows["indicator"], rows["weight"],
                                                             strict=True)]


def format_rows(rows: Iterable, lang: str) -> str:
    """Row numbers with runs collapsed: [30, 31, 32, 33, 38] → "30–33、38"."""
    ordered = sorted({int(r) for r in rows})
    runs: list[list[int]] = []
    for row in ordered:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return _join([f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs], lang)


def _rows_phrase(rows: Iterable, lang: str) -> str:
    """"第 30–33 行" / "rows 30–33" ("row 30" for a single row)."""
    rows = list(rows)
    key = "checks.row_one" if len(set(rows)) == 1 else "checks.row_many"
    return i18n.t(key, lang, rows=format_rows(rows, lang))


def _field_label(field: str, lang: str) -> str:
    """The schema's label of a ``current_kpis`` column in the report language."""
    return schema.tables()[TABLE].columns[field].label(lang)


def _field_list(fields: list[str]) -> Callable[[str], str]:
    return lambda lang: _join([_field_label(f, lang) for f in fields], lang)


def _fields_with_rows(missing: dict[str, list[int]]) -> Callable[[str], str]:
    """"指标定义(第 31 行)、数据责任人(第 30–33 行)"."""
    return lambda lang: _join([i18n.t("checks.field_rows", lang, field=_field_label(f, lang),
                                      rows=_rows_phrase(rows, lang))
                               for f, rows in missing.items()], lang)


def _versions(values: pd.Series) -> int:
    """How many different non-empty texts a column holds, after normalisation."""
    return len({library_module.normalise(v) for v in values if not _blank(v)})


def _version_details(differing: dict[str, int]) -> Callable[[str], str]:
    return lambda lang: _join([i18n.t("checks.versions", lang, field=_field_label(f, lang),
                                      count=n) for f, n in differing.items()], lang)


def _keywords(*lists: list[str]) -> list[str]:
    return [library_module.normalise(word) for words in lists for word in words]


def _match_text(item: pd.Series, cards: pd.DataFrame) -> str:
    """The indicator name plus, when matched, its library card's zh and en names."""
    names = [item["indicator"]]
    card_id = item.get("library_id")
    if isinstance(card_id, str) and card_id in cards.index:
        names += [cards.at[card_id, "name_zh"], cards.at[card_id, "name_en"]]
    return " ".join(library_module.normalise(n) for n in names)


def _rewards_more(item: pd.Series, cards: pd.DataFrame) -> bool:
    """Whether more is better: the row's own polarity, else its library card's; a volume
    indicator never counts down (days sales outstanding mentions "sales" but is not one)."""
    polarity = item.get("polarity")
    card_id = item.get("library_id")
    if _blank(polarity) and isinstance(card_id, str) and card_id in cards.index:
        polarity = cards.at[card_id, "polarity"]
    return _blank(polarity) or polarity == VOLUME_POLARITY


def _mentions(text: str, words: list[str]) -> bool:
    return any(word in text for word in words)


def _balanced_by(card_ids: pd.Series, cards: pd.DataFrame) -> list[str]:
    """Library ids the matched volume cards name as their balancing indicators."""
    ids = [i for i in card_ids if isinstance(i, str) and i in cards.index]
    return list(dict.fromkeys(b for i in ids for b in cards.at[i, "balanced_by"]))


def _suggestion(balancing: list[str], cards: pd.DataFrame, lang: str) -> str:
    if not balancing:
        return ""
    names = [cards.at[i, f"name_{lang}"] for i in balancing if i in cards.index]
    return i18n.t("checks.library_pairs", lang, names=_join(names, lang))


# --- presentation -------------------------------------------------------------------------


def findings_table(findings: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The findings with labels in the report language and rows written as "30–33、38"."""
    def col(name):
        return i18n.t(f"checks.col.{name}", lang)
    return pd.DataFrame({
        col("severity"): [i18n.t(f"checks.severity.{s}", lang) for s in findings["severity"]],
        col("rule"): [i18n.t(f"checks.rule.{r}", lang) for r in findings["rule"]],
        col("unit"): findings["unit"].to_list(),
        col("position"): findings["position"].to_list(),
        col("indicator"): findings["indicator"].to_list(),
        col("rows"): [format_rows(r, lang) for r in findings["rows"]],
        col("evidence"): findings[f"evidence_{lang}"].to_list(),
        col("recommendation"): findings[f"recommendation_{lang}"].to_list(),
    })


def summary_table(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`findings_summary` with labels in the report language."""
    def col(name):
        return i18n.t(f"checks.col.{name}", lang)
    return pd.DataFrame({
        col("severity"): [i18n.t(f"checks.severity.{s}", lang) for s in summary["severity"]],
        col("rule"): [i18n.t(f"checks.rule.{r}", lang) for r in summary["rule"]],
        col("findings"): summary["findings"].to_list(),
        col("rows_count"): summary["rows"].to_list(),
    })


def findings_chart(summary: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Horizontal bars: findings per rule, coloured by severity, most severe first; None when
    there is no finding."""
    if summary.empty:
        return None
    severity_label = {s: i18n.t(f"checks.severity.{s}", lang) for s in SEVERITIES}
    frame = pd.DataFrame({
        "rule": [i18n.t(f"checks.rule.{r}", lang) for r in summary["rule"]],
        "findings": summary["findings"].to_list(),
        "severity": [severity_label[s] for s in summary["severity"]],
    })
    return (
        alt.Chart(frame, title=i18n.t("checks.chart.findings", lang))
        .mark_bar()
        .encode(
            x=alt.X("findings:Q", title=i18n.t("checks.col.findings", lang),
                    axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("rule:N", sort=list(frame["rule"]), title=None,
                    axis=alt.Axis(labelLimit=260)),
            color=alt.Color("severity:N", title=i18n.t("checks.col.severity", lang),
                            scale=alt.Scale(domain=list(severity_label.values()),
                                            range=[SEVERITY_COLOURS[s] for s in SEVERITIES])),
            tooltip=["rule", "severity", "findings"],
        )
        .properties(width=460, height=max(60, 26 * len(frame)))
    )
