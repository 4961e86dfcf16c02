"""Workshop exercise 1 (spot the internal-oriented indicators): the task, the key, the checker's
specific feedback on common mistakes, malformed answers and the saved classification."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import decisions, engagement, paths, policy
from helpers.errors import InputError
from helpers.workshop import answers, spot

SAMPLE = paths.DATA_SAMPLES / "xingyun_saas"


@pytest.fixture(scope="module")
def sample():
    """The sample engagement and its policy, loaded once."""
    loaded = engagement.load(SAMPLE)
    return loaded, policy.for_engagement(loaded.profile)


@pytest.fixture(scope="module")
def task(sample):
    loaded, rules = sample
    return spot.task(loaded, rules, "zh")


@pytest.fixture(scope="module")
def key(task):
    return spot.solution_of(task)


def no_of(task, indicator: str) -> int:
    return int(task.loc[task["indicator"] == indicator, "no"].iloc[0])


def moved(key: dict, number: int, to: str) -> dict:
    """The key with one row moved to another orientation."""
    answer = {code: [n for n in rows if n != number] for code, rows in key.items()}
    answer[to].append(number)
    return answer


def note_on(feedback, task, indicator: str):
    (note,) = [n for n in feedback.notes if n.subject == f"{no_of(task, indicator)}. {indicator}"]
    return note


# --- task and key -------------------------------------------------------------------------------


def test_task_mixes_orientations_from_authoritative_rows_only(task):
    assert 10 <= len(task) <= 16
    assert task["no"].tolist() == list(range(1, len(task) + 1))
    assert set(task["matched_by"]) <= set(spot.AUTHORITATIVE)
    assert {"customer", "business", "internal"} <= set(task["orientation"])
    assert task["indicator"].is_unique
    # rule-matched rows of the chosen units (e.g. 质检合格率) are left out: their key is unsure
    assert "质检合格率" not in set(task["indicator"])


def test_task_table_hides_the_orientation(task):
    shown = spot.task_table(task, "en")
    assert list(shown.columns) == ["No.", "Department", "Position", "Indicator",
                                   "Definition (client)"]
    assert "internal" not in shown.to_string()
    assert list(spot.task_table(task, "zh").columns)[0] == "编号"


def test_handle_time_is_internal_and_first_contact_resolution_customer(task, key):
    """METHOD §1 (seed 000 §2): "average handle time" is internal, "first contact resolution"
    is customer — the key says so too."""
    assert no_of(task, "平均通话时长") in key["internal"]
    assert no_of(task, "一次解决率") in key["customer"]


def test_a_single_position_can_be_chosen(sample):
    loaded, rules = sample
    one = spot.task(loaded, rules, "en", units=["销售部 · 区域销售经理"])
    assert set(one["position"]) == {"区域销售经理"}
    assert one.equals(spot.task(loaded, rules, "en", units="销售部 · 区域销售经理"))
    assert "客户拜访完成率" in set(one["indicator"])


def test_an_unknown_unit_is_refused_with_the_fix(sample):
    loaded, rules = sample
    with pytest.raises(InputError) as raised:
        spot.task(loaded, rules, "zh", units=["客服部"])
    assert "客服部" in raised.value.render("en") and "Fix:" in raised.value.render("en")
    assert "客服部" in raised.value.render("zh") and "修正" in raised.value.render("zh")


def test_a_consultant_decision_makes_a_row_authoritative(sample_copy):
    (sample_copy / "decisions").mkdir(exist_ok=True)
    decisions.write_classification(sample_copy, {"质检合格率": "internal"})
    loaded = engagement.load(sample_copy)
    task = spot.task(loaded, policy.for_engagement(loaded.profile), "zh")
    row = task[task["indicator"] == "质检合格率"].iloc[0]
    assert row["orientation"] == "internal" and row["matched_by"] == "override"
    feedback = spot.grade(moved(spot.solution_of(task), int(row["no"]), "customer"), task, "en")
    assert "by the consultant" in note_on(feedback, task, "质检合格率").message


# --- the checker ----------------------------------------------------------------------------------


def test_the_solution_passes_with_full_score(sample):
    loaded, rules = sample
    answer = spot.solution(loaded, rules)
    feedback = spot.check(answer, loaded, rules, "en")
    assert feedback.passed
    assert feedback.score == feedback.out_of == sum(len(v) for v in answer.values())
    assert spot.solution_table(spot.task(loaded, rules), "zh").shape[0] == feedback.out_of


def test_the_starter_answer_says_what_to_do_first(task):
    starter = {code: [] for code in spot.ORIENTATIONS}
    for lang, words in (("en", "whose experience"), ("zh", "谁的感受")):
        feedback = spot.grade(starter, task, lang)
        assert not feedback.passed and feedback.score == 0
        assert [n.verdict for n in feedback.notes] == ["missing"]
        assert words in feedback.notes[0].message
        assert feedback.headline().startswith(("Not yet", "还差"))


def test_the_internal_count_leads_the_feedback(task, key):
    answer = moved(key, no_of(task, "平均通话时长"), "customer")
    first = spot.grade(answer, task, "en").notes[0]
    total = len(key["internal"])
    assert first.verdict == "hint"
    assert f"there are {total}; you spotted {total - 1}, and 0" in first.message


@pytest.mark.parametrize(("indicator", "felt_en", "felt_zh"), [
    ("平均通话时长", "First contact resolution rate", "一次解决率"),
    ("客户拜访完成率", "Key-account satisfaction", "重点客户满意度"),
    ("工单处理量", "Ticket reopen rate", "工单重开率"),
])
def test_effort_under_customer_names_what_the_customer_feels(task, key, indicator, felt_en,
                                                              felt_zh):
    answer = moved(key, no_of(task, indicator), "customer")
    en = note_on(spot.grade(answer, task, "en"), task, indicator)
    zh = note_on(spot.grade(answer, task, "zh"), task, indicator)
    assert en.verdict == zh.verdict == "mistake"
    assert "felt BY the customer" in en.message and felt_en in en.message
    assert "不等于被客户感受到" in zh.message and felt_zh in zh.message


def test_effort_without_a_customer_counterpart_still_gets_the_specific_message(task, key):
    answer = moved(key, no_of(task, "培训人次"), "customer")
    en = note_on(spot.grade(answer, task, "en"), task, "培训人次")
    zh = note_on(spot.grade(answer, task, "zh"), task, "培训人次")
    assert "felt BY the customer" in en.message and "the result the work" in en.message
    assert "这些工作带来的结果" in zh.message


def test_revenue_under_customer_is_the_business_result(task, key):
    answer = moved(key, no_of(task, "销售额完成率"), "customer")
    en = note_on(spot.grade(answer, task, "en"), task, "销售额完成率")
    zh = note_on(spot.grade(answer, task, "zh"), task, "销售额完成率")
    assert en.verdict == "mistake"
    assert "business (financial and market) result" in en.message
    assert "业务(财务与市场)结果" in zh.message


@pytest.mark.parametrize("indicator", ["客户满意度(CSAT)", "一次解决率", "客户投诉率"])
def test_customer_outcome_under_internal_says_what_the_customer_perceives(task, key,
                                                                          indicator):
    answer = moved(key, no_of(task, indicator), "internal")
    en = note_on(spot.grade(answer, task, "en"), task, indicator)
    zh = note_on(spot.grade(answer, task, "zh"), task, indicator)
    assert en.verdict == "mistake"
    assert "what the customer perceives" in en.message and "customer value" in en.message
    assert "客户能感受到" in zh.message


def test_other_confusions_name_the_library_card(task, key):
    answer = moved(key, no_of(task, "人员流失率"), "risk")
    en = note_on(spot.grade(answer, task, "en"), task, "人员流失率")
    assert en.verdict == "mistake"
    assert "You put it under risk and compliance; it is capability" in en.message
    assert 'Library card "Voluntary employee turnover rate"' in en.message


def test_a_row_missing_and_a_row_listed_twice(task, key):
    number = no_of(task, "接通率")
    answer = copy.deepcopy(key)
    answer["customer"].remove(number)
    twice = no_of(task, "回款率")
    answer["business"].append(twice)
    other = no_of(task, "排班执行率")
    answer["customer"].append(other)
    feedback = spot.grade(answer, task, "en")
    assert note_on(feedback, task, "接通率").verdict == "missing"
    assert "Listed 2 times under business result" in note_on(feedback, task, "回款率").message
    both = note_on(feedback, task, "排班执行率")
    assert both.verdict == "mistake" and "customer value and internal process" in both.message
    assert "同时放在了" in note_on(spot.grade(answer, task, "zh"), task, "排班执行率").message
    assert not feedback.passed and feedback.score == feedback.out_of - 3


@pytest.mark.parametrize(("answer", "subject", "words"), [
    ({"customer": [99]}, "99", "1–"),
    ({"customer": [0]}, "0", "1–"),
    ({"customer": ["没有这个指标"]}, '"没有这个指标"', "indicator name"),
    ({"customer": [True]}, "True", "1–"),
    ({"customer": [None]}, "None", "1–"),
    ({"客户": [1]}, '"客户"', "customer, business, internal"),
    ({"risk": 5}, "5", "square brackets"),
    ({"risk": "1, 2"}, '"1, 2"', "square brackets"),
    ([1, 2, 3], "[1, 2, 3]", "a dict"),
    ("internal", '"internal"', "a dict"),
])
def test_malformed_answers_get_a_clear_note(task, answer, subject, words):
    feedback = spot.grade(answer, task, "en")
    (note,) = feedback.about(subject)
    assert note.verdict == "mistake" and words in note.message
    assert not feedback.passed
    assert spot.grade(answer, task, "zh").about(subject)[0].verdict == "mistake"


def test_names_numeric_text_and_labels_are_accepted(task, key):
    names = task.set_index("no")["indicator"]
    answer = {spot.label(code, "zh"): [names[n] for n in rows] for code, rows in key.items()}
    assert spot.grade(answer, task, "en").passed
    text = {code: [str(n) for n in rows] for code, rows in key.items()}
    assert spot.grade(text, task, "zh").passed


def test_the_answer_is_saved_as_a_classification(task, key, tmp_path):
    answer = moved(key, no_of(task, "平均通话时长"), "customer")
    answer["internal"].append(999)
    saved = spot.as_classification(answer, task)
    assert saved["平均通话时长"] == "customer" and len(saved) == len(task)
    answers.save_classification(tmp_path, "team 1", saved)
    (folder,) = answers.teams_in(tmp_path)
    assert decisions.read_classification(folder) == saved


# --- properties -----------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_order_of_the_key_passes(task, key, data):
    shuffled = {code: data.draw(st.permutations(rows)) for code, rows in key.items()}
    order = data.draw(st.permutations(list(shuffled)))
    feedback = spot.grade({code: shuffled[code] for code in order}, task, "en")
    assert feedback.passed and feedback.score == feedback.out_of


@settings(max_examples=60, deadline=None)
@given(placement=st.lists(st.sampled_from(spot.ORIENTATIONS), min_size=1, max_size=40))
def test_the_score_counts_rows_placed_once_and_right(task, placement):
    codes = (placement * len(task))[:len(task)]
    answer = {code: [] for code in spot.ORIENTATIONS}
    for number, code in zip(task["no"], codes, strict=True):
        answer[code].append(int(number))
    feedback = spot.grade(answer, task, "en")
    right = sum(code == truth for code, truth in zip(codes, task["orientation"], strict=True))
    assert feedback.score == right <= feedback.out_of
    assert feedback.passed == (right == len(task))


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 40) | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from([*spot.ORIENTATIONS, "客户", 3]), inner, max_size=5),
    max_leaves=12)


@settings(max_examples=80, deadline=None)
@given(answer=ANYTHING)
def test_no_answer_raises(task, answer):
    feedback = spot.grade(answer, task, "en")
    assert 0 <= feedback.score <= feedback.out_of
    spot.as_classification(answer, task)
