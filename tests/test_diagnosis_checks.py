"""Structural checks (METHOD §2.4) and conflicting pairs (METHOD §2.5) of the current
scorecards: each rule fires exactly at its policy boundary, every finding points at real input
rows, and the samples' deliberate defects (their README tables (a)–(h)) are found."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest
from conftest import MINIMAL_PROFILE, write_engagement
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import engagement, i18n, paths, policy
from helpers.diagnosis import checks, conflicts, scorecard

POLICY = policy.load("default")
HEADER = "部门,岗位,指标名称,权重,指标定义,计算公式,数据来源,考核周期,数据责任人,导向(人工判定)"
CARD = "定义{n},公式{n},系统,月度,专员"
ORIENTATION_ZH = {"customer": "客户价值", "business": "业务结果", "internal": "内部流程",
                  "capability": "学习成长", "risk": "风险合规", None: ""}


def kpis_csv(rows, header: str = HEADER) -> str:
    """Rows (unit, position, indicator, weight[, orientation[, card fields]]) as a CSV; card
    fields default to a complete card and orientation to the classifier's own choice."""
    lines = [header]
    for n, row in enumerate(rows):
        unit, position, name, weight, *rest = row
        orientation = rest[0] if rest else None
        card = rest[1] if len(rest) > 1 else CARD.format(n=n)
        lines.append(f"{unit},{position},{name},{weight},{card},{ORIENTATION_ZH[orientation]}")
    return "\n".join(lines) + "\n"


def load(tmp_path, rows, facing=(), header: str = HEADER):
    """A validated hand-built engagement and its classified scorecard."""
    profile = MINIMAL_PROFILE + "customer_facing_units: [" + ", ".join(facing) + "]\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": kpis_csv(rows, header)},
                              profile=profile)
    loaded = engagement.load(folder)
    return loaded, scorecard.build(loaded, POLICY)


def findings(tmp_path, rows, facing=(), rule=None, policy_used=POLICY, header: str = HEADER):
    loaded, card = load(tmp_path, rows, facing, header)
    found = checks.structural_findings(card, loaded, policy_used)
    return found if rule is None else found[found["rule"] == rule]


def neutral(position: str, weights, unit: str = "甲部", orientation: str = "internal"):
    """Rows with names no library card or rule recognises (甲1, 甲2, …)."""
    return [(unit, position, f"{position}{n}", w, orientation) for n, w in enumerate(weights)]


# --- weights and counts ---------------------------------------------------------------------


@pytest.mark.parametrize(("weights", "fires"), [
    ((40, 30, 30), False), ((40, 30, 29.5), False), ((40, 30, 30.5), False),
    ((40, 30, 29.4), True), ((40, 30, 30.6), True), ((40, 30, 25), True)])
def test_weight_sum_boundary(tmp_path, weights, fires):
    found = findings(tmp_path, neutral("岗", weights), rule="weight_sum")
    assert len(found) == int(fires)
    if fires:
        row = found.iloc[0]
        assert row["rows"] == [2, 3, 4] and row["severity"] == "high"
        assert f"{sum(weights):g}" in row["evidence_zh"] and "100 ± 0.5" in row["evidence_zh"]


@pytest.mark.parametrize(("count", "rule"), [(2, "too_few_indicators"), (3, None), (8, None),
                                             (9, "too_many_indicators")])
def test_indicator_count_boundary(tmp_path, count, rule):
    weights = [100 / count] * count
    found = findings(tmp_path, neutral("岗", [round(w, 4) for w in weights]))
    counted = found[found["rule"].isin(["too_few_indicators", "too_many_indicators"])]
    assert counted["rule"].to_list() == ([rule] if rule else [])
    if rule:
        assert counted.iloc[0]["rows"] == list(range(2, 2 + count))
        assert counted.iloc[0]["severity"] == "medium"


@pytest.mark.parametrize(("weight", "rule"), [(30, None), (35, "single_weight"),
                                              (60, "single_weight"),
                                              (65, "single_weight_hard_max")])
def test_single_weight_boundary(tmp_path, weight, rule):
    rest = (100 - weight) / 3
    found = findings(tmp_path, neutral("岗", [weight, rest, rest, rest]))
    heavy = found[found["rule"].str.startswith("single_weight")]
    assert heavy["rule"].to_list() == ([rule] if rule else [])
    if rule:
        assert heavy.iloc[0]["rows"] == [2] and heavy.iloc[0]["indicator"] == "岗0"
        assert heavy.iloc[0]["severity"] == "high"


