"""Item-level scoring rules of METHOD §7 (评分), vectorised over numpy arrays.

Each rule returns the item's *fraction* of its weight W (points = W × fraction), except
:func:`addition` and :func:`deduction_points`, which return points outside the weighted 100,
and :func:`veto`, which returns whether the red line was crossed. Notation: A actual, T target,
B threshold, X stretch. Every argument may be a scalar or an array; arrays broadcast. Missing
per-row parameters (NaN) take the policy defaults (``scoring.ratio``, ``scoring.interpolation``,
``scoring.zero_target``). No rule divides by zero: an undefined ratio gives NaN, which
:func:`helpers.scoring.engine.score` refuses before scoring.

Monotonicity (tested): ``ratio``, ``mixed_sign`` and higher-is-better
``threshold_target_stretch`` never fall as A rises; ``lower_better`` and the mirrored
interpolation never rise. ``banded`` follows its table (a range indicator may peak in the middle).

Sources: the rules and defaults are METHOD §7, distilled from seed 002 §二.4 (ratio, threshold,
"基础目标 + 挑战目标" base and challenge targets, veto) and seed 003 ("投诉即扣分" deductions);
the interpolation is the linear threshold–target–stretch payout curve of incentive-plan design.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from helpers import policy as policy_files

RULES = ("ratio", "lower_better", "mixed_sign", "threshold_target_stretch", "banded",
         "deduction", "addition", "veto")
#: Rules whose item carries a weight and a fraction (deduction only when its weight is > 0).
WEIGHTED_RULES = ("ratio", "lower_better", "mixed_sign", "threshold_target_stretch", "banded")
#: Rules needing a target.
TARGET_RULES = ("ratio", "lower_better", "mixed_sign", "threshold_target_stretch")


def scoring_policy(policy: dict | None) -> dict:
    """The ``scoring`` section of ``policy`` (the default policy when None)."""
    return (policy if policy is not None else policy_files.load())["scoring"]


def _floats(*values) -> list[np.ndarray]:
    """Float arrays of a common shape (None → NaN)."""
    arrays = [np.asarray(np.nan if v is None else v, dtype=float) for v in values]
    return [np.array(a, dtype=float) for a in np.broadcast_arrays(*arrays)]


def _fill(values: np.ndarray, default) -> np.ndarray:
    """``values`` with NaN replaced by ``default`` (a scalar or an array of the same shape)."""
    return np.where(np.isnan(values), default, values)


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN where the denominator is 0 (never a division by zero)."""
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    with np.errstate(over="ignore"):
        return np.divide(numerator, denominator, out=out, where=denominator != 0)


