"""Workshop exercise 4: AHP judgements and fixing an inconsistent matrix
(helpers.workshop.judgements; METHOD §6, Saaty 1980 / 2003)."""

from __future__ import annotations

import ast

import nbformat
import numpy as np
import papermill
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import engagement, i18n, paths, policy, runner
from helpers.errors import InputError
from helpers.weighting import choices, pairwise
from helpers.workshop import answers, judgements

SUCCESS = {"unit": "客户成功部", "position": "客户成功经理"}
NOTEBOOK = paths.NOTEBOOKS / "workshop" / "04_ahp_judgements.ipynb"
QUICK = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])
SCALE = [pairwise.format_judgement(v) for v in pairwise.saaty_scale()]


@pytest.fixture(scope="module")
def sample():
    loaded = engagement.load(paths.DATA_SAMPLES / "xingyun_saas")
    return loaded, policy.for_engagement(loaded.profile)


@pytest.fixture(scope="module")
def work(sample):
    loaded, rules = sample
    return judgements.task(loaded, rules, "zh", **SUCCESS)


def check(sample, answer, lang="zh"):
    loaded, rules = sample
    return judgements.check(answer, loaded, rules, lang, **SUCCESS)


def broken_key(work, lang="zh") -> str:
    return judgements.pair_text(work, *work.reversed_pair, lang)


# --- how the task is built --------------------------------------------------------------------


def test_task_compares_the_first_proposed_core_indicators(sample, work):
    loaded, rules = sample
    pool = judgements.screening.task(loaded, rules, "zh", **SUCCESS).pool
    core = set(pool.loc[pool["role"] == "core", "key"])
    assert work.size == judgements.SIZE
    assert set(work.indicators["key"]) <= core
    assert list(work.indicators["no"]) == list(range(1, work.size + 1))
    assert work.indicators["tier_score"].is_monotonic_decreasing


def test_consistent_base_has_cr_zero_and_ratio_weights(work):
    """Saaty 1980 (The Analytic Hierarchy Process, ch. 1): a matrix with a_ij = w_i / w_j is
    consistent — λmax = n, CI = CR = 0 — and its principal eigenvector is w. With values
    8, 4, 2, 1 the weights are 8/15, 4/15, 2/15, 1/15."""
    result = judgements._ahp(work.consistent, work.size, work.ahp_settings)
    assert result.lambda_max == pytest.approx(4.0, abs=1e-3)
    assert result.cr == pytest.approx(0.0, abs=1e-3)
    assert result.weights == pytest.approx([0.533, 0.267, 0.133, 0.067], abs=1e-3)
    assert result.ri == pytest.approx(0.90)  # Saaty 1980 random index for n = 4


def test_given_set_differs_in_one_reversed_judgement_and_is_inconsistent(work):
    given, base = work.given(), work.consistent
    changed = [p for p in base if not np.isclose(given[p], base[p])]
    assert changed == [work.reversed_pair]
    assert given[work.reversed_pair] == pytest.approx(1 / base[work.reversed_pair])
    assert 0 not in work.reversed_pair, "the top indicator keeps its stated priority"
    result = judgements._ahp(given, work.size, work.ahp_settings)
    assert result.cr > work.ahp_settings["cr_max"]
    assert int(np.argmax(result.weights)) == 0


def test_fitting_value_leaves_the_judgement_out(work):
    """The other five judgements of the consistent base are consistent, so leaving the broken
    one out (Harker 1987 completion) implies exactly the base ratio."""
    value = judgements.fitting_value(work.given(), work.reversed_pair, work.size,
                                     work.ahp_settings)
    assert value == pytest.approx(work.consistent[work.reversed_pair])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_say_each_judgement_in_words(work, lang):
    table = judgements.judgements_table(work, lang)
    assert len(table) == 6
    words = "介于稍微与明显重要之间" if lang == "zh" else "moderately to strongly more"
    assert words in table.iloc[list(work.consistent).index(work.reversed_pair), 2]
    assert list(judgements.task_table(work, lang).iloc[:, 0]) == [1, 2, 3, 4]


def test_a_position_with_too_few_core_indicators_is_refused(sample, monkeypatch):
    loaded, rules = sample
    monkeypatch.setattr(judgements, "MIN_SIZE", 9)
    with pytest.raises(InputError, match="at least 9"):
        judgements.task(loaded, rules, "en", **SUCCESS)


def test_unknown_position_raises_input_error(sample):
    loaded, rules = sample
    with pytest.raises(InputError, match="宇航员"):
        judgements.task(loaded, rules, "zh", unit="客户成功部", position="宇航员")


# --- solution and starter ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_checker_accepts_the_solution(sample, lang):
    loaded, rules = sample
    answer = judgements.solution(loaded, rules, lang, **SUCCESS)
    feedback = check(sample, answer, lang)
    assert feedback.passed, feedback.text()
    assert feedback.score == feedback.out_of == 7
    assert not [n for n in feedback.notes if n.verdict == "hint"]


