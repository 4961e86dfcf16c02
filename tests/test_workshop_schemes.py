"""Workshop exercise 5 (compare the current and the proposed scorecard on last year's actuals):
the task, the accepted answer, the checker's specific feedback on common mistakes, malformed
answers and the starter answer."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import engagement, i18n, paths, policy
from helpers.scoring import pilot
from helpers.workshop import schemes

SAMPLE = paths.DATA_SAMPLES / "xingyun_saas"
STARTER = {"comparable": None, "grade_changes": None, "biggest_gain": "", "better_aligned": ""}


@pytest.fixture(scope="module")
def sample():
    """The sample engagement and its policy; the pilot is computed once (schemes caches it)."""
    loaded = engagement.load(SAMPLE)
    rules = policy.for_engagement(loaded.profile)
    schemes.pilot_result(loaded, rules)
    return loaded, rules


def check(sample, answer, lang="en", unit="销售部", outcome=None):
    loaded, rules = sample
    return schemes.check(answer, loaded, rules, lang, unit=unit, outcome=outcome)


def solved(sample, unit="销售部", **changes):
    loaded, rules = sample
    return {**schemes.solution(loaded, rules, unit=unit), **changes}


def note(feedback, question: str):
    subject = i18n.t(f"workshop_schemes.question.{question}", feedback.lang)
    (found,) = feedback.about(subject)
    return found


# --- task and solution ------------------------------------------------------------------------


def test_task_shows_totals_coverage_and_outcomes_but_no_alignment(sample):
    loaded, rules = sample
    task = schemes.task(loaded, rules, "zh", unit="销售部")
    table = schemes.task_table(task, "zh")
    assert list(table["序号"]) == list(range(1, len(table) + 1))
    assert {"现行总分", "拟议等级", "已计量权重(拟议)", "客户NPS", "客户投诉"} <= set(table.columns)
    assert not any("ρ" in str(c) or "rho" in str(c).lower() for c in table.columns)
    assert "comparable" not in task.employees.columns
    assert task.min_coverage == pilot.min_coverage(rules)


def test_task_lines_name_the_policy_values(sample):
    loaded, rules = sample
    lines = schemes.task_lines(schemes.task(loaded, rules, "en", unit="销售部"), "en")
    assert any("50%" in line for line in lines)
    assert any("0.05" in line and "8 employees" in line for line in lines)
    assert any("customer complaints" in line for line in lines)  # lower is better


@pytest.mark.parametrize("unit", ["不存在的部门", "研发产品部"])
def test_a_unit_without_comparable_employees_names_the_choices(sample, unit):
    """研发产品部 has pilot scores, but nobody reaches pilot.min_coverage under both schemes."""
    loaded, rules = sample
    assert "研发产品部" not in schemes.units(loaded, rules)
    with pytest.raises(ValueError, match="choose one of: .*销售部"):
        schemes.task(loaded, rules, "zh", unit=unit)


def test_an_unknown_outcome_names_the_codes(sample):
    loaded, rules = sample
    with pytest.raises(ValueError, match="nps, retention, complaints"):
        schemes.task(loaded, rules, "en", unit="销售部", outcome="NPS score")


def test_solution_is_computed_from_the_pilot(sample):
    """Comparable employees and grade changes are the pilot's (METHOD §9), per unit."""
    loaded, rules = sample
    scores = schemes.pilot_result(loaded, rules).scores
    unit = scores[(scores["unit"] == "销售部") & scores["comparable"]]
    answer = schemes.solution(loaded, rules, unit="销售部")
    assert answer["comparable"] == len(unit) == 12
    assert answer["grade_changes"] == int((unit["moved"] != 0).sum()) == 7
    gains = unit["proposed_total"] - unit["current_total"]
    assert answer["biggest_gain"] == unit.loc[gains.idxmax(), "employee_id"] == "E0019"
    assert answer["better_aligned"] == "proposed"