def test_fraction_weights_have_no_float_noise(tmp_path):
    """0.3 × 100 = 30.000000000000004 must still pass the 30 limit."""
    rows = [("甲部", "岗", f"岗{n}", w, "internal") for n, w in enumerate((0.3, 0.3, 0.2, 0.2))]
    found = findings(tmp_path, rows)
    assert not found["rule"].isin(["single_weight", "weight_sum"]).any()


# --- customer-linked indicators -------------------------------------------------------------


@pytest.mark.parametrize(("customer", "facing", "rule"), [
    (0, True, "no_customer_indicator"), (1, True, "few_customer_linked"), (2, True, None),
    (0, False, "few_customer_linked"), (2, False, None)])
def test_customer_linked_indicators(tmp_path, customer, facing, rule):
    orientations = ["customer"] * customer + ["internal"] * (4 - customer)
    rows = [("前台", "岗", f"岗{n}", 25, o) for n, o in enumerate(orientations)]
    found = findings(tmp_path, rows, facing=["前台"] if facing else [])
    linked = found[found["rule"].isin(["no_customer_indicator", "few_customer_linked"])]
    assert linked["rule"].to_list() == ([rule] if rule else [])
    if rule:
        assert linked.iloc[0]["rows"] == [2, 3, 4, 5] and linked.iloc[0]["indicator"] == ""


# --- result share -----------------------------------------------------------------------------


@pytest.mark.parametrize(("result_weight", "fires"), [(35, True), (40, False), (50, False),
                                                      (60, False), (65, True), (0, True)])
def test_result_share_boundary(tmp_path, result_weight, fires):
    rows = [("甲部", "岗", "岗结果", result_weight, "customer"),
            ("甲部", "岗", "岗过程一", (100 - result_weight) / 2, "internal"),
            ("甲部", "岗", "岗过程二", (100 - result_weight) / 2, "internal")]
    rows = [r for r in rows if r[3] > 0]
    found = findings(tmp_path, rows, rule="result_weight_share")
    assert len(found) == int(fires)
    if fires:
        assert f"{result_weight}%" in found.iloc[0]["evidence_zh"]


def test_result_share_is_measured_on_the_positions_own_total(tmp_path):
    """45 of 90 points is 50 %: inside the band although the weights are wrong."""
    rows = [("甲部", "岗", "岗结果", 45, "customer"), ("甲部", "岗", "岗过程", 45, "internal"),
            ("甲部", "岗", "岗过程二", 0, "internal")]
    assert findings(tmp_path, rows, rule="result_weight_share").empty


# --- indicator cards --------------------------------------------------------------------------


def test_incomplete_cards_give_one_finding_per_position(tmp_path):
    rows = [("甲部", "岗一", "岗一0", 40, "internal", ",公式,系统,月度,专员"),
            ("甲部", "岗一", "岗一1", 30, "internal", "定义,,,月度,专员"),
            ("甲部", "岗一", "岗一2", 30, "internal", "定义,公式,系统,月度, "),
            *neutral("岗二", (40, 30, 30))]
    found = findings(tmp_path, rows, rule="card_incomplete")
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["position"], row["rows"], row["severity"]) == ("岗一", [2, 3, 4], "low")
    assert row["evidence_zh"] == ("缺少指标定义(第 2 行)、计算公式(第 3 行)、数据来源(第 3 行)、"
                                  "数据责任人(第 4 行)")
    assert "period" not in row["evidence_en"]


def test_a_missing_column_is_one_finding_for_the_whole_table(tmp_path):
    header = "部门,岗位,指标名称,权重,指标定义,计算公式,考核周期,数据责任人,导向(人工判定)"
    rows = [(*r[:5], "定义,公式,月度,专员") for r in neutral("岗一", (40, 30, 30))
            + neutral("岗二", (50, 50, 0))]
    found = findings(tmp_path, rows, header=header)
    cards = found[found["rule"].str.startswith("card_")]
    assert cards["rule"].to_list() == ["card_columns_missing"]
    assert cards.iloc[0]["rows"] == list(range(2, 8))
    assert "数据来源" in cards.iloc[0]["evidence_zh"]


