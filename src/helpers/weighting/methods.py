"""Weighting methods other than AHP (METHOD §6): entropy weights (熵权法), rank-order centroid,
direct allocation and the linear blend of two weight vectors.

Sources:

- Entropy weights: Shannon's entropy applied to criteria weights as in Zeleny, M. 1982,
  *Multiple Criteria Decision Making*, McGraw-Hill, and Hwang, C.-L. & Yoon, K. 1981, *Multiple
  Attribute Decision Making*, Springer, §4.1.1: ``e_j = −(1/ln m) Σ_i p_ij ln p_ij`` with
  ``0 · ln 0 = 0``, ``d_j = 1 − e_j``, ``w_j = d_j / Σ d``. Worked examples reproduced in the
  tests: Xu, X. 2004, *European Journal of Operational Research* 156(2), 530–532, and
  Zavadskas, E.K. & Podvezko, V. 2016, *Int. J. of Information Technology & Decision Making*
  15(2), 267–283.
- Rank-order centroid: Barron, F.H. & Barrett, B.E. 1996, "Decision quality using ranked
  attribute weights", *Management Science* 42(11), 1515–1523: ``w_k = (1/n) Σ_{i=k..n} 1/i``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from helpers.errors import InputError, Problem

NORMALIZATIONS = ("sum", "minmax")


# --- entropy weights --------------------------------------------------------------------------


def entropy(matrix, normalization: str = "sum", cost_columns: Iterable | None = None, *,
            source: str = "entropy") -> np.ndarray:
    """Entropy weights of the criteria (columns) from the alternatives' values (rows, m ≥ 2).

    Normalisations (state which one the report uses):

    - ``"sum"``: ``p_ij = x_ij / Σ_i x_ij``; needs ``x ≥ 0``. A cost column (smaller is better)
      is first turned into ``max − x``. With no cost columns the weights do not depend on the
      direction of a criterion, as entropy measures only dispersion.
    - ``"minmax"``: ``x' = (x − min) / (max − min)`` for benefit columns and
      ``(max − x) / (max − min)`` for cost columns, then ``p = x' / Σ x'``.

    ``e_j = −(1/ln m) Σ p ln p`` with ``0 · ln 0 = 0``; ``d_j = 1 − e_j``; ``w = d / Σ d``. A
    constant column carries no information and gets weight 0. ``cost_columns`` are column
    positions or (for a DataFrame) labels. Raises :class:`~helpers.errors.InputError` (file
    ``source``, 1-based row, column label) for missing, non-numeric or — with ``"sum"`` —
    negative values, fewer than 2 rows, or when every column is constant.
    """
    if normalization not in NORMALIZATIONS:
        msg = f"normalization must be one of {', '.join(NORMALIZATIONS)}; got {normalization!r}"
        raise ValueError(msg)
    frame = _frame(matrix)
    values = _validated(frame, normalization, source)
    cost = _cost_mask(frame.columns, cost_columns)
    constant = np.ptp(values, axis=0) == 0
    if constant.all():
        raise InputError([Problem(source, "entropy_all_constant",
                                  params={"columns": ", ".join(frame.columns)})])
    shares = _shares(_oriented(values, cost, normalization), constant)
    divergence = np.where(constant, 0.0, np.clip(1.0 - _entropies(shares), 0.0, None))
    return divergence / divergence.sum()


def _frame(matrix) -> pd.DataFrame:
    """The matrix as a DataFrame with string column labels (1-based positions by default)."""
    if isinstance(matrix, pd.DataFrame):
        frame = matrix.reset_index(drop=True).copy()
        frame.columns = [str(c) for c in frame.columns]
        return frame
    frame = pd.DataFrame(np.asarray(matrix, dtype=object))
    frame.columns = [str(j + 1) for j in range(frame.shape[1])]
    return frame


def _validated(frame: pd.DataFrame, normalization: str, source: str) -> np.ndarray:
    """Float values; raises one InputError listing every bad cell."""
    if len(frame) < 2:
        raise InputError([Problem(source, "entropy_too_few_rows", params={"rows": len(frame)})])
    blank = frame.map(lambda v: v is None or (isinstance(v, str) and not v.strip()))
    numbers = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    missing = blank | frame.isna()
    bad = numbers.isna() & ~missing | np.isinf(numbers)
    negative = (numbers < 0) & (normalization == "sum")
    problems = (_cell_problems(frame, missing, "entropy_missing", source)
                + _cell_problems(frame, bad, "entropy_bad_value", source)
                + _cell_problems(frame, negative, "entropy_negative", source))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.row, list(frame.columns)
                                                         .index(p.column))))
    return numbers.to_numpy()


def _cell_problems(frame: pd.DataFrame, mask: pd.DataFrame, code: str,
                   source: str) -> list[Problem]:
    rows, cols = np.nonzero(mask.to_numpy())
    return [Problem(source, code, params={"value": _written(frame.iat[i, j]),
                                          "row": int(i) + 1, "column": frame.columns[j]},
                    row=int(i) + 1, column=frame.columns[j])
            for i, j in zip(rows, cols, strict=True)]


def _written(value) -> str:
    """A cell for messages: ``-2`` rather than ``-2.0``."""
    return f"{value:g}" if isinstance(value, float | np.floating) else str(value)


def _cost_mask(columns: pd.Index, cost_columns: Iterable | None) -> np.ndarray:
    """Boolean mask of cost columns given by position or label."""
    mask = np.zeros(len(columns), dtype=bool)
    for key in cost_columns or []:
        if isinstance(key, int | np.integer) and 0 <= key < len(columns):
            mask[int(key)] = True
        elif str(key) in columns:
            mask[columns.get_loc(str(key))] = True
        else:
            msg = f"cost column {key!r} is neither a position nor a label of {list(columns)}"
            raise ValueError(msg)
    return mask


def _oriented(values: np.ndarray, cost: np.ndarray, normalization: str) -> np.ndarray:
    """Values before the shares: cost columns reversed (``max − x``), min–max scaled if asked."""
    low, high = values.min(axis=0), values.max(axis=0)
    if normalization == "sum":
        return np.where(cost, high - values, values)
    spread = np.where(high > low, high - low, 1.0)
    return np.where(cost, high - values, values - low) / spread


def _shares(oriented: np.ndarray, constant: np.ndarray) -> np.ndarray:
    """``p_ij = x'_ij / Σ_i x'_ij``; constant columns get uniform shares (entropy 1)."""
    totals = oriented.sum(axis=0)
    uniform = np.full_like(oriented, 1.0 / len(oriented))
    safe = np.where(totals > 0, totals, 1.0)
    return np.where(constant | (totals <= 0), uniform, oriented / safe)


def _entropies(shares: np.ndarray) -> np.ndarray:
    """``e_j = −(1/ln m) Σ_i p_ij ln p_ij`` with ``0 · ln 0 = 0``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(shares > 0, shares * np.log(shares), 0.0)
    return -terms.sum(axis=0) / np.log(len(shares))