@pytest.mark.parametrize("unit", ["销售部", "客户成功部", "交付实施部"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_solution_passes_with_full_score(sample, unit, lang):
    feedback = check(sample, solved(sample, unit), lang, unit)
    assert feedback.passed
    assert feedback.score == feedback.out_of == len(schemes.QUESTIONS)


def test_solution_table_gives_a_reason_per_question(sample):
    loaded, rules = sample
    table = schemes.solution_table(loaded, rules, "zh", unit="客户成功部")
    assert len(table) == len(schemes.QUESTIONS)
    assert table.iloc[3]["答案"] == "neither"
    assert "n = 13" in table.iloc[3]["理由"]


def test_other_outcomes_can_be_chosen(sample):
    """Retention in 客户成功部 rises significantly (p ≈ 0.02) while NPS does not."""
    loaded, rules = sample
    assert schemes.solution(loaded, rules, unit="客户成功部", outcome="nps")[
        "better_aligned"] == "neither"
    assert schemes.solution(loaded, rules, unit="客户成功部", outcome="retention")[
        "better_aligned"] == "proposed"


# --- starter and malformed answers ------------------------------------------------------------


@pytest.mark.parametrize("lang, text", [("en", "Start with"), ("zh", "请先看")])
@pytest.mark.parametrize("answer", [STARTER, {}])
def test_starter_answer_is_not_yet_with_guidance(sample, answer, lang, text):
    feedback = check(sample, answer, lang)
    assert not feedback.passed and feedback.score == 0
    assert sorted(feedback.verdicts.values()) == ["missing"] * 4
    assert feedback.notes[-1].verdict == "hint" and text in feedback.notes[-1].message


@pytest.mark.parametrize("answer", [None, [12, 7], "proposed", 12, np.array([1, 2])])
def test_an_answer_that_is_not_a_dict_gets_one_clear_note(sample, answer):
    feedback = check(sample, answer)
    (only,) = feedback.notes
    assert only.verdict == "mistake" and only.subject == repr(answer)[:60]
    assert "comparable, grade_changes" in only.message and "{" in only.message


@pytest.mark.parametrize("field, value, text", [
    ("comparable", "twelve", "whole number"), ("grade_changes", True, "whole number"),
    ("grade_changes", 7.5, "whole number"), ("biggest_gain", "E9999", "No employee of 销售部"),
    ("biggest_gain", 99, "No employee of 销售部"),
    ("better_aligned", "maybe", "proposed, current, neither"),
    ("better_aligned", ["proposed"], "proposed, current, neither")])
def test_malformed_items_name_what_was_typed(sample, field, value, text):
    feedback = check(sample, solved(sample, **{field: value}))
    wrong = [n for n in feedback.notes if n.verdict == "mistake"]
    assert [n.subject for n in wrong] == [repr(value)]
    assert text in wrong[0].message
    assert feedback.score == 3


def test_unknown_keys_get_a_hint_and_do_not_count(sample):
    feedback = check(sample, solved(sample, outcome="nps"))
    assert feedback.passed and feedback.score == 4
    assert feedback.about("'outcome'")[0].verdict == "hint"


@pytest.mark.parametrize("typed", ["e0019", "E0019", "刘帆睿", 19, "19"])
def test_biggest_gain_accepts_id_name_or_row_number(sample, typed):
    assert note(check(sample, solved(sample, biggest_gain=typed)), "biggest_gain").verdict == (
        "correct")


def test_counts_typed_as_text_or_whole_floats_are_read(sample):
    feedback = check(sample, solved(sample, comparable="12", grade_changes=7.0))
    assert feedback.passed


# --- common mistakes --------------------------------------------------------------------------


@pytest.mark.parametrize("lang, text", [("en", "measure at least 50%"),
                                        ("zh", "都至少为 50% 才参与比较")])
def test_counting_employees_below_min_coverage_as_comparable(sample, lang, text):
    """25 employees of 销售部 are scored under both schemes, only 12 reach pilot.min_coverage."""
    found = note(check(sample, solved(sample, comparable=25), lang), "comparable")
    assert found.verdict == "mistake" and text in found.message
    assert "E0001" in found.message  # proposed weight measured: 25 %


@pytest.mark.parametrize("lang, text", [("en", "not comparable: E0004"),
                                        ("zh", "不可比员工的等级变化:E0004")])
def test_counting_grade_changes_of_employees_who_are_not_comparable(sample, lang, text):
    found = note(check(sample, solved(sample, grade_changes=13), lang), "grade_changes")
    assert found.verdict == "mistake" and text in found.message


@pytest.mark.parametrize("lang, text", [("en", "E0005 蒋轩欣 is not comparable"),
                                        ("zh", "E0005 蒋轩欣 不可比")])
def test_naming_a_mover_without_enough_measured_weight(sample, lang, text):
    """E0005 gains +29.9 points, but only 10 % of the proposed weight is measured."""
    found = note(check(sample, solved(sample, biggest_gain="E0005"), lang), "biggest_gain")
    assert found.verdict == "mistake" and text in found.message and "+29.9" in found.message


@pytest.mark.parametrize("lang, text", [("en", "largest drop"), ("zh", "最大的降幅")])
def test_naming_the_largest_drop_as_the_largest_gain(sample, lang, text):
    """Off by sign: E0016 loses 38.2 points, the most of the comparable employees."""
    found = note(check(sample, solved(sample, biggest_gain="E0016"), lang), "biggest_gain")
    assert found.verdict == "mistake" and text in found.message and "-38.2" in found.message


def test_another_comparable_employee_gets_the_plain_note(sample):
    found = note(check(sample, solved(sample, biggest_gain="E0012")), "biggest_gain")
    assert found.verdict == "mistake" and "another comparable employee gains more" in (
        found.message)


@pytest.mark.parametrize("lang, text", [("en", "higher scores on average (96.5 against 85.9)"),
                                        ("zh", "平均分更高(96.5 对 85.9)")])
def test_judging_alignment_from_mean_scores(sample, lang, text):
    """In 销售部 the current scorecard scores higher on average, but ranks employees with no
    relation to NPS (ρ ≈ −0.03); the proposed one follows it (ρ ≈ 0.72)."""
    found = note(check(sample, solved(sample, better_aligned="current"), lang), "better_aligned")
    assert found.verdict == "mistake" and text in found.message and "0.72" in found.message


@pytest.mark.parametrize("lang, text", [("en", "p-value is 0.223, above α = 0.05"),
                                        ("zh", "p 值为 0.223,高于 α = 0.05")])
def test_claiming_a_rise_of_rho_that_is_not_significant(sample, lang, text):
    """客户成功部: ρ rises from −0.07 to 0.36 with n = 13, p = 0.22: "neither" is right."""
    feedback = check(sample, solved(sample, "客户成功部", better_aligned="proposed"), lang,
                     "客户成功部")
    found = note(feedback, "better_aligned")
    assert found.verdict == "mistake" and text in found.message and "n = 13" in found.message


@pytest.mark.parametrize("lang, text", [("en", "fewer than the 8 the policy needs"),
                                        ("zh", "少于政策作出判断所需的 8 名")])
def test_claiming_a_rise_of_rho_on_too_few_employees(sample, lang, text):
    """交付实施部 has 6 comparable employees: below pilot.yaml alignment.min_n (8)."""
    feedback = check(sample, solved(sample, "交付实施部", better_aligned="proposed"), lang,
                     "交付实施部")
    found = note(feedback, "better_aligned")
    assert found.verdict == "mistake" and text in found.message


@pytest.mark.parametrize("lang, text", [("en", "The data does tell them apart"),
                                        ("zh", "数据确实能区分两个方案")])
def test_answering_neither_when_the_difference_is_significant(sample, lang, text):
    found = note(check(sample, solved(sample, better_aligned="neither"), lang), "better_aligned")
    assert found.verdict == "mistake" and text in found.message and "proposed" in found.message


# --- the verdict rule -------------------------------------------------------------------------


def figures(n=12, rho_current=0.0, rho_proposed=0.5, p_current=0.9, p_proposed=0.01):
    return schemes.Alignment("nps", n, rho_current, rho_proposed, p_current, p_proposed,
                             90.0, 80.0)


@pytest.mark.parametrize("found, expected", [
    (figures(), "proposed"),
    (figures(p_proposed=0.2), "neither"),
    (figures(n=6), "neither"),
    (figures(rho_current=0.7, rho_proposed=0.1, p_current=0.01, p_proposed=0.7), "current"),
    (figures(rho_current=0.5, rho_proposed=0.5), "neither"),
    (figures(rho_current=np.nan, rho_proposed=np.nan, p_current=np.nan, p_proposed=np.nan),
     "neither")])
def test_better_aligned_needs_a_gain_significance_and_enough_employees(found, expected):
    assert schemes.better_aligned(found, policy.load()) == expected


def test_policy_overrides_the_significance_level_and_the_minimum_gain():
    rules = policy.load()
    strict = {**rules, "pilot": {**rules["pilot"], "alignment_alpha": 0.001}}
    assert schemes.better_aligned(figures(p_proposed=0.01), strict) == "neither"
    demanding = {**rules, "pilot": {**rules["pilot"], "alignment_min_gain": 0.6}}
    assert schemes.better_aligned(figures(), demanding) == "neither"


def test_spearman_rank_correlation_of_the_wikipedia_example():
    """Wikipedia, "Spearman's rank correlation coefficient", worked example (IQ against hours
    of TV per week, 10 people): ρ = −29/165 ≈ −0.176, p ≈ 0.627. The exercise grades the
    alignment :func:`helpers.scoring.pilot.align` computes; a scheme ranking the same people
    by −IQ has ρ = +0.176: a rise of 0.35 with n = 10 ≥ 8, yet p ≈ 0.63, so "neither"."""
    iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
    tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
    ids = [f"E{i}" for i in range(10)]
    scores = pd.DataFrame({"employee_id": ids, "current_total": iq,
                           "proposed_total": [-x for x in iq]})
    outcomes = pd.DataFrame({"employee_id": ids, "code": "nps", "value": tv})
    found = pilot.align(scores, outcomes, policy.load(), codes=["nps"]).set_index("scheme")
    assert found.at["current", "rho"] == pytest.approx(-0.176, abs=1e-3)
    assert found.at["current", "p"] == pytest.approx(0.627, abs=1e-3)
    assert found.at["proposed", "rho"] == pytest.approx(0.176, abs=1e-3)
    alignment = schemes.Alignment("nps", 10, *(float(found.at[s, c]) for c in ("rho", "p")
                                               for s in ("current", "proposed")), 0.0, 0.0)
    assert schemes.better_aligned(alignment, policy.load()) == "neither"


# --- properties -------------------------------------------------------------------------------


ITEM = st.one_of(st.none(), st.integers(-5, 60), st.text(max_size=6), st.booleans(),
                 st.floats(allow_nan=True), st.sampled_from([*schemes.CHOICES, "E0019", "E0016"]))


@settings(max_examples=25, deadline=None)
@given(answer=st.fixed_dictionaries({q: ITEM for q in schemes.QUESTIONS}))
def test_any_answer_gets_one_graded_note_per_question(sample, answer):
    feedback = check(sample, answer)
    assert 0 <= feedback.score <= feedback.out_of == len(schemes.QUESTIONS)
    graded = [n for n in feedback.notes if n.verdict != "hint"]
    assert len(graded) == len(schemes.QUESTIONS)
    assert feedback.score == sum(n.verdict == "correct" for n in graded)


@settings(max_examples=10, deadline=None)
@given(order=st.permutations(schemes.QUESTIONS))
def test_the_order_of_the_keys_does_not_matter(sample, order):
    answer = solved(sample)
    assert check(sample, {q: answer[q] for q in order}).passed
