"""Directions the value chain gives the KPI pool (METHOD §3; seed 001 步骤2–3).

- Cross-department (交叉) indicators: a touchpoint with two or more R departments should have a
  shared indicator, with each R's share stated (METHOD §3). The suggestion is the first of the
  customer-value indicators the journey links to the touchpoint explicitly (a client indicator
  on a current scorecard, or for a template journey a library card it names); without one, the
  library's customer-value cards tagged with the touchpoint's journey stage, cards of the
  engagement's industry first, then cards tagged with fewer stages (more specific), then by id.
  The shares are an equal split rounded to the policy's weight grid (``weights.grid``, 5 %) by
  the largest-remainder method, so that they add up to 100; when the split is uneven the
  departments listed first carry the larger shares.
- Value proposition → indicator directions (seed 001 步骤2): for each value proposition of the
  engagement profile, the directions and library indicators of
  ``templates/method/value_propositions.yaml``, each marked with whether a current scorecard
  already measures it (its ``library_id``) and in which units.

Both tables are saved as stage artifacts (:class:`DirectionsResult`) for the KPI pool stage.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers import i18n, method_templates
from helpers import library as library_module
from helpers.artifacts import SavedResult
from helpers.value_chain.coverage import (
    CUSTOMER,
    VIA_EXPLICIT,
    as_list,
    is_template,
    join,
    journey_file,
    journey_row,
)

#: Shares are percentages of the shared indicator.
PERCENT = 100
SOURCE_EXPLICIT, SOURCE_LIBRARY, SOURCE_NONE = "explicit", "library", "none"
CROSS_COLUMNS = ["touchpoint_id", "stage", "touchpoint", "indicator", "library_id", "name_zh",
                 "name_en", "source", "alternatives", "departments", "shares", "reason_zh",
                 "reason_en", "file", "row"]
PROPOSITION_COLUMNS = ["proposition", "proposition_zh", "proposition_en", "directions_zh",
                       "directions_en", "library_id", "name_zh", "name_en", "orientation",
                       "measured", "measured_by"]


@dataclass
class DirectionsResult(SavedResult):
    """Cross-department indicator suggestions and value-proposition directions (METHOD §3)."""

    cross_department: pd.DataFrame
    value_propositions: pd.DataFrame


def directions(journey: pd.DataFrame, links: pd.DataFrame, scorecard: pd.DataFrame,
               profile: dict, policy: dict) -> DirectionsResult:
    """Both direction tables of one engagement."""
    return DirectionsResult(
        cross_department=cross_department_indicators(journey, links, policy,
                                                     profile.get("industry")),
        value_propositions=value_proposition_directions(profile, scorecard))


# --- shares -------------------------------------------------------------------------------------


def equal_shares(departments: list[str], grid: float) -> dict[str, float]:
    """An equal split of 100 % on the ``grid``, adding up to exactly 100 (largest remainder;
    the first departments take the leftover steps): 3 departments on 5 → 35, 35, 30."""
    departments = list(dict.fromkeys(departments))
    if not departments:
        return {}
    steps = round(PERCENT / grid)
    base, leftover = divmod(steps, len(departments))
    return {d: _clean((base + (n < leftover)) * grid) for n, d in enumerate(departments)}


def _clean(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


# --- cross-department indicators ----------------------------------------------------------------


def cross_department_indicators(journey: pd.DataFrame, links: pd.DataFrame, policy: dict,
                                industry: str | None = None) -> pd.DataFrame:
    """One row per touchpoint with at least two R departments (columns ``CROSS_COLUMNS``):
    the suggested shared indicator (``source`` explicit, library or none), further candidates
    in ``alternatives`` (library ids or names), each R's share and the reason in zh and en."""
    grid = policy["weights"]["grid"]
    rows = []
    for _, tp in journey.iterrows():
        departments = list(dict.fromkeys(as_list(tp["R"])))
        if len(departments) < 2:
            continue
        candidates, source = _candidates(tp, links, industry)
        shares = equal_shares(departments, grid)
        rows.append(_suggestion(tp, candidates, source, departments, shares))
    return pd.DataFrame.from_records(rows, columns=CROSS_COLUMNS)


