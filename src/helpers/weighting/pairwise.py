"""AHP pairwise comparisons (METHOD §6): weights from a judgement matrix, its consistency, the
completion of missing judgements, group aggregation, hierarchical synthesis and the judgements
that most need a second look.

Formulas and sources:

- Priorities are the principal right eigenvector of the positive reciprocal matrix ``A``,
  normalised to sum 1; ``CI = (λmax − n) / (n − 1)`` and ``CR = CI / RI(n)``, accepted when
  ``CR ≤ 0.10`` (Saaty, T.L. 1980, *The Analytic Hierarchy Process*, McGraw-Hill, ch. 1–2;
  Saaty, T.L. 1990, "How to make a decision: the analytic hierarchy process", *European
  Journal of Operational Research* 48, 9–26). For ``n ≤ 2`` a reciprocal matrix is always
  consistent, so CI and CR are 0.
- Random indices ``RI(n)``: see :data:`RI_TABLES`.
- Missing judgements: Harker, P.T. 1987, "Incomplete pairwise comparisons in the analytic
  hierarchy process", *Mathematical Modelling* 9(11), 837–848 — a missing ``a_ij`` is replaced
  by 0 and ``a_ii`` by ``1 + m_i`` (``m_i`` missing entries in row ``i``); the principal
  eigenvector of that matrix gives the weights and each missing entry is reported as
  ``w_i / w_j``. The completed matrix has the same principal eigenpair, so λmax, CI and CR are
  those of the completed matrix.
- Group judgements: element-wise (weighted) geometric mean of the members' matrices, which
  keeps the result reciprocal (Aczél, J. & Saaty, T.L. 1983, "Procedures for synthesizing
  ratio judgements", *Journal of Mathematical Psychology* 27(1), 93–102).
- Worst judgements: the perturbation ``ε_ij = a_ij · w_j / w_i`` (1 when the judgement agrees
  with the derived weights); Saaty, T.L. 2003, "Decision-making with the AHP: why is the
  principal eigenvector necessary", *European Journal of Operational Research* 145(1), 85–91.

Cells may hold numbers or text such as ``"3"``, ``"1/3"``, ``"0.5"`` (full-width characters are
accepted); ``None``, NaN and ``""`` mark a missing judgement. Every bad cell is reported in one
:class:`~helpers.errors.InputError` naming its row (1-based) and column (label).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import pandas as pd

from helpers.errors import InputError, Problem

#: Random consistency indices ``{table name: {n: RI}}`` (mean CI of random reciprocal matrices
#: on the 1–9 scale).
#:
#: - ``saaty1980``: Saaty 1980, *The Analytic Hierarchy Process* (McGraw-Hill), n = 1..15, as
#:   reproduced e.g. by the CRAN package AHPWR (R/CI.R) and most AHP implementations. n ≤ 10 is
#:   the same everywhere; for n = 11..15 later reprints differ (1.54 instead of 1.48 for n = 12).
#: - ``alonso_lamata2006``: Alonso, J.A. & Lamata, M.T. 2006, "Consistency in the analytic
#:   hierarchy process: a new approach", *Int. J. of Uncertainty, Fuzziness and Knowledge-Based
#:   Systems* 14(4), 445–459 (100 000 random matrices per n), n = 1..15.
#: - ``donegan_dodd1991``: Donegan, H.A. & Dodd, F.J. 1991, "A note on Saaty's random
#:   indexes", *Mathematical and Computer Modelling* 15(10), 135–137
#:   (doi:10.1016/0895-7177(91)90098-R), n = 1..20, as tabulated in AHPy (PhilipGriffith/AHPy).
RI_TABLES: dict[str, dict[int, float]] = {
    "saaty1980": {
        1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45,
        10: 1.49, 11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
    },
    "alonso_lamata2006": {
        1: 0.0, 2: 0.0, 3: 0.5245, 4: 0.8815, 5: 1.1086, 6: 1.2479, 7: 1.3417, 8: 1.4056,
        9: 1.4499, 10: 1.4854, 11: 1.5141, 12: 1.5365, 13: 1.5551, 14: 1.5713, 15: 1.5838,
    },
    "donegan_dodd1991": {
        1: 0.0, 2: 0.0, 3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171,
        9: 1.3733, 10: 1.4055, 11: 1.4213, 12: 1.4497, 13: 1.4643, 14: 1.4822, 15: 1.4969,
        16: 1.5078, 17: 1.5153, 18: 1.5262, 19: 1.5313, 20: 1.5371,
    },
}

#: Methods that complete missing judgements (policy ``weights.ahp.missing_judgements``).
COMPLETION_METHODS = ("harker",)  # keys of _COMPLETERS

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_JUDGEMENT = re.compile(rf"^\s*({_NUMBER})\s*(?:/\s*({_NUMBER})\s*)?$")
_ROUNDING = 1e-12  # float noise allowed on top of the policy's reciprocal tolerance


@dataclass(frozen=True, eq=False)
class AHPResult:
    """Priorities and consistency of one comparison matrix.

    ``matrix`` is the completed float matrix; ``completed`` lists the cells ``(i, j)`` (0-based)
    estimated by ``completion_method``; ``inferred`` the cells filled in as ``1 / a_ji`` because
    only the mirror judgement was given.
    """

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    ri: float
    n: int
    labels: list[str]
    matrix: np.ndarray
    consistent: bool
    completed: list[tuple[int, int]] = field(default_factory=list)
    completion_method: str | None = None
    inferred: list[tuple[int, int]] = field(default_factory=list)
    ri_table: str = "saaty1980"
    cr_max: float = 0.10

    def as_series(self) -> pd.Series:
        """The weights indexed by label."""
        return pd.Series(self.weights, index=pd.Index(self.labels, name="label"), name="weight")


# --- scale and cell parsing -------------------------------------------------------------------


def saaty_scale() -> np.ndarray:
    """The 17 values of Saaty's fundamental scale, ascending: 1/9, 1/8, …, 1/2, 1, 2, …, 9
    (Saaty 1980, Table 1.1)."""
    whole = np.arange(1.0, 10.0)
    return np.concatenate([1.0 / whole[:0:-1], whole])


def parse_judgement(text) -> float | None:
    """One judgement as a float: numbers pass through, text may be ``"3"``, ``"1/3"``,
    ``" 0.5 "`` or full-width ``"１／３"``. ``None``, NaN and blank text mean *missing* and give
    ``None``. Raises :class:`ValueError` for anything else (booleans, words, ``"1/0"``)."""
    if text is None:
        return None
    if isinstance(text, bool | np.bool_):
        raise ValueError(f"not a judgement: {text!r}")
    if isinstance(text, int | float | np.integer | np.floating | Fraction):
        value = float(text)
        return None if math.isnan(value) else value
    if not isinstance(text, str):
        raise ValueError(f"not a judgement: {text!r}")
    normal = unicodedata.normalize("NFKC", text).replace("\u2044", "/").strip()
    if not normal:
        return None
    match = _JUDGEMENT.match(normal)
    if not match:
        raise ValueError(f"not a judgement: {text!r}")
    numerator, denominator = match.group(1), match.group(2)
    if denominator is None:
        return float(numerator)
    if float(denominator) == 0:
        raise ValueError(f"division by zero in {text!r}")
    return float(numerator) / float(denominator)


def format_judgement(value: float) -> str:
    """``3``, ``1/3`` or ``0.33``: a fraction when the value is p/q with q ≤ 9, else 4 digits."""
    if not math.isfinite(value):
        return str(value)
    fraction = Fraction(value).limit_denominator(9)
    if abs(float(fraction) - value) <= 1e-9 * max(1.0, abs(value)):
        if fraction.denominator == 1:
            return str(fraction.numerator)
        return f"{fraction.numerator}/{fraction.denominator}"
    return f"{value:.4g}"


def _shown(cell) -> str:
    """A cell as the client wrote it, for messages: text as is, short decimals as decimals
    (``0.4``), other floats as p/q when they are one (``1/3``)."""
    if isinstance(cell, float | np.floating) and math.isfinite(cell):
        short = f"{float(cell):g}"
        return short if float(short) == float(cell) else format_judgement(float(cell))
    return str(cell)


# --- reading and validating a matrix ----------------------------------------------------------


@dataclass
class _Matrix:
    """A validated matrix: values (NaN where missing), labels and what was filled in."""

    values: np.ndarray
    labels: list[str]
    inferred: list[tuple[int, int]]


def _rows_of(matrix) -> tuple[list, list[str] | None]:
    """Nested rows of a list, array or DataFrame, and the DataFrame's column labels."""
    if isinstance(matrix, pd.DataFrame):
        return matrix.astype(object).to_numpy().tolist(), [str(c) for c in matrix.columns]
    if isinstance(matrix, np.ndarray):
        return matrix.tolist(), None
    if isinstance(matrix, Sequence) and not isinstance(matrix, str):
        return [list(r) if isinstance(r, Sequence | np.ndarray) and not isinstance(r, str)
                else r for r in matrix], None
    return [matrix], None


