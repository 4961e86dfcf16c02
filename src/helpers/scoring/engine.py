"""Scoring engine (METHOD §7): long table → item points → totals with bonus, deduction, veto, cap.

Input: one row per (employee_id, period, indicator) with columns

``employee_id``, ``period``, ``indicator``   who, when, what
``weight``       points of 100 for weighted items; 0 / empty for bonus and veto items
``rule``         one of :data:`helpers.scoring.rules.RULES`
``actual``, ``target``
optional: ``threshold``, ``stretch``, ``events``, ``floor``, ``cap``, ``p_b``, ``p_x``,
``points_per_event``, ``points_per_unit``, ``bonus_cap``, ``bands`` (object column of band
lists, banded rows only), ``veto_variant``, ``row`` (spreadsheet row for error messages).

How rows are read:

- *count* of deduction, addition and veto rows = ``events`` when given, else ``actual``.
- deduction with weight > 0 is a weighted item, points = max(0, W − d·n); with weight 0 / empty
  it is a deduction outside the 100 (扣分项): d·n points subtracted from the total, at most
  ``bonus_cap`` (else ``cap``) points when one is given.
- addition: bonus = min(cap, b·units), cap = ``bonus_cap``, else ``cap`` (the library card's
  ``cap``); never part of the weighted 100.
- veto: a ``veto`` row is triggered when its count is > 0. Any scored row may also carry a
  ``veto_variant`` (a red line on that item), triggered when its ``events`` > 0. ``item_zero``
  zeroes the points of the row that triggered it (its ``fraction`` is kept, so it must sit
  on a scored row); item_zero applies whatever else fired;
  the other variants act on the employee-period, the strongest by policy
  ``scoring.veto_precedence`` (total_zero > grade_cap > grade_demote > item_zero): total_zero
  sets the total to 0; grade_cap / grade_demote are carried as ``grade_limit`` "cap" / "demote"
  for :mod:`helpers.scoring.grades`.

Totals per (employee_id, period), in order of first appearance: ``weight_sum``, ``base``
(Σ points), ``bonus``, ``deduction``, ``raw`` = base + bonus − deduction, ``total`` =
clip(raw, 0, policy ``scoring.total_cap``) (0 under total_zero), ``veto``, ``grade_limit``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers import policy as policy_files
from helpers.errors import InputError, Problem
from helpers.scoring import rules

REQUIRED = ("employee_id", "period", "indicator", "weight", "rule", "actual", "target")
NUMERIC = ("weight", "actual", "target", "threshold", "stretch", "events", "floor", "cap",
           "p_b", "p_x", "points_per_event", "points_per_unit", "bonus_cap")
#: The four veto variants (METHOD §7; library ``VETO_VARIANTS``), in a fixed code order.
VARIANTS = ("total_zero", "grade_cap", "grade_demote", "item_zero")
GRADE_LIMITS = {"grade_cap": "cap", "grade_demote": "demote"}
SUM_COLUMNS = ("weight_sum", "base", "bonus", "deduction", "raw", "total")
CODE = {name: code for code, name in enumerate(rules.RULES)}


@dataclass
class ScoreResult:
    """Item rows (input + ``fraction``, ``points``, ``bonus``, ``deduction``,
    ``veto_variant_triggered``) and one totals row per employee-period."""

    items: pd.DataFrame
    totals: pd.DataFrame


@dataclass
class _Table:
    codes: np.ndarray            # rule code per row (rules.RULES index)
    columns: dict                # float arrays of NUMERIC (absent → None)
    coerced: dict                # columns converted from text, to write back into items
    variants: np.ndarray         # veto variant code per row (VARIANTS index, −1 none)
    bands: np.ndarray | None     # object array of band lists, or None


def score(long: pd.DataFrame, policy: dict | None = None, *, source: str = "actuals",
          ) -> ScoreResult:
    """Score every item of ``long`` and total each employee-period (module docstring).

    Raises :class:`helpers.errors.InputError` listing missing columns, unknown rules or veto
    variants, non-numeric values and parameters a rule cannot use, each with the first
    offending row (the ``row`` column when present, else position + 2: a sheet with a header).
    """
    policy = policy if policy is not None else policy_files.load()
    table = _prepare(long, policy, source)
    columns, codes = table.columns, table.codes
    fraction = rules.fractions(codes, columns, table.bands, policy)
    weight = np.nan_to_num(_column(columns, "weight", len(codes)))
    points = np.where(np.isnan(fraction), 0.0, weight * fraction)
    count = rules.count_of(_column(columns, "events", len(codes)),
                           _column(columns, "actual", len(codes)))
    bonus, deduction = _outside_points(codes, columns, count, weight)
    triggered = _triggered(codes, table.variants, count, columns)
    points[triggered & (table.variants == VARIANTS.index("item_zero"))] = 0.0
    items = _items(long, table, fraction, points, bonus, deduction, triggered)
    totals = _totals(long, policy, weight, points, bonus, deduction, triggered, table.variants)
    return ScoreResult(items=items, totals=totals)


def _column(columns: dict, name: str, n: int) -> np.ndarray:
    values = columns.get(name)
    return np.full(n, np.nan) if values is None else values


def _cap_points(columns: dict, rows: np.ndarray, n: int) -> np.ndarray:
    """``bonus_cap`` of the rows, else their ``cap`` (NaN when neither is given)."""
    bonus_cap = _column(columns, "bonus_cap", n)[rows]
    return np.where(np.isnan(bonus_cap), _column(columns, "cap", n)[rows], bonus_cap)


def _outside_points(codes: np.ndarray, columns: dict, count: np.ndarray,
                    weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bonus points of addition rows and deducted points of unweighted deduction rows."""
    n = len(codes)
    bonus, deduction = np.zeros(n), np.zeros(n)
    rows = np.flatnonzero(codes == CODE["addition"])
    if len(rows):
        bonus[rows] = rules.addition(count[rows], _column(columns, "points_per_unit", n)[rows],
                                     _cap_points(columns, rows, n))
    rows = np.flatnonzero((codes == CODE["deduction"]) & ~(weight > 0))
    if len(rows):
        deduction[rows] = rules.deduction_points(
            count[rows], _column(columns, "points_per_event", n)[rows],
            _cap_points(columns, rows, n))
    return bonus, deduction


