"""Coverage, moments of truth and directions of the value chain (METHOD §3): each coverage rule
fires and stays quiet at its boundary on hand-built journeys and scorecards, moments of truth
are ranked by gap with ties kept, the cross-department shares sit on the 5 % grid and add up to
100, and the samples' uncovered moments of truth (their README tables) are found."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import MINIMAL_PROFILE, write_engagement
from hypothesis import given
from hypothesis import strategies as st

from helpers import charts, engagement, i18n, library, paths, policy
from helpers.diagnosis import scorecard as scorecard_module
from helpers.value_chain import coverage as cov
from helpers.value_chain import directions as dirs
from helpers.value_chain import moments as mot

POLICY = policy.load("default")
JOURNEY_FILE = "inputs/journey.csv"
KPI_FILE = "inputs/current_kpis.csv"
FCR = "customer_service.first_contact_resolution"
AHT = "customer_service.average_handle_time"
NPS = "customer_success.nps"


# --- hand-built frames (contract: helpers/value_chain/__init__.py) ------------------------------


def touchpoint(row: int, name: str, *, R=(), A=(), C=(), I=(), indicators=(),  # noqa: E741
               importance=4.0, performance=3.0, stage="使用", stage_code=None, cares="",
               source="client") -> dict:
    """One journey-frame row; a template touchpoint gets a template id, no row and no file."""
    template = source == "template"
    return {"touchpoint_id": f"saas.tp{row}" if template else f"row-{row}", "stage": stage,
            "stage_code": stage_code, "touchpoint": name, "touchpoint_en": name,
            "customer_cares": cares, "importance": importance,
            "performance": math.nan if template else performance,
            "R": list(R), "A": list(A), "C": list(C), "I": list(I),
            "indicators": list(indicators), "source": source,
            "file": None if template else JOURNEY_FILE, "row": None if template else row}


def journey(*touchpoints: dict) -> pd.DataFrame:
    return pd.DataFrame.from_records(touchpoints)


def kpi(unit: str, indicator: str, orientation: str = "internal", library_id=None,
        stages=(), position: str = "岗位", facing: bool = False) -> dict:
    return {"unit": unit, "position": position, "indicator": indicator,
            "orientation": orientation, "library_id": library_id, "journey_stages": list(stages),
            "customer_facing": facing, "customer_linked": orientation == "customer"}


def scorecard(*rows: dict) -> pd.DataFrame:
    """A classified scorecard as ``scorecard.build`` returns it; index = input rows from 2."""
    frame = pd.DataFrame.from_records(rows)
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    return frame


def run(journey_frame: pd.DataFrame, card: pd.DataFrame) -> cov.CoverageResult:
    links = cov.touchpoint_links(journey_frame, card)
    return cov.coverage(journey_frame, links, card, KPI_FILE)


def rule(result: cov.CoverageResult, name: str) -> pd.DataFrame:
    return result.findings[result.findings["rule"] == name]


def policy_with(top: int, min_gap: float) -> dict:
    return policy.load("default", {"value_chain": {"moments_of_truth": {"top": top,
                                                                        "min_gap": min_gap}}})


# --- links ----------------------------------------------------------------------------------


def test_explicit_link_matches_normalised_names():
    j = journey(touchpoint(5, "热线", R=["客服部"], A=["客服部"],
                           indicators=["一次 解决率", "（平均）通话时长"]))
    card = scorecard(kpi("客服部", "一次解决率", "customer"),
                     kpi("客服部", "(平均)通话时长"), kpi("客服部", "工单处理量"))
    links = cov.touchpoint_links(j, card)
    assert links["row"].to_list() == [2, 3]
    assert set(links["via"]) == {"explicit"}
    assert links.columns.to_list() == cov.LINK_COLUMNS


def test_explicit_link_through_a_shared_library_card():
    """"NPS" is an alias of the card the scorecard's "客户净推荐值" was matched to."""
    j = journey(touchpoint(7, "推荐", R=["市场部"], indicators=["NPS"]))
    card = scorecard(kpi("客户成功部", "客户净推荐值", "customer", NPS))
    links = cov.touchpoint_links(j, card)
    assert links[["row", "via", "library_id"]].values.tolist() == [[2, "explicit", NPS]]


