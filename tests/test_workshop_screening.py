"""Workshop exercise 3: screening a position's KPI pool and choosing core indicators
(helpers.workshop.screening; METHOD §5–6)."""

from __future__ import annotations

import nbformat
import papermill
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import engagement, i18n, paths, policy, runner
from helpers.errors import InputError
from helpers.kpi_pool import candidates as pool_candidates
from helpers.kpi_pool import selection as pool_selection
from helpers.workshop import answers, screening

KEY_ACCOUNT = {"unit": "销售部", "position": "大客户销售经理"}
CHANNEL = {"unit": "销售部", "position": "渠道经理"}
QUALITY = {"unit": "客户服务中心", "position": "质检专员"}
NOTEBOOK = paths.NOTEBOOKS / "workshop" / "03_screen_pool.ipynb"
QUICK = settings(max_examples=25, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def sample():
    loaded = engagement.load(paths.DATA_SAMPLES / "xingyun_saas")
    return loaded, policy.for_engagement(loaded.profile)


def check(sample, answer, lang="zh", where=KEY_ACCOUNT):
    loaded, rules = sample
    return screening.check(answer, loaded, rules, lang, **where)


def pool(sample, where=KEY_ACCOUNT):
    loaded, rules = sample
    return screening.task(loaded, rules, "zh", **where).pool


def number(sample, key, where=KEY_ACCOUNT) -> int:
    rows = pool(sample, where)
    return int(rows.loc[rows["key"] == key, "no"].iloc[0])


def notes_on(feedback, subject_start: str):
    return [n for n in feedback.notes if n.subject.startswith(subject_start)]


# --- the task ---------------------------------------------------------------------------------


def test_task_is_the_positions_pool_numbered_from_one(sample):
    rows = pool(sample)
    assert list(rows["no"]) == list(range(1, len(rows) + 1))
    assert set(rows["unit"]) == {"销售部"} and set(rows["position"]) == {"大客户销售经理"}
    assert (~rows["passed"]).sum() >= 1, "the exercise needs candidates that fail the funnel"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_task_table_shows_facts_but_no_verdict_or_tier(sample, lang):
    loaded, rules = sample
    work = screening.task(loaded, rules, lang, **KEY_ACCOUNT)
    table = screening.task_table(work, lang)
    headers = set(table.columns)
    assert i18n.t("workshop_screening.col.formula", lang) in headers
    assert i18n.t("workshop_screening.col.balanced_by", lang) in headers
    assert i18n.t("workshop_screening.col.tier", lang) not in headers
    assert not any("passed" in str(c) or "tier" in str(c) for c in headers)
    assert list(table.iloc[:, 0]) == list(work.pool["no"])
    revenue = table.iloc[number(sample, "sales.revenue_attainment") - 1]
    assert "毛利率" in str(revenue.iloc[-1]) or "margin" in str(revenue.iloc[-1])


def test_rules_table_takes_its_numbers_from_the_policy(sample):
    loaded, rules = sample
    changed = {**rules, "kpi_pool": {**rules["kpi_pool"], "max_per_position": 7}}
    work = screening.task(loaded, changed, "en", **KEY_ACCOUNT)
    text = " ".join(screening.rules_table(work, changed, "en").iloc[:, 0])
    assert "at most 7 indicators" in text
    assert "faces customers" in text


def test_unknown_position_names_the_positions_that_exist(sample):
    loaded, rules = sample
    with pytest.raises(InputError) as caught:
        screening.task(loaded, rules, "en", unit="销售部", position="宇航员")
    assert "销售部 · 宇航员" in str(caught.value)
    assert "大客户销售经理" in str(caught.value)


# --- the solution -----------------------------------------------------------------------------


@pytest.mark.parametrize("where", [KEY_ACCOUNT, CHANNEL, QUALITY], ids=lambda w: w["position"])
def test_checker_accepts_the_methods_proposal(sample, where):
    loaded, rules = sample
    answer = screening.solution(loaded, rules, **where)
    for lang in ("zh", "en"):
        feedback = screening.check(answer, loaded, rules, lang, **where)
        assert feedback.passed, feedback.text()
        assert feedback.score == feedback.out_of > 0


def test_solution_is_the_proposal_of_the_kpi_pool(sample):
    loaded, rules = sample
    answer = screening.solution(loaded, rules, **KEY_ACCOUNT)
    rows = pool(sample).set_index("no")
    assert all(rows.at[n, "role"] == "core" for n in answer["core"])
    assert all(rows.at[n, "role"] == "observe" for n in answer["observe"])
    spec = rules["kpi_pool"]["core_per_position"]
    assert spec["min"] <= len(answer["core"]) <= spec["max"]


def test_solution_table_gives_a_reason_for_every_candidate(sample):
    loaded, rules = sample
    table = screening.solution_table(loaded, rules, "en", **KEY_ACCOUNT)
    assert len(table) == len(pool(sample))
    assert table["Why"].str.len().min() > 10


@QUICK
@given(data=st.data())
def test_any_order_of_a_correct_answer_passes(sample, data):
    loaded, rules = sample
    answer = screening.solution(loaded, rules, **KEY_ACCOUNT)
    shuffled = {role: data.draw(st.permutations(answer[role])) for role in answer}
    assert check(sample, shuffled).passed


def test_a_different_selection_that_meets_every_rule_also_passes(sample):
    """Not only the proposal: swap an observation indicator into the core."""
    core = [number(sample, k) for k in ("sales.new_customers", "customer_success.renewal_rate",
                                         "customer_success.csat", "sales.proposal_turnaround",
                                         "customer_service.complaint_plan_within_24h")]
    feedback = check(sample, {"core": core, "observe": []})
    assert feedback.passed, feedback.text()


def test_names_and_text_numbers_are_read_as_well(sample):
    loaded, rules = sample
    answer = screening.solution(loaded, rules, **KEY_ACCOUNT)
    rows = pool(sample).set_index("no")
    typed = {"core": [rows.at[n, "name_zh"] for n in answer["core"]],
             "observe": [str(n) for n in answer["observe"]]}
    assert check(sample, typed).passed


# --- the starter and malformed answers --------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("zh", "还没有选择"), ("en", "Nothing chosen yet")])
def test_empty_starter_says_what_to_do_first(sample, lang, words):
    feedback = check(sample, {"core": [], "observe": []}, lang)
    assert not feedback.passed
    assert [n.verdict for n in feedback.notes] == ["missing"]
    spec = sample[1]["kpi_pool"]["core_per_position"]
    assert words in feedback.notes[0].message
    assert f"{spec['min']}–{spec['max']}" in feedback.notes[0].message


@pytest.mark.parametrize("answer", ["3, 9, 10", [3, 9, 10], None, 42])
def test_an_answer_that_is_not_a_dict_gets_one_clear_note(sample, answer):
    feedback = check(sample, answer, "en")
    assert feedback.verdicts == {screening.typed_text(answer): "mistake"}
    assert "dict with two lists" in feedback.notes[0].message


def test_unknown_numbers_fields_and_doubles_are_named(sample):
    answer = {"core": [3, 9, 10, 99, 9, "x", True], "observe": "7", "weights": [1]}
    feedback = check(sample, answer, "en")
    assert feedback.about("99")[0].verdict == "mistake"
    assert "1–17" in feedback.about("99")[0].message
    assert "not a row number" in feedback.about("x")[0].message
    assert "listed twice" in feedback.about("9")[0].message
    assert "only \"core\" and \"observe\"" in feedback.about("weights")[0].message
    assert "must be a list" in feedback.about("7")[0].message
    assert feedback.about("True")[0].verdict == "mistake"


@pytest.mark.parametrize(("lang", "words"), [("zh", "同时出现在核心与观察中"),
                                             ("en", "both as core and as observe")])
def test_same_indicator_in_core_and_observe(sample, lang, words):
    csat = number(sample, "customer_success.csat")
    feedback = check(sample, {"core": [csat, 9, 16], "observe": [csat]}, lang)
    notes = notes_on(feedback, f"{csat}.")
    assert notes[-1].verdict == "mistake" and words in notes[-1].message
    assert feedback.verdicts[notes[-1].subject] == "mistake"


# --- common mistakes --------------------------------------------------------------------------


@pytest.mark.parametrize(("where", "key", "zh", "en"), [
    (KEY_ACCOUNT, "sales.revenue_attainment", "整体一致性", "overall-consistency"),
    (CHANNEL, "current:渠道培训场次", "可衡量性", "measurability"),
    (QUALITY, "customer_service.average_handle_time", "战略相关性", "strategic relevance"),
], ids=["conflict", "no formula or data source", "not relevant"])
def test_a_core_pick_that_fails_the_funnel_names_the_question_and_why(sample, where, key, zh,
                                                                      en):
    failed = number(sample, key, where)
    rows = pool(sample, where).set_index("no")
    for lang, words in (("zh", zh), ("en", en)):
        feedback = check(sample, {"core": [failed], "observe": []}, lang, where)
        note = notes_on(feedback, f"{failed}.")[0]
        assert note.verdict == "mistake"
        assert words in note.message
        assert rows.at[failed, f"reason_{lang}"] in note.message


def test_every_funnel_question_has_its_own_message():
    for question in pool_candidates.settings()["funnel"]["questions"]:
        for lang in ("zh", "en"):
            assert i18n.has(f"workshop_screening.note.core_failed.{question}", lang)


def test_an_observation_pick_must_pass_the_funnel_too(sample):
    failed = number(sample, "current:新签约渠道数", CHANNEL)
    loaded, rules = sample
    answer = screening.solution(loaded, rules, **CHANNEL)
    answer["observe"] = [*answer["observe"][:2], failed]
    feedback = check(sample, answer, "en", CHANNEL)
    note = notes_on(feedback, f"{failed}.")[0]
    assert note.verdict == "mistake" and "not even an observation indicator" in note.message


@pytest.mark.parametrize(("lang", "words", "partner"), [
    ("zh", "与你们的其他选择存在冲突", "客户续约率"),
    ("en", "conflicts with the rest of your selection", "Renewal rate")])
def test_a_pushing_pick_without_its_balance_is_a_conflict(sample, lang, words, partner):
    """新客户数 pushes volume (conflict new_customers_vs_retention); without renewal or churn
    among the kept indicators it is unbalanced."""
    new = number(sample, "sales.new_customers")
    renewal = number(sample, "customer_success.renewal_rate")
    core = [new, number(sample, "customer_success.csat"),
            number(sample, "sales.proposal_turnaround"),
            number(sample, "customer_service.complaint_plan_within_24h")]
    feedback = check(sample, {"core": core, "observe": []}, lang)
    note = notes_on(feedback, f"{new}.")[0]
    assert note.verdict == "mistake" and words in note.message
    assert f"{renewal}. {partner}" in note.message
    balanced = check(sample, {"core": core, "observe": [renewal]}, lang)
    assert notes_on(balanced, f"{new}.")[0].verdict == "correct"


@pytest.mark.parametrize(("core", "rule", "zh", "en"), [
    ([9, 10], "too_few_core", "至少需要 3 个核心指标", "at least 3 core indicators"),
    ([3, 7, 8, 9, 10, 15, 16], "too_many_core", "超过 5 个", "More than 5"),
])
def test_too_few_or_too_many_core_indicators(sample, core, rule, zh, en):
    for lang, words in (("zh", zh), ("en", en)):
        feedback = check(sample, {"core": core, "observe": []}, lang)
        note = feedback.about(i18n.t("workshop_screening.rule.core_count", lang))[0]
        assert note.verdict == "mistake" and words in note.message


def test_core_count_limits_come_from_the_policy(sample):
    loaded, rules = sample
    tight = {**rules, "kpi_pool": {**rules["kpi_pool"],
                                   "core_per_position": {"min": 3, "max": 4}}}
    answer = screening.solution(loaded, rules, **KEY_ACCOUNT)
    feedback = screening.check(answer, loaded, tight, "en", **KEY_ACCOUNT)
    note = feedback.about("Number of core indicators")[0]
    assert note.verdict == "mistake" and "More than 4" in note.message


@pytest.mark.parametrize(("lang", "words"), [("zh", "这是面向客户的岗位"),
                                             ("en", "This position faces customers")])
def test_too_few_customer_linked_core_on_a_customer_facing_position(sample, lang, words):
    core = [number(sample, k) for k in ("sales.new_customers", "sales.visit_completion",
                                         "customer_success.net_revenue_retention")]
    feedback = check(sample, {"core": core, "observe": [8]}, lang)
    note = feedback.about(i18n.t("workshop_screening.rule.customer", lang))[0]
    assert note.verdict == "mistake" and words in note.message


def test_a_core_that_cannot_be_weighted_is_explained(sample):
    core = [number(sample, k) for k in ("customer_success.complaint_rate",
                                         "customer_success.csat",
                                         "customer_success.logo_retention_rate")]
    feedback = check(sample, {"core": core, "observe": []}, "en")
    note = feedback.about("Weight policy")[0]
    assert note.verdict == "mistake"
    assert "process and capability" in note.message


def test_too_many_indicators_kept(sample):
    loaded, rules = sample
    answer = screening.solution(loaded, rules, **KEY_ACCOUNT)
    answer["observe"] += [11, 12]
    feedback = check(sample, answer, "en")
    assert feedback.about("Indicators kept in all")[0].verdict == "mistake"


def test_tier_a_candidates_left_out_are_a_hint_not_a_mistake(sample):
    loaded, rules = sample
    feedback = check(sample, screening.solution(loaded, rules, **KEY_ACCOUNT), "en")
    hints = [n for n in feedback.notes if n.verdict == "hint"]
    assert feedback.passed and hints
    assert "Tier-A candidates" in hints[0].message
    assert "11. Invoice accuracy rate" in hints[0].message


def test_a_tier_c_core_pick_gets_a_hint(sample):
    crm = number(sample, "current:CRM录入完整率")
    feedback = check(sample, {"core": [crm, 9, 10, 16], "observe": []}, "en")
    verdicts = [n.verdict for n in notes_on(feedback, f"{crm}.")]
    assert verdicts == ["correct", "hint"]


@QUICK
@given(answer=st.one_of(
    st.fixed_dictionaries({"core": st.lists(st.integers(-2, 20), max_size=8),
                           "observe": st.lists(st.integers(-2, 20), max_size=8)}),
    st.dictionaries(st.text(max_size=6), st.lists(st.one_of(st.integers(), st.text(max_size=4)),
                                                  max_size=4), max_size=3),
    st.none(), st.integers()))
def test_score_never_exceeds_out_of_and_nothing_raises(sample, answer):
    feedback = check(sample, answer, "en")
    assert 0 <= feedback.score <= feedback.out_of
    assert feedback.out_of >= 1


# --- saving -----------------------------------------------------------------------------------


def test_saved_selection_uses_candidate_keys_and_reads_back(sample, tmp_path):
    loaded, rules = sample
    work = screening.task(loaded, rules, "zh", **KEY_ACCOUNT)
    answer = screening.solution(loaded, rules, **KEY_ACCOUNT)
    answers.save_selection(tmp_path, "team 1", screening.as_selection(answer, work))
    saved = pool_selection.read_selection(answers.team_folder(tmp_path, "team 1"))
    assert list(saved) == ["销售部 · 大客户销售经理"]
    rows = work.pool.set_index("no")
    assert saved["销售部 · 大客户销售经理"]["core"] == [rows.at[n, "key"] for n in answer["core"]]
    replayed = pool_selection.apply_selection(screening.proposal(loaded, rules), saved)
    assert set(replayed.loc[replayed["role"] == "core", "key"]) >= set(
        saved["销售部 · 大客户销售经理"]["core"])


def test_an_unreadable_answer_is_not_saved(sample):
    loaded, rules = sample
    work = screening.task(loaded, rules, "zh", **KEY_ACCOUNT)
    with pytest.raises(InputError, match="99"):
        screening.as_selection({"core": [3, 99], "observe": []}, work)


# --- the notebook -----------------------------------------------------------------------------


def run_notebook(tmp_path, keep_solution: bool) -> str:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    if not keep_solution:
        nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
    source, executed = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, source)
    papermill.execute_notebook(str(source), str(executed), kernel_name="python3",
                               cwd=str(NOTEBOOK.parent), progress_bar=False,
                               parameters={"answers_folder": str(tmp_path / "answers")},
                               extra_arguments=runner.KERNEL_ARGUMENTS)
    outputs = [o for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"
               for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (tmp_path / "answers" / "team_1" / "decisions" / "selection.yaml").exists()
    return "".join(o.get("data", {}).get("text/html", "") for o in outputs)


@pytest.mark.parametrize(("keep", "state"), [(False, "orient-feedback-not-yet"),
                                             (True, "orient-feedback-passed")],
                         ids=["participant", "facilitator"])
def test_notebook_runs_with_and_without_solution_cells(tmp_path, keep, state):
    assert state in run_notebook(tmp_path, keep)