# --- incentive compatibility (seed 002 §一.4) -------------------------------------------------


#: Only the revenue-without-margin rule, so these tests see one rule at a time.
REVENUE_RULE_ONLY = policy.load("default", {"structural_checks": {"incentive_compatibility": {
    "rules": POLICY["structural_checks"]["incentive_compatibility"]["rules"][:1]}}})


def sales_card(*extra):
    return [("销售部", "客户经理", "销售额完成率", 40), ("销售部", "客户经理", "新签合同额", 30),
            *[("销售部", "客户经理", name, weight) for name, weight in extra]]


def test_volume_without_margin_collection_or_retention(tmp_path):
    found = findings(tmp_path, sales_card(("客户满意度", 30)), rule="incentive_compatibility",
                     policy_used=REVENUE_RULE_ONLY)
    assert len(found) == 1
    row = found.iloc[0]
    assert row["rows"] == [2, 3] and row["severity"] == "high"
    assert "销售额完成率(40)、新签合同额(30)" in row["evidence_zh"]
    assert "70" in row["evidence_zh"] and "回款" in row["evidence_zh"]
    assert "毛利率" in row["recommendation_zh"]  # the library's balanced_by pair


@pytest.mark.parametrize("partner", ["回款率", "毛利率", "客户续约率"])
def test_a_partner_on_the_same_position_balances_volume(tmp_path, partner):
    assert findings(tmp_path, sales_card((partner, 30)), rule="incentive_compatibility",
                    policy_used=REVENUE_RULE_ONLY).empty


def test_a_partner_on_another_position_does_not_count(tmp_path):
    rows = [*sales_card(("客户满意度", 30)), ("财务部", "会计", "回款率", 100)]
    found = findings(tmp_path, rows, rule="incentive_compatibility",
                     policy_used=REVENUE_RULE_ONLY)
    assert found["position"].to_list() == ["客户经理"]


def test_signing_without_collection_and_new_customers_without_retention(tmp_path):
    """seed 002 §一.4: signing w/o collection, new customers w/o retention."""
    rows = [("销售部", "拓展专员", "新签合同额", 50), ("销售部", "拓展专员", "新客户开发数", 50)]
    found = findings(tmp_path, rows, rule="incentive_compatibility")
    # revenue without margin (合同额), signing without collection, new customers w/o retention
    assert len(found) == 3
    assert any("回款" in e for e in found["evidence_zh"])
    balanced = [*rows[:1], ("销售部", "拓展专员", "回款率", 25),
                ("销售部", "拓展专员", "新客户开发数", 25)]
    assert len(findings(tmp_path, balanced, rule="incentive_compatibility")) == 1


def test_library_balanced_by_counts_as_partner(tmp_path):
    """中间业务收入贡献 is balanced by 销售适当性违规次数 in the library, a word the policy's
    keyword lists do not know."""
    rows = [("财富部", "理财经理", "中间业务收入贡献", 60, "business"),
            ("财富部", "理财经理", "合规培训场次", 40, "internal")]
    assert len(findings(tmp_path, rows, rule="incentive_compatibility")) == 1
    rows[1] = ("财富部", "理财经理", "销售适当性违规次数", 40, "risk")
    assert findings(tmp_path, rows, rule="incentive_compatibility").empty


def test_unscored_or_decreasing_indicators_are_not_volume(tmp_path):
    rows = [("销售部", "客户经理", "销售额完成率", 0), ("销售部", "客户经理", "客户满意度", 50),
            ("财务部", "会计", "应收账款周转天数", 50), ("销售部", "客户经理", "拜访次数", 50),
            ("财务部", "会计", "开票及时率", 50)]
    assert findings(tmp_path, rows, rule="incentive_compatibility").empty