def test_solution_table_explains_the_changed_judgement(sample):
    loaded, rules = sample
    table = judgements.solution_table(loaded, rules, "en", **SUCCESS)
    changed = table[table["Given"] != table["Solution"]]
    assert len(changed) == 1 and "reversed" in changed["Why"].iloc[0]


@pytest.mark.parametrize(("lang", "words"), [("zh", "方向写反了"), ("en", "wrong way round")])
def test_starter_points_at_the_reversed_judgement(sample, work, lang, words):
    feedback = check(sample, judgements.starter(work, "zh"), lang)
    assert not feedback.passed
    note = feedback.about(broken_key(work))[0]
    assert note.verdict == "mistake" and words in note.message
    assert "4" in note.message and "1/4" in note.message
    consistency = feedback.about(i18n.t("workshop_judgements.subject.consistency", lang))[0]
    assert consistency.verdict == "mistake" and "CR = 0.403" in consistency.message


def test_notebook_answer_cell_holds_the_starter(work):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and c.source.startswith("answer = {"))
    assert ast.literal_eval(cell.source.split("=", 1)[1].strip()) == judgements.starter(work, "zh")


# --- common mistakes --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("zh", "与其他判断最不协调"),
                                             ("en", "most out of line")])
def test_a_value_out_of_line_names_the_value_that_would_fit(sample, work, lang, words):
    answer = judgements.starter(work, "zh") | {broken_key(work): "1/2"}
    feedback = check(sample, answer, lang)
    note = feedback.about(broken_key(work))[0]
    assert note.verdict == "mistake" and words in note.message
    assert "约为 4" in note.message or "about 4" in note.message


def test_the_worst_judgement_is_found_wherever_it_is(sample, work):
    base = judgements.solution(*sample, "zh", **SUCCESS)
    first = judgements.pair_text(work, 0, 3, "zh")
    feedback = check(sample, base | {first: "1/8"})
    assert feedback.about(first)[0].verdict == "mistake"
    assert "8" in feedback.about(first)[0].message


@pytest.mark.parametrize("value", ["x", "10", "2.5", "0", "-3", "", None, "1/0"])
def test_bad_values_name_the_pair_and_the_scale(sample, work, value):
    answer = judgements.starter(work, "zh") | {broken_key(work): value}
    for lang, words in (("zh", "Saaty 的 1–9 标度"), ("en", "Saaty's 1–9 scale")):
        feedback = check(sample, answer, lang)
        note = feedback.about(broken_key(work))[0]
        assert note.verdict == "mistake" and words in note.message
        consistency = feedback.about(i18n.t("workshop_judgements.subject.consistency", lang))
        assert consistency[0].verdict == "missing"


def test_decimals_and_numbers_on_the_scale_are_accepted(sample, work):
    base = judgements.solution(*sample, "zh", **SUCCESS)
    typed = {k: float(pairwise.parse_judgement(v)) for k, v in base.items()}
    assert check(sample, typed).passed
    assert judgements.saaty_value("0.33") == pytest.approx(1 / 3)
    assert judgements.saaty_value("１／４") == pytest.approx(0.25)
    assert judgements.saaty_value(2.5) is None


@pytest.mark.parametrize(("lang", "words"), [("zh", "这一对还没有判断"),
                                             ("en", "no judgement for this pair")])
def test_a_missing_pair_is_named(sample, work, lang, words):
    answer = judgements.solution(*sample, "zh", **SUCCESS)
    del answer[broken_key(work)]
    feedback = check(sample, answer, lang)
    note = feedback.about(broken_key(work, lang))[0]
    assert note.verdict == "missing" and words in note.message


def test_extra_self_duplicate_and_malformed_pairs(sample, work):
    answer = judgements.solution(*sample, "zh", **SUCCESS)
    names = list(work.indicators["name_zh"])
    answer |= {f"{names[1]} | {names[0]}": "1/2", f"{names[0]} | {names[0]}": "1",
               "客户续约率 | 宇航员": "3", "客户续约率": "3", 7: "3"}
    feedback = check(sample, answer, "en")
    assert "already judged" in feedback.about(f"{names[1]} | {names[0]}")[0].message
    assert "with itself" in feedback.about(f"{names[0]} | {names[0]}")[0].message
    assert "\"宇航员\" is not one of" in feedback.about("客户续约率 | 宇航员")[0].message
    assert "not a pair" in feedback.about("客户续约率")[0].message
    assert "not a pair" in feedback.about("7")[0].message
    assert not feedback.passed


@pytest.mark.parametrize("answer", [["2", "4"], None, "客户续约率 | 客户健康度: 2"])
def test_an_answer_that_is_not_a_dict(sample, answer):
    feedback = check(sample, answer, "en")
    assert feedback.about(judgements.screening.typed_text(answer))[0].verdict == "mistake"
    assert not feedback.passed