def _shape_problems(rows: list, source: str) -> list[Problem]:
    """ahp_too_small / ahp_not_square, which stop the reading."""
    n = len(rows)
    if n == 0:
        return [Problem(source, "ahp_too_small", params={"rows": 0})]
    lengths = [len(r) if isinstance(r, list) else 1 for r in rows]
    if any(not isinstance(r, list) for r in rows) or any(size != n for size in lengths):
        shown = ", ".join(str(size) for size in lengths)
        return [Problem(source, "ahp_not_square", params={"rows": n, "lengths": shown})]
    return []


def _labels(given: Sequence[str] | None, from_frame: list[str] | None, n: int) -> list[str]:
    labels = [str(x) for x in given] if given is not None else from_frame
    labels = labels or [str(j + 1) for j in range(n)]
    if len(labels) != n or len(set(labels)) != n:
        msg = f"labels must be {n} distinct names, one per row; got {labels!r}"
        raise ValueError(msg)
    return labels


def _cell_problem(code: str, source: str, labels: list[str], i: int, j: int,
                  **params) -> Problem:
    return Problem(source, code, params={"row": i + 1, "column": labels[j], **params},
                   row=i + 1, column=labels[j])


def _parse_cells(rows: list, labels: list[str], source: str
                 ) -> tuple[np.ndarray, np.ndarray, list[Problem]]:
    """Values (NaN where missing or bad), a mask of usable cells, and the cell problems."""
    n = len(rows)
    values = np.full((n, n), np.nan)
    usable = np.zeros((n, n), dtype=bool)
    problems = []
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            try:
                value = parse_judgement(cell)
            except ValueError:
                problems.append(_cell_problem("ahp_bad_value", source, labels, i, j,
                                              value=str(cell)))
                continue
            code = _value_code(value, diagonal=i == j)
            if code:
                shown = "" if value is None else _shown(cell)
                problems.append(_cell_problem(code, source, labels, i, j, value=shown))
            elif value is not None:
                values[i, j], usable[i, j] = value, True
    return values, usable, problems