def test_incentive_rules_come_from_the_policy(tmp_path):
    custom = policy.load("default", {"structural_checks": {"incentive_compatibility": {
        "rules": [{"id": "new_customers_without_retention", "volume": ["business", "internal"],
                   "keywords_zh": ["新开"], "keywords_en": ["new accounts"],
                   "needs_zh": ["动销"], "needs_en": ["sell-out"]}]}}})
    rows = [("渠道部", "拓展专员", "新开经销商数", 60, "business"),
            ("渠道部", "拓展专员", "开户资料完整率", 40, "internal")]
    found = findings(tmp_path, rows, rule="incentive_compatibility", policy_used=custom)
    assert found["rows"].to_list() == [[2]] and "动销" in found.iloc[0]["evidence_zh"]
    assert findings(tmp_path, sales_card(("客户满意度", 30)), rule="incentive_compatibility",
                    policy_used=custom).empty


# --- same name, different definitions ---------------------------------------------------------


def test_same_name_with_different_definitions_in_two_units(tmp_path):
    rows = [("甲部", "岗一", "人均产能", 100, "internal", "人均合同额,合同额÷人数,系统,月度,专员"),
            ("乙部", "岗二", "人均产能", 50, "internal", "人均交付人天,人天÷人数,系统,月度,专员"),
            ("乙部", "岗二", "其他", 50, "internal"),
            ("丙部", "岗三", "人均产能", 100, "internal", "人均合同额,合同额÷人数,系统,月度,专员")]
    found = findings(tmp_path, rows, rule="same_name_different_definition")
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["rows"], row["indicator"], row["severity"]) == ([2, 3, 5], "人均产能", "medium")
    assert row["unit"] == "甲部 / 乙部 / 丙部"
    assert "指标定义有 2 种写法" in row["evidence_zh"] and "第 2–3、5 行" in row["evidence_zh"]


@pytest.mark.parametrize("second", [
    "人均 合同额,合同额 ÷ 人数,系统,月度,专员",  # only spacing differs
    ",,系统,月度,专员",  # nothing to compare with: the card check reports it
])
def test_same_definition_or_nothing_to_compare_does_not_fire(tmp_path, second):
    rows = [("甲部", "岗一", "人均产能", 100, "internal", "人均合同额,合同额÷人数,系统,月度,专员"),
            ("乙部", "岗二", "人均产能", 100, "internal", second)]
    assert findings(tmp_path, rows, rule="same_name_different_definition").empty


def test_different_definitions_inside_one_unit_do_not_fire(tmp_path):
    rows = [("甲部", "岗一", "人均产能", 100, "internal", "人均合同额,合同额÷人数,系统,月度,专员"),
            ("甲部", "岗二", "人均产能", 100, "internal", "人均人天,人天÷人数,系统,月度,专员")]
    assert findings(tmp_path, rows, rule="same_name_different_definition").empty


# --- the table as a whole ----------------------------------------------------------------------


def test_findings_are_ordered_by_severity_then_input_order(tmp_path):
    rows = [*neutral("岗一", (40, 30, 25), unit="乙部"), *neutral("岗二", (35, 65), unit="甲部")]
    found = findings(tmp_path, rows)
    ranks = found["severity"].map(checks.SEVERITIES.index).to_list()
    assert ranks == sorted(ranks)
    high = found[found["severity"] == "high"]
    assert high["unit"].to_list()[0] == "乙部"  # input order, not alphabetical
    assert list(found.columns) == checks.COLUMNS
    assert set(found["file"]) == {"inputs/current_kpis.csv"}


def test_summary_counts_by_severity_and_rule(tmp_path):
    rows = [*neutral("岗一", (30, 30, 25)), *neutral("岗二", (35, 35, 30))]
    found = findings(tmp_path, rows)
    summary = checks.findings_summary(found).set_index("rule")
    assert summary.loc["single_weight", "findings"] == 2
    assert summary.loc["single_weight", "rows"] == 2
    assert summary.loc["weight_sum", "severity"] == "high"
    assert summary["findings"].sum() == len(found)
    assert list(checks.findings_summary(found.iloc[:0]).columns) == checks.SUMMARY_COLUMNS


def test_a_clean_scorecard_has_no_findings(tmp_path):
    rows = [("前台", "岗", "岗结果一", 30, "customer"), ("前台", "岗", "岗结果二", 20, "customer"),
            ("前台", "岗", "岗过程一", 30, "internal"), ("前台", "岗", "岗过程二", 20, "internal")]
    found = findings(tmp_path, rows, facing=["前台"])
    assert found.empty and list(found.columns) == checks.COLUMNS
    assert checks.findings_chart(checks.findings_summary(found), "zh") is None