def _candidates(touchpoint, links: pd.DataFrame, industry: str | None):
    """(indicator, library id) candidates and where they come from."""
    named = _named_customer_indicators(touchpoint, links)
    if named:
        return named, SOURCE_EXPLICIT
    cards = _stage_cards(touchpoint.get("stage_code"), industry)
    if cards:
        return cards, SOURCE_LIBRARY
    return [], SOURCE_NONE


def _named_customer_indicators(touchpoint, links: pd.DataFrame) -> list[tuple]:
    """Customer-value indicators the journey names for the touchpoint: explicit links with
    customer orientation, and for a template journey the customer cards among its ids."""
    mine = links[(links["touchpoint_id"] == touchpoint["touchpoint_id"])
                 & (links["via"] == VIA_EXPLICIT) & (links["orientation"] == CUSTOMER)]
    found = list(dict.fromkeys(zip(mine["indicator"], mine["library_id"], strict=True)))
    if is_template(touchpoint):
        cards = library_module.load().cards
        known = {library_id for _, library_id in found}
        found += [(cards.at[i, "name_zh"], i) for i in as_list(touchpoint["indicators"])
                  if i in cards.index and i not in known
                  and cards.at[i, "orientation"] == CUSTOMER]
    return found


def _stage_cards(stage_code, industry: str | None) -> list[tuple]:
    """Library customer-value cards tagged with the stage, best first (industry-specific, then
    fewer stages, then id)."""
    if not isinstance(stage_code, str) or not stage_code:
        return []
    cards = library_module.filter_cards(orientation=CUSTOMER, journey_stage=stage_code,
                                        industry=industry or None)
    ranked = sorted(cards.itertuples(), key=lambda c: (
        not (industry and industry in c.industries), len(c.journey_stages), c.id))
    return [(card.name_zh, card.id) for card in ranked]


def _suggestion(touchpoint, candidates: list[tuple], source: str, departments: list[str],
                shares: dict) -> dict:
    cards = library_module.load().cards
    indicator, library_id = candidates[0] if candidates else (None, None)
    library_id = library_id if isinstance(library_id, str) else None
    names = {lang: (cards.at[library_id, f"name_{lang}"] if library_id in cards.index
                    else indicator) for lang in i18n.LANGUAGES}
    record = {"touchpoint_id": touchpoint["touchpoint_id"], "stage": touchpoint["stage"],
              "touchpoint": touchpoint["touchpoint"], "indicator": indicator,
              "library_id": library_id, "name_zh": names["zh"], "name_en": names["en"],
              "source": source,
              "alternatives": [i if isinstance(i, str) else n for n, i in candidates[1:]],
              "departments": departments, "shares": shares,
              "file": journey_file(touchpoint), "row": journey_row(touchpoint)}
    for lang in i18n.LANGUAGES:
        record[f"reason_{lang}"] = i18n.t(
            f"coverage.cross.reason.{source}", lang, touchpoint=touchpoint["touchpoint"],
            count=len(departments), departments=join(departments, lang),
            indicator=names[lang] or "", stage=touchpoint["stage"],
            shares=join([i18n.t("coverage.cross.share", lang, department=d, share=s)
                         for d, s in shares.items()], lang))
    return record


# --- value proposition → indicator directions ---------------------------------------------------


def value_proposition_directions(profile: dict, scorecard: pd.DataFrame) -> pd.DataFrame:
    """One row per (value proposition of the profile, library indicator of its direction)
    (columns ``PROPOSITION_COLUMNS``), with whether a current scorecard measures the indicator
    (matched library card) and the units that do."""
    table = method_templates.value_propositions()
    cards = library_module.load().cards
    rows = []
    for code in profile.get("value_propositions") or []:
        if code not in table.index:
            continue
        entry = table.loc[code]
        for library_id in entry["indicators"]:
            units = scorecard.loc[scorecard["library_id"] == library_id, "unit"]
            rows.append({
                "proposition": code, "proposition_zh": entry["name_zh"],
                "proposition_en": entry["name_en"], "directions_zh": entry["directions_zh"],
                "directions_en": entry["directions_en"], "library_id": library_id,
                "name_zh": cards.at[library_id, "name_zh"],
                "name_en": cards.at[library_id, "name_en"],
                "orientation": cards.at[library_id, "orientation"],
                "measured": not units.empty, "measured_by": list(dict.fromkeys(units))})
    return pd.DataFrame.from_records(rows, columns=PROPOSITION_COLUMNS)
