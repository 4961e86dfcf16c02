"""Self-check survey and questionnaire (METHOD §2.1), six-dimension profile (METHOD §2.2) and
"KPI green, customer red" (METHOD §2.6): hand-built engagements for every rule, a published
worked example of Cronbach's α, property tests, and the three samples."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from conftest import KPIS_ZH, write_engagement
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import charts, engagement, i18n, intake, paths, policy
from helpers.diagnosis import profile, scorecard, shares, survey

POLICY = policy.load("default")
SURVEY_FILE = "inputs/survey.csv"


def load_with(tmp_path, files: dict[str, str]):
    return engagement.load(write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS_ZH,
                                                             **files}))


def survey_csv(*rows: str) -> str:
    return "答卷人,角色,题目,回答\n" + "\n".join(rows) + "\n"


# --- matching questions -----------------------------------------------------------------


def test_questions_match_by_id_title_alias_question_and_item(tmp_path):
    text = survey.checks()[1]["question_zh"]
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,销售总监,customer_share,高", "B,客服经理,Share of customer indicators,中",
        "C,财务经理,Q3,低", "D,HRBP,4,高", f"E,研发经理,\"{text}\",中",
        "F,产品总监,客户相关指标占比,高", "G,交付总监,co1,5",
        "H,市场经理,我们会定期、系统地衡量客户满意度。,6", "I,运维经理,天气好不好,高")})
    matched = survey.match_questions(eng.table("survey"))
    assert list(matched) == ["customer_share", "customer_share", "kpi_conflicts",
                             "unhappy_but_green", "talk_topics", "customer_share", "co1", "co2",
                             None]
    warnings = survey.survey_warnings(eng, POLICY)
    assert list(warnings["code"]) == ["unknown_question"]
    assert (warnings["file"].iloc[0], warnings["row"].iloc[0]) == (SURVEY_FILE, 10)
    assert "天气好不好" in warnings["message_zh"].iloc[0]


def test_answers_of_the_wrong_kind_and_repeats_are_warned_and_left_out(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,r,客户相关指标占比,5", "A,r,Q1,高", "B,r,Q1,低", "B,r,客户指标占比,高",
        "C,r,co1,高", "C,r,co2,3")})
    warnings = survey.survey_warnings(eng, POLICY)
    assert list(zip(warnings["code"], warnings["row"], strict=True)) == [
        ("not_a_level", 2), ("duplicate_answer", 5), ("not_on_scale", 6)]
    answers = survey.check_answers(eng, POLICY)
    assert list(answers.index) == [3, 4]
    assert list(answers["answer"]) == ["high", "low"]


# --- aggregation per check --------------------------------------------------------------


def check_row(eng, check="customer_share", measured=0.3, pol=POLICY):
    result = survey.self_check(eng, pol, measured)
    return result, result.checks.set_index("check").loc[check]


def test_distribution_median_and_no_disagreement_within_one_level(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,r,Q2,高", "B,r,Q2,中", "C,r,Q2,中")})
    result, row = check_row(eng, "talk_topics")
    assert (row["n"], row["high"], row["medium"], row["low"]) == (3, 1, 2, 0)
    assert row["share_medium"] == pytest.approx(2 / 3)
    assert (row["median_score"], row["median"], row["spread"]) == (2.0, "medium", 1.0)
    assert not row["disagreement"]
    assert not (result.findings["rule"] == "disagreement").any()
    unanswered = result.checks.set_index("check").loc["kpi_conflicts"]
    assert unanswered["n"] == 0 and unanswered["median"] == "" and not unanswered["disagreement"]


def test_median_between_two_levels(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv("A,r,Q3,低", "B,r,Q3,中")})
    _, row = check_row(eng, "kpi_conflicts")
    assert (row["median_score"], row["median"]) == (1.5, "low_medium")
    assert i18n.t("survey.level.low_medium", "zh") == survey.level_label("low_medium", "zh")


def test_disagreement_names_the_respondents_on_each_side(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "M01,销售总监,Q3,低", "M02,客服经理,Q3,高", "M03,财务经理,Q3,中", "M04,交付总监,Q3,高")})
    result, row = check_row(eng, "kpi_conflicts")
    assert row["spread"] == 2 and row["disagreement"]
    finding = result.findings[result.findings["rule"] == "disagreement"].iloc[0]
    assert (finding["check"], finding["file"], finding["row"]) == ("kpi_conflicts", SURVEY_FILE, 2)
    assert finding["rows"] == [2, 3, 5]
    assert finding["high_side"] == ["M02", "M04"] and finding["low_side"] == ["M01"]
    assert "M02(客服经理)、M04(交付总监)" in finding["evidence_zh"]
    assert "M01 (销售总监)" in finding["evidence_en"]


def test_disagreement_span_comes_from_the_policy(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv("A,r,Q4,高", "B,r,Q4,中")})
    strict = policy.load("default", {"survey": {"disagreement_span": 1}})
    assert not check_row(eng, "unhappy_but_green")[1]["disagreement"]
    assert check_row(eng, "unhappy_but_green", pol=strict)[1]["disagreement"]


# --- check 1: perception ----------------------------------------------------------------


@pytest.mark.parametrize(("share", "level"), [(0.0, "low"), (0.19, "low"), (0.2, "low"),
                                              (0.21, "medium"), (0.4, "medium"),
                                              (0.41, "high"), (1.0, "high")])
def test_measured_share_maps_to_the_nearest_perceived_level(share, level):
    # policy perceived_share: low 0.1, medium 0.3, high 0.5; ties go to the lower level
    assert survey.measured_level(share, POLICY) == level


def test_perception_above_the_measured_share_is_a_finding(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,销售总监,Q1,高", "B,客服经理,Q1,中", "C,财务经理,Q1,低")})
    result = survey.self_check(eng, POLICY, 0.05)
    assert list(result.perceived["perceived_share"]) == [0.5, 0.3, 0.1]
    assert list(result.perceived["versus"]) == ["over", "over", "match"]
    assert result.perception["perceived_mean"] == pytest.approx(0.3)
    assert result.perception["gap"] == pytest.approx(0.25)
    assert result.perception["measured_level"] == "low"
    finding = result.findings[result.findings["rule"] == "perception_over"].iloc[0]
    assert finding["rows"] == [2, 3] and finding["high_side"] == ["A", "B"]
    assert "30%" in finding["evidence_zh"] and "5%" in finding["evidence_en"]


def test_perception_below_and_matching_perception(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,r,Q1,低", "B,r,Q1,低", "C,r,Q1,高")})
    under = survey.self_check(eng, POLICY, 0.5).findings
    assert list(under["rule"]) == ["disagreement", "perception_under"]
    assert under.iloc[0]["low_side"] == ["A", "B"]
    assert survey.self_check(eng, POLICY, 0.1).findings["rule"].eq("disagreement").all()


def test_no_survey_gives_empty_tables_and_no_questionnaire(tmp_path):
    eng = load_with(tmp_path, {})
    result = survey.self_check(eng, POLICY, 0.2)
    assert result.answers.empty and result.findings.empty and result.perceived.empty
    assert list(result.checks["n"]) == [0, 0, 0, 0]
    assert survey.distribution_chart(result.checks, "zh") is None
    assert survey.perception_chart(result.perceived, result.perception, "en") is None
    assert survey.questionnaire(eng, POLICY) is None


def test_self_check_result_round_trips(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,r,Q1,高", "B,r,Q1,低", "A,r,Q3,中", "X,r,不是题目,高")})
    result = survey.self_check(eng, POLICY, 0.1)
    result.save(tmp_path / "out")
    back = survey.SelfCheckResult.load(tmp_path / "out")
    assert back.perception == result.perception
    assert back.findings["rows"].tolist() == result.findings["rows"].tolist()
    assert back.checks["disagreement"].tolist() == result.checks["disagreement"].tolist()
    assert back.warnings["row"].tolist() == [5]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_display_helpers_speak_both_languages(tmp_path, lang):
    eng = load_with(tmp_path, {"inputs/survey.csv": survey_csv(
        "A,销售总监,Q1,高", "B,客服经理,Q1,低", "A,销售总监,Q2,中")})
    result = survey.self_check(eng, POLICY, 0.05)
    table = survey.check_display_table(result.checks, lang)
    assert len(table) == 4 and table.iloc[0, 0] == survey.check_title("customer_share", lang)
    assert table.iloc[0, 1] == 2
    tiles = survey.headline_figures(result, lang)
    assert [t[1] for t in tiles] == ["2", "1", "30%"]
    lines = survey.finding_lines(result.findings, lang)
    assert len(lines) == 2 and all(SURVEY_FILE in line for line in lines)


# --- questionnaire ----------------------------------------------------------------------

#: Pingouin's documented worked example of Cronbach's α (dataset ``cronbach_alpha``: 15
#: subjects × 10 items Q1–Q10, scores 1–7), whose docstring gives α = 0.591719, "tested
#: against the R package psych" (pingouin.reliability.cronbach_alpha; Vallat 2018, JOSS 3(31)).
PINGOUIN_ITEMS = """\
3 5 7 2 6 1 4 2 6 5 4 4 5 6 4
2 4 3 4 5 2 3 4 5 4 3 2 5 5 3
4 6 5 3 6 3 5 4 5 6 5 3 6 5 5
1 3 5 3 5 4 3 3 5 4 2 2 2 4 5
4 5 6 2 4 2 5 7 1 3 5 5 3 2 3
5 1 4 2 4 5 2 2 6 5 3 3 3 2 1
1 2 3 2 4 2 1 2 5 3 2 4 2 1 3
4 5 3 6 6 3 2 4 2 1 3 2 4 4 2
3 5 6 6 7 5 4 6 3 7 4 3 4 6 3
2 5 5 3 5 2 3 5 2 2 1 4 5 5 4
"""


def test_cronbach_alpha_reproduces_the_published_example():
    items = pd.DataFrame({f"Q{i + 1}": [int(v) for v in line.split()]
                          for i, line in enumerate(PINGOUIN_ITEMS.splitlines())})
    assert items.shape == (15, 10)
    assert survey.cronbach_alpha(items) == pytest.approx(0.591719, abs=1e-6)


def test_cronbach_alpha_hand_computed():
    # items [1,2,3] and [1,3,2]: variances 1 and 1; totals [2,5,5] variance 3;
    # α = 2/1 × (1 − 2/3) = 2/3
    assert survey.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [1, 3, 2]})) == \
        pytest.approx(2 / 3)
    # two identical items: totals [2,4,6] variance 4; α = 2 × (1 − 2/4) = 1
    assert survey.cronbach_alpha(pd.DataFrame({"a": [1, 2, 3], "b": [1, 2, 3]})) == 1
    # incomplete respondents are left out (listwise); too few respondents or items → NaN
    with_gap = pd.DataFrame({"a": [1, 2, 3, None], "b": [1, 3, 2, 7]})
    assert survey.cronbach_alpha(with_gap) == pytest.approx(2 / 3)
    assert math.isnan(survey.cronbach_alpha(pd.DataFrame({"a": [1, 2]})))
    assert math.isnan(survey.cronbach_alpha(pd.DataFrame({"a": [1], "b": [2]})))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7), st.integers(1, 7)),
                min_size=3, max_size=12), st.integers(-3, 3))
def test_alpha_ignores_a_shift_of_one_item(rows, shift):
    """Property: variances do not change when a constant is added to an item, so α does not."""
    items = pd.DataFrame(rows, columns=["a", "b", "c"])
    base = survey.cronbach_alpha(items)
    moved = survey.cronbach_alpha(items.assign(a=items["a"] + shift))
    assert (math.isnan(base) and math.isnan(moved)) or base == pytest.approx(moved)
    if not math.isnan(base):
        assert base <= 1 + 1e-9


QUESTIONNAIRE = survey_csv(
    # co6 and cp4 are reverse-coded: 7 + 1 − x
    "R1,r,co1,7", "R1,r,co2,6", "R1,r,co6,1", "R1,r,cp1,4", "R1,r,cp4,6",
    "R2,r,co1,5", "R2,r,co2,5", "R2,r,co6,3", "R2,r,cp1,3", "R2,r,cp4,2",
    "R3,r,co1,2", "R3,r,co2,3", "R3,r,co6,6", "R3,r,cp1,5", "R3,r,cp4,5",
    "R1,r,Q1,高")


def test_questionnaire_reverse_codes_and_scores(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": QUESTIONNAIRE})
    result = survey.questionnaire(eng, POLICY)
    scores = result.respondents.set_index("respondent")
    # R1: customer orientation = mean(7, 6, 8 − 1) = 6.667; competitor = mean(4, 8 − 6) = 3
    assert scores.loc["R1", "customer_orientation"] == pytest.approx(20 / 3)
    assert scores.loc["R1", "competitor_orientation"] == pytest.approx(3.0)
    assert scores.loc["R1", "overall"] == pytest.approx((20 / 3 + 3) / 2)
    assert scores.loc["R1", "overall_100"] == pytest.approx(((20 / 3 + 3) / 2 - 1) / 6 * 100)
    assert "interfunctional_coordination" not in scores.columns
    items = result.items.set_index("item")
    assert items.loc["co6", "reverse"]
    assert items.loc["co6", "mean"] == pytest.approx((7 + 5 + 2) / 3)
    dims = result.dimensions.set_index("dimension")
    # customer orientation items after coding: co1 [7,5,2], co2 [6,5,3], co6 [7,5,2]
    expected = survey.cronbach_alpha(pd.DataFrame({"co1": [7, 5, 2], "co2": [6, 5, 3],
                                                   "co6": [7, 5, 2]}))
    assert dims.loc["customer_orientation", "alpha"] == pytest.approx(expected)
    assert expected > 0.9 and not dims.loc["customer_orientation", "alpha_low"]
    assert result.summary["respondents"] == 3
    assert result.summary["overall"] == pytest.approx(scores["overall"].mean())


def test_low_alpha_is_a_finding_with_its_rows(tmp_path):
    eng = load_with(tmp_path, {"inputs/survey.csv": QUESTIONNAIRE})
    result = survey.questionnaire(eng, POLICY)
    dims = result.dimensions.set_index("dimension")
    # competitor items after coding: cp1 [4, 3, 5] (variance 1), cp4 [2, 6, 3] (13/3);
    # totals [6, 9, 8] (variance 7/3): α = 2 × (1 − (1 + 13/3) / (7/3)) = −18/7
    assert dims.loc["competitor_orientation", "alpha"] == pytest.approx(-18 / 7)
    finding = result.findings.iloc[0]
    assert (finding["rule"], finding["dimension"], finding["file"]) == (
        "alpha_low", "competitor_orientation", SURVEY_FILE)
    assert finding["rows"] == [5, 6, 10, 11, 15, 16]
    lenient = policy.load("default", {"survey": {"questionnaire": {
        "cronbach_alpha_warn_below": -10}}})
    assert survey.questionnaire(eng, lenient).findings.empty
    result.save(tmp_path / "q")
    back = survey.QuestionnaireResult.load(tmp_path / "q")
    assert back.summary == result.summary and back.findings["rows"].iloc[0] == finding["rows"]


@given(st.integers(1, 7))
def test_zero_to_hundred_scale(mean):
    assert survey.to_100(1, 7) == 0 and survey.to_100(7, 7) == 100
    assert 0 <= survey.to_100(mean, 7) <= 100


# --- six-dimension profile --------------------------------------------------------------

JOURNEY = """\
旅程阶段,触点,重要性,当前表现,R(负责),A(批准),关联指标
使用,问题处理,5,2,销售部、客服部,客服部,客户满意度、一次解决率
下单,签约,4,3,销售部,销售部,销售额
"""

SCORECARD = pd.DataFrame.from_records([
    # unit, position, indicator, weight, orientation, horizon, qqtc, journey_stages
    ("销售部", "销售经理", "客户满意度", 40, "customer", "long", "quality", ["use"]),
    ("销售部", "销售经理", "销售额", 30, "business", "short", "quantity", ["order"]),
    ("销售部", "销售经理", "拜访次数", 30, "internal", "short", None, []),
    ("客服部", "客服专员", "一次解决率", 50, "customer", "long", "quality", ["service"]),
    ("客服部", "客服专员", "平均通话时长", 50, "internal", "short", "time", []),
], columns=["unit", "position", "indicator", "weight", "orientation", "horizon", "qqtc",
            "journey_stages"], index=pd.Index([2, 3, 4, 5, 6], name="row"))
BAND = {"band": "customer_led", "low": 55, "high": 75}


def scores(frame) -> dict[str, float]:
    return dict(zip(frame["dimension"], frame["score"], strict=True))


def test_profile_method_file_holds_every_rule():
    params = profile.parameters()
    assert set(params) == set(profile.DIMENSIONS)
    for dimension in profile.ROW_DIMENSIONS:
        assert 0 < params[dimension]["full_score_at"] <= 1, dimension
    assert params["indicator_logic"]["library_journey_stages"] in {
        "when_no_journey_table", "always", "never"}
    assert params["collaboration"]["evidence"] in {"auto", "journey_raci", "shared_across_units"}
    assert params["scenario_fit"]["reference"] in {"low", "mid", "high"}
    for pattern in [*params["behaviour"]["throughput"]["patterns"],
                    *params["behaviour"]["throughput"]["unless"]]:
        re.compile(pattern)
    kgcr = profile.kgcr_parameters()
    assert kgcr["attainment_metric_patterns"] and kgcr["lower_is_better_patterns"]


def test_six_dimensions_on_a_hand_built_scorecard(tmp_path):
    eng = load_with(tmp_path, {"inputs/journey.csv": JOURNEY})
    result = profile.six_dimensions(SCORECARD, eng, POLICY, index=44.0, band=BAND)
    assert list(result["dimension"]) == list(profile.DIMENSIONS)
    assert scores(result) == pytest.approx({
        "goal": 60.0,             # (0.7 + 0.5) / 2
        "indicator_logic": 60.0,  # linked rows 2, 3 | 5: (0.7 + 0.5) / 2
        "time_horizon": 90.0,     # (0.4 + 0.5) / 2 = 0.45, full marks at 0.5
        "behaviour": 60.0,        # throughput rows 4, 6: 1 − (0.3 + 0.5) / 2
        "collaboration": 90.0,    # rows 2 and 5 sit on a touchpoint with 2 R: 0.45 / 0.5
        "scenario_fit": 80.0,     # 100 × 44 / 55
    })
    row = result.set_index("dimension").loc["collaboration"]
    assert row["source"] == "journey_raci"
    assert "45%" in row["evidence_zh"] and "2/5" in row["evidence_en"]
    assert "2" in row["rule_zh"] and "50%" in row["rule_en"]
    fit = result.set_index("dimension").loc["scenario_fit"]
    assert "11" in fit["evidence_zh"] and "55–75" in fit["evidence_en"]


def test_without_a_journey_table_library_stages_and_shared_indicators_count(tmp_path):
    eng = load_with(tmp_path, {})
    shared = SCORECARD.copy()
    shared.loc[6, "indicator"] = "客户满意度"  # now on both departments' scorecards
    result = profile.six_dimensions(shared, eng, POLICY, index=80.0, band=BAND)
    by = result.set_index("dimension")
    assert by.loc["indicator_logic", "source"] == "library"
    assert by.loc["indicator_logic", "score"] == pytest.approx(60.0)  # rows 2, 3 | 5 tagged
    assert by.loc["collaboration", "source"] == "shared_across_units"
    assert by.loc["collaboration", "score"] == pytest.approx(90.0)  # rows 2, 6: 0.45 / 0.5
    assert by.loc["scenario_fit", "score"] == 100.0
    assert by.loc["scenario_fit", "source"] == "above"


def test_throughput_rule_reads_qqtc_and_names_but_not_resolution():
    frame = pd.DataFrame({
        "indicator": ["柜面业务笔数", "工单一次解决率", "预算执行率", "客户拜访次数", "外呼量"],
        "orientation": ["unknown", "internal", "internal", "customer", "internal"],
        "qqtc": [None, "quantity", "cost", "quantity", None]})
    assert list(profile.throughput(frame)) == [True, False, False, False, True]


def test_goal_equals_the_outward_share_of_the_shares_module():
    sample = engagement.load(paths.DATA_SAMPLES / "xingyun_saas")
    classified = scorecard.build(sample, POLICY)
    organisation = shares.aggregate(shares.position_shares(classified, POLICY), "organisation",
                                    POLICY).iloc[0]
    result = profile.six_dimensions(classified, sample, POLICY, 30.0, BAND)
    assert result.set_index("dimension").loc["goal", "share"] == pytest.approx(
        organisation["outward_share_weight"])


class NoJourney:
    """The part of an Engagement the profile reads, without a journey table."""

    def has(self, table: str) -> bool:
        return False


ORIENTATIONS = ["customer", "business", "internal", "capability", "risk", "unknown"]
scorecard_rows = st.lists(st.tuples(
    st.sampled_from(["u1", "u2"]), st.sampled_from(["p1", "p2", "p3"]),
    st.sampled_from(["客户满意度", "销售额", "拜访次数", "处理时长", "培训人次", "合规"]),
    st.one_of(st.just(0.0), st.floats(0.5, 60)), st.sampled_from(ORIENTATIONS),
    st.sampled_from(["short", "long"]),
    st.sampled_from([None, "quantity", "quality", "time", "cost"]),
    st.sampled_from([[], ["use"]])), min_size=1, max_size=14)


def as_scorecard(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=SCORECARD.columns)
    return frame.set_axis(pd.Index(range(2, len(frame) + 2), name="row"))


@settings(max_examples=80, deadline=None)
@given(scorecard_rows, st.floats(0.01, 50), st.floats(0, 100))
def test_scores_ignore_scaling_a_positions_weights_and_stay_in_range(rows, factor, index):
    """Property: every dimension score lies in [0, 100] and is unchanged when all weights of
    one position are multiplied by the same positive factor."""
    frame = as_scorecard(rows)
    before = scores(profile.six_dimensions(frame, NoJourney(), POLICY, index, BAND))
    first = (frame["unit"] == frame["unit"].iloc[0]) & (
        frame["position"] == frame["position"].iloc[0])
    scaled = frame.assign(weight=frame["weight"].where(~first, frame["weight"] * factor))
    after = scores(profile.six_dimensions(scaled, NoJourney(), POLICY, index, BAND))
    assert all(0 <= v <= 100 for v in before.values())
    assert after == pytest.approx(before, abs=1e-9)


def test_radar_chart_renders_with_labels_in_both_languages(tmp_path):
    eng = load_with(tmp_path, {"inputs/journey.csv": JOURNEY})
    result = profile.six_dimensions(SCORECARD, eng, POLICY, 44.0, BAND)
    for lang, word in (("zh", "目标导向"), ("en", "indicator logic")):
        spec = profile.radar_chart(result, lang).to_dict()
        assert word in str(spec)
        assert "<svg" in charts.svg(spec)
    table = profile.evidence_table(result, "en")
    assert list(table.columns) == [i18n.t(f"sixdim.col.{c}", "en")
                                   for c in ("dimension", "score", "rule", "evidence")]
    assert table.iloc[0, 1] == 60


# --- KPI green, customer red ------------------------------------------------------------

OUTCOMES = """\
工号,部门,期间,客户指标,数值
,绿红部,2025Q1,客户满意度,88
,绿红部,2024Q4,KPI达成率,101
,绿红部,2024Q4,客户满意度,90
,绿红部,2025Q1,KPI达成率,102
,绿红部,2025Q2,KPI达成率,103
,绿红部,2025Q2,客户满意度,85
,未全绿部,2024Q4,KPI达成率,101
,未全绿部,2025Q1,KPI达成率,99
,未全绿部,2025Q2,KPI达成率,103
,未全绿部,2024Q4,客户满意度,90
,未全绿部,2025Q1,客户满意度,88
,未全绿部,2025Q2,客户满意度,85
,反弹部,2024Q4,KPI达成率,105
,反弹部,2025Q1,KPI达成率,105
,反弹部,2025Q2,KPI达成率,105
,反弹部,2024Q4,客户满意度,90
,反弹部,2025Q1,客户满意度,88
,反弹部,2025Q2,客户满意度,89
,投诉部,2024Q4,KPI达成率,110
,投诉部,2025Q1,KPI达成率,111
,投诉部,2025Q2,KPI达成率,112
,投诉部,2024Q4,客户投诉数,3
,投诉部,2025Q1,客户投诉数,5
,投诉部,2025Q2,客户投诉数,8
,投诉部,2024Q4,客户NPS,30
,投诉部,2025Q1,客户NPS,32
,投诉部,2025Q2,客户NPS,35
"""


def test_kpi_green_customer_red_fires_exactly_when_it_should(tmp_path):
    eng = load_with(tmp_path, {"inputs/outcomes.csv": OUTCOMES})
    found = profile.kpi_green_customer_red(eng, POLICY)
    flags = {(u, m): f for u, m, f in zip(found["unit"], found["metric"], found["flagged"],
                                          strict=True)}
    assert flags == {("绿红部", "客户满意度"): True,     # green, two falls in a row
                     ("未全绿部", "客户满意度"): False,  # 99 in 2025Q1
                     ("反弹部", "客户满意度"): False,    # one fall, then up
                     ("投诉部", "客户投诉数"): True,     # complaints rise twice: worse
                     ("投诉部", "客户NPS"): False}       # NPS rises
    green_red = found[found["unit"] == "绿红部"].iloc[0]
    assert green_red["periods"] == ["2024Q4", "2025Q1", "2025Q2"]
    assert green_red["values"] == [90, 88, 85] and green_red["falls_in_a_row"] == 2
    assert (green_red["file"], green_red["row"]) == ("inputs/outcomes.csv", 7)
    assert green_red["rows"] == [2, 3, 4, 5, 6, 7]
    assert "90 → 88 → 85" in green_red["evidence_zh"]
    complaints = found[found["metric"] == "客户投诉数"].iloc[0]
    assert complaints["lower_is_better"] and complaints["worse_change"] == 5
    lines = profile.kgcr_lines(found, "en")
    assert len(lines) == 2 and "inputs/outcomes.csv" in lines[0]


def test_kgcr_thresholds_come_from_the_policy(tmp_path):
    eng = load_with(tmp_path, {"inputs/outcomes.csv": OUTCOMES})
    longer = policy.load("default", {"kpi_green_customer_red": {
        "customer_metric_falls_over_periods": 3}})
    assert not profile.kpi_green_customer_red(eng, longer)["flagged"].any()
    lower_bar = policy.load("default", {"kpi_green_customer_red": {"attainment_at_least": 95}})
    flagged = profile.kpi_green_customer_red(eng, lower_bar)
    assert set(flagged.loc[flagged["flagged"], "unit"]) == {"绿红部", "未全绿部", "投诉部"}


def test_kgcr_is_empty_without_unit_rows(tmp_path):
    employees = "工号,部门,岗位\nE1,销售部,销售经理\n"
    only_people = "工号,部门,期间,客户指标,数值\nE1,,2025Q1,客户NPS,30\n"
    eng = load_with(tmp_path, {"inputs/employees.csv": employees,
                               "inputs/outcomes.csv": only_people})
    found = profile.kpi_green_customer_red(eng, POLICY)
    assert found.empty and list(found.columns) == profile.KGCR_COLUMNS
    assert profile.quadrant_chart(found, POLICY, "zh") is None
    assert profile.kpi_green_customer_red(load_with(tmp_path / "b", {}), POLICY).empty


def test_quadrant_chart_labels_flagged_units(tmp_path):
    eng = load_with(tmp_path, {"inputs/outcomes.csv": OUTCOMES})
    found = profile.kpi_green_customer_red(eng, POLICY)
    spec = profile.quadrant_chart(found, POLICY, "zh").to_dict()
    text = str(spec)
    assert "绿红部 · 客户满意度" in text and i18n.t("kgcr.chart.x", "zh") in text
    assert "<svg" in charts.svg(spec)


@pytest.mark.parametrize(("labels", "ordered"), [
    (["2026Q1", "2025Q4", "2026Q3"], ["2025Q4", "2026Q1", "2026Q3"]),
    (["2024-10", "2024-3", "2024-12"], ["2024-3", "2024-10", "2024-12"]),
])
def test_periods_are_ordered_by_their_numbers(labels, ordered):
    assert sorted(labels, key=profile.period_key) == ordered


@pytest.mark.parametrize(("metric", "attainment", "lower"), [
    ("KPI达成率", True, False), ("KPI attainment (%)", True, False), ("客户NPS", False, False),
    ("客户投诉数", False, True), ("churn rate", False, True)])
def test_metric_names(metric, attainment, lower):
    assert profile.is_attainment_metric(metric) == attainment
    assert profile.lower_is_better(metric) == lower


# --- the three samples ------------------------------------------------------------------

#: Per sample README: the unit showing "KPI green, customer red" and the self-checks on which
#: managers disagree.
SAMPLES = {
    "lanshan_bank": ("零售金融部", {"customer_share", "kpi_conflicts", "unhappy_but_green"}),
    "qingtian_foods": ("渠道销售部", {"kpi_conflicts", "unhappy_but_green"}),
    "xingyun_saas": ("客户服务中心", {"kpi_conflicts", "unhappy_but_green"}),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples(name):
    unit, disagreeing = SAMPLES[name]
    sample = engagement.load(paths.DATA_SAMPLES / name)
    pol = policy.for_engagement(sample.profile)
    classified = scorecard.build(sample, pol)
    organisation = shares.aggregate(shares.position_shares(classified, pol), "organisation",
                                    pol).iloc[0]
    checks = survey.self_check(sample, pol, organisation["customer_share_count"])
    assert disagreeing <= set(checks.checks.loc[checks.checks["disagreement"], "check"])
    assert "talk_topics" not in set(checks.checks.loc[checks.checks["disagreement"], "check"])
    # README: managers perceive the customer share as higher than measured
    assert "perception_over" in set(checks.findings["rule"])
    rows = set(sample.table("survey").index)
    assert all(set(r) <= rows for r in checks.findings["rows"])
    assert checks.warnings.empty and survey.questionnaire(sample, pol) is None

    band = intake.recommend_band(intake.scenario_factors(sample.profile, pol), pol)
    six = profile.six_dimensions(classified, sample, pol, organisation["orientation_index"], band)
    assert len(six) == 6 and six["score"].between(0, 100).all()
    assert six[["evidence_zh", "evidence_en", "rule_zh", "rule_en"]].map(bool).all().all()

    kgcr = profile.kpi_green_customer_red(sample, pol)
    assert set(kgcr.loc[kgcr["flagged"], "unit"]) == {unit}
    outcomes = sample.table("outcomes")
    assert all(set(r) <= set(outcomes.index) for r in kgcr["rows"])
    for lang in i18n.LANGUAGES:
        for chart in (survey.distribution_chart(checks.checks, lang),
                      survey.perception_chart(checks.perceived, checks.perception, lang),
                      profile.radar_chart(six, lang), profile.quadrant_chart(kgcr, pol, lang)):
            assert "<svg" in charts.svg(chart.to_dict())