def test_display_tables_and_chart(tmp_path):
    found = findings(tmp_path, neutral("岗", (35, 35, 20)))
    table = checks.findings_table(found, "en")
    assert list(table.columns)[:2] == ["Severity", "Check"]
    assert "weights add up to 90" in " ".join(table["Evidence"])
    chart = checks.findings_chart(checks.findings_summary(found), "zh").to_dict()
    assert chart["encoding"]["y"]["field"] == "rule"
    assert checks.format_rows([5, 2, 3, 4, 9], "zh") == "2–5、9"
    assert checks.format_rows([5, 2, 3, 4, 9], "en") == "2–5, 9"


# --- property: every finding names real input rows ---------------------------------------------

KINDS = {"customer": "result", "business": "result", "internal": "process", "risk": "process"}
NAMES = ["销售额完成率", "回款率", "客户满意度", "人均产能", "平均通话时长", "一次解决率",
         "甲", "乙"]
LIBRARY_IDS = {"销售额完成率": "sales.revenue_attainment", "回款率": "sales.collection_rate",
               "平均通话时长": "customer_service.average_handle_time",
               "一次解决率": "customer_service.first_contact_resolution"}
row_strategy = st.tuples(
    st.sampled_from(["甲部", "乙部", "丙部"]), st.sampled_from(["岗一", "岗二", "岗三"]),
    st.sampled_from(NAMES), st.sampled_from([0, 5, 10, 25, 30, 35, 65, 100]),
    st.sampled_from(list(KINDS)), st.sampled_from([None, "", "定义一", "定义二"]),
    st.booleans())


def random_scorecard(rows, first_row: int) -> pd.DataFrame:
    records = []
    for unit, position, name, weight, orientation, definition, facing in rows:
        records.append({
            "unit": unit, "position": position, "indicator": name, "weight": float(weight),
            "definition": definition, "formula": "f", "data_source": "s", "period": "月度",
            "owner": definition, "polarity": None, "orientation": orientation,
            "kind": KINDS[orientation], "library_id": LIBRARY_IDS.get(name),
            "customer_facing": facing, "customer_linked": orientation == "customer"})
    index = pd.Index(range(first_row, first_row + len(records)), name="row")
    return pd.DataFrame.from_records(records, index=index)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(row_strategy, min_size=1, max_size=14), st.integers(2, 500))
def test_findings_and_conflicts_never_point_outside_the_input(rows, first_row):
    card = random_scorecard(rows, first_row)
    fake = SimpleNamespace(headers={"current_kpis": {c: None for c in card.columns}},
                           sources={"current_kpis": "inputs/current_kpis.csv"})
    found = checks.structural_findings(card, fake, POLICY)
    for row in found.itertuples():
        assert row.rows and set(row.rows) <= set(card.index)
        assert row.row == min(row.rows) and row.severity in checks.SEVERITIES
    pairs = conflicts.detect_conflicts(card, POLICY, "inputs/current_kpis.csv")
    for row in pairs.itertuples():
        assert row.rows_a and set(row.rows_a) | set(row.rows_b) <= set(card.index)


# --- conflicts (METHOD §2.5) ---------------------------------------------------------------------


def scored(*rows) -> pd.DataFrame:
    """(unit, position, name, library id, weight) rows from spreadsheet row 2."""
    frame = pd.DataFrame(rows, columns=["unit", "position", "indicator", "library_id", "weight"])
    return frame.set_axis(pd.Index(range(2, 2 + len(frame)), name="row"))


REVENUE = "sales.revenue_attainment"
MARGIN = "sales.gross_margin"
SHARED_PROFIT = "sales.gross_profit_contribution"


def test_conflict_across_units_and_unbalanced_within_a_position():
    card = scored(("销售部", "客户经理", "销售额完成率", REVENUE, 60),
                  ("销售部", "客户经理", "客户满意度", None, 40),
                  ("财务部", "财务经理", "毛利率", MARGIN, 100))
    found = conflicts.detect_conflicts(card, POLICY, "inputs/current_kpis.csv")
    found = found[found["conflict"] == "revenue_vs_gross_margin"].set_index("scope")
    across = found.loc["across_units"]
    assert across["units"] == ["销售部", "财务部"]
    assert (across["rows_a"], across["rows_b"]) == ([2], [4])
    assert (across["indicators_a"], across["indicators_b"]) == (["销售额完成率"], ["毛利率"])
    within = found.loc["within_position"]
    assert (within["positions"], within["rows_a"], within["rows_b"]) == (["客户经理"], [2], [])
    assert within["file"] == "inputs/current_kpis.csv"
    assert within["balance_zh"].startswith("销售卡上收入与毛利率成对出现")


