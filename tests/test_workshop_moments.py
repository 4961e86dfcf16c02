"""Workshop exercise 2 (journey and uncovered moments of truth): the task, the key, the
checker's specific feedback on common mistakes and malformed answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import engagement, paths, policy
from helpers.workshop import moments

SAMPLE = paths.DATA_SAMPLES / "xingyun_saas"


@pytest.fixture(scope="module")
def sample():
    """The sample engagement and its policy, loaded once."""
    loaded = engagement.load(SAMPLE)
    return loaded, policy.for_engagement(loaded.profile)


@pytest.fixture(scope="module")
def rules(sample):
    return sample[1]


@pytest.fixture(scope="module")
def task(sample):
    loaded, rules = sample
    return moments.task(loaded, rules, "zh")


@pytest.fixture(scope="module")
def key(task):
    return moments.solution_of(task)


def no_of(task, touchpoint: str) -> int:
    return int(task.loc[task["touchpoint"] == touchpoint, "no"].iloc[0])


def subject(task, touchpoint: str) -> str:
    return f"{no_of(task, touchpoint)}. {touchpoint}"


HANDOVER, REPAIR = "销售到实施的交接", "故障报修与升级处理"


# --- task and key -------------------------------------------------------------------------------


def test_task_lists_every_touchpoint_in_journey_order(task):
    assert len(task) == 22
    assert task["no"].tolist() == list(range(1, 23))
    assert task["touchpoint_id"].iloc[0] == "row-2"


def test_task_table_shows_raci_and_covering_indicators(task):
    shown = moments.task_table(task, "en")
    assert list(shown.columns) == ["No.", "Stage", "Touchpoint", "Importance (1–5)",
                                   "Performance (1–5)", "Departments (RACI)",
                                   "Current indicators covering it"]
    repair = shown[shown["Touchpoint"] == REPAIR].iloc[0]
    assert repair["Departments (RACI)"] == ("R 客户服务中心, 研发产品部 · A 客户成功部 · "
                                            "C 交付实施部 · I 销售部")
    assert repair["Current indicators covering it"] == "—"
    assert "gap" not in " ".join(shown.columns).lower()


def test_the_key_is_the_documented_uncovered_moments(task, key):
    """docs/value_chain.md, Samples: xingyun_saas's uncovered moments of truth are journey rows
    17 and 9; their A departments are the accountable ones."""
    uncovered = task.set_index("no").loc[key["uncovered"], "touchpoint_id"]
    assert set(uncovered) == {"row-17", "row-9"}
    assert key["accountable"] == {no_of(task, HANDOVER): "交付实施部",
                                  no_of(task, REPAIR): "客户成功部"}


def test_the_key_follows_the_policy(sample):
    loaded, rules = sample
    narrow = policy.load("default", {"value_chain": {"moments_of_truth": {"top": 1}}})
    key = moments.solution(loaded, narrow)
    assert key["uncovered"] == [16]


def test_solution_table_lists_every_moment_uncovered_first(task):
    table = moments.solution_table(task, "en")
    assert len(table) == int(task["is_moment"].sum())
    assert table["In the answer"].tolist()[:2] == ["yes", "yes"]
    assert table["Accountable"].iloc[0] == "客户成功部 (A)"
    assert "covered by POC成功率" in " ".join(table["Why"])


# --- the checker ----------------------------------------------------------------------------------


def test_the_solution_passes_with_full_score(sample):
    loaded, rules = sample
    answer = moments.solution(loaded, rules)
    for lang in ("zh", "en"):
        feedback = moments.check(answer, loaded, rules, lang)
        assert feedback.passed and feedback.score == feedback.out_of == 4


def test_the_starter_answer_says_what_to_do_first(task, rules):
    for lang, words in (("en", "top 5 touchpoints by gap"), ("zh", "前 5 个触点")):
        feedback = moments.grade({"uncovered": [], "accountable": {}}, task, rules, lang)
        assert not feedback.passed and feedback.score == 0
        assert [n.verdict for n in feedback.notes] == ["missing"]
        assert words in feedback.notes[0].message


@pytest.mark.parametrize(("touchpoint", "indicator"), [
    ("POC试用验证", "POC成功率"), ("日常咨询(热线/在线)", "接通率")])
def test_a_covered_moment_names_the_covering_indicator(task, key, rules, touchpoint,
                                                       indicator):
    answer = {**key, "uncovered": [*key["uncovered"], no_of(task, touchpoint)]}
    for lang, words in (("en", "but it is covered"), ("zh", "但已被覆盖")):
        (note,) = moments.grade(answer, task, rules, lang).about(subject(task, touchpoint))
        assert note.verdict == "mistake" and words in note.message and indicator in note.message


def test_a_moment_covered_only_by_internal_indicators_is_still_covered(task, key, rules):
    weak = task.copy()
    weak.loc[weak["touchpoint"] == "POC试用验证", "covered_by_customer"] = False
    answer = {**key, "uncovered": [*key["uncovered"], no_of(task, "POC试用验证")]}
    (en,) = moments.grade(answer, weak, rules, "en").about(subject(task, "POC试用验证"))
    (zh,) = moments.grade(answer, weak, rules, "zh").about(subject(task, "POC试用验证"))
    assert en.verdict == "mistake" and "not customer-value indicators" in en.message
    assert "不是客户价值指标" in zh.message


def test_an_uncovered_touchpoint_that_is_no_moment_gets_its_gap_and_the_policy(task, key,
                                                                                rules):
    answer = {**key, "uncovered": [*key["uncovered"], no_of(task, "报价与商务谈判")]}
    (en,) = moments.grade(answer, task, rules, "en").about(subject(task, "报价与商务谈判"))
    (zh,) = moments.grade(answer, task, rules, "zh").about(subject(task, "报价与商务谈判"))
    assert en.verdict == "mistake"
    assert "importance 4 − performance 3 = gap 1, rank 12" in en.message
    assert "top 5 touchpoints by gap, with a gap of at least 1" in en.message
    assert "a gap of 3 or more" in en.message
    assert "差距 1,排名第 12" in zh.message and "前 5 个触点" in zh.message


def test_a_covered_touchpoint_that_is_no_moment(task, key, rules):
    answer = {**key, "uncovered": [*key["uncovered"], no_of(task, "合同评审与签署")]}
    (note,) = moments.grade(answer, task, rules, "en").about(subject(task, "合同评审与签署"))
    assert note.verdict == "mistake" and "新签合同额" in note.message


def test_a_missed_moment(task, key, rules):
    answer = {"uncovered": [no_of(task, REPAIR)], "accountable": key["accountable"]}
    feedback = moments.grade(answer, task, rules, "en")
    (note,) = feedback.about(subject(task, HANDOVER))
    assert note.verdict == "missing" and "gap 3, rank 2" in note.message
    assert "漏掉了" in moments.grade(answer, task, rules, "zh").about(
        subject(task, HANDOVER))[0].message
    assert feedback.score == 3 and not feedback.passed


@pytest.mark.parametrize(("department", "verdict", "en_words", "zh_words"), [
    ("客户成功部", "correct", "holds A", "是 A"),
    ("客户服务中心", "mistake", "is R: it does the work", "是 R"),
    ("交付实施部", "mistake", "only consulted (C)", "只是咨询方(C)"),
    ("销售部", "mistake", "only informed (I)", "只是知会方(I)"),
    ("人力资源部", "mistake", "holds no RACI letter", "没有任何 RACI 角色"),
])
def test_the_accountable_department(task, key, rules, department, verdict, en_words,
                                    zh_words):
    repair = no_of(task, REPAIR)
    answer = {**key, "accountable": {**key["accountable"], repair: department}}
    where = f"{subject(task, REPAIR)} → {department}"
    (en,) = moments.grade(answer, task, rules, "en").about(where)
    (zh,) = moments.grade(answer, task, rules, "zh").about(where)
    assert en.verdict == zh.verdict == verdict
    assert en_words in en.message and zh_words in zh.message
    if verdict == "mistake":
        assert "客户成功部" in en.message


def test_without_an_a_the_responsible_department_is_accepted(task, key, rules):
    """METHOD §3 RACI rule: "at least one R (if none, A is R)" — read the other way round for
    the exercise: a journey without A leaves the R departments answerable."""
    no_a = task.copy()
    repair = no_of(task, REPAIR)
    no_a["A"] = [[] if n == repair else a for n, a in zip(no_a["no"], no_a["A"], strict=True)]
    assert moments.solution_of(no_a)["accountable"][repair] == "客户服务中心"
    answer = {**key, "accountable": {**key["accountable"], repair: "研发产品部"}}
    feedback = moments.grade(answer, no_a, rules, "en")
    (note,) = feedback.about(f"{subject(task, REPAIR)} → 研发产品部")
    assert note.verdict == "correct" and "names no A" in note.message


def test_missing_and_extra_accountable_departments(task, key, rules):
    answer = {"uncovered": key["uncovered"], "accountable": {no_of(task, REPAIR): "客户成功部",
                                                             1: "市场部"}}
    feedback = moments.grade(answer, task, rules, "en")
    assert feedback.about(f"{subject(task, HANDOVER)} → A")[0].verdict == "missing"
    assert feedback.about(f"{subject(task, '行业案例与内容触达')} → 市场部")[0].verdict == "hint"
    assert feedback.score == 3


@pytest.mark.parametrize(("answer", "subject_", "words"), [
    ({"uncovered": [99]}, "99", "1–22"),
    ({"uncovered": ["不存在的触点"]}, '"不存在的触点"', "touchpoint name"),
    ({"uncovered": 16}, "16", "square brackets"),
    ({"accountable": [16]}, "[16]", "curly brackets, e.g. {3:"),
    ({"accountable": {16: 3}}, "3", "as text in quotes"),
    ({"accountable": {"x": "销售部"}}, '"x"', "1–22"),
    ({"uncoverd": [16]}, '"uncoverd"', "uncovered, accountable"),
    ([16, 8], "[16, 8]", "two entries"),
])
def test_malformed_answers_get_a_clear_note(task, rules, answer, subject_, words):
    feedback = moments.grade(answer, task, rules, "en")
    (note,) = feedback.about(subject_)
    assert note.verdict == "mistake" and words in note.message
    assert not feedback.passed
    assert moments.grade(answer, task, rules, "zh").about(subject_)[0].verdict == "mistake"


def test_a_touchpoint_listed_twice(task, key, rules):
    repair = no_of(task, REPAIR)
    answer = {**key, "uncovered": [*key["uncovered"], repair]}
    feedback = moments.grade(answer, task, rules, "en")
    assert [n.verdict for n in feedback.about(subject(task, REPAIR))] == ["correct", "mistake"]
    assert not feedback.passed and feedback.score == 4


def test_names_and_numeric_text_are_accepted(task, key, rules):
    names = task.set_index("no")["touchpoint"]
    answer = {"uncovered": [names[n] for n in key["uncovered"]],
              "accountable": {str(n): d for n, d in key["accountable"].items()}}
    assert moments.grade(answer, task, rules, "en").passed


# --- properties -----------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_any_order_of_the_key_passes(task, key, rules, data):
    answer = {"accountable": dict(data.draw(st.permutations(list(key["accountable"].items())))),
              "uncovered": data.draw(st.permutations(key["uncovered"]))}
    feedback = moments.grade(answer, task, rules, "zh")
    assert feedback.passed and feedback.score == feedback.out_of


DEPARTMENTS = st.sampled_from(["客户成功部", "交付实施部", "销售部", "客户服务中心", "财务部"])


@settings(max_examples=60, deadline=None)
@given(picked=st.lists(st.integers(1, 22), max_size=6),
       accountable=st.dictionaries(st.integers(1, 22), DEPARTMENTS, max_size=4))
def test_the_score_never_exceeds_out_of(task, rules, picked, accountable):
    feedback = moments.grade({"uncovered": picked, "accountable": accountable}, task, rules,
                             "en")
    assert 0 <= feedback.score <= feedback.out_of == 4
    wrong = set(picked) - {8, 16}
    if wrong:
        assert not feedback.passed


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 30) | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["uncovered", "accountable", 16, "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=80, deadline=None)
@given(answer=ANYTHING)
def test_no_answer_raises(task, rules, answer):
    feedback = moments.grade(answer, task, rules, "en")
    assert 0 <= feedback.score <= feedback.out_of