def _as_written(rows: list) -> np.ndarray:
    """Each cell as the client wrote it (for messages)."""
    return np.array([[_shown(cell) for cell in row] for row in rows], dtype=object)


def _value_code(value: float | None, *, diagonal: bool) -> str | None:
    """The problem code of one parsed value, or None when it is usable (or missing)."""
    if value is None:
        return "ahp_diagonal" if diagonal else None
    if math.isinf(value):
        return "ahp_non_finite"
    if value <= 0:
        return "ahp_non_positive"
    return None


def _diagonal_problems(values, usable, labels, source, tolerance) -> list[Problem]:
    off = usable.diagonal() & (np.abs(values.diagonal() - 1.0) > tolerance + _ROUNDING)
    return [_cell_problem("ahp_diagonal", source, labels, i, i,
                          value=_shown(values[i, i])) for i in np.flatnonzero(off)]


def _reciprocal_problems(values, usable, written, labels, source, tolerance
                         ) -> list[Problem]:
    """One problem per pair given both ways whose product is not 1, at the lower cell."""
    both = usable & usable.T & np.tri(len(labels), k=-1, dtype=bool)
    with np.errstate(invalid="ignore"):
        bad = both & (np.abs(values * values.T - 1.0) > tolerance + _ROUNDING)
    problems = []
    for i, j in zip(*np.nonzero(bad), strict=True):
        given, mirror = values[i, j], values[j, i]
        problems.append(_cell_problem(
            "ahp_reciprocal", source, labels, i, j, value=written[i, j],
            expected=format_judgement(1.0 / mirror), mirror_row=j + 1,
            mirror_column=labels[i], mirror_value=written[j, i],
            mirror_expected=format_judgement(1.0 / given),
            product=f"{given * mirror:.4g}"))
    return problems


