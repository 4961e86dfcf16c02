"""AHP pairwise comparisons (METHOD §6, helpers.weighting.pairwise): published worked examples,
every kind of bad matrix, Harker's completion, group aggregation, hierarchical synthesis, the
worst judgements and property tests."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import i18n, policy
from helpers.errors import InputError
from helpers.weighting.pairwise import (
    RI_TABLES,
    aggregate_judgements,
    ahp,
    format_judgement,
    parse_judgement,
    saaty_scale,
    synthesize,
    worst_judgements,
)

LEADER_CRITERIA = ["Experience", "Education", "Charisma", "Age"]
LEADER_MATRIX = [[1, 4, 3, 7],
                 ["1/4", 1, "1/3", 3],
                 ["1/3", 3, 1, 5],
                 ["1/7", "1/3", "1/5", 1]]
CANDIDATES = ["Tom", "Dick", "Harry"]
LEADER_CHILDREN = {
    "Experience": [[1, "1/4", 4], [4, 1, 9], ["1/4", "1/9", 1]],
    "Education": [[1, 3, "1/5"], ["1/3", 1, "1/7"], [5, 7, 1]],
    "Charisma": [[1, 5, 9], ["1/5", 1, 4], ["1/9", "1/4", 1]],
    "Age": [[1, "1/3", 5], [3, 1, 9], ["1/5", "1/9", 1]],
}

HOUSE_CRITERIA = ["size", "transportation", "neighborhood", "age", "yard", "modern facilities",
                  "general condition", "financing"]
HOUSE_MATRIX = [[1, 5, 3, 7, 6, 6, "1/3", "1/4"],
                ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
                ["1/3", 3, 1, 6, 3, 4, 6, "1/5"],
                ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
                ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"],
                ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
                [3, 5, "1/6", 7, 5, 5, 1, "1/2"],
                [4, 7, 5, 8, 6, 6, 2, 1]]

DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_MATRIX = [[1, 9, 5, 2, 1, 1, "1/2"],
                 ["1/9", 1, "1/3", "1/9", "1/9", "1/9", "1/9"],
                 ["1/5", 3, 1, "1/3", "1/4", "1/3", "1/9"],
                 ["1/2", 9, 3, 1, "1/2", 1, "1/3"],
                 [1, 9, 4, 2, 1, 2, "1/2"],
                 [1, 9, 3, 1, "1/2", 1, "1/3"],
                 [2, 9, 9, 3, 2, 3, 1]]

TRAVEL_CRITERIA = ["景色", "费用", "居住", "饮食", "旅途"]
TRAVEL_MATRIX = [[1, 1 / 2, 4, 3, 3],
                 [2, 1, 7, 5, 5],
                 [1 / 4, 1 / 7, 1, 1 / 2, 1 / 3],
                 [1 / 3, 1 / 5, 2, 1, 1],
                 [1 / 3, 1 / 5, 3, 1, 1]]
TRAVEL_PLACES = ["P1", "P2", "P3"]
TRAVEL_CHILDREN = {
    "景色": [[1, 2, 5], [1 / 2, 1, 2], [1 / 5, 1 / 2, 1]],
    "费用": [[1, 1 / 3, 1 / 8], [3, 1, 1 / 3], [8, 3, 1]],
    "居住": [[1, 1, 3], [1, 1, 3], [1 / 3, 1 / 3, 1]],
    "饮食": [[1, 3, 4], [1 / 3, 1, 1], [1 / 4, 1, 1]],
    "旅途": [[1, 1, 1 / 4], [1, 1, 1 / 4], [4, 4, 1]],
}


def consistent_matrix(weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w[:, None] / w[None, :]


def problems_of(error: pytest.ExceptionInfo) -> set[tuple]:
    return {(p.code, p.row, p.column) for p in error.value.problems}


# --- published worked examples ----------------------------------------------------------------


def test_wikipedia_leader_example_criteria():
    """Wikipedia, "Analytic hierarchy process – leader example"
    (https://en.wikipedia.org/wiki/Analytic_hierarchy_process_%E2%80%93_leader_example):
    criteria weights Experience .547, Education .127, Charisma .270, Age .056. The exact
    eigenvector is (0.5476, 0.1266, 0.2699, 0.0559), within 1e-3 of every printed value; the
    page calls the judgements consistent (computed CR 0.044 ≤ 0.10)."""
    result = ahp(LEADER_MATRIX, labels=LEADER_CRITERIA)
    assert result.weights == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1e-3)
    assert result.lambda_max == pytest.approx(4.118, abs=1e-3)
    assert result.cr == pytest.approx(0.044, abs=1e-3)
    assert result.consistent and result.labels == LEADER_CRITERIA


def test_wikipedia_leader_example_synthesis():
    """Same page: "Dick is the preferred alternative, with a priority of .493 … Tom .358 …
    Harry .149" — criteria weights times the candidates' local priorities, summed."""
    criteria = ahp(LEADER_MATRIX, labels=LEADER_CRITERIA)
    children = {name: ahp(m, labels=CANDIDATES) for name, m in LEADER_CHILDREN.items()}
    overall = synthesize(criteria, children)
    assert list(overall.index) == CANDIDATES
    assert overall.to_numpy() == pytest.approx([0.358, 0.493, 0.149], abs=1e-3)
    assert overall.sum() == pytest.approx(1.0)


def test_saaty_1990_house_example():
    """Saaty, T.L. 1990, "How to make a decision: the analytic hierarchy process", European
    Journal of Operational Research 48, 9–26 (buying a house, 8 criteria): priorities
    .173 .054 .188 .018 .031 .036 .167 .333, λmax = 9.669, CI = 0.238, CR = 0.169 (> 0.10, the
    paper keeps it as an illustration of an inconsistent matrix)."""
    result = ahp(HOUSE_MATRIX, "saaty1980", labels=HOUSE_CRITERIA)
    expected = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert result.weights == pytest.approx(expected, abs=1e-3)
    assert result.lambda_max == pytest.approx(9.669, abs=1e-3)
    assert result.ci == pytest.approx(0.238, abs=1e-3)
    assert result.ri == 1.41
    assert result.cr == pytest.approx(0.169, abs=1e-3)
    assert not result.consistent


def test_saaty_2008_drinks_example():
    """Saaty, T.L. 2008, "Decision making with the analytic hierarchy process", Int. J. Services
    Sciences 1(1), 83–98, Table 2 (relative consumption of drinks in the US): eigenvector
    coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129, water .327, C.R. .022
    (matrix as in the AHPy README, reciprocal form)."""
    result = ahp(DRINKS_MATRIX, labels=DRINKS)
    expected = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
    assert result.weights == pytest.approx(expected, abs=1e-3)
    assert result.cr == pytest.approx(0.022, abs=1e-3)


def test_jiang_textbook_travel_criteria():
    """姜启源《数学模型》层次分析法「旅游地选择」准则层判断矩阵: the book prints
    w = (0.263, 0.475, 0.055, 0.099, 0.110), λmax = 5.073, CI = 0.018, CR = 0.016.

    The exact principal eigenvector is (0.2636, 0.4758, 0.0538, 0.0981, 0.1087) with
    λmax = 5.0721, so the book's rounding differs in the third decimal (by at most 0.0013;
    its figures lie close to the column-normalised row-mean approximation, λ ≈ 5.073). We
    assert the printed values with the tolerance that difference implies (2e-3) and the exact
    eigenvector to 3 decimals."""
    result = ahp(TRAVEL_MATRIX, labels=TRAVEL_CRITERIA)
    assert result.weights == pytest.approx([0.263, 0.475, 0.055, 0.099, 0.110], abs=2e-3)
    assert result.lambda_max == pytest.approx(5.073, abs=2e-3)
    assert result.ci == pytest.approx(0.018, abs=1e-3)
    assert result.cr == pytest.approx(0.016, abs=1e-3)
    assert result.weights == pytest.approx([0.264, 0.476, 0.054, 0.098, 0.109], abs=5e-4)


def test_jiang_textbook_travel_synthesis():
    """Same example, 方案层: the book's combined weights of the three places are
    (0.300, 0.246, 0.456); the exact computation gives (0.2993, 0.2453, 0.4554), again within
    the book's third-decimal rounding (2e-3)."""
    criteria = ahp(TRAVEL_MATRIX, labels=TRAVEL_CRITERIA)
    children = {name: ahp(m, labels=TRAVEL_PLACES) for name, m in TRAVEL_CHILDREN.items()}
    overall = synthesize(criteria, children)
    assert overall.to_numpy() == pytest.approx([0.300, 0.246, 0.456], abs=2e-3)


# --- random index tables ----------------------------------------------------------------------


def test_ri_tables_match_their_sources():
    """Saaty 1980 (n ≤ 10 identical in every reprint), Alonso & Lamata 2006 (IJUFKS 14(4)),
    Donegan & Dodd 1991 (Math. Comput. Modelling 15(10)) — spot values."""
    assert [RI_TABLES["saaty1980"][n] for n in range(3, 11)] == [
        0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
    assert RI_TABLES["alonso_lamata2006"][3] == 0.5245
    assert RI_TABLES["alonso_lamata2006"][15] == 1.5838
    assert RI_TABLES["donegan_dodd1991"][4] == 0.8286
    assert max(RI_TABLES["saaty1980"]) == 15 and max(RI_TABLES["donegan_dodd1991"]) == 20
    for table in RI_TABLES.values():
        assert table[1] == table[2] == 0.0
        assert list(table) == list(range(1, len(table) + 1))


def test_ri_table_choice_changes_cr_only():
    saaty = ahp(HOUSE_MATRIX, "saaty1980")
    alonso = ahp(HOUSE_MATRIX, "alonso_lamata2006")
    assert alonso.weights == pytest.approx(saaty.weights)
    assert alonso.ri == 1.4056
    assert alonso.cr == pytest.approx(saaty.ci / 1.4056)


def test_unknown_ri_table_lists_the_known_ones():
    with pytest.raises(InputError) as error:
        ahp(LEADER_MATRIX, "saaty2099")
    assert problems_of(error) == {("ahp_unknown_ri_table", None, None)}
    for name in RI_TABLES:
        assert name in error.value.render("en")


def test_matrix_beyond_the_table_is_refused():
    big = np.ones((16, 16))
    with pytest.raises(InputError) as error:
        ahp(big, "saaty1980")
    assert problems_of(error) == {("ahp_ri_out_of_range", None, None)}
    assert "donegan_dodd1991" in error.value.render("en")
    assert ahp(big, "donegan_dodd1991").cr == pytest.approx(0.0, abs=1e-9)


# --- bad matrices -----------------------------------------------------------------------------


BAD = [
    ([[1, 2], [0.5]], "ahp_not_square", None, None),
    ([], "ahp_too_small", None, None),
    ([[1, "three"], ["1/3", 1]], "ahp_bad_value", 1, "B"),
    ([[1, "1/0"], [None, 1]], "ahp_bad_value", 1, "B"),
    ([[1, -3], [None, 1]], "ahp_non_positive", 1, "B"),
    ([[1, 0], [None, 1]], "ahp_non_positive", 1, "B"),
    ([[1, float("inf")], [None, 1]], "ahp_non_finite", 1, "B"),
    ([[2, 3], ["1/3", 1]], "ahp_diagonal", 1, "A"),
    ([[1, 3], ["1/3", None]], "ahp_diagonal", 2, "B"),
    ([[1, 3], [0.5, 1]], "ahp_reciprocal", 2, "A"),
]


@pytest.mark.parametrize(("matrix", "code", "row", "column"), BAD)
def test_each_kind_of_bad_matrix_is_rejected(matrix, code, row, column):
    labels = ["A", "B"] if matrix and code != "ahp_not_square" else None
    with pytest.raises(InputError) as error:
        ahp(matrix, labels=labels, source="weights.yaml")
    assert problems_of(error) == {(code, row, column)}
    assert all(p.file == "weights.yaml" for p in error.value.problems)
    for lang in i18n.LANGUAGES:
        assert error.value.render(lang)


def test_every_bad_cell_is_reported_in_one_pass():
    matrix = [[1, "x", 3, 2],
              [None, 2, -1, "1/2"],
              ["1/3", None, 1, 5],
              [0.4, 2, "1/5", 1]]
    with pytest.raises(InputError) as error:
        ahp(matrix, labels=list("ABCD"), missing="average")
    assert [(p.code, p.row, p.column) for p in error.value.problems] == [
        ("ahp_bad_value", 1, "B"),
        ("ahp_diagonal", 2, "B"),
        ("ahp_non_positive", 2, "C"),
        ("ahp_reciprocal", 4, "A"),
        ("ahp_missing_unsupported", None, None),
    ]


def test_reciprocal_message_gives_the_fix():
    with pytest.raises(InputError) as error:
        ahp([[1, 3], [0.5, 1]])
    english = error.value.render("en")
    assert "found 0.5" in english and "write 1/3 in row 2, column 1" in english
    assert "change row 1, column 2 to 2" in english
    assert "在第 2 行、“1”列写 1/3" in error.value.render("zh")


def test_disconnected_judgements_are_refused():
    """With only A–B and C–D compared, nothing links the two pairs (Harker 1987 needs an
    irreducible matrix)."""
    matrix = [[1, 2, None, None], ["1/2", 1, None, None],
              [None, None, 1, 3], [None, None, "1/3", 1]]
    with pytest.raises(InputError) as error:
        ahp(matrix, labels=list("ABCD"))
    assert problems_of(error) == {("ahp_disconnected", None, None)}
    assert "A, B | C, D" in error.value.render("en")


def test_reciprocal_tolerance_comes_from_the_policy():
    assert policy.load()["weights"]["ahp"]["reciprocal_tolerance"] == pytest.approx(1e-3)
    assert ahp([[1, 3], [0.3333, 1]]).weights == pytest.approx([0.75, 0.25], abs=1e-4)
    with pytest.raises(InputError):
        ahp([[1, 3], [0.33, 1]])
    assert ahp([[1, 3], [0.33, 1]], tolerance=0.02).n == 2


# --- inputs -----------------------------------------------------------------------------------


def test_parse_judgement_forms():
    assert parse_judgement("1/3") == pytest.approx(1 / 3)
    assert parse_judgement(" 3 ") == 3.0
    assert parse_judgement("0.5") == 0.5
    assert parse_judgement("１／５") == pytest.approx(0.2)
    assert parse_judgement(" 2 / 4 ") == 0.5
    assert parse_judgement(7) == 7.0
    for missing in (None, float("nan"), "", "  "):
        assert parse_judgement(missing) is None
    for bad in ("three", "1/0", "1//3", True, [3]):
        with pytest.raises(ValueError):
            parse_judgement(bad)


def test_saaty_scale_and_formatting():
    scale = saaty_scale()
    assert len(scale) == 17 and scale[0] == pytest.approx(1 / 9) and scale[-1] == 9
    assert np.all(np.diff(scale) > 0) and 1.0 in scale
    assert [format_judgement(v) for v in (3.0, 1 / 3, 0.5, 0.33, 2.5)] == [
        "3", "1/3", "1/2", "0.33", "5/2"]


def test_numpy_and_dataframe_inputs():
    array = np.array(consistent_matrix([3, 2, 1]))
    assert ahp(array).weights == pytest.approx([0.5, 1 / 3, 1 / 6])
    frame = pd.DataFrame(array, columns=["x", "y", "z"])
    result = ahp(frame)
    assert result.labels == ["x", "y", "z"]
    assert result.as_series()["y"] == pytest.approx(1 / 3)


def test_one_sided_judgements_are_inferred():
    result = ahp([[1, 2, None], [None, 1, "1/2"], [4, 2, 1]])
    assert sorted(result.inferred) == [(0, 2), (1, 0)]
    assert result.matrix[1, 0] == pytest.approx(0.5)
    assert result.completed == [] and result.completion_method is None


def test_small_matrices_have_zero_ci_and_cr():
    single = ahp([[1]])
    assert single.weights.tolist() == [1.0] and single.cr == 0.0 and single.consistent
    pair = ahp([[1, 4], ["1/4", 1]])
    assert pair.weights == pytest.approx([0.8, 0.2])
    assert (pair.ci, pair.cr) == (0.0, 0.0)


def test_cr_max_comes_from_the_policy():
    assert ahp(HOUSE_MATRIX).cr_max == policy.load()["weights"]["ahp"]["consistency_ratio_max"]
    assert ahp(HOUSE_MATRIX, cr_max=0.2).consistent


# --- Harker's completion ----------------------------------------------------------------------


def test_harker_recovers_consistent_weights():
    """Harker 1987: for a consistent matrix with judgements removed (graph still connected),
    the completed matrix is the consistent one and the weights are unchanged."""
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    full = consistent_matrix(weights).astype(object)
    for i, j in [(0, 3), (3, 0), (1, 2), (2, 1)]:
        full[i, j] = None
    result = ahp(full.tolist())
    assert result.weights == pytest.approx(weights)
    assert result.matrix == pytest.approx(consistent_matrix(weights))
    assert sorted(result.completed) == [(0, 3), (1, 2), (2, 1), (3, 0)]
    assert result.completion_method == "harker"
    assert result.cr == pytest.approx(0.0, abs=1e-9)


def test_harker_matrix_by_hand():
    """Harker 1987, §3: zeros for the missing pair, ``a_ii = 1 + m_i`` on the diagonal; the
    weights are that matrix's principal eigenvector and the completed entry is w_i / w_j."""
    incomplete = [row[:] for row in LEADER_MATRIX]
    incomplete[0][3] = incomplete[3][0] = None
    result = ahp(incomplete)
    harker = np.array([[2, 4, 3, 0], [1 / 4, 1, 1 / 3, 3], [1 / 3, 3, 1, 5],
                       [0, 1 / 3, 1 / 5, 2]])
    values, vectors = np.linalg.eig(harker)
    vector = np.abs(vectors[:, np.argmax(values.real)].real)
    assert result.weights == pytest.approx(vector / vector.sum())
    assert result.matrix[0, 3] == pytest.approx(result.weights[0] / result.weights[3])
    assert result.lambda_max == pytest.approx(values.real.max())


# --- aggregation, synthesis, worst judgements -------------------------------------------------


def test_aggregate_is_the_geometric_mean():
    """Aczél & Saaty 1983: the element-wise geometric mean of 3 and 1/3 is 1."""
    merged = aggregate_judgements([[[1, 3], ["1/3", 1]], [[1, "1/3"], [3, 1]]])
    assert merged == pytest.approx(np.ones((2, 2)))
    weighted = aggregate_judgements([[[1, 4], ["1/4", 1]], [[1, 1], [1, 1]]], weights=[1, 1])
    assert weighted[0, 1] == pytest.approx(2.0)
    assert weighted[1, 0] == pytest.approx(0.5)


def test_aggregate_reports_bad_members():
    with pytest.raises(InputError) as error:
        aggregate_judgements([LEADER_MATRIX, [[1, 3], [0.5, 1]]])
    assert {(p.file, p.code) for p in error.value.problems} == {("AHP #2", "ahp_reciprocal")}
    with pytest.raises(ValueError, match="same size"):
        aggregate_judgements([LEADER_MATRIX, [[1, 3], ["1/3", 1]]])
    with pytest.raises(ValueError, match="positive sum"):
        aggregate_judgements([LEADER_MATRIX, LEADER_MATRIX], weights=[0, 0])


def test_synthesize_with_local_weights_and_leaves():
    criteria = ahp([[1, 3], ["1/3", 1]], labels=["result", "process"])
    overall = synthesize(criteria, {"result": {"revenue": 60, "margin": 40}})
    assert overall.to_dict() == pytest.approx({"revenue": 0.45, "margin": 0.30,
                                               "process": 0.25})
    with pytest.raises(ValueError, match="unknown criteria"):
        synthesize(criteria, {"people": {"a": 1}})


def test_worst_judgements_of_the_house_example():
    """Saaty 2003 (EJOR 145(1)): ε_ij = a_ij w_j / w_i; in Saaty's 1990 house matrix the
    neighborhood–general condition judgement (6, implied ≈ 1.13) deviates most."""
    result = ahp(HOUSE_MATRIX, labels=HOUSE_CRITERIA)
    worst = worst_judgements(result, top=3)
    assert list(worst.columns) == ["row", "column", "given", "implied", "suggested", "error"]
    first = worst.iloc[0]
    assert (first["row"], first["column"], first["given"]) == (
        "neighborhood", "general condition", 6.0)
    assert first["suggested"] == 1.0
    assert first["error"] == pytest.approx(abs(np.log(6.0 / first["implied"])))
    assert worst["error"].is_monotonic_decreasing and len(worst) == 3


def test_worst_judgements_leave_out_completed_cells():
    incomplete = [row[:] for row in LEADER_MATRIX]
    incomplete[0][3] = incomplete[3][0] = None
    worst = worst_judgements(ahp(incomplete, labels=LEADER_CRITERIA), top=10)
    assert len(worst) == 5
    assert ("Experience", "Age") not in set(zip(worst["row"], worst["column"], strict=True))


# --- properties -------------------------------------------------------------------------------


positive_weights = st.lists(st.floats(0.05, 20.0), min_size=1, max_size=9)


@st.composite
def judgement_matrices(draw) -> np.ndarray:
    """Random positive reciprocal matrices on Saaty's scale."""
    n = draw(st.integers(1, 9))
    scale = saaty_scale()
    upper = draw(st.lists(st.sampled_from(list(scale)), min_size=n * (n - 1) // 2,
                          max_size=n * (n - 1) // 2))
    matrix = np.ones((n, n))
    rows, cols = np.triu_indices(n, k=1)
    matrix[rows, cols] = upper
    matrix[cols, rows] = 1.0 / np.asarray(upper)
    return matrix


@settings(max_examples=60, deadline=None)
@given(judgement_matrices())
def test_weights_are_positive_and_sum_to_one(matrix):
    result = ahp(matrix)
    assert result.weights.sum() == pytest.approx(1.0)
    assert (result.weights > 0).all()
    assert result.lambda_max >= result.n - 1e-9
    assert result.cr >= 0


@settings(max_examples=60, deadline=None)
@given(positive_weights)
def test_consistent_matrix_returns_its_weights(weights):
    w = np.asarray(weights)
    result = ahp(consistent_matrix(w))
    assert result.weights == pytest.approx(w / w.sum(), rel=1e-6)
    assert result.cr == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(judgement_matrices(), st.randoms(use_true_random=False))
def test_permuting_criteria_permutes_weights(matrix, random):
    order = list(range(len(matrix)))
    random.shuffle(order)
    permuted = matrix[np.ix_(order, order)]
    assert ahp(permuted).weights == pytest.approx(ahp(matrix).weights[order], rel=1e-6)


@settings(max_examples=40, deadline=None)
@given(judgement_matrices(), st.integers(1, 4))
def test_aggregate_of_identical_matrices_is_the_matrix(matrix, members):
    assert aggregate_judgements([matrix] * members) == pytest.approx(matrix)


@settings(max_examples=40, deadline=None)
@given(judgement_matrices(), judgement_matrices())
def test_aggregate_stays_reciprocal(first, second):
    if len(first) != len(second):
        second = np.ones_like(first)
    merged = aggregate_judgements([first, second], weights=[2, 1])
    assert merged * merged.T == pytest.approx(np.ones_like(merged))