def test_template_journey_links_library_ids_only():
    j = journey(touchpoint(1, "热线", R=["客服部"], indicators=[FCR], source="template"))
    card = scorecard(kpi("客服部", "首问解决率", "customer", FCR),
                     kpi("客服部", FCR, "customer"))  # the id as a name is not a link
    links = cov.touchpoint_links(j, card)
    assert links["row"].to_list() == [2]
    assert links["via"].to_list() == ["explicit"]


def test_library_link_needs_stage_tag_and_an_r_or_a_department():
    j = journey(touchpoint(4, "热线", R=["客服部"], A=["客户成功部"], C=["研发部"],
                           stage_code="use"))
    card = scorecard(
        kpi("客服部", "一次解决率", "customer", FCR, ["use", "service_renewal"]),      # R: yes
        kpi("客户成功部", "净推荐值", "customer", NPS, ["use"]),                        # A: yes
        kpi("研发部", "一次解决率", "customer", FCR, ["use", "service_renewal"]),      # C: no
        kpi("客服部", "销售额完成率", "business", "sales.revenue_attainment",
            ["order", "delivery"]),                                                    # stage: no
        kpi("客服部", "自编指标", "customer", None, ["use"]),                           # no card
    )
    links = cov.touchpoint_links(j, card)
    assert links["row"].to_list() == [2, 3]
    assert set(links["via"]) == {"library"}


def test_library_rule_is_off_without_a_stage_code():
    j = journey(touchpoint(4, "热线", R=["客服部"], A=["客服部"]))
    card = scorecard(kpi("客服部", "一次解决率", "customer", FCR, ["use"]))
    assert cov.touchpoint_links(j, card).empty


def test_a_row_linked_both_ways_counts_once_as_explicit():
    j = journey(touchpoint(4, "热线", R=["客服部"], A=["客服部"], stage_code="use",
                           indicators=["一次解决率"]))
    card = scorecard(kpi("客服部", "一次解决率", "customer", FCR, ["use"]),
                     kpi("客服部", "平均通话时长", "internal", AHT, ["use"]))
    result = run(j, card)
    assert result.links[["row", "via"]].values.tolist() == [[2, "explicit"], [3, "library"]]
    assert result.touchpoints.loc[0, "via"] == "explicit+library"
    assert result.touchpoints.loc[0, "n_links"] == 2


# --- coverage findings ----------------------------------------------------------------------


@pytest.mark.parametrize(("importance", "severity"), [(5, "high"), (4, "high"), (3, "medium")])
def test_uncovered_touchpoint_severity_by_importance(importance, severity):
    j = journey(touchpoint(9, "交接", R=["销售部"], A=["交付部"], importance=importance,
                           performance=2, indicators=["交接满意度"]))
    result = run(j, scorecard(kpi("销售部", "销售额完成率", "business")))
    found = rule(result, "uncovered")
    assert found["severity"].to_list() == [severity]
    first = found.iloc[0]
    assert (first["file"], first["row"], first["rows"]) == (JOURNEY_FILE, 9, [9])
    assert first["departments"] == ["销售部"]
    assert "交接满意度" in first["evidence_zh"] and "交接满意度" in first["evidence_en"]
    assert first["location_en"] == f"{JOURNEY_FILE} row 9"
    assert result.touchpoints.loc[0, "unmatched"] == ["交接满意度"]
    assert not result.touchpoints.loc[0, "covered"]


def test_covered_touchpoint_is_not_reported_uncovered():
    j = journey(touchpoint(9, "交接", R=["销售部"], A=["交付部"], indicators=["交接满意度"]))
    result = run(j, scorecard(kpi("销售部", "交接满意度", "customer")))
    assert rule(result, "uncovered").empty
    assert result.touchpoints.loc[0, "covered_by_customer"]