def _read(matrix, labels: Sequence[str] | None, source: str, tolerance: float,
          extra: list[Problem] | None = None) -> _Matrix:
    """Parse and validate ``matrix``; raise one InputError with every problem (plus ``extra``)."""
    rows, frame_labels = _rows_of(matrix)
    shape = _shape_problems(rows, source)
    if shape:
        raise InputError(shape + (extra or []))
    names = _labels(labels, frame_labels, len(rows))
    values, usable, problems = _parse_cells(rows, names, source)
    problems += _diagonal_problems(values, usable, names, source, tolerance)
    problems += _reciprocal_problems(values, usable, _as_written(rows), names, source,
                                     tolerance)
    if problems or extra:
        raise InputError(_in_reading_order(problems, names) + (extra or []))
    np.fill_diagonal(values, 1.0)
    return _Matrix(values, names, _infer_mirrors(values))


def _in_reading_order(problems: list[Problem], labels: list[str]) -> list[Problem]:
    """Cell problems row by row, left to right."""
    return sorted(problems, key=lambda p: (p.row, labels.index(p.column)))


def _infer_mirrors(values: np.ndarray) -> list[tuple[int, int]]:
    """Fill ``a_ij = 1 / a_ji`` where only the mirror judgement was given (in place)."""
    fill = np.isnan(values) & ~np.isnan(values.T)
    values[fill] = 1.0 / values.T[fill]
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(fill), strict=True)]


# --- completion (Harker 1987) -----------------------------------------------------------------


def _components(known: np.ndarray) -> list[list[int]]:
    """Connected components of the comparison graph (``known[i, j]``: i and j compared)."""
    n = len(known)
    reach = known | known.T | np.eye(n, dtype=bool)
    for _ in range(max(1, math.ceil(math.log2(max(n, 2))))):
        reach = (reach.astype(np.int64) @ reach.astype(np.int64)) > 0
    groups: dict[tuple[bool, ...], list[int]] = {}
    for i in range(n):
        groups.setdefault(tuple(reach[i]), []).append(i)
    return list(groups.values())


def _harker(values: np.ndarray) -> np.ndarray:
    """Harker's (1987) matrix: missing entries 0, ``a_ii = 1 + m_i``."""
    missing = np.isnan(values)
    harker = np.where(missing, 0.0, values)
    harker[np.diag_indices_from(harker)] = 1.0 + missing.sum(axis=1)
    return harker


#: Completion method name → the matrix whose principal eigenvector gives the weights.
_COMPLETERS = {"harker": _harker}


def _complete(read: _Matrix, method: str, source: str) -> tuple[np.ndarray, list]:
    """The completed matrix and the completed cells (``[]`` when nothing is missing)."""
    values = read.values
    missing = np.isnan(values)
    if not missing.any():
        return values, []
    groups = _components(~missing)
    if len(groups) > 1:
        text = " | ".join(", ".join(read.labels[i] for i in g) for g in groups)
        raise InputError([Problem(source, "ahp_disconnected",
                                  params={"groups": text, "count": len(groups)})])
    weights, _ = _principal(_COMPLETERS[method](values))
    ratios = weights[:, None] / weights[None, :]
    completed = np.where(missing, ratios, values)
    return completed, [(int(i), int(j)) for i, j in zip(*np.nonzero(missing), strict=True)]


# --- eigenvector and consistency --------------------------------------------------------------


def _principal(matrix: np.ndarray) -> tuple[np.ndarray, float]:
    """Principal right eigenvector (sum 1, positive) and its eigenvalue (Perron root)."""
    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    return vector / vector.sum(), float(eigenvalues[k].real)


