"""Grades (METHOD §7): absolute bands, forced distribution, veto grade limits.

- :func:`absolute`: the best band whose minimum the score reaches (policy
  ``scoring.grades.absolute``, *default* S ≥ 95, A 85–95, B 75–85, C 60–75, D < 60). Scores are
  rounded to :data:`DIGITS` decimals first, so 94.99999999997 from float sums counts as 95.
- :func:`forced`: forced distribution (强制分布, *default* 10/20/40/20/10) per pool.

  *Pools.* A team with at least ``pool_teams_smaller_than`` members is its own pool. Smaller
  teams are pooled together with the other small teams that share the value of the
  ``pool_small_teams_within`` column (*default* ``department``); when that is null or the frame
  has no such column, all small teams form one pool. With a ``period`` column, each period is
  graded separately. Pool labels: the team name, or ``pooled:<department>`` / ``pooled``.

  *Quotas* per pool: :func:`largest_remainder` (Hamilton's method), so they sum to the pool
  size. *Ranking*: by policy ``tie_break`` (*default* score, customer_score, employee_id),
  every key descending except ``employee_id`` (ascending, an identifier); ``score`` names the
  score column; keys the frame lacks are skipped; missing values rank last. The first
  quota(S) ranks get S, the next quota(A) get A, and so on (``quota_grade``).

  *S needs a score.* An S holder whose score is below ``s_requires_score_at_least``
  (*default* 100, "S also requires score ≥ target") gets A instead: the unused S slot moves
  down to A, nobody else moves. Rows without a score get no grade and are not counted.
- :func:`apply_limits`: veto limits from the engine's ``grade_limit`` column — ``cap``: no
  better than ``veto_cap_grade`` (*default* B, the middle grade; seed 002 §二 "总绩效上限为 B 或
  C"); ``demote``: one grade down (the lowest grade stays). Limits apply after quotas: a limited
  employee's slot is not handed to anyone else.

Sources: METHOD §7; Hamilton's largest-remainder apportionment (A. Hamilton, 1792; Balinski &
Young, *Fair Representation*, 1982/2001, ch. 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import pandas as pd

from helpers.scoring.rules import scoring_policy

#: Decimals a score is rounded to before it is compared with a band minimum.
DIGITS = 6


def ladder(policy: dict | None = None) -> list[str]:
    """Grades from best to worst (policy absolute bands, highest minimum first)."""
    bands = scoring_policy(policy)["grades"]["absolute"]
    return [band["grade"] for band in sorted(bands, key=lambda b: -b["min"])]


def absolute(scores, bands: list[dict] | None = None, *, policy: dict | None = None,
             ) -> np.ndarray:
    """Grade of each score by absolute bands ``[{grade, min}, ...]`` (np.searchsorted).

    ``bands`` defaults to policy ``scoring.grades.absolute``. A score below every minimum gets
    the lowest grade; a missing score gets None.
    """
    bands = bands if bands is not None else scoring_policy(policy)["grades"]["absolute"]
    ordered = sorted(bands, key=lambda band: band["min"])
    minima = np.array([band["min"] for band in ordered], dtype=float)
    names = np.array([band["grade"] for band in ordered], dtype=object)
    values = np.round(np.asarray(scores, dtype=float), DIGITS)
    position = np.searchsorted(minima, values, side="right") - 1
    grades = names[np.clip(position, 0, None)]
    return np.where(np.isnan(values), None, grades)


def s_rule(grades, scores, policy: dict | None = None) -> np.ndarray:
    """Absolute grades with "S also requires score ≥ target" (METHOD §7): an S whose score is
    below policy ``s_requires_score_at_least`` (*default* 100) becomes the next grade."""
    order = ladder(policy)
    least = scoring_policy(policy)["grades"]["s_requires_score_at_least"]
    values = np.asarray(grades, dtype=object).copy()
    below = np.round(np.asarray(scores, dtype=float), DIGITS) < least
    values[(values == order[0]) & below] = order[1] if len(order) > 1 else order[0]
    return values


def apply_limits(grades, limits, policy: dict | None = None) -> np.ndarray:
    """Grades after veto limits: ``"cap"`` → no better than policy ``veto_cap_grade``;
    ``"demote"`` → one grade down; anything else → unchanged (module docstring)."""
    order = ladder(policy)
    position = {grade: index for index, grade in enumerate(order)}
    values = np.asarray(grades, dtype=object)
    index = pd.Series(values).map(position).to_numpy(dtype=float)
    limit = np.asarray(pd.Series(limits, dtype=object).to_numpy(), dtype=object)
    capped = position[scoring_policy(policy)["grades"]["veto_cap_grade"]]
    index = np.where(limit == "cap", np.maximum(index, capped), index)
    index = np.where(limit == "demote", np.minimum(index + 1, len(order) - 1), index)
    names = np.array(order, dtype=object)
    return np.where(np.isnan(index), None, names[np.nan_to_num(index).astype(int)])


def largest_remainder(n: int, shares: Mapping[str, float]) -> dict[str, int]:
    """Quotas of ``n`` places in proportion to ``shares`` by the largest-remainder (Hamilton)
    method: each grade gets the floor of its exact quota n·share/Σshares, then the places left
    go to the largest remainders. Ties in remainder go to the grade listed first. The quotas
    always sum to ``n``. Computed in exact fractions (no rounding error)."""
    if n < 0 or int(n) != n:
        msg = f"n must be a whole number ≥ 0; got {n!r}"
        raise ValueError(msg)
    exact_shares = [Fraction(str(value)) for value in shares.values()]
    total = sum(exact_shares)
    if any(share < 0 for share in exact_shares) or total <= 0:
        msg = f"shares must be ≥ 0 with a positive sum; got {dict(shares)!r}"
        raise ValueError(msg)
    quotas = [int(n) * share / total for share in exact_shares]
    seats = [int(quota) for quota in quotas]
    leftover = int(n) - sum(seats)
    by_remainder = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - seats[i]), i))
    for index in by_remainder[:leftover]:
        seats[index] += 1
    return dict(zip(shares, seats, strict=True))


def forced(frame: pd.DataFrame, policy: dict | None = None, team_column: str = "team", *,
           score_column: str = "total", pool_column: str | None = None) -> pd.DataFrame:
    """Forced-distribution grades (module docstring). Adds ``pool``, ``pool_size``, ``rank``,
    ``quota_grade`` and ``grade``; ``grade_limit`` (from the engine) is applied when present.

    ``pool_column`` overrides policy ``scoring.grades.pool_small_teams_within``.
    """
    settings = scoring_policy(policy)["grades"]
    work = frame.reset_index(drop=True)
    graded = work[score_column].notna().to_numpy()
    periods = ["period"] if "period" in work.columns else []
    work["pool"] = _pools(work, team_column, periods, settings, pool_column)
    keys, ascending = _ranking(work, settings["tie_break"], score_column)
    ranked = work[graded].sort_values(periods + ["pool", *keys],
                                      ascending=[True] * (len(periods) + 1) + ascending,
                                      na_position="last", kind="mergesort")
    by_pool = ranked.groupby(periods + ["pool"], sort=False, dropna=False)
    rank = (by_pool.cumcount() + 1).reindex(work.index).to_numpy(dtype=float)
    size = by_pool["pool"].transform("size").reindex(work.index).to_numpy(dtype=float)
    shares = settings["forced_distribution"]
    quota_grade = _quota_grades(rank, size, shares)
    grade = _s_requires_score(quota_grade, work[score_column].to_numpy(dtype=float),
                              list(shares), settings["s_requires_score_at_least"])
    if "grade_limit" in work.columns:
        grade = np.where(graded, apply_limits(grade, work["grade_limit"], policy), None)
    result = frame.copy()
    result["pool"] = work["pool"].to_numpy()
    result["pool_size"] = pd.array(size, dtype="Int64")
    result["rank"] = pd.array(rank, dtype="Int64")
    result["quota_grade"] = quota_grade
    result["grade"] = grade
    return result


def _pools(frame: pd.DataFrame, team_column: str, periods: list[str], settings: dict,
           pool_column: str | None) -> np.ndarray:
    """Pool label of each row: its team, or the pool of small teams it joins."""
    size = frame.groupby(periods + [team_column], dropna=False)[team_column].transform("size")
    small = (size < settings["pool_teams_smaller_than"]).to_numpy()
    within = pool_column or settings.get("pool_small_teams_within")
    if within and within in frame.columns:
        pooled = ("pooled:" + frame[within].astype(str)).to_numpy(dtype=object)
    else:
        pooled = np.full(len(frame), "pooled", dtype=object)
    return np.where(small, pooled, frame[team_column].astype(str).to_numpy(dtype=object))


def _ranking(frame: pd.DataFrame, tie_break: list[str], score_column: str,
             ) -> tuple[list[str], list[bool]]:
    """Sort keys present in the frame and their directions (employee_id ascending)."""
    keys = [score_column if key == "score" else key for key in tie_break]
    keys = [key for key in dict.fromkeys(keys) if key in frame.columns]
    return keys, [key == "employee_id" for key in keys]


def _quota_grades(rank: np.ndarray, size: np.ndarray, shares: Mapping[str, float],
                  ) -> np.ndarray:
    """Grade of each rank in its pool: rank ≤ quota(S) → S, then A, … (cumulative quotas)."""
    names = np.array(list(shares), dtype=object)
    out = np.full(len(rank), None, dtype=object)
    valid = ~np.isnan(rank)
    if not valid.any():
        return out
    sizes, size_codes = np.unique(size[valid].astype(int), return_inverse=True)
    bounds = np.array([np.cumsum(list(largest_remainder(int(n), shares).values()))
                       for n in sizes])
    position = (bounds[size_codes] <= (rank[valid, None] - 1)).sum(axis=1)
    out[valid] = names[np.minimum(position, len(names) - 1)]
    return out


def _s_requires_score(grades: np.ndarray, scores: np.ndarray, order: list[str],
                      minimum: float) -> np.ndarray:
    """The top grade only with a score ≥ ``minimum``; otherwise the next grade."""
    rounded = np.round(scores, DIGITS)
    short = (grades == order[0]) & ~(rounded >= minimum)
    return np.where(short, order[1], grades)