def test_internal_only_coverage_fires_until_one_customer_indicator_watches():
    names = ["平均通话时长", "来电处理量"]
    j = journey(touchpoint(16, "热线", R=["客服部"], A=["客服部"], indicators=names,
                           cares="一次讲清楚"))
    internal = scorecard(kpi("客服部", "平均通话时长"), kpi("客服部", "来电处理量"))
    found = rule(run(j, internal), "internal_only")
    assert found["severity"].to_list() == ["medium"]
    assert "平均通话时长(内部流程)" in found.iloc[0]["evidence_zh"]
    assert "一次讲清楚" in found.iloc[0]["evidence_zh"]
    j.at[0, "indicators"] = [*names, "一次解决率"]
    mixed = scorecard(kpi("客服部", "平均通话时长"), kpi("客服部", "来电处理量"),
                      kpi("客服部", "一次解决率", "customer"))
    assert rule(run(j, mixed), "internal_only").empty


@pytest.mark.parametrize(("facing", "severity"), [(True, "high"), (False, "medium")])
def test_department_without_customer_indicator(facing, severity):
    j = journey(touchpoint(3, "报价", R=["财务部"], A=["销售部"], C=["法务部"],
                           indicators=["报价及时率"]))
    card = scorecard(kpi("财务部", "报价及时率", facing=facing),
                     kpi("财务部", "预算执行率", facing=facing),
                     kpi("销售部", "客户满意度", "customer"),
                     kpi("法务部", "合同审核时长"))  # only C: not reported
    found = rule(run(j, card), "department_without_customer_indicator")
    assert found["departments"].to_list() == [["财务部"]]
    first = found.iloc[0]
    assert (first["severity"], first["file"], first["row"], first["rows"]) == (
        severity, KPI_FILE, 2, [2, 3])
    assert "报价" in first["evidence_zh"]
    assert first["location_zh"] == f"{KPI_FILE} 第 2–3 行"


def test_department_with_one_customer_indicator_is_not_reported():
    j = journey(touchpoint(3, "报价", R=["财务部"], A=["财务部"]))
    card = scorecard(kpi("财务部", "预算执行率"), kpi("财务部", "开票准确率", "customer"))
    assert rule(run(j, card), "department_without_customer_indicator").empty


def test_r_department_without_an_indicator_for_its_touchpoint():
    j = journey(touchpoint(17, "报修", R=["客服部", "研发部"], A=["客户成功部"],
                           indicators=["一次解决率"]))
    card = scorecard(kpi("客服部", "一次解决率", "customer"), kpi("研发部", "版本按时发布率"))
    found = rule(run(j, card), "responsible_without_indicator")
    assert found["departments"].to_list() == [["研发部"]]
    assert "客服部·一次解决率" in found.iloc[0]["evidence_zh"]
    assert found.iloc[0]["severity"] == "medium"
    j.at[0, "indicators"] = ["一次解决率", "版本按时发布率"]
    assert rule(run(j, card), "responsible_without_indicator").empty


def test_r_rule_uses_a_when_no_r_and_names_departments_without_any_scorecard():
    j = journey(touchpoint(15, "稳定", A=["运维部"], indicators=["系统可用率"]))
    card = scorecard(kpi("研发部", "系统可用率", "customer"))
    found = rule(run(j, card), "responsible_without_indicator")
    assert found["departments"].to_list() == [["运维部"]]
    assert "(A)" in found.iloc[0]["evidence_zh"]
    assert "no indicator on the current scorecards at all" in found.iloc[0]["evidence_en"]


def test_uncovered_touchpoint_is_not_repeated_as_r_without_indicator():
    j = journey(touchpoint(9, "交接", R=["销售部", "交付部"], A=["交付部"]))
    result = run(j, scorecard(kpi("销售部", "销售额完成率", "business")))
    assert result.findings["rule"].to_list() == ["uncovered",
                                                 "department_without_customer_indicator"]


def test_template_findings_name_the_template_touchpoint():
    j = journey(touchpoint(1, "免费试用", R=["产品部"], importance=5, source="template",
                           indicators=["sales.poc_success_rate"]))
    found = rule(run(j, scorecard(kpi("产品部", "需求文档数"))), "uncovered").iloc[0]
    assert found["location_en"] == "template saas, touchpoint saas.tp1"
    assert found["location_zh"] == "模板 saas,触点 saas.tp1"
    assert found["file"] == "template saas"
    assert found["row"] is None or pd.isna(found["row"])
    assert "not rated" in found["evidence_en"]