def _consistency(lambda_max: float, n: int, ri: float) -> tuple[float, float]:
    """(CI, CR); both 0 for n ≤ 2, where every reciprocal matrix is consistent."""
    if n <= 2:
        return 0.0, 0.0
    ci = max((lambda_max - n) / (n - 1), 0.0)
    return ci, ci / ri


def _ri_problems(ri_table: str, n: int | None, source: str) -> list[Problem]:
    """ahp_unknown_ri_table / ahp_ri_out_of_range."""
    if ri_table not in RI_TABLES:
        return [Problem(source, "ahp_unknown_ri_table",
                        params={"found": ri_table, "known": ", ".join(RI_TABLES)})]
    if n is None or n in RI_TABLES[ri_table]:
        return []
    covering = [name for name, table in RI_TABLES.items() if n in table]
    return [Problem(source, "ahp_ri_out_of_range", params={
        "n": n, "table": ri_table, "max_n": max(RI_TABLES[ri_table]),
        "alternatives": ", ".join(covering) or "—"})]


def _method_problems(missing: str, source: str) -> list[Problem]:
    if missing in COMPLETION_METHODS:
        return []
    return [Problem(source, "ahp_missing_unsupported",
                    params={"found": str(missing), "known": ", ".join(COMPLETION_METHODS)})]


def _policy_ahp() -> dict:
    from helpers import policy

    return policy.load()["weights"]["ahp"]


def _size(matrix) -> int | None:
    rows, _ = _rows_of(matrix)
    return len(rows) if rows and not _shape_problems(rows, "") else None


# --- public API -------------------------------------------------------------------------------


def ahp(matrix, ri_table: str = "saaty1980", *, labels: Sequence[str] | None = None,
        missing: str = "harker", source: str = "AHP", cr_max: float | None = None,
        tolerance: float | None = None) -> AHPResult:
    """Priorities, λmax, CI and CR of a pairwise comparison matrix (Saaty 1980; module doc).

    ``ri_table`` names a table of :data:`RI_TABLES`; ``missing`` the completion method of
    missing judgements (Harker 1987). ``cr_max`` (acceptance threshold) and ``tolerance``
    (relative tolerance of ``a_ij · a_ji = 1``) default to policy ``weights.ahp``
    ``consistency_ratio_max`` and ``reciprocal_tolerance``. Raises
    :class:`~helpers.errors.InputError` listing every bad cell, with ``file=source``,
    ``row`` 1-based and ``column`` the label.
    """
    spec = _policy_ahp() if cr_max is None or tolerance is None else {}
    cr_max = spec["consistency_ratio_max"] if cr_max is None else cr_max
    tolerance = spec["reciprocal_tolerance"] if tolerance is None else tolerance
    extra = _method_problems(missing, source) + _ri_problems(ri_table, _size(matrix), source)
    read = _read(matrix, labels, source, tolerance, extra)
    completed, cells = _complete(read, missing, source)
    weights, lambda_max = _principal(completed)
    n = len(read.labels)
    ri = RI_TABLES[ri_table][n]
    ci, cr = _consistency(lambda_max, n, ri)
    return AHPResult(
        weights=weights, lambda_max=lambda_max, ci=ci, cr=cr, ri=ri, n=n, labels=read.labels,
        matrix=completed, consistent=bool(cr <= cr_max), completed=cells,
        completion_method=missing if cells else None, inferred=read.inferred,
        ri_table=ri_table, cr_max=cr_max)