def _triggered(codes: np.ndarray, variants: np.ndarray, count: np.ndarray,
               columns: dict) -> np.ndarray:
    """Rows whose veto fired: veto rows with count > 0, other rows with events > 0."""
    if not (variants >= 0).any():
        return np.zeros(len(codes), dtype=bool)
    events = _column(columns, "events", len(codes))
    return (variants >= 0) & (np.where(codes == CODE["veto"], count, events) > 0)


def _items(long: pd.DataFrame, table: _Table, fraction: np.ndarray, points: np.ndarray,
           bonus: np.ndarray, deduction: np.ndarray, triggered: np.ndarray) -> pd.DataFrame:
    items = long.copy(deep=False)
    for name, values in table.coerced.items():
        items[name] = values
    fired = np.where(triggered, table.variants, -1)
    added = {"fraction": fraction, "points": points, "bonus": bonus, "deduction": deduction,
             "veto_variant_triggered": pd.Categorical.from_codes(fired, categories=VARIANTS)}
    for name, values in added.items():
        items[name] = values
    return items


def _group_codes(long: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code of each row and the (employee_id, period) of each group, by integer codes."""
    employee_codes, employees = pd.factorize(long["employee_id"])
    period_codes, periods = pd.factorize(long["period"])
    key = employee_codes.astype(np.int64) * len(periods) + period_codes
    groups, keys = pd.factorize(key)
    frame = pd.DataFrame({"employee_id": employees.take(keys // len(periods)),
                          "period": periods.take(keys % len(periods))})
    return groups, frame


def _totals(long: pd.DataFrame, policy: dict, weight: np.ndarray, points: np.ndarray,
            bonus: np.ndarray, deduction: np.ndarray, triggered: np.ndarray,
            variants: np.ndarray) -> pd.DataFrame:
    groups, totals = _group_codes(long)
    size = len(totals)
    sums = {name: np.bincount(groups, weights=values, minlength=size)
            for name, values in (("weight_sum", weight), ("base", points), ("bonus", bonus),
                                 ("deduction", deduction))}
    sums["raw"] = sums["base"] + sums["bonus"] - sums["deduction"]
    scoring = policy["scoring"]
    strongest = _strongest(groups[triggered], variants[triggered], size,
                           scoring["veto_precedence"])
    total = np.clip(sums["raw"], 0.0, scoring["total_cap"])
    sums["total"] = np.where(strongest == "total_zero", 0.0, total)
    for name in SUM_COLUMNS:
        totals[name] = sums[name]
    totals["veto"] = pd.Categorical(strongest, categories=list(scoring["veto_precedence"]))
    totals["grade_limit"] = pd.Categorical(pd.Series(strongest).map(GRADE_LIMITS),
                                           categories=["cap", "demote"])
    return totals


def _strongest(groups: np.ndarray, variants: np.ndarray, size: int,
               precedence: list[str]) -> np.ndarray:
    """The strongest triggered variant of each group by ``precedence`` (None when none)."""
    order = np.array([precedence.index(v) for v in VARIANTS])
    rank = np.full(size, len(precedence))
    np.minimum.at(rank, groups, order[variants])
    names = np.array([*precedence, None], dtype=object)
    return names[rank]


def annual(totals: pd.DataFrame, policy: dict | None = None) -> pd.DataFrame:
    """Per employee: the mean of each period's sums and total, the number of periods, and the
    strongest veto of any period (with its ``grade_limit``)."""
    policy = policy if policy is not None else policy_files.load()
    precedence = list(policy["scoring"]["veto_precedence"])
    means = totals.groupby("employee_id", sort=False, observed=True)[list(SUM_COLUMNS)].mean()
    result = means.reset_index()
    result.insert(1, "periods", totals.groupby("employee_id", sort=False,
                                               observed=True).size().to_numpy())
    rank = totals["veto"].map({v: i for i, v in enumerate(precedence)}).astype(float)
    best = rank.groupby(totals["employee_id"], sort=False, observed=True).min()
    veto = [precedence[int(r)] if r == r else None for r in best.to_numpy()]
    result["veto"] = pd.Categorical(veto, categories=precedence)
    result["grade_limit"] = pd.Categorical(pd.Series(veto).map(GRADE_LIMITS),
                                           categories=["cap", "demote"])
    return result


# --- validation -------------------------------------------------------------------------------


def _prepare(long: pd.DataFrame, policy: dict, source: str) -> _Table:
    """Columns as arrays, checked; raises InputError with every problem found."""
    missing = [name for name in REQUIRED if name not in long.columns]
    if missing:
        raise InputError([Problem(source, "scoring_missing_columns",
                                  params={"columns": ", ".join(missing),
                                          "required": ", ".join(REQUIRED)})])
    rows = (long["row"].to_numpy() if "row" in long.columns
            else np.arange(len(long)) + 2)
    problems: list[Problem] = []
    columns, coerced = {}, {}
    for name in NUMERIC:
        if name in long.columns:
            values, bad = _numbers(long[name])
            columns[name] = values
            if not _is_number_dtype(long[name]):
                coerced[name] = values
            problems += _first(source, rows, "scoring_not_numeric", bad, name,
                               {"column": name, "value": long[name].to_numpy()})
    codes = rules.rule_codes(long["rule"])
    variants, unknown_variant = _variant_codes(long)
    bands = rules.object_array(long["bands"]) if "bands" in long.columns else None
    table = _Table(codes, columns, coerced, variants, bands)
    problems += _first(source, rows, "scoring_unknown_rule", codes < 0, "rule",
                       {"rule": long["rule"].to_numpy(), "known": ", ".join(rules.RULES)})
    problems += _first(source, rows, "scoring_unknown_variant", unknown_variant, "veto_variant",
                       {"variant": _cells(long, "veto_variant"), "known": ", ".join(VARIANTS)})
    if not problems:
        problems = _value_problems(long, table, policy, source, rows)
    if problems:
        raise InputError(problems)
    return table


def _is_number_dtype(series: pd.Series) -> bool:
    return (pd.api.types.is_numeric_dtype(series.dtype)
            and not pd.api.types.is_bool_dtype(series.dtype))


def _numbers(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Float values of a column and the mask of cells that are neither numbers nor blank."""
    if _is_number_dtype(series):
        return series.to_numpy(dtype=float, na_value=np.nan), np.zeros(len(series), bool)
    text = series.astype("string").str.strip()
    blank = (text.isna() | (text == "")).to_numpy(dtype=bool)
    values = pd.to_numeric(text.mask(blank), errors="coerce").to_numpy(dtype=float,
                                                                       na_value=np.nan)
    return values, np.isnan(values) & ~blank


def _variant_codes(long: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Veto variant code of each row (−1 none) and the mask of unknown variants."""
    n = len(long)
    if "veto_variant" not in long.columns:
        return np.full(n, -1, dtype=np.int8), np.zeros(n, dtype=bool)
    series = long["veto_variant"]
    codes = rules.codes_of(series, VARIANTS)
    unknown = (codes < 0) & series.notna().to_numpy()
    if unknown.any():
        rows = np.flatnonzero(unknown)
        text = series.iloc[rows].astype("string").str.strip()
        unknown[rows] = (text != "").to_numpy(dtype=bool)
    return codes, unknown


def _cells(long: pd.DataFrame, name: str) -> np.ndarray:
    return long[name].to_numpy() if name in long.columns else np.full(len(long), None)


def _shown(value) -> str:
    """A cell as the message shows it: numbers without a trailing .0, empty for missing."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "—"
    if isinstance(value, float | np.floating):
        return f"{float(value):g}"
    return str(value)


def _first(source: str, rows: np.ndarray, code: str, mask: np.ndarray, column: str,
           params: dict) -> list[Problem]:
    """One Problem for all rows of ``mask``: the first such row, with the count."""
    if not mask.any():
        return []
    first = int(np.argmax(mask))
    shown = {key: _shown(value[first]) if isinstance(value, np.ndarray) else value
             for key, value in params.items()}
    shown["count"] = int(mask.sum())
    row = rows[first]
    return [Problem(source, code, params=shown, row=int(row) if row == row else None,
                    column=column)]


def _value_problems(long: pd.DataFrame, table: _Table, policy: dict, source: str,
                    rows: np.ndarray) -> list[Problem]:
    """Values a rule cannot use (all rules, one pass; each check is a vectorised mask)."""
    n = len(long)
    c = {name: _column(table.columns, name, n) for name in NUMERIC}
    code = table.codes
    is_rule = {name: code == CODE[name] for name in rules.RULES}
    scored = np.isin(code, [CODE[name] for name in rules.WEIGHTED_RULES])
    counted = is_rule["deduction"] | is_rule["addition"] | is_rule["veto"]
    count = rules.count_of(c["events"], c["actual"])
    rule = long["rule"].to_numpy()
    found: list[Problem] = []

    def check(problem: str, mask: np.ndarray, where: str, **params) -> None:
        found.extend(_first(source, rows, problem, mask, where, params))

    for name in ("employee_id", "period", "indicator"):
        check("scoring_missing_value", long[name].isna().to_numpy(), name,
              column=name, rule=rule)
    needs_target = np.isin(code, [CODE[name] for name in rules.TARGET_RULES])
    for name, mask in (("actual", scored), ("target", needs_target), ("weight", scored),
                       ("points_per_event", is_rule["deduction"]),
                       ("points_per_unit", is_rule["addition"])):
        check("scoring_missing_value", mask & np.isnan(c[name]), name, column=name, rule=rule)
    check("scoring_missing_value", counted & np.isnan(count), "events", column="events",
          rule=rule)
    caps = np.where(np.isnan(c["bonus_cap"]), c["cap"], c["bonus_cap"])
    check("scoring_missing_value", is_rule["addition"] & np.isnan(caps), "bonus_cap",
          column="bonus_cap", rule=rule)
    check("scoring_missing_value", is_rule["veto"] & (table.variants < 0), "veto_variant",
          column="veto_variant", rule=rule)
    for name in ("weight", "events", "points_per_event", "points_per_unit", "bonus_cap"):
        check("scoring_negative_value", c[name] < 0, name, column=name, value=c[name])
    check("scoring_negative_value", counted & (count < 0), "actual", column="actual",
          value=count)
    check("scoring_weight_not_allowed", (is_rule["addition"] | is_rule["veto"]) & (c["weight"] > 0),
          "weight", rule=rule, weight=c["weight"])
    check("scoring_item_zero_without_item",
          is_rule["veto"] & (table.variants == VARIANTS.index("item_zero")), "veto_variant",
          indicator=long["indicator"].to_numpy())
    check("scoring_target_not_positive", is_rule["ratio"] & (c["target"] <= 0), "target",
          rule=rule, target=c["target"])
    check("scoring_target_zero", (is_rule["mixed_sign"] | is_rule["banded"]) & (c["target"] == 0),
          "target", rule=rule)
    _check_floor_cap(check, is_rule, c, policy)
    _check_interpolation(check, is_rule["threshold_target_stretch"], c, policy)
    _check_bands(check, is_rule["banded"], table.bands, n)
    return found


def _check_floor_cap(check, is_rule: dict, c: dict, policy: dict) -> None:
    ratio_family = is_rule["ratio"] | is_rule["lower_better"] | is_rule["mixed_sign"]
    if not ratio_family.any():
        return
    floor, cap = rules.floor_and_cap(c["floor"], c["cap"], c["threshold"], c["floor"].shape,
                                     policy)
    check("scoring_bad_floor_cap", ratio_family & ((floor < 0) | (floor > cap)), "floor",
          floor=floor, cap=cap)


def _check_interpolation(check, rows: np.ndarray, c: dict, policy: dict) -> None:
    if not rows.any():
        return
    t, b, x = c["target"], c["threshold"], c["stretch"]
    _, _, _, pb, px = rules.interpolation_points(t, b, x, c["p_b"], c["p_x"], policy)
    check("scoring_bad_interpolation", rows & ~((pb >= 0) & (pb <= 1) & (px >= 1)), "p_b",
          p_b=pb, p_x=px)
    both = ~np.isnan(b) & ~np.isnan(x)
    ordered = ((b < t) & (t < x)) | ((b > t) & (t > x))
    bad = (both & ~ordered) | (b == t) | (x == t)
    check("scoring_bad_order", rows & bad, "threshold", threshold=b, target=t, stretch=x)
    check("scoring_target_zero", rows & (t == 0) & ~both, "target",
          rule=np.full(len(t), "threshold_target_stretch"))


def _check_bands(check, rows: np.ndarray, bands: np.ndarray | None, n: int) -> None:
    if not rows.any():
        return
    if bands is None:
        check("scoring_bad_bands", rows, "bands", bands=np.full(n, None))
        return
    picked = np.flatnonzero(rows)
    codes, lists = rules.band_groups(bands[picked])
    bad_lists = np.array([not _valid_bands(cell) for cell in lists])
    bad = np.zeros(n, dtype=bool)
    bad[picked] = bad_lists[codes]
    check("scoring_bad_bands", bad, "bands", bands=bands)


def _valid_bands(cell) -> bool:
    try:
        rules.band_table(cell)
    except (TypeError, ValueError):
        return False
    return True