def test_findings_are_ordered_by_severity_then_rule_and_have_the_columns():
    j = journey(touchpoint(2, "甲", R=["甲部"], A=["甲部"], importance=3),
                touchpoint(3, "乙", R=["乙部"], A=["乙部"], importance=5))
    result = run(j, scorecard(kpi("甲部", "指标甲"), kpi("乙部", "指标乙", facing=True)))
    found = result.findings
    assert found.columns.to_list() == cov.FINDING_COLUMNS
    assert found[["severity", "rule", "row"]].values.tolist() == [
        ["high", "uncovered", 3],
        ["high", "department_without_customer_indicator", 3],
        ["medium", "uncovered", 2],
        ["medium", "department_without_customer_indicator", 2]]
    for lang in i18n.LANGUAGES:
        assert found[f"evidence_{lang}"].str.len().gt(0).all()
        assert found[f"recommendation_{lang}"].str.len().gt(0).all()


def test_coverage_result_saves_and_loads(tmp_path):
    j = journey(touchpoint(2, "甲", R=["甲部"], A=["甲部"], indicators=["指标甲"]),
                touchpoint(3, "乙", R=["乙部"], A=["乙部"]))
    result = run(j, scorecard(kpi("甲部", "指标甲"), kpi("乙部", "指标乙")))
    result.save(tmp_path / "coverage")
    loaded = cov.CoverageResult.load(tmp_path / "coverage")
    assert loaded.touchpoints["indicators"].to_list() == [["指标甲"], []]
    assert loaded.findings["departments"].to_list() == result.findings["departments"].to_list()
    assert loaded.links["row"].to_list() == [2]


def test_method_settings_file_is_consistent():
    found = cov.settings()
    scale, ipa = found["rating_scale"], found["ipa"]
    assert scale["min"] < ipa["midpoint"] < scale["max"]
    assert isinstance(ipa["midpoint_counts_as_high"], bool)
    assert scale["min"] <= found["coverage"]["uncovered_high_from_importance"] <= scale["max"]
    assert set(found["coverage"]["severity"].values()) <= set(cov.SEVERITIES)


# --- moments of truth -----------------------------------------------------------------------


