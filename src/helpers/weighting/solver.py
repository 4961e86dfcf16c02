"""Policy-constrained weights (METHOD §6 "Solving"; seed 002 §二.4, seeds 003, 004).

Given a position's weighted indicators and the consultant's preferred weights (from any method:
AHP, entropy, rank-order centroid, a template, the current scorecard, sliders), :func:`solve`
finds the weights on the policy grid (default 5 %) nearest to the preference — least total
absolute difference, ties broken by the smallest largest difference — that satisfy every rule of
policy ``weights``:

* weights add up to 100 %;
* each indicator between ``item.min`` and ``item.max`` (5–30 %), a multiple of ``grid``;
* each dimension group within its band (``dimensions``: result 40–60 %, process + capability
  40–60 %), an indicator's group coming from its ``kind`` through ``kind_groups``;
* customer-oriented indicators at least ``customer_share_min_customer_facing`` (30 %) on a
  customer-facing position;
* the customer's own rating of the person or team (``customer_rating_indicators`` of the
  scorecard vocabulary) at most ``customer_rating_max`` (15 %).

It is an integer programme solved exactly with :func:`scipy.optimize.milp` (HiGHS): the
unknowns are the numbers of grid steps per indicator. The result names the rules that bind
(hold with equality, and whether the preference broke them). When no weights satisfy every rule,
a deletion filter (Chinneck & Dravnieks 1991, "Locating minimal infeasible constraint sets in
linear programs", ORSA J. Computing 3(2)) keeps removing rules while the rest stay infeasible;
the rules left form an irreducible conflicting set, which is explained in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from helpers import i18n

#: Columns an item frame needs: one row per weighted indicator of one position.
ITEM_COLUMNS = ("key", "group", "customer", "rating")
RULE_ORDER = ("item_min", "item_max", "band_min", "band_max", "customer_min", "rating_max")


@dataclass(frozen=True)
class Rule:
    """One policy rule on a sum of weights: ``sense`` is ">=" or "<=", ``limit`` in percent."""

    code: str
    members: tuple[int, ...]
    sense: str
    limit: float
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The rule in words, with its numbers (message ``weighting.rule.<code>``)."""
        params = dict(self.params)
        params["name"] = params.get(f"name_{lang}", params.get("name"))
        if "group" in params:
            params["group"] = i18n.t(f"weighting.group.{params['group']}", lang)
        return i18n.t(f"weighting.rule.{self.code}", lang, **params)

    def holds(self, weights: np.ndarray) -> bool:
        value = self.value(weights)
        return value >= self.limit - 1e-9 if self.sense == ">=" else value <= self.limit + 1e-9

    def value(self, weights: np.ndarray) -> float:
        return float(np.asarray(weights, dtype=float)[list(self.members)].sum())


@dataclass
class Solution:
    """Weights in percent (on the grid) or ``None`` when the rules conflict."""

    weights: np.ndarray | None
    preferred: np.ndarray
    rules: list[Rule]
    binding: pd.DataFrame
    conflict: list[Rule]
    #: The rules behind each entry of ``conflict`` (the item bounds summarise several rules).
    conflict_blocks: list[list[Rule]] = field(default_factory=list)

    @property
    def feasible(self) -> bool:
        return self.weights is not None

    def conflict_text(self, lang: str) -> str:
        """One sentence naming the rules that cannot hold together ('' when feasible)."""
        if self.feasible:
            return ""
        separator = i18n.t("weighting.rule.separator", lang)
        return i18n.t("weighting.infeasible", lang,
                      rules=separator.join(rule.text(lang) for rule in self.conflict))


def settings(policy: dict) -> dict:
    return policy["weights"]


