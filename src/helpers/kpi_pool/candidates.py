"""Candidate indicators per position (METHOD §5; seed 001 步骤5, seed 002 §一.3).

``generate(engagement, policy, scorecard, value_chain_result)`` returns the candidate frame of
:mod:`helpers.kpi_pool` (plus ``target``, the client's target of a current indicator) for every
position of the current scorecards:

- ``current``: the position's current indicators (card fields from the library card when the
  row has a ``library_id``, else from the client's row and the classifier's defaults);
- ``library_department`` / ``library_industry``: library cards of the unit's departments (unit
  and position names matched to vocabulary department codes with the keyword matching of
  :mod:`helpers.value_chain.journey`) and of the engagement's industry (or ``all``);
  ``library_industry`` marks cards of the engagement's own industry;
- ``journey`` / ``uncovered_moment``: for customer-facing units, customer-value cards linked to
  the touchpoints where the unit is R or A (the touchpoint's library ids, or cards tagged with
  its journey stage); ``uncovered_moment`` when that touchpoint is an uncovered moment of truth;
- ``value_proposition``: the value-proposition directions' library ids whose departments match;
- ``custom``: the consultant's additions in ``decisions/custom_indicators.yaml``.

Duplicates (same key on one position) are merged and their origins united. Library cards are
capped per position (``templates/method/kpi_pool.yaml``), ranked by origin strength.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from helpers import library, paths, yamlio
from helpers.errors import InputError, Problem
from helpers.value_chain import journey as journey_module

SETTINGS_FILE = paths.TEMPLATES / "method" / "kpi_pool.yaml"
CUSTOM_FILE = "custom_indicators.yaml"
CUSTOM_DISPLAY = f"decisions/{CUSTOM_FILE}"
CUSTOM_FIELDS = ("unit", "position", "name_zh", "name_en", "orientation", "formula",
                 "data_source", "period")
CARD_COPIED = ("orientation", "kind", "qqtc", "horizon", "polarity", "period",
               "data_availability", "formula", "departments", "journey_stages")
COLUMNS = ["unit", "position", "key", "library_id", "name_zh", "name_en", "origin",
           "current_weight", "orientation", "kind", "qqtc", "horizon", "polarity",
           "unit_of_measure", "period", "data_availability", "formula", "data_source",
           "definition", "departments", "journey_stages", "file", "row", "target"]
LIST_COLUMNS = ("origin", "departments", "journey_stages")


def settings() -> dict:
    """The method constants of ``templates/method/kpi_pool.yaml``."""
    return yamlio.load_file(SETTINGS_FILE)


# --- departments ----------------------------------------------------------------------------


def name_departments(name: str) -> list[str]:
    """Department codes whose vocabulary label keywords occur in ``name`` (the keyword matching
    of :func:`helpers.value_chain.journey.contains`), in vocabulary order."""
    vocabulary = library.load().vocabulary["department"]
    return [code for code, entry in vocabulary.items()
            if any(journey_module.contains(name, w) for w in journey_module._label_words(entry))]


def position_departments(unit: str, position: str, current_ids: list[str]) -> list[str]:
    """The department codes of a position: keywords in its unit name, else in its position
    name, else (``department_from_current_cards``) the code most of the unit's current cards
    (``current_ids``: library ids of the unit's current indicators, every position) list
    (METHOD §5, controllability)."""
    codes = name_departments(unit) or name_departments(position)
    if codes or not settings()["candidates"]["department_from_current_cards"]:
        return codes
    cards = library.load().cards
    counts = Counter(c for i in current_ids if i in cards.index for c in cards.loc[i,
                                                                                "departments"])
    if not counts:
        return []
    order = list(library.load().vocabulary["department"])
    best = max(counts.values())
    return [min((c for c, n in counts.items() if n == best), key=order.index)]


# --- rows -------------------------------------------------------------------------------------


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or (
        isinstance(value, str) and not value.strip())


def _period_code(text) -> str | None:
    """A period written by the client as its vocabulary code (label match), else the text."""
    if _blank(text):
        return None
    wanted = library.normalise(text)
    for code, entry in library.load().vocabulary["period"].items():
        if wanted in {library.normalise(code), library.normalise(entry["zh"]),
                      library.normalise(entry["en"])}:
            return code
    return str(text)


def card_row(card: pd.Series, unit: str, position: str, origin: list[str]) -> dict:
    """A candidate row from a library card."""
    return {
        "unit": unit, "position": position, "key": card["id"], "library_id": card["id"],
        "name_zh": card["name_zh"], "name_en": card["name_en"], "origin": list(origin),
        "current_weight": None, **{f: card[f] for f in CARD_COPIED},
        "unit_of_measure": card["unit"], "data_source": card["data_source_zh"],
        "definition": card["definition_zh"], "file": None, "row": None, "target": None,
    }


def current_row(row: int, item: pd.Series, codes: list[str], file: str) -> dict:
    """A candidate row from a current indicator: its library card's fields when matched, else
    the client's row and the classifier's defaults."""
    cards = library.load().cards
    library_id = item.get("library_id")
    availability = settings()["candidates"]["current_data_availability"]
    if not _blank(library_id) and library_id in cards.index:
        record = card_row(cards.loc[library_id], item["unit"], item["position"], ["current"])
    else:
        record = {
            "unit": item["unit"], "position": item["position"],
            "key": f"current:{item['indicator']}", "library_id": None,
            "name_zh": item["indicator"], "name_en": item["indicator"], "origin": ["current"],
            **{f: None if _blank(item.get(f)) else item.get(f) for f in
               ("orientation", "kind", "qqtc", "horizon", "polarity", "formula",
                "data_source", "definition")},
            "period": _period_code(item.get("period")), "unit_of_measure": None,
            "data_availability": availability["without_source" if _blank(item.get(
                "data_source")) else "with_source"],
            "departments": list(codes), "journey_stages": list(item.get("journey_stages") or []),
        }
    record.update(current_weight=item.get("weight"), file=file, row=int(row),
                  target=None if _blank(item.get("target")) else item.get("target"))
    return record


# --- library candidates -------------------------------------------------------------------


def _library_origins(codes: list[str], industry: str, facing: bool, links: dict) -> dict:
    """Library card id → origins for one position (before ranking and the cap)."""
    cards = library.load().cards
    origins: dict[str, list[str]] = {}
    for code in codes:
        for card_id, card in library.filter_cards(department=code, industry=industry).iterrows():
            found = ["library_department"]
            if industry in card["industries"]:
                found.append("library_industry")
            origins.setdefault(card_id, []).extend(found)
    if facing:
        for card_id, origin in links["journey"].items():
            origins.setdefault(card_id, []).extend(origin)
    for key in ("value_proposition", "strategy_goal"):
        for card_id in links[key]:
            if set(cards.loc[card_id, "departments"]) & set(codes):
                origins.setdefault(card_id, []).append(key)
    return {i: list(dict.fromkeys(o)) for i, o in origins.items()}


def goal_cards(goals: list[str]) -> list[str]:
    """Library cards a strategy goal names (METHOD §5 question 1: links to a goal): a card
    whose name or alias (normalised, at least ``goal_name_min_length`` characters) appears in
    the goal's text, e.g. "重大投诉与销售适当性违规零发生" → major complaints, suitability
    breaches."""
    shortest = settings()["candidates"]["goal_name_min_length"]
    texts = [library.normalise(str(goal)) for goal in goals]
    found = []
    for card_id, card in library.load().cards.iterrows():
        names = [library.normalise(n) for n in library.names_of(card)]
        if any(len(n) >= shortest and n in text for n in names for text in texts):
            found.append(card_id)
    return found


def journey_links(result, unit: str, industry: str) -> dict[str, list[str]]:
    """Customer-value cards linked to the touchpoints where ``unit`` is R or A: the touchpoint's
    library ids and the cards tagged with its journey stage; ``uncovered_moment`` is added when
    the touchpoint is an uncovered moment of truth."""
    cards = library.load().cards
    uncovered = set(result.moments.loc[result.moments["uncovered_moment"].astype(bool),
                                       "touchpoint_id"])
    links: dict[str, list[str]] = {}
    for _, point in result.journey.iterrows():
        if unit not in [*point["R"], *point["A"]]:
            continue
        ids = [i for i in point["indicators"] if i in cards.index]
        if point["stage_code"]:
            ids += list(library.filter_cards(orientation="customer", industry=industry,
                                             journey_stage=point["stage_code"]).index)
        origin = ["journey"] + (["uncovered_moment"] if point["touchpoint_id"] in uncovered
                                else [])
        for card_id in ids:
            if cards.loc[card_id, "orientation"] == "customer":
                links.setdefault(card_id, []).extend(origin)
    return links


def rank_key(origins: list[str], departments: list[str], codes: list[str]) -> tuple:
    """Sort key of a candidate: controllable first (a card of the position's own departments; the
    others would fail the controllability question and only fill the list), then strongest
    origin, then own industry."""
    order = settings()["candidates"]["origin_rank"]
    strongest = min(order.index(o) for o in origins)
    return (not set(departments) & set(codes), strongest, "library_industry" not in origins)


# --- custom additions -----------------------------------------------------------------------


def read_custom(engagement_path: Path, positions: set[tuple[str, str]]) -> list[dict]:
    """The consultant's custom indicators (``decisions/custom_indicators.yaml``, a list of
    mappings with :data:`CUSTOM_FIELDS`); empty without the file. Raises
    :class:`~helpers.errors.InputError` naming the file, entry and field of every problem."""
    path = Path(engagement_path) / "decisions" / CUSTOM_FILE
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        data = yamlio.load(handle) or []
    if not isinstance(data, list):
        raise InputError([Problem(CUSTOM_DISPLAY, "pool_funnel_custom_not_list")])
    problems = [p for i, entry in enumerate(data, 1) for p in custom_problems(i, entry,
                                                                              positions)]
    if problems:
        raise InputError(problems)
    return data


def custom_problems(number: int, entry, positions: set[tuple[str, str]]) -> list[Problem]:
    """Problems of one custom entry (1-based ``number``)."""
    def problem(code: str, field: str, **params) -> Problem:
        return Problem(CUSTOM_DISPLAY, code, {"entry": number, "field": field, **params})

    if not isinstance(entry, dict):
        return [problem("pool_funnel_custom_not_mapping", "-")]
    vocabulary = library.load().vocabulary
    found = [problem("pool_funnel_custom_missing", f) for f in CUSTOM_FIELDS
             if _blank(entry.get(f))]
    found += [problem("pool_funnel_custom_unknown", f) for f in entry if f not in CUSTOM_FIELDS]
    for field, codes in (("orientation", "orientation"), ("period", "period")):
        value = entry.get(field)
        if not _blank(value) and value not in vocabulary[codes]:
            found.append(problem("pool_funnel_custom_code", field, found=value,
                                 allowed=", ".join(vocabulary[codes])))
    if not found and (entry["unit"], entry["position"]) not in positions:
        found.append(problem("pool_funnel_custom_position", "position",
                             found=f"{entry['unit']} / {entry['position']}"))
    return found


def custom_row(entry: dict, codes: list[str]) -> dict:
    """A candidate row from a custom entry (kind and horizon: the classifier's defaults)."""
    return {
        "unit": entry["unit"], "position": entry["position"],
        "key": f"custom:{entry['name_zh']}", "library_id": None, "name_zh": entry["name_zh"],
        "name_en": entry["name_en"], "origin": ["custom"], "current_weight": None,
        "orientation": entry["orientation"], "kind": None, "qqtc": None, "horizon": None,
        "polarity": None, "unit_of_measure": None, "period": entry["period"],
        "data_availability": settings()["candidates"]["current_data_availability"][
            "with_source"], "formula": entry["formula"], "data_source": entry["data_source"],
        "definition": None, "departments": list(codes), "journey_stages": [], "file":
        CUSTOM_DISPLAY, "row": None, "target": None,
    }


# --- the frame ------------------------------------------------------------------------------


def merge(records: list[dict]) -> list[dict]:
    """Rows with the same (unit, position, key) merged into the first; origins united."""
    merged: dict[tuple, dict] = {}
    for record in records:
        ident = (record["unit"], record["position"], record["key"])
        if ident in merged:
            kept = merged[ident]
            kept["origin"] = list(dict.fromkeys([*kept["origin"], *record["origin"]]))
            for field, value in record.items():
                if _blank(kept.get(field)) and not _blank(value):
                    kept[field] = value
        else:
            merged[ident] = dict(record)
    return list(merged.values())


def position_candidates(unit: str, position: str, rows: pd.DataFrame, context: dict
                        ) -> list[dict]:
    """Every candidate of one position: current, custom, then the capped library cards."""
    codes = position_departments(unit, position, context["unit_cards"].get(unit, []))
    records = [current_row(r, item, codes, context["file"]) for r, item in rows.iterrows()]
    records += [custom_row(e, codes) for e in context["custom"]
                if (e["unit"], e["position"]) == (unit, position)]
    taken = {r["key"] for r in records}
    facing = bool(rows["customer_facing"].any())
    links = {"journey": context["journey"].get(unit, {}),
             "value_proposition": context["value_proposition"],
             "strategy_goal": context["strategy_goal"]}
    cards = library.load().cards
    found = _library_origins(codes, context["industry"], facing, links)
    ranked = sorted(found, key=lambda i: (*rank_key(found[i], cards.loc[i, "departments"],
                                                    codes), i))
    extra = _capped(ranked, taken, cards)
    records += [card_row(cards.loc[i], unit, position, found[i]) for i in extra]
    records += [card_row(cards.loc[i], unit, position, found[i]) for i in ranked if i in taken]
    records += internal_customer_row(records, codes, unit, position)
    return merge(records)


def _capped(ranked: list[str], taken: set, cards: pd.DataFrame) -> list[str]:
    """The first ``library_per_position`` ranked cards not already taken, keeping room for
    ``library_process_capability_reserve`` process or capability cards when there are any."""
    spec = settings()["candidates"]
    limit, reserve = spec["library_per_position"], spec["library_process_capability_reserve"]
    free = [i for i in ranked if i not in taken]
    supporting = [i for i in free if cards.at[i, "kind"] != "result"][:reserve]
    others = [i for i in free if i not in supporting][:max(limit - len(supporting), 0)]
    chosen = set(supporting) | set(others)
    return [i for i in free if i in chosen]


def internal_customer_row(records: list[dict], codes: list[str], unit: str,
                          position: str) -> list[dict]:
    """The internal-customer card for a position whose pool has no customer-value candidate
    (``candidates.internal_customer_cards`` in kpi_pool.yaml; METHOD §1 internal customers)."""
    if any(r.get("orientation") == "customer" for r in records):
        return []
    table = settings()["candidates"]["internal_customer_cards"]
    card_id = next((table[c] for c in codes if c in table), table["default"])
    cards = library.load().cards
    if card_id not in cards.index:
        return []
    return [card_row(cards.loc[card_id], unit, position, {"internal_customer"})]


def generate(engagement, policy: dict, scorecard: pd.DataFrame, value_chain_result
             ) -> pd.DataFrame:
    """The candidate frame (contract in :mod:`helpers.kpi_pool`) of every position of the
    current scorecards (METHOD §5, seed 001 步骤5). ``policy`` is accepted for symmetry with
    the other stages; the bounds used here are method constants."""
    del policy
    industry = engagement.profile["industry"]
    positions = set(zip(scorecard["unit"], scorecard["position"], strict=True))
    cards = library.load().cards
    context = {
        "industry": industry, "file": engagement.sources.get("current_kpis", ""),
        "custom": read_custom(engagement.path, positions),
        "journey": {u: journey_links(value_chain_result, u, industry)
                    for u in scorecard["unit"].unique()},
        "value_proposition": [i for i in value_chain_result.directions["library_id"]
                              if i in cards.index],
        "strategy_goal": goal_cards(engagement.profile.get("strategy_goals") or []),
        "unit_cards": {u: [i for i in rows["library_id"] if not _blank(i)]
                       for u, rows in scorecard.groupby("unit", sort=False)},
    }
    records = []
    for (unit, position), rows in scorecard.groupby(["unit", "position"], sort=False):
        records += position_candidates(unit, position, rows, context)
    return as_frame(records)


def as_frame(records: list[dict]) -> pd.DataFrame:
    """Candidate records as a frame with :data:`COLUMNS` (missing fields None)."""
    frame = pd.DataFrame.from_records(
        [{c: r.get(c) for c in COLUMNS} for r in records], columns=COLUMNS).astype(object)
    for column in LIST_COLUMNS:
        frame[column] = [list(v) if isinstance(v, list | tuple) else [] for v in frame[column]]
    return frame.where(frame.notna(), None).reset_index(drop=True)
