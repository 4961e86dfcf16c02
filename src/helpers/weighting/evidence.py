"""Last year's actuals as evidence for the weights: per position, an employees × indicators table
of annual attainment (the mean over periods of each item's score fraction, METHOD §7), used by
the entropy method and the sensitivity analysis.

An actual row belongs to a core indicator of the employee's position when its indicator name,
normalised, is the indicator's client name (``current:<name>`` keys) or a name or alias of its
library card. The item fraction follows the card's scoring rule (:mod:`helpers.scoring.rules`);
a client indicator without a card is scored by ratio, or lower-is-better when its polarity says
so. Deductions, additions and vetoes carry no weighted fraction and are not used here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers import library
from helpers.scoring import rules as scoring_rules

CURRENT_PREFIX = "current:"


def item_names(row) -> list[str]:
    """Normalised names an actual may use for this core indicator."""
    names = [row.get("name_zh"), row.get("name_en")]
    key = str(row["key"])
    if key.startswith(CURRENT_PREFIX):
        names.append(key[len(CURRENT_PREFIX):])
    cards = library.load().cards
    if isinstance(row.get("library_id"), str) and row["library_id"] in cards.index:
        names += library.names_of(cards.loc[row["library_id"]])
    return [library.normalise(str(n)) for n in names if isinstance(n, str) and n]


def item_rule(row) -> tuple[str, dict]:
    cards = library.load().cards
    if isinstance(row.get("library_id"), str) and row["library_id"] in cards.index:
        scoring = cards.at[row["library_id"], "scoring"]
        return scoring["rule"], dict(scoring.get("params") or {})
    return ("lower_better" if row.get("polarity") == "lower" else "ratio"), {}


def attainment(engagement, core: pd.DataFrame, policy: dict
               ) -> dict[tuple[str, str], tuple[pd.DataFrame, int]]:
    """(unit, position) → (employees × keys annual attainment with NaN where no actual, number of
    core indicators with at least one actual)."""
    employees = engagement.tables["employees"]
    actuals = engagement.tables["actuals"].merge(
        employees[["employee_id", "department", "position"]], on="employee_id", how="inner")
    actuals = actuals.assign(name=actuals["indicator"].astype(str).map(library.normalise))
    found = {}
    for (unit, position), rows in core.groupby(["unit", "position"], sort=False):
        staff = employees.loc[(employees["department"] == unit)
                              & (employees["position"] == position), "employee_id"]
        here = actuals[(actuals["department"] == unit) & (actuals["position"] == position)]
        columns = {str(row["key"]): _scored(here, row, policy) for _, row in rows.iterrows()}
        table = pd.DataFrame(index=pd.Index(staff.astype(str).unique(), name="employee_id"))
        for key, series in columns.items():
            table[key] = series.reindex(table.index) if series is not None else np.nan
        measured = int(table.notna().any().sum()) if len(table) else 0
        found[(unit, position)] = (table, measured)
    return found


def _scored(actuals: pd.DataFrame, row, policy: dict) -> pd.Series | None:
    """Annual mean fraction per employee for one core indicator, or None without actuals."""
    rule, params = item_rule(row)
    if rule not in scoring_rules.WEIGHTED_RULES:
        return None
    mine = actuals[actuals["name"].isin(set(item_names(row)))]
    mine = mine[mine["actual"].notna() & (mine["target"].notna() | (rule == "banded"))]
    if mine.empty:
        return None
    fraction = scoring_rules.item_fraction(
        np.full(len(mine), rule, dtype=object), mine["actual"].to_numpy(float),
        mine["target"].to_numpy(float), weight=100.0, floor=params.get("floor"),
        cap=params.get("cap"), p_b=params.get("p_b"), p_x=params.get("p_x"),
        bands=params.get("bands"), policy=policy)
    scored = pd.Series(fraction, index=mine["employee_id"].astype(str).to_numpy())
    return scored.groupby(level=0).mean()