def rules_for(items: pd.DataFrame, policy: dict, customer_facing: bool) -> list[Rule]:
    """Every rule of METHOD §6 that applies to these items, per indicator for the bounds."""
    spec, count = settings(policy), len(items)
    every = tuple(range(count))
    rules = [Rule("item_min", (i,), ">=", spec["item"]["min"], _item_params(items, i, spec))
             for i in every]
    rules += [Rule("item_max", (i,), "<=", spec["item"]["max"], _item_params(items, i, spec))
              for i in every]
    groups = items["group"].tolist()
    for group, band in spec["dimensions"].items():
        members = tuple(i for i in every if groups[i] == group)
        params = {"group": group, "count": len(members), "min": band["min"], "max": band["max"]}
        rules.append(Rule("band_min", members, ">=", band["min"], params))
        rules.append(Rule("band_max", members, "<=", band["max"], params))
    if customer_facing:
        members = tuple(i for i in every if bool(items["customer"].iloc[i]))
        rules.append(Rule("customer_min", members, ">=", spec["customer_share_min_customer_facing"],
                          {"count": len(members),
                           "min": spec["customer_share_min_customer_facing"]}))
    ratings = tuple(i for i in every if bool(items["rating"].iloc[i]))
    if ratings:
        rules.append(Rule("rating_max", ratings, "<=", spec["customer_rating_max"],
                          {"count": len(ratings), "max": spec["customer_rating_max"]}))
    return rules


def _item_params(items: pd.DataFrame, index: int, spec: dict) -> dict:
    """Bounds and the indicator's name (per language when the frame has name_zh / name_en)."""
    name = str(items["name"].iloc[index]) if "name" in items else str(index + 1)
    names = {f"name_{code}": str(items[f"name_{code}"].iloc[index])
             for code in ("zh", "en") if f"name_{code}" in items}
    return {"name": name, **names, "min": spec["item"]["min"], "max": spec["item"]["max"]}


def solve(items: pd.DataFrame, preferred, policy: dict, customer_facing: bool) -> Solution:
    """The policy weights (percent, on the grid) nearest to ``preferred`` (fractions or percent,
    rescaled to 100), with the binding rules; or the conflicting rules when none exist."""
    preferred_percent = _as_percent(preferred, len(items))
    rules = rules_for(items, policy, customer_facing)
    grid = settings(policy)["grid"]
    weights = _optimise(preferred_percent, rules, grid)
    if weights is None:
        blocks = _irreducible_conflict(len(items), rules, grid)
        return Solution(None, preferred_percent, rules, _binding(rules, None, preferred_percent),
                        [_summary(block) for block in blocks], blocks)
    return Solution(weights, preferred_percent, rules,
                    _binding(rules, weights, preferred_percent), [])


def is_compliant(weights, items: pd.DataFrame, policy: dict, customer_facing: bool) -> bool:
    """True when ``weights`` (percent) add to 100, sit on the grid and break no rule."""
    values = np.asarray(weights, dtype=float)
    grid = settings(policy)["grid"]
    on_grid = np.allclose(values / grid, np.round(values / grid), atol=1e-9)
    return (bool(on_grid) and abs(values.sum() - 100) < 1e-9
            and all(rule.holds(values) for rule in rules_for(items, policy, customer_facing)))


def _as_percent(preferred, count: int) -> np.ndarray:
    values = np.asarray(preferred, dtype=float).reshape(-1)
    if values.size != count:
        msg = f"preferred weights: expected {count} values, got {values.size}"
        raise ValueError(msg)
    if not np.all(np.isfinite(values)) or np.any(values < 0) or values.sum() <= 0:
        msg = f"preferred weights must be non-negative numbers with a positive sum; got {values}"
        raise ValueError(msg)
    return values / values.sum() * 100


