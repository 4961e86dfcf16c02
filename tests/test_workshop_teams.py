"""Team comparison of the workshop (issue 10): Fleiss' kappa, Jaccard similarity, weights across
teams, partial and malformed team folders, tables, charts and the notebook."""

from __future__ import annotations

import json
import shutil

import nbformat
import numpy as np
import pandas as pd
import papermill
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import paths, policy, runner
from helpers.errors import InputError
from helpers.weighting import choices, pairwise
from helpers.workshop import answers, teams

TEAMS = paths.TEMPLATES / "workshop" / "sample_teams"
NOTEBOOK = paths.NOTEBOOKS / "workshop" / "06_team_comparison.ipynb"

#: Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
FLEISS_EXAMPLE = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
                  [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
                  [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]


@pytest.fixture(scope="module")
def sample():
    return teams.compare(TEAMS, policy.load())


# --- Fleiss' kappa ----------------------------------------------------------------------------


def test_fleiss_kappa_reproduces_the_worked_example():
    """Wikipedia, "Fleiss' kappa" (example after Fleiss 1971): P̄ = 0.378, P̄e = 0.213,
    κ = 0.210."""
    assert teams.fleiss_kappa(FLEISS_EXAMPLE) == pytest.approx(0.210, abs=1e-3)


def test_fleiss_kappa_of_perfect_agreement_is_one_and_of_one_category_undefined():
    assert teams.fleiss_kappa([[3, 0], [0, 3], [3, 0]]) == pytest.approx(1.0)
    assert np.isnan(teams.fleiss_kappa([[3, 0], [3, 0]]))


@pytest.mark.parametrize("counts", [[], [[2, 1], [1, 1]], [[1, 0]], [1, 2, 3]])
def test_fleiss_kappa_refuses_tables_with_unequal_or_too_few_raters(counts):
    with pytest.raises(ValueError, match="same number of raters"):
        teams.fleiss_kappa(counts)


RATINGS = st.integers(2, 6).flatmap(lambda raters: st.lists(
    st.lists(st.integers(0, 4), min_size=raters, max_size=raters), min_size=2, max_size=8))


def counts_of(ratings: list[list[int]]) -> np.ndarray:
    return np.array([np.bincount(row, minlength=5) for row in ratings])


@settings(max_examples=60, deadline=None)
@given(ratings=RATINGS, seed=st.integers(0, 2**16))
def test_fleiss_kappa_is_at_most_one_and_ignores_the_order_of_subjects_and_categories(
        ratings, seed):
    counts = counts_of(ratings)
    kappa = teams.fleiss_kappa(counts)
    rng = np.random.default_rng(seed)
    shuffled = counts[rng.permutation(len(counts))][:, rng.permutation(counts.shape[1])]
    if np.isnan(kappa):
        assert np.isnan(teams.fleiss_kappa(shuffled))
    else:
        assert kappa <= 1 + 1e-12
        assert teams.fleiss_kappa(shuffled) == pytest.approx(kappa)


@pytest.mark.parametrize("kappa, band", [(-0.1, "poor"), (0.1, "slight"), (0.21, "fair"),
                                         (0.5, "moderate"), (0.72, "substantial"),
                                         (0.9, "almost_perfect"), (None, None)])
def test_kappa_bands_of_landis_and_koch(kappa, band):
    assert teams.kappa_band(kappa) == band


# --- Jaccard ----------------------------------------------------------------------------------


def test_jaccard_similarity():
    """|{b, c}| / |{a, b, c, d}| = 0.5 (Jaccard 1912)."""
    assert teams.jaccard("abc", "bcd") == pytest.approx(0.5)
    assert teams.jaccard([], ["x"]) == 0.0
    assert np.isnan(teams.jaccard([], []))


SETS = st.lists(st.sets(st.sampled_from("abcdef"), max_size=5), min_size=2, max_size=4)


@settings(max_examples=50, deadline=None)
@given(cores=SETS)
def test_vectorised_jaccard_pairs_equal_the_definition(cores):
    core = [("P", key, f"t{i}") for i, keys in enumerate(cores) for key in sorted(keys)]
    frame = pd.DataFrame(core, columns=["position", "key", "team"])
    positions = pd.DataFrame([("P", f"t{i}") for i in range(len(cores))],
                                   columns=["position", "team"])
    pairs = teams.jaccard_pairs(frame, positions).set_index(["team_a", "team_b"])["jaccard"]
    for i in range(len(cores)):
        for j in range(i + 1, len(cores)):
            expected = teams.jaccard(cores[i], cores[j])
            found = pairs[(f"t{i}", f"t{j}")]
            assert (np.isnan(found) and np.isnan(expected)) or found == pytest.approx(expected)


# --- the synthetic sample ---------------------------------------------------------------------


def test_sample_teams_saved_different_subsets(sample):
    saved = sample.saved.set_index("team")
    assert sample.teams == ["team_1", "team_2", "team_3", "team_4"]
    assert saved.loc["team_3"].to_dict() == {"classification": False, "selection": True,
                                             "weights": True}
    assert saved.loc["team_4"].to_dict() == {"classification": True, "selection": False,
                                             "weights": False}
    assert not sample.problems


def test_sample_files_are_labelled_synthetic():
    for path in TEAMS.glob("team_*/decisions/*"):
        text = path.read_text(encoding="utf-8")
        assert "synthetic" in text.lower() or "SYNTHETIC" in text, path.name
    assert "SYNTHETIC" in (TEAMS / "README.md").read_text(encoding="utf-8")


def test_classification_summary_and_kappa(sample):
    """Three teams classified the same 24 indicators; agreement shares are votes / teams."""
    assert sample.kappa["teams"] == 3 and sample.kappa["indicators"] == 24
    counts = teams._counts(sample.votes)
    assert sample.kappa["kappa"] == pytest.approx(teams.fleiss_kappa(counts.to_numpy()))
    summary = sample.classification
    assert (summary["share"] == summary["agree"] / summary["teams"]).all()
    assert summary["share"].is_monotonic_increasing
    assert summary["share"].min() < 1 and summary["share"].max() == 1


def test_selection_counts_and_jaccard(sample):
    chosen = sample.selection
    assert (chosen["teams"] == 3).all() and chosen["chosen"].between(1, 3).all()
    assert len(sample.jaccard) == 2 * 3  # two positions × three pairs of teams
    assert sample.jaccard["jaccard"].between(0, 1).all()


def test_team_weights_sum_to_100_and_match_the_ahp(sample):
    """Each team's weights of a position add to 100 %; AHP weights are those of
    :func:`helpers.weighting.pairwise.ahp` on the saved judgements."""
    given_weights = sample.team_weights
    sums = given_weights.groupby(["team", "position"])["weight"].sum()
    assert np.allclose(sums, 100.0)
    saved = choices.read(TEAMS / "team_1")
    label = "客户成功部 · 客户成功经理"
    judgements = saved[label]["judgements"]
    keys = teams._judgement_keys(judgements)
    expected = pairwise.ahp(choices.judgement_matrix(keys, judgements), labels=keys).weights
    found = given_weights[(given_weights["team"] == "team_1")
                          & (given_weights["position"] == label)].set_index("key")["weight"]
    assert found[keys].to_numpy() == pytest.approx(100 * expected)


def test_weights_summary_counts_a_left_out_indicator_as_zero(sample):
    summary = sample.weights
    assert (summary["spread"] == summary["max"] - summary["min"]).all()
    assert summary["spread"].is_monotonic_decreasing
    left_out = sample.team_weights[~sample.team_weights["weighted"]]
    assert len(left_out) and (left_out["weight"] == 0).all()


def test_consistency_flags_the_reversed_judgement(sample):
    facts = sample.consistency.set_index(["team", "position"])
    assert facts.at[("team_2", "销售部 · 大客户销售经理"), "cr"] > 0.10
    assert not facts.at[("team_2", "销售部 · 大客户销售经理"), "consistent"]
    assert (facts.xs("team_3")["method"] == "direct").all()


def test_prompts_name_the_disagreements(sample):
    lines = teams.prompts(sample, "en")
    assert any("disagree on its orientation" in line for line in lines)
    assert any("is core for" in line for line in lines)
    assert any("of the weight" in line for line in lines)
    assert any(line.startswith("team_2") and "CR = " in line for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_are_localized(sample, lang):
    """Headers come from the catalog; in Chinese no orientation code or column key shows."""
    tables = [teams.classification_table(sample, lang), teams.selection_table(sample, lang),
              teams.jaccard_table(sample, lang), teams.weights_table(sample, lang),
              teams.consistency_table(sample, lang)]
    assert all(len(t) for t in tables)
    if lang == "zh":
        text = " ".join(" ".join(map(str, t.columns)) + " " + t.to_string() for t in tables)
        for raw in ("customer", "internal", "indicator", "spread", "chosen_by", "ahp"):
            assert raw not in text
        assert "客户价值" in text and "AHP 两两比较" in text


def test_heatmap_colours_localized_orientations(sample):
    spec = json.dumps(teams.orientation_heatmap(sample, "zh").to_dict(), ensure_ascii=False)
    assert '"内部流程"' in spec and '"#a3a3a3"' in spec
    assert '"customer"' not in spec
    assert "各组给每个指标的导向" in spec


def test_weights_chart_draws_ranges_and_dots(sample):
    spec = teams.weights_chart(sample, "en").to_dict()
    marks = {layer["mark"]["type"] for layer in spec["layer"]}
    assert marks == {"rule", "circle"}
    assert spec["title"].startswith("Weights across teams")


# --- partial, empty and malformed folders ----------------------------------------------------


def test_no_team_says_so_and_everything_is_empty(tmp_path):
    found = teams.compare(tmp_path)
    assert found.teams == []
    assert "No team found" in teams.status_lines(found, "en")[0]
    assert "没有找到任何小组" in teams.status_lines(found, "zh")[0]
    assert teams.orientation_heatmap(found, "en") is None
    assert teams.weights_chart(found, "en") is None
    assert teams.classification_table(found, "en").empty
    assert teams.prompts(found, "en") == []
    assert "at least two teams" in teams.kappa_line(found, "en")
    assert teams.empty_lines(found, "selection", "en")


def test_a_team_with_only_a_selection(tmp_path):
    answers.save_selection(tmp_path, "solo", {"销售部 · 大客户销售经理": {
        "core": ["sales.new_customers", "customer_success.csat"], "observe": []}})
    found = teams.compare(tmp_path)
    assert teams.status_lines(found, "en") == [
        "solo: saved indicator selection; not saved: classification, weights."]
    assert found.kappa["kappa"] is None and found.votes.empty
    assert len(found.selection) == 2 and found.jaccard.empty
    assert teams.jaccard_table(found, "en").empty
    assert teams.empty_lines(found, "selection", "en") == []
    assert teams.empty_lines(found, "weights", "en")


def broken_copy(tmp_path):
    target = tmp_path / "teams"
    shutil.copytree(TEAMS, target, ignore=shutil.ignore_patterns("generate.py", "README.md"))
    (target / "team_4" / "decisions" / "classification.csv").write_text(
        "indicator,orientation,note\n接通率,custmer,\n", encoding="utf-8")
    (target / "team_3" / "decisions" / "selection.yaml").write_text(
        "销售部 · 大客户销售经理: [unclosed\n", encoding="utf-8")
    weights = target / "team_1" / "decisions" / "weights.yaml"
    weights.write_text(weights.read_text(encoding="utf-8").replace("'3'", "'three'", 1),
                       encoding="utf-8")
    return target


def test_malformed_files_are_reported_naming_the_team(tmp_path):
    found = teams.compare(broken_copy(tmp_path))
    by_file = {p.file: p.code for p in found.problems}
    assert by_file == {"team_4/decisions/classification.csv": "not_a_choice",
                       "team_3/decisions/selection.yaml": "yaml_syntax",
                       "team_1/decisions/weights.yaml": "weights_bad_judgement"}
    assert not found.saved.set_index("team").at["team_4", "classification"]
    assert found.kappa["teams"] == 2  # team_1 and team_2 still compared
    lines = teams.status_lines(found, "en")
    assert any(line.startswith("Not compared:") and "team_4/decisions/classification.csv"
               in line and "custmer" in line for line in lines)


def test_a_file_that_is_not_utf8_is_reported(tmp_path):
    folder = tmp_path / "gbk" / "decisions"
    folder.mkdir(parents=True)
    (folder / "classification.csv").write_bytes("indicator,orientation\n接通率,customer\n"
                                                .encode("gbk"))
    found = teams.compare(tmp_path)
    assert [(p.file, p.code) for p in found.problems] == [
        ("gbk/decisions/classification.csv", "yaml_encoding")]
    assert "UTF-8" in teams.status_lines(found, "en")[-1]


def test_strict_mode_raises_the_readers_input_errors(tmp_path):
    with pytest.raises(InputError) as raised:
        teams.compare(broken_copy(tmp_path), strict=True)
    assert "team_4/decisions/classification.csv" in raised.value.render("en")
    assert "team_3/decisions/selection.yaml" in raised.value.render("zh")


# --- the notebook -----------------------------------------------------------------------------


def run_notebook(folder, tmp_path, lang="en") -> str:
    executed = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(executed), kernel_name="python3", cwd=str(NOTEBOOK.parent),
        progress_bar=False, parameters={"teams_folder": str(folder), "lang": lang},
        extra_arguments=runner.KERNEL_ARGUMENTS)
    outputs = [o for c in nbformat.read(executed, as_version=4).cells if c.cell_type == "code"
               for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    return " ".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)


def test_notebook_says_when_it_finds_no_team(tmp_path):
    html = run_notebook(tmp_path / "nobody", tmp_path)
    assert "No team found" in html and "No team saved a readable classification" in html


def test_notebook_runs_with_teams_that_saved_some_files(tmp_path):
    folder = tmp_path / "answers"
    shutil.copytree(TEAMS / "team_3", folder / "team_3")
    shutil.copytree(TEAMS / "team_4", folder / "team_4")
    html = run_notebook(folder, tmp_path, "zh")
    assert "team_3:已保存 指标筛选、权重" in html
    assert "Fleiss kappa 至少需要两个小组" in html