def ratings(*pairs, covered=()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A journey of (importance, performance) touchpoints, rows from 2, and its coverage."""
    j = journey(*(touchpoint(n, f"触点{n}", R=["甲部"], importance=i, performance=p)
                  for n, (i, p) in enumerate(pairs, start=2)))
    touchpoints = pd.DataFrame({"touchpoint_id": j["touchpoint_id"],
                                "covered": [r in covered for r in j["row"]],
                                "covered_by_customer": False})
    return j, touchpoints


def test_ties_at_the_cut_off_are_all_moments():
    j, touchpoints = ratings((5, 2), (5, 2), (5, 2), (4, 3))
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=2, min_gap=1.0))
    assert found.set_index("row")["rank"].to_dict() == {2: 1, 3: 1, 4: 1, 5: 4}
    assert found[found["is_moment"]]["row"].tolist() == [2, 3, 4]


def test_equal_gaps_rank_the_more_important_touchpoint_first():
    j, touchpoints = ratings((4, 2), (5, 3), (3, 3))
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=1, min_gap=1.0))
    assert found.set_index("row")["rank"].to_dict() == {3: 1, 2: 2, 4: 3}
    assert found[found["is_moment"]]["row"].tolist() == [3]


@pytest.mark.parametrize(("min_gap", "moments"), [(2.0, [2]), (2.5, []), (1.0, [2, 3])])
def test_min_gap_boundary(min_gap, moments):
    j, touchpoints = ratings((5, 3), (4, 3), (3, 4))
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=5, min_gap=min_gap))
    assert sorted(found[found["is_moment"]]["row"]) == moments


def test_uncovered_moments_come_first():
    j, touchpoints = ratings((5, 1), (5, 2), (4, 3), (5, 2), covered=(2,))
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=3, min_gap=1.0))
    assert found["row"].to_list() == [3, 5, 2, 4]
    assert found["uncovered_moment"].to_list() == [True, True, False, False]
    assert mot.uncovered_moments(found)["row"].to_list() == [3, 5]
    assert found.columns.to_list() == mot.MOMENT_COLUMNS


@pytest.mark.parametrize(("importance", "performance", "quadrant"), [
    (4, 2, "concentrate"), (4, 3, "concentrate"), (4, 4, "keep_up"), (3, 3, "low_priority"),
    (3, 4, "overkill"), (5, 5, "keep_up"), (1, 1, "low_priority")])
def test_quadrant_split_at_the_scale_midpoint(importance, performance, quadrant):
    assert mot.quadrant(importance, performance) == quadrant


def test_template_journey_ranks_by_importance_only():
    j = journey(*(touchpoint(n, f"触点{n}", R=["甲部"], importance=i, source="template")
                  for n, i in ((1, 3), (2, 5), (3, 4), (4, 5))))
    touchpoints = pd.DataFrame({"touchpoint_id": j["touchpoint_id"], "covered": False,
                                "covered_by_customer": False})
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=2, min_gap=1.0))
    assert found["performance_missing"].all()
    assert found.set_index("touchpoint_id")["rank"].to_dict() == {
        "saas.tp2": 1, "saas.tp4": 1, "saas.tp3": 3, "saas.tp1": 4}
    assert found[found["is_moment"]]["touchpoint_id"].to_list() == ["saas.tp2", "saas.tp4"]
    assert found["quadrant"].isna().all() and found["gap"].isna().all()
    assert mot.quadrant_chart(found, "en") is None


def test_client_row_without_performance_is_ranked_last_and_not_a_moment():
    j, touchpoints = ratings((5, 4), (5, math.nan))
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=5, min_gap=1.0))
    assert found.set_index("row")["rank"].to_dict() == {2: 1, 3: 2}
    assert found.set_index("row")["is_moment"].to_dict() == {2: True, 3: False}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_quadrant_chart_labels_moments_and_renders(lang):
    j, touchpoints = ratings((5, 1), (5, 2), (2, 4), covered=(3,))
    found = mot.moments_of_truth(j, touchpoints, policy_with(top=2, min_gap=1.0))
    spec = mot.quadrant_chart(found, lang).to_dict()
    text = str(spec)
    assert i18n.t("coverage.mot.chart.title", lang) in text
    assert i18n.t("coverage.mot.quadrant.concentrate", lang) in text
    assert i18n.t("coverage.mot.status.uncovered_moment", lang) in text
    assert "1. 触点2" in text and "2. 触点3" in text and "触点4" in text
    assert charts.WARNING in text and "strokeDash" in text
    assert "<svg" in charts.svg(spec)


# --- directions -----------------------------------------------------------------------------


@given(st.integers(min_value=2, max_value=7))
def test_equal_shares_sum_to_100_on_the_grid(count):
    grid = POLICY["weights"]["grid"]
    shares = dirs.equal_shares([f"部门{n}" for n in range(count)], grid)
    assert len(shares) == count
    assert sum(shares.values()) == 100
    assert all(share % grid == 0 for share in shares.values())
    assert max(shares.values()) - min(shares.values()) <= grid
    assert list(shares.values()) == sorted(shares.values(), reverse=True)


def test_equal_shares_examples():
    assert dirs.equal_shares(["甲", "乙", "丙"], 5) == {"甲": 35, "乙": 35, "丙": 30}
    assert dirs.equal_shares(["甲", "乙"], 5) == {"甲": 50, "乙": 50}


def test_cross_department_indicator_from_explicit_customer_link():
    j = journey(touchpoint(17, "报修", R=["客服部", "研发部", "运维部"], A=["客户成功部"],
                           indicators=["工单处理量", "一次解决率"]),
                touchpoint(18, "单一", R=["客服部"], A=["客服部"]))
    card = scorecard(kpi("客服部", "工单处理量"), kpi("客服部", "一次解决率", "customer", FCR))
    found = dirs.cross_department_indicators(j, cov.touchpoint_links(j, card), POLICY)
    assert found["touchpoint_id"].to_list() == ["row-17"]
    first = found.iloc[0]
    assert (first["indicator"], first["library_id"], first["source"]) == (
        "一次解决率", FCR, "explicit")
    assert first["name_en"] == library.load().cards.at[FCR, "name_en"]
    assert first["shares"] == {"客服部": 35, "研发部": 35, "运维部": 30}
    assert "35%" in first["reason_zh"] and "一次解决率" in first["reason_zh"]
    assert (first["file"], first["row"]) == (JOURNEY_FILE, 17)


def test_cross_department_indicator_from_library_stage_cards():
    j = journey(touchpoint(4, "热线", R=["客服部", "研发部"], A=["客户成功部"],
                           stage_code="use", indicators=["平均通话时长"]))
    card = scorecard(kpi("客服部", "平均通话时长", "internal", AHT, ["use"]))
    found = dirs.cross_department_indicators(j, cov.touchpoint_links(j, card), POLICY,
                                             industry="saas").iloc[0]
    cards = library.load().cards
    assert found["source"] == "library"
    assert cards.at[found["library_id"], "orientation"] == "customer"
    assert "use" in cards.at[found["library_id"], "journey_stages"]
    assert all(cards.at[i, "orientation"] == "customer" for i in found["alternatives"])


def test_cross_department_without_any_candidate_still_states_the_shares():
    j = journey(touchpoint(9, "交接", R=["销售部", "交付部"], A=["交付部"]))
    found = dirs.cross_department_indicators(j, cov.touchpoint_links(j, scorecard(
        kpi("销售部", "销售额完成率", "business"))), POLICY).iloc[0]
    assert found["source"] == "none" and found["indicator"] is None
    assert found["shares"] == {"销售部": 50, "交付部": 50}
    assert "50%" in found["reason_en"]


def test_value_proposition_directions_mark_what_is_measured():
    card = scorecard(kpi("客服部", "首次响应时长", "customer",
                         "customer_service.first_response_time"))
    found = dirs.value_proposition_directions({"value_propositions": ["fast_response"]}, card)
    assert set(found["proposition"]) == {"fast_response"}
    measured = found.set_index("library_id")
    assert measured.at["customer_service.first_response_time", "measured"]
    assert measured.at["customer_service.first_response_time", "measured_by"] == ["客服部"]
    assert not measured.drop("customer_service.first_response_time")["measured"].any()
    assert found["name_zh"].str.len().gt(0).all() and found["directions_en"].str.len().gt(0).all()
    assert dirs.value_proposition_directions({}, card).columns.to_list() == \
        dirs.PROPOSITION_COLUMNS


def test_directions_result_saves_and_loads(tmp_path):
    j = journey(touchpoint(9, "交接", R=["销售部", "交付部"], A=["交付部"]))
    card = scorecard(kpi("销售部", "销售额完成率", "business"))
    result = dirs.directions(j, cov.touchpoint_links(j, card), card,
                             {"value_propositions": ["price"], "industry": "saas"}, POLICY)
    result.save(tmp_path / "directions")
    loaded = dirs.DirectionsResult.load(tmp_path / "directions")
    assert loaded.cross_department["shares"].to_list() == [{"销售部": 50, "交付部": 50}]
    assert len(loaded.value_propositions) == len(result.value_propositions) > 0


# --- engagements: client rows as the client sees them -----------------------------------------


def client_journey(loaded) -> pd.DataFrame:
    """The journey frame of a client journey, built from ``engagement.table("journey")``."""
    frame = loaded.table("journey").reset_index()
    frame.insert(0, "touchpoint_id", [f"row-{r}" for r in frame["row"]])
    frame["stage_code"] = None
    frame["touchpoint_en"] = frame["touchpoint"]
    frame["source"] = "client"
    frame["file"] = loaded.sources["journey"]
    return frame


def analyse(loaded):
    rules = policy.for_engagement(loaded.profile)
    card = scorecard_module.build(loaded, rules)
    frame = client_journey(loaded)
    links = cov.touchpoint_links(frame, card)
    result = cov.coverage(frame, links, card, loaded.sources["current_kpis"])
    return result, mot.moments_of_truth(frame, result.touchpoints, rules)


def test_hand_built_engagement_points_at_client_rows(tmp_path):
    kpis = """\
        部门,岗位,指标名称,权重,导向(人工判定)
        客服部,客服专员,平均通话时长,50,内部流程
        客服部,客服专员,来电处理量,50,内部流程
        销售部,销售经理,销售额完成率,100,业务结果
        """
    journey_csv = """\
        旅程阶段,触点,客户在意的点,重要性,当前表现,R,A,C,I,关联指标
        使用,热线咨询,一次讲清楚,5,2,客服部,客服部,,,平均通话时长、来电处理量
        使用,故障报修,有人跟进,5,1,客服部、销售部,客服部,,,
        """
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": kpis,
                                               "inputs/journey.csv": journey_csv},
                              profile=MINIMAL_PROFILE + "customer_facing_units: [客服部]\n")
    result, moments = analyse(engagement.load(folder))
    found = result.findings
    assert found[["rule", "file", "row"]].values.tolist() == [
        ["uncovered", "inputs/journey.csv", 3],
        ["department_without_customer_indicator", "inputs/current_kpis.csv", 2],
        ["department_without_customer_indicator", "inputs/current_kpis.csv", 4],
        ["internal_only", "inputs/journey.csv", 2]]
    departments = found[found["rule"] == "department_without_customer_indicator"]
    assert departments[["departments", "severity", "rows"]].values.tolist() == [
        [["客服部"], "high", [2, 3]], [["销售部"], "medium", [4]]]
    assert mot.uncovered_moments(moments)["row"].to_list() == [3]


SAMPLES = {
    # README "moment of truth without indicator" rows of each sample.
    "xingyun_saas": {"uncovered_moments": [17, 9], "internal_only": [],
                     "uncovered": [9, 17]},
    "lanshan_bank": {"uncovered_moments": [14, 5, 9], "internal_only": [3],
                     "uncovered": [5, 9, 14]},
    "qingtian_foods": {"uncovered_moments": [7, 17], "internal_only": [5, 19],
                       "uncovered": [7, 16, 17, 20]},
}


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def sample(request):
    loaded = engagement.load(paths.DATA_SAMPLES / request.param)
    return request.param, loaded, *analyse(loaded)


def test_samples_uncovered_moments_of_truth_match_the_readme(sample):
    name, loaded, result, moments = sample
    expected = SAMPLES[name]
    uncovered = mot.uncovered_moments(moments)
    assert uncovered["row"].to_list() == expected["uncovered_moments"]
    assert moments.head(len(uncovered))["uncovered_moment"].all()
    assert set(uncovered["file"]) == {loaded.sources["journey"]}
    readme = (paths.DATA_SAMPLES / name / "README.md").read_text(encoding="utf-8")
    for row, touchpoint_name in zip(uncovered["row"], uncovered["touchpoint"], strict=True):
        assert f"| {row} | {touchpoint_name}: " in readme


def test_samples_coverage_findings_name_real_rows(sample):
    name, loaded, result, _ = sample
    expected = SAMPLES[name]
    found = result.findings
    uncovered = found[found["rule"] == "uncovered"]
    assert set(expected["uncovered"]) <= set(uncovered["row"])
    assert set(uncovered[uncovered["row"].isin(expected["uncovered_moments"])]["severity"]) == {
        "high"}
    assert set(expected["internal_only"]) <= set(found[found["rule"] == "internal_only"]["row"])
    journey_rows = set(loaded.table("journey").index)
    kpi_rows = set(loaded.table("current_kpis").index)
    for _, finding in found.iterrows():
        pool = kpi_rows if finding["rule"] == "department_without_customer_indicator" \
            else journey_rows
        assert finding["rows"] and set(finding["rows"]) <= pool