def aggregate_judgements(matrices: Sequence, weights: Sequence[float] | None = None, *,
                         source: str = "AHP", tolerance: float | None = None) -> np.ndarray:
    """Element-wise weighted geometric mean ``Π_k A_k^{λ_k}`` (``Σ λ_k = 1``) of the group
    members' matrices (Aczél & Saaty 1983); the result is again reciprocal. Each matrix is
    validated (problems carry ``file="<source> #k"``) and its missing judgements completed by
    Harker's method first. ``weights`` (member weights, default equal) must be ≥ 0 with a
    positive sum."""
    if len(matrices) == 0:
        raise ValueError("aggregate_judgements needs at least one matrix")
    tolerance = _policy_ahp()["reciprocal_tolerance"] if tolerance is None else tolerance
    member_weights = _member_weights(weights, len(matrices))
    completed, problems = [], []
    for k, matrix in enumerate(matrices):
        try:
            member = f"{source} #{k + 1}"
            completed.append(_complete(_read(matrix, None, member, tolerance), "harker",
                                       member)[0])
        except InputError as error:
            problems += error.problems
    if problems:
        raise InputError(problems)
    sizes = sorted({len(m) for m in completed})
    if len(sizes) > 1:
        raise ValueError(f"all matrices must have the same size; found sizes {sizes}")
    logs = np.log(np.stack(completed))
    return np.exp(np.tensordot(member_weights, logs, axes=1))


def _member_weights(weights: Sequence[float] | None, count: int) -> np.ndarray:
    if weights is None:
        return np.full(count, 1.0 / count)
    array = np.asarray(weights, dtype=float)
    if array.shape != (count,) or not np.isfinite(array).all() or (array < 0).any() \
            or array.sum() <= 0:
        msg = (f"weights must be {count} finite numbers >= 0 with a positive sum, one per "
               f"matrix; got {list(weights)}")
        raise ValueError(msg)
    return array / array.sum()


def synthesize(criteria: AHPResult,
               children: Mapping[str, AHPResult | Mapping[str, float]]) -> pd.Series:
    """Hierarchical synthesis (Saaty 1980, ch. 2): a child's global weight is its criterion's
    weight times its local weight, summed over criteria when the same child (an alternative)
    sits under several. Criteria without children stay leaves with their own weight. Returns a
    Series indexed by label (first-seen order) that sums to 1."""
    unknown = sorted(set(children) - set(criteria.labels))
    if unknown:
        msg = f"children given for unknown criteria {unknown}; criteria are {criteria.labels}"
        raise ValueError(msg)
    parts = [_local(children[label]) * weight if label in children
             else pd.Series([weight], index=[label])
             for label, weight in zip(criteria.labels, criteria.weights, strict=True)]
    stacked = pd.concat(parts)
    total = stacked.groupby(level=0, sort=False).sum()
    total.index.name, total.name = "label", "global_weight"
    return total / total.sum()


def _local(child: AHPResult | Mapping[str, float]) -> pd.Series:
    """A child's local weights as a Series summing to 1."""
    if isinstance(child, AHPResult):
        return child.as_series()
    local = pd.Series({str(k): float(v) for k, v in child.items()}, dtype=float)
    if local.empty or not np.isfinite(local).all() or (local < 0).any() or local.sum() <= 0:
        raise ValueError(f"local weights must be >= 0 with a positive sum; got {dict(child)}")
    return local / local.sum()


def worst_judgements(result: AHPResult, top: int = 3) -> pd.DataFrame:
    """The ``top`` given judgements (upper triangle) that deviate most from the derived
    weights, by ``error = |ln(a_ij · w_j / w_i)|`` (Saaty 2003's ``ε_ij``), with the implied
    ratio ``w_i / w_j`` and the nearest value of Saaty's scale as a suggestion. Cells completed
    for missing judgements are left out."""
    rows, cols = np.triu_indices(result.n, k=1)
    estimated = np.zeros((result.n, result.n), dtype=bool)
    for i, j in result.completed:
        estimated[i, j] = True
    keep = ~estimated[rows, cols]
    rows, cols = rows[keep], cols[keep]
    given = result.matrix[rows, cols]
    implied = result.weights[rows] / result.weights[cols]
    scale = saaty_scale()
    nearest = np.abs(np.log(scale)[None, :] - np.log(implied)[:, None]).argmin(axis=1)
    frame = pd.DataFrame({
        "row": [result.labels[i] for i in rows],
        "column": [result.labels[j] for j in cols],
        "given": given,
        "implied": implied,
        "suggested": scale[nearest],
        "error": np.abs(np.log(given) - np.log(implied)),
    })
    ordered = frame.sort_values("error", ascending=False, kind="stable")
    return ordered.head(top).reset_index(drop=True)