# --- rank order centroid, direct allocation, blend --------------------------------------------


def roc(n: int) -> np.ndarray:
    """Rank-order centroid weights for ``n`` ranked criteria, most important first (Barron &
    Barrett 1996): ``w_k = (1/n) Σ_{i=k..n} 1/i``. ``roc(4)`` → 0.5208, 0.2708, 0.1458,
    0.0625."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"roc needs a whole number of criteria n >= 1; got {n!r}")
    reciprocals = 1.0 / np.arange(1, int(n) + 1)
    return np.cumsum(reciprocals[::-1])[::-1] / n


def direct(points: Sequence[float]) -> np.ndarray:
    """Direct allocation: points or percentages (e.g. 30, 50, 20) as fractions summing to 1.
    Values must be finite and ≥ 0 with a positive sum."""
    values = _vector(points, "points")
    if values.sum() <= 0:
        raise ValueError(f"points must not all be 0; got {values.tolist()}")
    return values / values.sum()


def blend(first: Sequence[float], second: Sequence[float], share_first: float) -> np.ndarray:
    """Linear blend ``s · a + (1 − s) · b`` of two weight vectors, renormalised to sum 1 (e.g. a
    subjective AHP vector with an objective entropy vector). Each vector is first scaled to
    sum 1, so points, percentages and fractions mix correctly; ``0 ≤ s ≤ 1``."""
    a, b = _vector(first, "first"), _vector(second, "second")
    if a.shape != b.shape:
        msg = f"the two weight vectors must have the same length; got {len(a)} and {len(b)}"
        raise ValueError(msg)
    if not 0.0 <= float(share_first) <= 1.0:
        raise ValueError(f"share_first must be between 0 and 1; got {share_first}")
    mixed = share_first * direct(a) + (1.0 - share_first) * direct(b)
    return mixed / mixed.sum()


def _vector(values: Sequence[float], name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float).ravel()
    if array.size == 0 or not np.isfinite(array).all() or (array < 0).any():
        msg = f"{name} must be a non-empty list of finite numbers >= 0; got {array.tolist()}"
        raise ValueError(msg)
    return array