def _optimise(preferred: np.ndarray, rules: list[Rule], grid: float) -> np.ndarray | None:
    """Integer steps k_i (weight = grid·k_i) minimising Σ|w − p| + ε·max|w − p|.

    Unknowns: k (n integers), t (n deviations), u (largest deviation)."""
    count = preferred.size
    size = 2 * count + 1
    objective = np.r_[np.zeros(count), np.ones(count), 1e-3]
    rows, lower, upper = [], [], []

    def add(coefficients: np.ndarray, low: float, high: float) -> None:
        rows.append(coefficients)
        lower.append(low)
        upper.append(high)

    add(np.r_[np.ones(count), np.zeros(count + 1)], 100 / grid, 100 / grid)
    for i in range(count):
        above, below, widest = np.zeros(size), np.zeros(size), np.zeros(size)
        above[i], above[count + i] = -grid, 1.0        # t_i − w_i ≥ −p_i
        below[i], below[count + i] = grid, 1.0         # t_i + w_i ≥ p_i
        widest[count + i], widest[-1] = -1.0, 1.0      # u − t_i ≥ 0
        add(above, -preferred[i], np.inf)
        add(below, preferred[i], np.inf)
        add(widest, 0.0, np.inf)
    for rule in rules:
        coefficients = np.zeros(size)
        coefficients[list(rule.members)] = grid
        add(coefficients, *((rule.limit, np.inf) if rule.sense == ">=" else (-np.inf, rule.limit)))
    integrality = np.r_[np.ones(count), np.zeros(count + 1)]
    bounds = Bounds(np.zeros(size), np.r_[np.full(count, 100 / grid), np.full(count + 1, np.inf)])
    result = milp(objective, constraints=LinearConstraint(np.array(rows), lower, upper),
                  integrality=integrality, bounds=bounds)
    if result.status != 0 or result.x is None:
        return None
    return np.round(result.x[:count]) * grid


def _feasible(count: int, rules: list[Rule], grid: float) -> bool:
    return _optimise(np.full(count, 100 / max(count, 1)), rules, grid) is not None


def _irreducible_conflict(count: int, rules: list[Rule], grid: float) -> list[list[Rule]]:
    """Deletion filter: drop each rule whose removal leaves the rest infeasible. The item
    bounds are tried as two blocks (all minimums, all maximums) so the answer stays short."""
    blocks = _blocks(rules)
    kept = list(blocks)
    for block in list(blocks):
        trial = [b for b in kept if b is not block]
        if not _feasible(count, [r for b in trial for r in b], grid):
            kept = trial
    return kept


def _blocks(rules: list[Rule]) -> list[list[Rule]]:
    order = {code: n for n, code in enumerate(RULE_ORDER)}
    by_code: dict[str, list[Rule]] = {}
    blocks: list[list[Rule]] = []
    for rule in sorted(rules, key=lambda r: order[r.code]):
        if rule.code in ("item_min", "item_max"):
            by_code.setdefault(rule.code, []).append(rule)
        else:
            blocks.append([rule])
    return [by_code[c] for c in ("item_min", "item_max") if c in by_code] + blocks


def _summary(block: list[Rule]) -> Rule:
    """One rule standing for a block: the item bounds become "each of the n indicators …"."""
    first = block[0]
    if first.code not in ("item_min", "item_max"):
        return first
    count = len(block)
    limit = first.limit
    params = {"count": count, "limit": limit, "reach": count * limit}
    return Rule(f"items_{first.code.split('_')[1]}",
                tuple(i for rule in block for i in rule.members), first.sense, limit, params)


def _binding(rules: list[Rule], weights: np.ndarray | None, preferred: np.ndarray
             ) -> pd.DataFrame:
    """One row per rule that binds at the solution (holds with equality), with whether the
    preferred weights broke it — the rules that moved the consultant's numbers."""
    records = []
    for rule in rules:
        solved = rule.value(weights) if weights is not None else math.nan
        wanted = rule.value(preferred)
        active = weights is not None and abs(solved - rule.limit) < 1e-9 and bool(rule.members)
        broken = not rule.holds(preferred)
        if active or broken:
            records.append({"rule": rule.code, "members": list(rule.members),
                            "limit": rule.limit, "preferred": round(wanted, 2),
                            "solved": solved, "binding": active, "moved": broken,
                            "text_zh": rule.text("zh"), "text_en": rule.text("en")})
    return pd.DataFrame(records, columns=["rule", "members", "limit", "preferred", "solved",
                                          "binding", "moved", "text_zh", "text_en"])


def nearest_grid_weights(preferred, grid: float) -> np.ndarray:
    """Largest-remainder rounding of preferred weights to the grid (no other rule), used to show
    what the consultant asked for on the same grid."""
    values = _as_percent(preferred, np.asarray(preferred).size) / grid
    steps = np.floor(values)
    short = int(round(100 / grid - steps.sum()))
    order = np.argsort(-(values - steps), kind="stable")
    steps[order[:short]] += 1
    return steps * grid
