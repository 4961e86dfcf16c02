"""From KPI-pool rows to the weighting items of one position (METHOD §6).

Each weighted indicator carries what the policy rules need: its dimension ``group`` (from the
card's ``kind`` through policy ``weights.kind_groups``), whether it is ``customer``-oriented, and
whether it is a ``rating`` — the customer rating the person or team directly (the scorecard
vocabulary's ``customer_rating_indicators``, seed 004).

:func:`shortfalls` gives the counting conditions a set of indicators must meet before any
weights can satisfy the policy (e.g. with items capped at 30 %, a dimension needing 40 % needs
two indicators); the KPI pool's selection uses it to propose weighable scorecards.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from helpers import method_templates


@cache
def rating_ids() -> frozenset[str]:
    """Library ids in which the customer rates the person or team directly."""
    return frozenset(method_templates.scorecard_vocabulary().get("customer_rating_indicators")
                     or [])


def group_of(kind, policy: dict) -> str:
    """Dimension group of an indicator kind; unknown kinds count as process and capability."""
    return policy["weights"]["kind_groups"].get(str(kind), "process_capability")


def items_frame(rows: pd.DataFrame, policy: dict, lang: str = "zh") -> pd.DataFrame:
    """The solver's item frame (key, name in ``lang`` plus name_zh and name_en, group, customer,
    rating) for one position's rows."""
    names = {code: (rows[f"name_{code}"] if f"name_{code}" in rows else rows["name_zh"])
             .fillna(rows["name_zh"]).astype(str).to_numpy() for code in ("zh", "en")}
    return pd.DataFrame({
        "key": rows["key"].astype(str).to_numpy(),
        "name": names.get(lang, names["zh"]), "name_zh": names["zh"], "name_en": names["en"],
        "group": [group_of(kind, policy) for kind in rows["kind"]],
        "customer": (rows["orientation"] == "customer").to_numpy(),
        "rating": rows["library_id"].isin(rating_ids()).to_numpy(),
    })


def shortfalls(items: pd.DataFrame, policy: dict, customer_facing: bool) -> list[dict]:
    """Counting conditions of METHOD §6 that ``items`` break, each as
    ``{"rule", "found", "needed", "group"}``: too few or too many indicators to reach 100 %
    within the item bounds, too few indicators in a dimension to reach its band, too many to stay
    under it, too few customer indicators for the customer share, too many customer ratings."""
    spec = policy["weights"]
    low, high = spec["item"]["min"], spec["item"]["max"]
    found: list[dict] = []
    count = len(items)
    if count < math.ceil(100 / high):
        found.append({"rule": "too_few_items", "found": count, "needed": math.ceil(100 / high)})
    if count > math.floor(100 / low):
        found.append({"rule": "too_many_items", "found": count, "needed": math.floor(100 / low)})
    for group, band in spec["dimensions"].items():
        members = int((items["group"] == group).sum())
        if members < math.ceil(band["min"] / high):
            found.append({"rule": "too_few_in_group", "group": group, "found": members,
                          "needed": math.ceil(band["min"] / high)})
        if members * low > band["max"]:
            found.append({"rule": "too_many_in_group", "group": group, "found": members,
                          "needed": math.floor(band["max"] / low)})
    customers = int(items["customer"].sum())
    needed = math.ceil(spec["customer_share_min_customer_facing"] / high)
    if customer_facing and customers < needed:
        found.append({"rule": "too_few_customer", "found": customers, "needed": needed})
    ratings = int(items["rating"].sum())
    if ratings * low > spec["customer_rating_max"]:
        found.append({"rule": "too_many_ratings", "found": ratings,
                      "needed": math.floor(spec["customer_rating_max"] / low)})
    return found