def floor_and_cap(floor, cap, threshold, shape: tuple, policy: dict | None = None,
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Per-row floor and cap of the ratio family; NaN → ``scoring.ratio`` defaults.

    The floor default is ``floor_with_threshold`` (0.8) on rows that give a threshold, else
    ``floor`` (0); METHOD §7 "floor 0 (or 80 % where a threshold applies), cap 120 %".
    """
    defaults = scoring_policy(policy)["ratio"]
    floor, cap, threshold = (np.broadcast_to(a, shape) for a in _floats(floor, cap, threshold))
    default_floor = np.where(np.isnan(threshold), defaults["floor"],
                             defaults["floor_with_threshold"])
    return _fill(floor, default_floor), _fill(cap, defaults["cap"])


def _floored(attainment: np.ndarray, floor: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """0 below the floor, else the attainment capped: W·clip(r, floor, cap), r < floor → 0."""
    return np.where(attainment < floor, 0.0, np.minimum(attainment, cap))


def ratio(actual, target, floor=None, cap=None, threshold=None,
          policy: dict | None = None) -> np.ndarray:
    """Ratio method (比率法), higher is better: r = A/T; 0 when r < floor, else min(r, cap).

    METHOD §7. T ≤ 0 is undefined here (NaN); negative targets use :func:`mixed_sign`.
    """
    a, t = _floats(actual, target)
    r = np.where(t > 0, _divide(a, t), np.nan)
    low, high = floor_and_cap(floor, cap, threshold, r.shape, policy)
    return _floored(r, low, high)


def lower_better(actual, target, floor=None, cap=None, threshold=None, points_per_unit=None,
                 weight=None, policy: dict | None = None) -> np.ndarray:
    """Lower is better (反向): r = 1 − (A − T)/|T| (= 2 − A/T for T > 0), floored and capped.

    T = 0 uses the deduction form (METHOD §7 "T = 0 → use the deduction method"):
    r = 1 − d·A/W with d = ``points_per_unit`` (NaN → policy ``scoring.zero_target``) points of
    the item weight W lost per unit of A; then the same floor and cap. With W ≤ 0 the item has
    no points to lose: r = 1 when A ≤ 0, else 0.
    """
    a, t, d, w = _floats(actual, target, points_per_unit, weight)
    d = _fill(d, scoring_policy(policy)["zero_target"]["points_per_unit"])
    r_target = 1.0 - _divide(a - t, np.abs(t))
    r_zero = np.where(w > 0, 1.0 - _divide(d * a, w), np.where(a <= 0, 1.0, 0.0))
    r = np.where(t == 0, r_zero, r_target)
    low, high = floor_and_cap(floor, cap, threshold, r.shape, policy)
    return _floored(r, low, high)


def mixed_sign(actual, target, floor=None, cap=None, threshold=None,
               policy: dict | None = None) -> np.ndarray:
    """Mixed-sign targets (e.g. a loss to reduce): r = 1 + (A − T)/|T|, floored and capped.

    METHOD §7. T = 0 is undefined (NaN).
    """
    a, t = _floats(actual, target)
    r = 1.0 + _divide(a - t, np.abs(t))
    low, high = floor_and_cap(floor, cap, threshold, r.shape, policy)
    return _floored(r, low, high)


#: Decimals the points of the interpolation are rounded to before comparison.
COMPARE_DIGITS = 9


def interpolation_points(target, threshold=None, stretch=None, p_b=None, p_x=None,
                         policy: dict | None = None) -> tuple[np.ndarray, ...]:
    """Direction, threshold B, stretch X, p_B and p_X of threshold/target/stretch rows.

    Direction ``s`` is −1 (lower is better) when B > T or X < T, else +1; a row with neither B
    nor X is read as higher is better. A missing B or X is placed where the ratio method
    would pay p_B or p_X: B = T − s·(1 − p_B)·|T| and X = T + s·(p_X − 1)·|T|
    (for T > 0 and higher is better, B = p_B·T and X = p_X·T), so a row without them scores as
    the ratio method between those points. T = 0 leaves them undefined (NaN).
    """
    t, b, x, pb, px = _floats(target, threshold, stretch, p_b, p_x)
    defaults = scoring_policy(policy)["interpolation"]
    pb, px = _fill(pb, defaults["p_b"]), _fill(px, defaults["p_x"])
    lower = (b > t) | (x < t)
    s = np.where(lower, -1.0, 1.0)
    span = np.where(t == 0, np.nan, np.abs(t))
    b = _fill(b, t - s * (1.0 - pb) * span)
    x = _fill(x, t + s * (px - 1.0) * span)
    return s, b, x, pb, px


def threshold_target_stretch(actual, target, threshold=None, stretch=None, p_b=None, p_x=None,
                             policy: dict | None = None) -> np.ndarray:
    """Threshold/target/stretch interpolation (门槛-目标-挑战), METHOD §7.

    Higher is better (B < T < X): A < B → 0; B ≤ A < T → p_B + (A − B)/(T − B)·(1 − p_B);
    T ≤ A < X → 1 + (A − T)/(X − T)·(p_X − 1); A ≥ X → p_X. Lower is better (B > T > X) is the
    mirror: the same formula on −A, −B, −T, −X. Base target → 1.0, challenge target → p_X
    (seed 002 §四 "基础目标 + 挑战目标"). Defaults p_B, p_X: policy ``scoring.interpolation``;
    missing B / X: see :func:`interpolation_points`.
    """
    a, t = _floats(actual, target)
    s, b, x, pb, px = interpolation_points(t, threshold, stretch, p_b, p_x, policy)
    # Rounded before comparing, so a default B = 3 − 0.2·3 = 2.4000000000000004 does not put
    # an actual of exactly 2.4 below the threshold (Excel compares the same way).
    a, b, t, x = (np.round(s * v, COMPARE_DIGITS) for v in (a, b, t, x))
    rising = pb + _zero_if_nan(_divide(a - b, t - b)) * (1.0 - pb)
    stretching = 1.0 + _zero_if_nan(_divide(a - t, x - t)) * (px - 1.0)
    fraction = np.where(a < b, 0.0, np.where(a < t, rising, np.where(a < x, stretching, px)))
    return np.where(np.isnan(a) | np.isnan(b) | np.isnan(x), np.nan, fraction)


def _zero_if_nan(values: np.ndarray) -> np.ndarray:
    """An empty segment (B = T or T = X) divides by zero; it is never selected, so 0."""
    return np.nan_to_num(values, nan=0.0)


def band_table(bands) -> np.ndarray:
    """A band list ``[[attainment_min, fraction], ...]`` (or its JSON text) as an (n, 2) array.

    Raises ValueError unless it is a non-empty list of pairs with strictly ascending minima.
    """
    try:
        table = np.asarray(_parsed(bands), dtype=float)
    except (TypeError, ValueError) as error:
        msg = f"bands must be a list of [attainment_min, fraction] pairs; got {bands!r}"
        raise ValueError(msg) from error
    if table.ndim != 2 or table.shape[1] != 2 or len(table) == 0:
        msg = f"bands must be a list of [attainment_min, fraction] pairs; got {bands!r}"
        raise ValueError(msg)
    if np.isnan(table).any() or (np.diff(table[:, 0]) <= 0).any():
        msg = f"band minima must be numbers in strictly ascending order; got {bands!r}"
        raise ValueError(msg)
    return table


def band_groups(bands: Sequence) -> tuple[np.ndarray, list]:
    """Rows grouped by identical band lists: (code of each row, the distinct band lists).

    Rows sharing one list object are grouped by identity first (fast on a million rows), then
    equal lists held by different objects are merged by value.
    """
    cells = object_array(bands)
    ids = np.fromiter(map(id, cells), dtype=np.int64, count=len(cells))
    by_id, unique_ids = pd.factorize(ids)
    first_rows = np.empty(len(unique_ids), dtype=np.int64)
    first_rows[by_id[::-1]] = np.arange(len(cells))[::-1]
    distinct: dict = {}
    lists: list = []
    by_value = np.empty(len(first_rows), dtype=np.int64)
    for position, row in enumerate(first_rows):
        key = _band_key(cells[row])
        if key not in distinct:
            distinct[key] = len(lists)
            lists.append(cells[row])
        by_value[position] = distinct[key]
    return by_value[by_id], lists


def object_array(values: Sequence) -> np.ndarray:
    """A 1-D object array of the cells of ``values`` (lists stay whole cells)."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    if isinstance(values, pd.Series | pd.Index | pd.api.extensions.ExtensionArray):
        return values.to_numpy(dtype=object)
    cells = np.empty(len(values), dtype=object)
    cells[:] = list(values)
    return cells


def _band_key(cell) -> object:
    """A hashable form of one band list (the cell itself when it cannot be read as pairs)."""
    try:
        return tuple(tuple(float(v) for v in pair) for pair in _parsed(cell))
    except (TypeError, ValueError):
        return repr(cell)


def _parsed(bands):
    """Band lists written as text (``"[[0, 0], [0.9, 0.6]]"`` from a sheet) are read as JSON."""
    return json.loads(bands) if isinstance(bands, str) else bands


def _banded_one(attainment: np.ndarray, table: np.ndarray) -> np.ndarray:
    position = np.searchsorted(table[:, 0], attainment, side="right") - 1
    fraction = np.where(position >= 0, table[np.maximum(position, 0), 1], 0.0)
    return np.where(np.isnan(attainment), np.nan, fraction)


def banded(attainment, bands) -> np.ndarray:
    """Banded method (区间法), METHOD §7: the fraction of the highest band whose minimum is ≤
    the attainment (0 below the first band's minimum), by ``np.searchsorted``.

    ``bands`` is one band list for every row (``[[0, 0], [0.9, 0.6], [1.0, 1.0]]``) or one list
    per row (an object array or a list of band lists).
    """
    r = np.asarray(attainment, dtype=float)
    if _is_one_table(bands):
        return _banded_one(r, band_table(bands))
    codes, tables = band_groups(bands)
    out = np.full(r.shape, np.nan)
    for code, table in enumerate(tables):
        rows = codes == code
        out[rows] = _banded_one(r[rows], band_table(table))
    return out


def _is_one_table(bands) -> bool:
    """Whether ``bands`` is one band list (pairs of numbers) rather than one list per row."""
    if bands is None or isinstance(bands, pd.Series) or (
            isinstance(bands, np.ndarray) and bands.dtype == object):
        return False
    first = bands[0] if len(bands) else None
    return first is not None and np.ndim(first) == 1 and np.ndim(first[0]) == 0


def deduction(count, points_per_event, weight) -> np.ndarray:
    """Deduction method (扣分法) on a weighted item: points = max(0, W − d·n), fraction =
    points / W (METHOD §7; seed 003 "投诉即扣分"). NaN where W ≤ 0 (see :func:`deduction_points`).
    """
    n, d, w = _floats(count, points_per_event, weight)
    return np.where(w > 0, _divide(np.maximum(0.0, w - d * n), w), np.nan)


def deduction_points(count, points_per_event, cap=None) -> np.ndarray:
    """An unweighted deduction item (扣分项, outside the weighted 100): d·n points subtracted
    from the total, at most ``cap`` points when a cap is given (NaN → no cap)."""
    n, d, c = _floats(count, points_per_event, cap)
    return np.where(np.isnan(c), d * n, np.minimum(d * n, c))


def addition(units, points_per_unit, cap) -> np.ndarray:
    """Addition method (加分法): bonus points min(cap, b·units), never below 0 (METHOD §7).

    The bonus is not part of the weighted 100; the total adds it before the total cap.
    """
    u, b, c = _floats(units, points_per_unit, cap)
    return np.clip(b * u, 0.0, c)


def veto(count) -> np.ndarray:
    """Veto (一票否决): True where the red-line count is above 0 (METHOD §7, seed 002 §一)."""
    (n,) = _floats(count)
    return n > 0


def rule_codes(rule) -> np.ndarray:
    """Index of each row's rule in :data:`RULES` (int8, −1 for an unknown or missing rule)."""
    return codes_of(rule, RULES)


def codes_of(values, names: Sequence[str]) -> np.ndarray:
    """Index of each value in ``names`` (int8, −1 when absent); fast on categoricals."""
    values = values.array if isinstance(values, pd.Series) else values
    known = pd.Index(list(names))
    if isinstance(values, pd.Categorical):
        mapping = np.append(known.get_indexer(values.categories), -1).astype(np.int8)
        return mapping[values.codes]
    return known.get_indexer(object_array(values)).astype(np.int8)


def count_of(events, actual) -> np.ndarray:
    """The count a deduction, addition or veto row uses: ``events`` when given, else ``actual``."""
    e, a = _floats(events, actual)
    return np.where(np.isnan(e), a, e)


def item_fraction(rule, actual, target, *, threshold=None, stretch=None, events=None,
                  weight=None, floor=None, cap=None, p_b=None, p_x=None, points_per_event=None,
                  points_per_unit=None, bands=None, policy: dict | None = None) -> np.ndarray:
    """Fraction of the item weight for each row, dispatched by rule with boolean masks.

    NaN for rows without a weighted score: addition, veto, and deduction with W ≤ 0.
    Banded attainment is A/T when T is given, else A (the actual is already an attainment).
    ``bands``: one band list for every banded row, or one list per row.
    """
    arrays = _floats(actual, target, threshold, stretch, events, weight, floor, cap, p_b, p_x,
                     points_per_event, points_per_unit)
    columns = dict(zip(COLUMNS, arrays, strict=True))
    shape = columns["actual"].shape
    codes = np.broadcast_to(rule_codes(object_array(np.atleast_1d(rule))), shape)
    if bands is not None and not _is_one_table(bands):
        bands = object_array(bands)
    return fractions(codes, columns, bands, policy)


COLUMNS = ("actual", "target", "threshold", "stretch", "events", "weight", "floor", "cap",
           "p_b", "p_x", "points_per_event", "points_per_unit")


def fractions(codes: np.ndarray, columns: dict[str, np.ndarray], bands=None,
              policy: dict | None = None) -> np.ndarray:
    """:func:`item_fraction` on rule codes (:func:`rule_codes`) and float columns named as in
    :data:`COLUMNS` (a missing column is NaN). Each rule sees only its own rows."""
    out = np.full(codes.shape, np.nan)
    for code, rule_name in enumerate(RULES):
        if rule_name not in FRACTION_RULES:
            continue
        rows = np.flatnonzero(codes == code)
        if len(rows) == 0:
            continue
        needed, function = FRACTION_RULES[rule_name]
        picked = {name: _pick(columns, name, rows) for name in needed}
        if rule_name == "banded":
            if bands is None:
                msg = "banded rows need bands: [[attainment_min, fraction], ...]"
                raise ValueError(msg)
            picked["bands"] = bands if _is_one_table(bands) else object_array(bands)[rows]
        out[rows] = function(picked, policy)
    return out


def _pick(columns: dict[str, np.ndarray], name: str, rows: np.ndarray) -> np.ndarray:
    values = columns.get(name)
    return np.full(len(rows), np.nan) if values is None else values[rows]


def banded_attainment(actual, target) -> np.ndarray:
    """A/T where T is given and non-zero, A where T is missing (NaN where T = 0)."""
    a, t = _floats(actual, target)
    return np.where(np.isnan(t), a, _divide(a, t))


FRACTION_RULES = {
    "ratio": (("actual", "target", "floor", "cap", "threshold"),
              lambda c, policy: ratio(c["actual"], c["target"], c["floor"], c["cap"],
                                      c["threshold"], policy)),
    "lower_better": (("actual", "target", "floor", "cap", "threshold", "points_per_unit",
                      "weight"),
                     lambda c, policy: lower_better(c["actual"], c["target"], c["floor"],
                                                    c["cap"], c["threshold"],
                                                    c["points_per_unit"], c["weight"], policy)),
    "mixed_sign": (("actual", "target", "floor", "cap", "threshold"),
                   lambda c, policy: mixed_sign(c["actual"], c["target"], c["floor"], c["cap"],
                                                c["threshold"], policy)),
    "threshold_target_stretch": (
        ("actual", "target", "threshold", "stretch", "p_b", "p_x"),
        lambda c, policy: threshold_target_stretch(c["actual"], c["target"], c["threshold"],
                                                   c["stretch"], c["p_b"], c["p_x"], policy)),
    "banded": (("actual", "target"),
               lambda c, policy: banded(banded_attainment(c["actual"], c["target"]),
                                        c["bands"])),
    "deduction": (("events", "actual", "points_per_event", "weight"),
                  lambda c, policy: deduction(count_of(c["events"], c["actual"]),
                                              c["points_per_event"], c["weight"])),
}