@pytest.mark.parametrize("balancing", [MARGIN, SHARED_PROFIT])
def test_a_position_carrying_the_other_side_or_a_shared_indicator_is_balanced(balancing):
    card = scored(("销售部", "客户经理", "销售额完成率", REVENUE, 60),
                  ("销售部", "客户经理", "平衡", balancing, 40))
    found = conflicts.detect_conflicts(card, POLICY)
    assert found[found["conflict"] == "revenue_vs_gross_margin"].empty


def test_same_unit_is_not_across_units_and_side_b_alone_is_not_flagged():
    service = "customer_service."
    card = scored(("客服部", "坐席", "平均通话时长", service + "average_handle_time", 50),
                  ("客服部", "坐席", "人均接听量", service + "calls_handled", 50),
                  ("客服部", "专家", "一次解决率", service + "first_contact_resolution", 100))
    found = conflicts.detect_conflicts(card, POLICY)
    assert found["scope"].to_list() == ["within_position"]
    assert found.iloc[0]["positions"] == ["坐席"] and found.iloc[0]["rows_a"] == [2, 3]


def test_observed_side_a_indicators_exert_no_pressure():
    card = scored(("销售部", "客户经理", "销售额完成率", REVENUE, 0),
                  ("财务部", "财务经理", "毛利率", MARGIN, 100))
    assert conflicts.detect_conflicts(card, POLICY).empty


def test_conflicts_table_in_both_languages():
    card = scored(("销售部", "客户经理", "销售额完成率", REVENUE, 60),
                  ("财务部", "财务经理", "毛利率", MARGIN, 100))
    found = conflicts.detect_conflicts(card, POLICY)
    table = conflicts.conflicts_table(found, "en")
    assert table.iloc[0, 0] == "销售额完成率 ↔ 毛利率"
    assert "(nothing balances it on this position)" in table.iloc[1, 0]
    assert list(conflicts.conflicts_table(found, "zh").columns)[0] == i18n.t(
        "checks.conflict.col.pair", "zh")
    assert list(found.columns) == conflicts.COLUMNS


# --- the samples' deliberate defects (README tables (a)–(h)) ------------------------------


@pytest.fixture(scope="module")
def samples():
    found = {}
    for name in ("xingyun_saas", "lanshan_bank", "qingtian_foods"):
        loaded = engagement.load(paths.DATA_SAMPLES / name)
        used = policy.for_engagement(loaded.profile)
        card = scorecard.build(loaded, used)
        found[name] = (card, checks.structural_findings(card, loaded, used),
                       conflicts.detect_conflicts(card, used, loaded.sources["current_kpis"]))
    return found


def rows_of(found: pd.DataFrame, rule) -> list[list[int]]:
    rules = [rule] if isinstance(rule, str) else rule
    return sorted(found.loc[found["rule"].isin(rules), "rows"].to_list())


def positions_of(found: pd.DataFrame, rule: str) -> set[str]:
    return set(found.loc[found["rule"] == rule, "position"])


