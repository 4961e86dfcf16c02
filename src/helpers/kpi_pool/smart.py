"""SMART checklist per candidate and QQTC coverage per position (METHOD §4–5; seed 001 步骤6,
seed 002 §一.3).

SMART (each a boolean, with ``<criterion>_field`` naming the field that decided it):

- ``specific``: a definition is written (``definition``);
- ``measurable``: a formula and a unit of measure (``formula+unit``);
- ``attainable``: a scoring rule (library card) or a target (client's row) exists
  (``scoring`` / ``target``);
- ``relevant``: the funnel's question 1, strategic relevance (``strategic_relevance``);
- ``time_bound``: a statistic period (``period``).
"""

from __future__ import annotations

import pandas as pd

from helpers import library
from helpers.kpi_pool.funnel import relevance

CRITERIA = ("specific", "measurable", "attainable", "relevant", "time_bound")
QQTC = ("quantity", "quality", "time", "cost")
SMART_COLUMNS = ["unit", "position", "key", *[c for k in CRITERIA for c in (k, f"{k}_field")]]
QQTC_COLUMNS = ["unit", "position", *QQTC, "missing"]


def _filled(value) -> bool:
    return not (value is None or (isinstance(value, float) and pd.isna(value))
                or (isinstance(value, str) and not value.strip()))


def _attainable(candidate) -> tuple[bool, str]:
    """A card's scoring rule, else the client's target."""
    cards = library.load().cards
    library_id = candidate.get("library_id")
    if _filled(library_id) and library_id in cards.index:
        return bool(cards.loc[library_id, "scoring"]), "scoring"
    return _filled(candidate.get("target")), "target"


def smart_row(candidate) -> dict:
    """The SMART checklist of one candidate."""
    attainable, attainable_field = _attainable(candidate)
    return {
        "unit": candidate["unit"], "position": candidate["position"], "key": candidate["key"],
        "specific": _filled(candidate.get("definition")), "specific_field": "definition",
        "measurable": _filled(candidate.get("formula"))
        and _filled(candidate.get("unit_of_measure")), "measurable_field": "formula+unit",
        "attainable": attainable, "attainable_field": attainable_field,
        "relevant": relevance(candidate) is None, "relevant_field": "strategic_relevance",
        "time_bound": _filled(candidate.get("period")), "time_bound_field": "period",
    }


def smart_checklist(candidates: pd.DataFrame) -> pd.DataFrame:
    """One row per candidate (same index): ``unit``, ``position``, ``key`` and per criterion a
    boolean and ``<criterion>_field``."""
    rows = [smart_row(c) for _, c in candidates.iterrows()]
    return pd.DataFrame(rows, index=candidates.index, columns=SMART_COLUMNS)


def qqtc_coverage(frame: pd.DataFrame) -> pd.DataFrame:
    """Per position: how many of the given indicators (candidates, or the selected ones) are
    quantity / quality / time / cost, and the list of dimensions with none (``missing``)."""
    rows = []
    for (unit, position), group in frame.groupby(["unit", "position"], sort=False):
        counts = {q: int((group["qqtc"] == q).sum()) for q in QQTC}
        rows.append({"unit": unit, "position": position, **counts,
                     "missing": [q for q in QQTC if counts[q] == 0]})
    return pd.DataFrame(rows, columns=QQTC_COLUMNS)