@pytest.mark.parametrize(("lang", "words"), [("zh", "这仍是团队的真实看法吗"),
                                             ("en", "Is that still what you believe?")])
def test_a_consistent_fix_that_changes_the_top_priority_gets_a_hint(sample, work, lang, words):
    """Reverse the whole priority order: perfectly consistent, but the team's top indicator
    is now last."""
    answer = {judgements.pair_text(work, i, j, "zh"): pairwise.format_judgement(1 / v)
              for (i, j), v in work.consistent.items()}
    feedback = check(sample, answer, lang)
    assert feedback.passed
    hint = [n for n in feedback.notes if n.verdict == "hint"]
    assert len(hint) == 1 and words in hint[0].message
    assert work.indicators[f"name_{lang}"].iloc[0] in hint[0].message


# --- properties -------------------------------------------------------------------------------


@QUICK
@given(data=st.data())
def test_any_orientation_and_order_of_the_solution_passes(sample, work, data):
    base = judgements.solution(*sample, "zh", **SUCCESS)
    flips = data.draw(st.lists(st.booleans(), min_size=6, max_size=6))
    answer = {}
    for (key, value), flip in zip(base.items(), flips, strict=True):
        first, second = key.split(" | ")
        number = pairwise.parse_judgement(value)
        answer[f"{second} | {first}" if flip else key] = (
            pairwise.format_judgement(1 / number) if flip else value)
    items = data.draw(st.permutations(list(answer.items())))
    feedback = check(sample, dict(items), "en")
    assert feedback.passed and feedback.score == feedback.out_of


@QUICK
@given(values=st.lists(st.sampled_from(SCALE), min_size=6, max_size=6))
def test_passes_exactly_when_cr_is_within_the_policy(sample, work, values):
    answer = {judgements.pair_text(work, i, j, "zh"): v
              for (i, j), v in zip(work.consistent, values, strict=True)}
    feedback = check(sample, answer, "en")
    matrix = choices.judgement_matrix(list(work.indicators["key"]), judgements.as_weights(
        answer, work)[work.label]["judgements"])
    result = pairwise.ahp(matrix)
    assert feedback.passed == (result.cr <= sample[1]["weights"]["ahp"]["consistency_ratio_max"])
    assert 0 <= feedback.score <= feedback.out_of == 7


@QUICK
@given(answer=st.dictionaries(st.text(max_size=12), st.one_of(st.text(max_size=4),
                                                              st.floats(), st.integers()),
                              max_size=8))
def test_score_never_exceeds_out_of(sample, answer):
    feedback = check(sample, answer, "en")
    assert 0 <= feedback.score <= feedback.out_of


# --- saving -----------------------------------------------------------------------------------


def test_saved_weights_use_candidate_keys_and_replay_to_the_same_weights(sample, work,
                                                                         tmp_path):
    answer = judgements.solution(*sample, "zh", **SUCCESS)
    answers.save_weights(tmp_path, "team_1", judgements.as_weights(answer, work))
    saved = choices.read(answers.team_folder(tmp_path, "team_1"))
    entry = saved["客户成功部 · 客户成功经理"]
    assert entry["method"] == "ahp" and len(entry["judgements"]) == 6
    keys = list(work.indicators["key"])
    result = pairwise.ahp(choices.judgement_matrix(keys, entry["judgements"]))
    assert result.weights == pytest.approx([8 / 15, 4 / 15, 2 / 15, 1 / 15], abs=1e-3)


def test_an_unreadable_answer_is_not_saved(work):
    with pytest.raises(InputError, match="宇航员"):
        judgements.as_weights({"客户续约率 | 宇航员": "3"}, work)


# --- the notebook -----------------------------------------------------------------------------


@pytest.mark.parametrize(("keep", "state"), [(False, "orient-feedback-not-yet"),
                                             (True, "orient-feedback-passed")],
                         ids=["participant", "facilitator"])
def test_notebook_runs_with_and_without_solution_cells(tmp_path, keep, state):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    if not keep:
        nb.cells = [c for c in nb.cells if "solution" not in c.metadata.get("tags", [])]
    source, executed = tmp_path / "in.ipynb", tmp_path / "out.ipynb"
    nbformat.write(nb, source)
    papermill.execute_notebook(str(source), str(executed), kernel_name="python3",
                               cwd=str(NOTEBOOK.parent), progress_bar=False,
                               parameters={"answers_folder": str(tmp_path / "answers"),
                                           "lang": "en"},
                               extra_arguments=runner.KERNEL_ARGUMENTS)
    outputs = [o for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"
               for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert state in "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert (tmp_path / "answers" / "team_1" / "decisions" / "weights.yaml").exists()
