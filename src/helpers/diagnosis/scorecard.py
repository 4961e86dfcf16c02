"""The current scorecards with every indicator classified: the table all diagnosis checks
read. One row per input row of ``current_kpis`` (index = the row number the client sees)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from helpers import library as library_module
from helpers import yamlio
from helpers.diagnosis.classify import RULES_FILE, classify

CARD_FIELDS = ("kind", "horizon", "qqtc", "bsc_perspective", "journey_stages")


@cache
def _defaults() -> dict:
    with open(RULES_FILE, encoding="utf-8") as handle:
        return yamlio.load(handle)["defaults"]


def build(engagement, policy: dict, decided: dict[str, str] | None = None) -> pd.DataFrame:
    """``current_kpis`` plus orientation, confidence, how it was matched, the library card
    (when matched) and its kind, horizon, QQTC, BSC perspective and journey stages, and
    whether the row's unit is customer-facing (``customer_facing_units`` in the profile)."""
    kpis = engagement.table("current_kpis").copy()
    review_below = policy["orientation"]["review_below_confidence"]
    names = kpis["indicator"].drop_duplicates()
    found = classify(names, overrides=decided or {}, review_below=review_below)
    frame = kpis.drop(columns="orientation").join(found.set_index("name"), on="indicator")
    _apply_row_overrides(frame, kpis)
    frame["needs_review"] = frame["confidence"] < review_below
    _add_card_fields(frame)
    facing = set(engagement.profile.get("customer_facing_units") or [])
    frame["customer_facing"] = frame["unit"].isin(facing)
    frame["customer_linked"] = frame["orientation"] == "customer"
    return frame


def _apply_row_overrides(frame: pd.DataFrame, kpis: pd.DataFrame) -> None:
    """The input's own orientation column wins over everything (METHOD §1 step 1)."""
    given = kpis["orientation"].notna()
    frame.loc[given, "orientation"] = kpis.loc[given, "orientation"]
    frame.loc[given, ["confidence", "matched_by"]] = [1.0, "override"]


def _add_card_fields(frame: pd.DataFrame) -> None:
    cards = library_module.load().cards
    defaults = _defaults()
    for field in CARD_FIELDS:
        values = []
        for library_id, orientation in zip(frame["library_id"], frame["orientation"],
                                           strict=True):
            if isinstance(library_id, str) and library_id in cards.index:
                values.append(cards.at[library_id, field])
            elif field in defaults:
                values.append(defaults[field][orientation])
            else:
                values.append([] if field == "journey_stages" else None)
        frame[field] = values