def span(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


#: Classification-independent defects, exactly as each README lists them.
EXACT = {
    "xingyun_saas": {
        "weight_sum": [span(30, 33), span(115, 119)],
        ("too_many_indicators", "too_few_indicators"): [span(60, 69), span(81, 82)],
        ("single_weight", "single_weight_hard_max"): [[r] for r in (9, 30, 34, 53, 81, 82, 95,
                                                                   120, 124)],
        "single_weight_hard_max": [[53]],
        "same_name_different_definition": [[6, 88], [58, 126], [63, 74, 87], [96, 105]],
        "card_incomplete": [span(30, 33), [38], [68], [98], [104], [116, 119], [126]],
    },
    "lanshan_bank": {
        "weight_sum": [span(21, 27), span(96, 100)],
        ("too_many_indicators", "too_few_indicators"): [span(19, 20), span(52, 60),
                                                        span(65, 73)],
        ("single_weight", "single_weight_hard_max"): [[r] for r in (8, 15, 19, 20, 43, 52, 74,
                                                                   96)],
        "single_weight_hard_max": [[19]],
        "same_name_different_definition": [[3, 9, 23, 43], [4, 10, 48, 53], [11, 30, 39, 55]],
        "card_incomplete": [[14], [15, 18], [41], [61, 64], [71], [80], [94]],
    },
    "qingtian_foods": {
        "weight_sum": [span(39, 42), span(96, 100)],
        ("too_many_indicators", "too_few_indicators"): [span(31, 32), span(66, 74)],
        ("single_weight", "single_weight_hard_max"): [[r] for r in (9, 15, 27, 28, 31, 32, 39, 48,
                                                                   63, 64, 83, 92, 101, 102)],
        "single_weight_hard_max": [[31]],
        "same_name_different_definition": [[7, 71, 97], [20, 61], [47, 78]],
    },
}

#: Defects that depend on classification (README (d), (e), (g)): the unambiguous ones only —
#: positions whose indicators are plainly internal, plainly volume, or far from the result
#: band. Borderline names (重大投诉, 缺货率, POC成功率, 续约金额完成率) are left out.
AT_LEAST = {
    "xingyun_saas": {
        "no_customer_indicator": {"销售总监", "大客户销售经理", "电话销售专员", "渠道经理",
                                  "质检专员", "实施顾问"},
        "result_weight_share": {"销售总监", "大客户销售经理", "电话销售专员", "客户培训顾问",
                                "质检专员", "实施顾问", "产品经理", "研发工程师"},
        "incentive_compatibility": {"大客户销售经理", "电话销售专员"},
    },
    "lanshan_bank": {
        "no_customer_indicator": {"公司金融部总经理", "对公产品经理", "公司业务助理",
                                  "财富管理部总经理", "私人银行投资顾问", "综合柜员"},
        "result_weight_share": {"公司业务助理", "授信审批岗", "合规专员", "综合柜员"},
        "incentive_compatibility": {"对公客户经理", "零售客户经理"},
    },
    "qingtian_foods": {
        "no_customer_indicator": {"业务代表", "渠道拓展专员", "销售内勤", "KA总监", "KA经理"},
        "result_weight_share": {"销售内勤", "仓储主管", "费用核销专员", "市场调研专员", "品牌经理",
                                "促销活动经理"},
        # 渠道拓展专员 (新开经销商数, 首单进货额) needs a new-customer rule the default policy
        # does not have; the three volume-only positions below are found.
        "incentive_compatibility": {"业务代表", "KA经理", "新零售客户经理"},
    },
}


@pytest.mark.parametrize(("sample", "rule"), [(s, r) for s, rules in EXACT.items()
                                              for r in rules])
def test_sample_defects_are_found_exactly(samples, sample, rule):
    _, found, _ = samples[sample]
    assert rows_of(found, rule) == sorted(EXACT[sample][rule])


@pytest.mark.parametrize(("sample", "rule"), [(s, r) for s, rules in AT_LEAST.items()
                                              for r in rules])
def test_sample_classification_dependent_defects_are_found(samples, sample, rule):
    _, found, _ = samples[sample]
    assert AT_LEAST[sample][rule] <= positions_of(found, rule)


@pytest.mark.parametrize("sample", list(EXACT))
def test_sample_findings_name_real_rows_and_file(samples, sample):
    card, found, pairs = samples[sample]
    assert not found.empty
    for row in found.itertuples():
        assert set(row.rows) <= set(card.index) and row.file
        assert row.evidence_zh and row.evidence_en and row.recommendation_en
    for row in pairs.itertuples():
        assert set(row.rows_a) | set(row.rows_b) <= set(card.index) and row.file


def test_sample_sales_scorecards_pull_against_margin(samples):
    """Xingyun's sales cards score revenue without gross margin (seed 002 §一.4)."""
    _, _, pairs = samples["xingyun_saas"]
    within = pairs[(pairs["conflict"] == "revenue_vs_gross_margin")
                   & (pairs["scope"] == "within_position")]
    assert {"大客户销售经理", "电话销售专员"} <= set(within.iloc[0]["positions"])
