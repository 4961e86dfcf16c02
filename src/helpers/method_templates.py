"""Method templates kept as YAML data under ``templates/`` (DESIGN §1: data, not code):

- ``journeys/<business_model>.yaml``: customer journeys with touchpoints, RACI and the
  indicators that watch each touchpoint (METHOD §3);
- ``scorecards/<id>.yaml``: position scorecards and department KPI pools with dimension and
  indicator weights and A/B/C tiers (METHOD §5, §6); ``scorecards/_vocabulary.yaml`` holds
  their codes; ``scorecards/lifecycle_milestones.yaml`` is the lifecycle bonus model (§9);
- ``method/conflicts.yaml``: known conflicting indicator pairs (METHOD §2.5);
- ``method/value_propositions.yaml``: value proposition → indicator directions (METHOD §3).

Loaders read each file with ``yaml.safe_load`` once (cached until the file changes) and
return copies as plain dicts or DataFrames. ``validate_all()`` checks every file against the
KPI library (``helpers.library``), its vocabularies and the policy bounds
(``helpers.policy``); no bound is written in this module.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import library, paths, yamlio
from helpers import policy as policies

JOURNEYS = "journeys"
SCORECARDS = "scorecards"
METHOD = "method"
SCORECARD_VOCABULARY = "_vocabulary.yaml"
LIFECYCLE = "lifecycle_milestones.yaml"
CONFLICTS = "conflicts.yaml"
VALUE_PROPOSITIONS = "value_propositions.yaml"

#: METHOD §3: importance of a touchpoint is rated 1–5.
IMPORTANCE_SCALE = range(1, 6)
RACI_LETTERS = ("R", "A", "C", "I")
#: METHOD §5 value tiers: A is core, C is observed only (weight 0).
CORE_TIER, OBSERVE_TIER = "A", "C"
POSITION_LEVEL, DEPARTMENT_LEVEL = "position", "department"
#: Dimension group without a policy band (customer-structured templates, METHOD §6).
UNBANDED_GROUP = "customer"
CUSTOMER_ORIENTATION, RISK_ORIENTATION = "customer", "risk"

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
SEED = re.compile(r"^\d{3}$")

JOURNEY_TEXTS = ("label_zh", "label_en")
NAME_TEXTS = ("name_zh", "name_en")
TOUCHPOINT_TEXTS = ("name_zh", "name_en", "customer_cares_zh", "customer_cares_en")
SCORECARD_TEXTS = ("id", "name_zh", "name_en", "notes_zh", "notes_en")
LIFECYCLE_TEXTS = ("id", "name_zh", "name_en", "notes_zh", "notes_en")
MILESTONE_TEXTS = ("code", "name_zh", "name_en", "release_zh", "release_en")
CONFLICT_TEXTS = ("id", "explanation_zh", "explanation_en", "balance_zh", "balance_en")
PROPOSITION_TEXTS = ("code", "name_zh", "name_en", "directions_zh", "directions_en")


# --- loaders ----------------------------------------------------------------------------


def _root(root: Path | None) -> Path:
    return Path(root) if root is not None else paths.TEMPLATES


def _read(path: Path) -> dict:
    """A YAML file as a fresh copy; the parse is cached until the file changes."""
    return copy.deepcopy(yamlio.load_file(path))


def _journey_files(root: Path | None) -> list[Path]:
    return sorted((_root(root) / JOURNEYS).glob("*.yaml"))


def _scorecard_files(root: Path | None) -> list[Path]:
    folder = _root(root) / SCORECARDS
    return [p for p in sorted(folder.glob("[!_]*.yaml")) if p.name != LIFECYCLE]


def journeys(root: Path | None = None) -> dict[str, dict]:
    """Customer journey templates by business model (METHOD §3)."""
    return {path.stem: _read(path) for path in _journey_files(root)}


def journey(business_model: str, root: Path | None = None) -> dict:
    """The journey template of one business model (profile code, METHOD §3)."""
    found = journeys(root)
    if business_model not in found:
        known = ", ".join(sorted(found))
        raise KeyError(f"no journey template for {business_model!r}; known: {known}")
    return found[business_model]


def touchpoints(business_model: str, root: Path | None = None) -> pd.DataFrame:
    """One row per touchpoint of a journey, RACI letters as columns (METHOD §3)."""
    rows = []
    for touchpoint in journey(business_model, root)["touchpoints"]:
        raci = touchpoint["raci"]
        rows.append({**{k: v for k, v in touchpoint.items() if k != "raci"},
                     **{letter: _letter_codes(raci.get(letter)) for letter in RACI_LETTERS}})
    return pd.DataFrame.from_records(rows).set_index("id", drop=False)


def scorecards(root: Path | None = None) -> dict[str, dict]:
    """Position scorecard and department pool templates by id (METHOD §5, §6)."""
    return {path.stem: _read(path) for path in _scorecard_files(root)}


def scorecard_indicators(scorecard_id: str, root: Path | None = None) -> pd.DataFrame:
    """The indicators of one scorecard template with their library names and orientation."""
    found = scorecards(root)
    if scorecard_id not in found:
        raise KeyError(f"no scorecard template {scorecard_id!r}; known: {', '.join(found)}")
    frame = pd.DataFrame.from_records(found[scorecard_id]["indicators"])
    cards = library.load().cards
    for column in ("name_zh", "name_en", "orientation"):
        frame[column] = frame["id"].map(cards[column])
    return frame


def scorecard_vocabulary(root: Path | None = None) -> dict:
    """Dimension, level and tier codes and the customer-rating indicators of the templates."""
    return _read(_root(root) / SCORECARDS / SCORECARD_VOCABULARY)


def lifecycle(root: Path | None = None) -> dict:
    """The lifecycle milestone bonus model (METHOD §6, §9; seed 004)."""
    return _read(_root(root) / SCORECARDS / LIFECYCLE)


def conflicts(root: Path | None = None) -> pd.DataFrame:
    """Known conflicting indicator pairs, one row per pair (METHOD §2.5)."""
    records = _read(_root(root) / METHOD / CONFLICTS).get("conflicts") or []
    return pd.DataFrame.from_records(records).set_index("id", drop=False)


def value_propositions(root: Path | None = None) -> pd.DataFrame:
    """Value proposition → indicator directions, indexed by profile code (METHOD §3)."""
    records = _read(_root(root) / METHOD / VALUE_PROPOSITIONS).get("value_propositions") or []
    return pd.DataFrame.from_records(records).set_index("code", drop=False)


# --- validation context -----------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What the checks compare templates with: library, vocabularies, policy, profile codes."""

    cards: pd.DataFrame
    vocabulary: dict
    policy: dict
    scorecard_vocabulary: dict
    business_models: frozenset
    value_proposition_codes: frozenset


def build_context(root: Path | None = None, policy_name: str = "default") -> Context:
    """The library, policy and profile codes the templates under ``root`` are checked with."""
    lib = library.load()
    profile_fields = _read(paths.PROFILE_SCHEMA)["fields"]
    vocabulary_path = _root(root) / SCORECARDS / SCORECARD_VOCABULARY
    return Context(
        cards=lib.cards, vocabulary=lib.vocabulary, policy=policies.load(policy_name),
        scorecard_vocabulary=_read(vocabulary_path) if vocabulary_path.exists() else {},
        business_models=frozenset(profile_fields["business_model"]["choices"]),
        value_proposition_codes=frozenset(profile_fields["value_propositions"]["choices"]),
    )


def template_files(root: Path | None = None) -> list[Path]:
    """Every template file this module validates."""
    base = _root(root)
    return [*_journey_files(root), *sorted((base / SCORECARDS).glob("*.yaml")),
            *(base / METHOD / name for name in (CONFLICTS, VALUE_PROPOSITIONS))]


def validate_all(root: Path | None = None, policy_name: str = "default") -> list[str]:
    """Problems of every template file (empty when all are valid): required fields, vocabulary
    codes, library ids, RACI rules (METHOD §3), weight sums, bounds and grid (METHOD §6)."""
    context = build_context(root, policy_name)
    problems = []
    for path in template_files(root):
        problems += validate_file(path, context)
    return problems


def validate_file(path: Path, context: Context | None = None) -> list[str]:
    """Problems of one template file, each prefixed with ``folder/file:``."""
    path = Path(path)
    context = context or build_context(path.parent.parent)
    checker, data = _checker_for(path), _read(path)
    if checker is None:
        found = [f"not a known kind of template (expected under {JOURNEYS}/, {SCORECARDS}/ "
                 f"or {METHOD}/)"]
    elif not isinstance(data, dict):
        found = ["the file must hold a mapping of fields"]
    else:
        found = checker(data, path.stem, context)
    return [f"{path.parent.name}/{path.name}: {problem}" for problem in found]


def _checker_for(path: Path):
    """The check function for a template file, chosen by its folder and name."""
    if path.parent.name == JOURNEYS:
        return journey_problems
    if path.parent.name == SCORECARDS:
        return {SCORECARD_VOCABULARY: scorecard_vocabulary_problems,
                LIFECYCLE: lifecycle_problems}.get(path.name, scorecard_problems)
    if path.parent.name == METHOD:
        return {CONFLICTS: conflicts_problems,
                VALUE_PROPOSITIONS: value_propositions_problems}.get(path.name)
    return None


# --- shared field checks ----------------------------------------------------------------


def _text_problems(data: dict, fields: tuple[str, ...]) -> list[str]:
    return [f"field {name} is missing or empty" for name in fields
            if not isinstance(data.get(name), str) or not data[name].strip()]


def _list_problems(data: dict, name: str) -> list[str]:
    value = data.get(name)
    return [] if isinstance(value, list) and value else [f"field {name} must be a non-empty list"]


def _code_problems(values, vocabulary: dict, what: str) -> list[str]:
    if not isinstance(values, list):
        return [f"{what} must be a list of codes"]
    return [f"{what} {v!r} is not one of {', '.join(vocabulary)}" for v in values
            if v not in vocabulary]


def _library_id_problems(ids, context: Context, what: str = "indicator") -> list[str]:
    if not isinstance(ids, list):
        return [f"{what}s must be a list of library ids"]
    return [f"{what} {i!r} is not a library id" for i in ids if i not in context.cards.index]


def _seed_problems(seed) -> list[str]:
    seeds = [seed] if isinstance(seed, str) else seed
    if not isinstance(seeds, list) or not all(isinstance(s, str) and SEED.match(s)
                                              for s in seeds):
        return ["seed must be a list of quoted seed numbers such as \"001\""]
    return []


def _non_mapping_problems(items, what: str) -> list[str]:
    items = items if isinstance(items, list) else []
    return [f"{what} #{n} must be a mapping of fields" for n, item in enumerate(items, start=1)
            if not isinstance(item, dict)]


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _on_grid(weight, grid: float) -> bool:
    """METHOD §6: weights are multiples of the policy grid (5 %)."""
    return _is_number(weight) and math.isclose(weight / grid, round(weight / grid))


def _duplicates(values) -> list:
    seen, repeated = set(), []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


# --- journeys (METHOD §3) ---------------------------------------------------------------


def journey_problems(data: dict, stem: str, context: Context) -> list[str]:
    """Required fields, stage and touchpoint checks of one journey template (METHOD §3)."""
    problems = _text_problems(data, JOURNEY_TEXTS)
    problems += _list_problems(data, "stages") + _list_problems(data, "touchpoints")
    model = data.get("business_model")
    if model != stem:
        problems.append(f"business_model {model!r} must equal the file name {stem!r}")
    if model not in context.business_models:
        problems.append(f"business_model {model!r} is not a profile business_model code")
    if "seed" in data:
        problems += _seed_problems(data["seed"])
    problems += _non_mapping_problems(data.get("stages"), "stage")
    problems += _non_mapping_problems(data.get("touchpoints"), "touchpoint")
    if problems:
        return problems
    problems += _stage_problems(data["stages"], context)
    stage_codes = {stage.get("code") for stage in data["stages"]}
    for index, touchpoint in enumerate(data["touchpoints"], start=1):
        where = f"touchpoint {touchpoint.get('id', f'#{index}')}"
        found = touchpoint_problems(touchpoint, model, stage_codes, context)
        problems += [f"{where}: {problem}" for problem in found]
    ids = [touchpoint.get("id") for touchpoint in data["touchpoints"]]
    problems += [f"touchpoint id {i} is used more than once" for i in _duplicates(ids)]
    return problems


def _stage_problems(stages: list, context: Context) -> list[str]:
    """Stages use journey_stage codes of the library, each once (METHOD §3)."""
    problems = []
    for stage in stages:
        problems += [f"stage {stage.get('code')}: {p}" for p in _text_problems(stage, NAME_TEXTS)]
    codes = [stage.get("code") for stage in stages]
    problems += _code_problems(codes, context.vocabulary["journey_stage"], "stage code")
    problems += [f"stage {code} is listed more than once" for code in _duplicates(codes)]
    return problems


def touchpoint_problems(touchpoint: dict, business_model: str, stage_codes: set,
                        context: Context) -> list[str]:
    """One touchpoint: id, stage, texts, importance 1–5, RACI and linked indicators."""
    problems = _text_problems(touchpoint, TOUCHPOINT_TEXTS)
    prefix, _, name = str(touchpoint.get("id", "")).partition(".")
    if prefix != business_model or not SNAKE.match(name):
        problems.append(f"id must look like {business_model}.<snake_case>")
    if touchpoint.get("stage") not in stage_codes:
        problems.append(f"stage {touchpoint.get('stage')!r} is not a stage of this journey")
    importance = touchpoint.get("typical_importance")
    if isinstance(importance, bool) or importance not in IMPORTANCE_SCALE:
        problems.append(f"typical_importance must be an integer {IMPORTANCE_SCALE.start}–"
                        f"{IMPORTANCE_SCALE.stop - 1}")
    problems += raci_problems(touchpoint.get("raci"), context.vocabulary["department"],
                              context.policy["value_chain"]["raci"]["max_consulted"])
    problems += _list_problems(touchpoint, "indicators")
    problems += _library_id_problems(touchpoint.get("indicators") or [], context)
    return problems


def _letter_codes(value) -> list:
    """A RACI cell as a list of department codes (a single code may be written bare)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def raci_problems(raci, departments: dict, max_consulted: int) -> list[str]:
    """METHOD §3 RACI rules: exactly one A, at least one R, at most ``max_consulted`` C, known
    department codes, and one letter per department."""
    if not isinstance(raci, dict):
        return ["raci must map the letters R, A, C, I to departments"]
    problems = [f"raci letter {k!r} is not one of R, A, C, I" for k in raci
                if k not in RACI_LETTERS]
    cells = {letter: _letter_codes(raci.get(letter)) for letter in RACI_LETTERS}
    if len(cells["A"]) != 1:
        problems.append(f"raci needs exactly one A, found {len(cells['A'])}: {cells['A']}")
    if not cells["R"]:
        problems.append("raci needs at least one R")
    if len(cells["C"]) > max_consulted:
        problems.append(f"raci has {len(cells['C'])} C, at most {max_consulted} allowed")
    for letter, codes in cells.items():
        problems += _code_problems(codes, departments, f"raci {letter} department")
    everyone = [code for codes in cells.values() for code in codes]
    problems += [f"department {code} holds more than one RACI letter"
                 for code in _duplicates(everyone)]
    return problems


# --- scorecards (METHOD §5, §6) ---------------------------------------------------------


def scorecard_vocabulary_problems(data: dict, _stem: str, context: Context) -> list[str]:
    """The scorecard codes: each dimension maps to a policy band group or to no band."""
    problems = [f"top-level key {key} is missing" for key in
                ("dimension", "level", "tier", "customer_rating_indicators") if not data.get(key)]
    groups = {*context.policy["weights"]["dimensions"], UNBANDED_GROUP}
    for code, entry in (data.get("dimension") or {}).items():
        if not SNAKE.match(code) or not isinstance(entry, dict):
            problems.append(f"dimension {code!r} must be snake_case with zh, en and group")
            continue
        problems += [f"dimension {code}: {p}" for p in _text_problems(entry, ("zh", "en"))]
        if entry.get("group") not in groups:
            problems.append(f"dimension {code}: group must be one of {', '.join(sorted(groups))}")
    for key in (POSITION_LEVEL, DEPARTMENT_LEVEL):
        if key not in (data.get("level") or {}):
            problems.append(f"level {key} is missing")
    for key in (CORE_TIER, OBSERVE_TIER):
        if key not in (data.get("tier") or {}):
            problems.append(f"tier {key} is missing")
    problems += _library_id_problems(data.get("customer_rating_indicators") or [], context)
    return problems


def scorecard_problems(data: dict, stem: str, context: Context) -> list[str]:
    """Fields, codes, library ids and every weight rule of one scorecard template."""
    problems = _scorecard_field_problems(data, stem, context)
    if problems:
        return problems
    problems += _dimension_problems(data["dimensions"], context)
    problems += _indicator_entry_problems(data, context)
    if problems:
        return problems
    return (_weight_sum_problems(data, context) + _item_weight_problems(data, context)
            + _count_problems(data, context) + _band_problems(data, context)
            + _customer_weight_problems(data, context))


def _scorecard_field_problems(data: dict, stem: str, context: Context) -> list[str]:
    """Required fields, id = file name, level, seed, department and industry codes."""
    vocab = context.scorecard_vocabulary
    problems = _text_problems(data, SCORECARD_TEXTS)
    for name in ("departments", "industries", "dimensions", "indicators"):
        problems += _list_problems(data, name)
    if data.get("id") != stem:
        problems.append(f"id {data.get('id')!r} must equal the file name {stem!r}")
    if data.get("level") not in (vocab.get("level") or {}):
        problems.append(f"level {data.get('level')!r} is not one of "
                        f"{', '.join(vocab.get('level') or {})}")
    if not isinstance(data.get("customer_facing"), bool):
        problems.append("customer_facing must be true or false")
    problems += _seed_problems(data.get("seed"))
    problems += _non_mapping_problems(data.get("dimensions"), "dimension")
    problems += _non_mapping_problems(data.get("indicators"), "indicator")
    problems += _code_problems(data.get("departments") or [], context.vocabulary["department"],
                               "department")
    problems += _code_problems(data.get("industries") or [], context.vocabulary["industry"],
                               "industry")
    return problems


def _dimension_problems(dimensions: list, context: Context) -> list[str]:
    """Dimension codes from ``_vocabulary.yaml``, names, weights on the grid (METHOD §6)."""
    known = context.scorecard_vocabulary.get("dimension") or {}
    grid = context.policy["weights"]["grid"]
    problems = []
    for dimension in dimensions:
        code = dimension.get("code")
        where = f"dimension {code}"
        if code not in known:
            problems.append(f"{where}: code is not one of {', '.join(known)}")
        problems += [f"{where}: {p}" for p in _text_problems(dimension, NAME_TEXTS)]
        if not _on_grid(dimension.get("weight"), grid):
            problems.append(f"{where}: weight {dimension.get('weight')!r} is not a multiple "
                            f"of {grid}")
    codes = [dimension.get("code") for dimension in dimensions]
    problems += [f"dimension {code} is listed more than once" for code in _duplicates(codes)]
    return problems


def _indicator_entry_problems(data: dict, context: Context) -> list[str]:
    """Each indicator: a library id, a declared dimension, a tier, a veto flag, a weight."""
    dimensions = {dimension["code"] for dimension in data["dimensions"]}
    tiers = context.scorecard_vocabulary.get("tier") or {}
    problems = []
    for entry in data["indicators"]:
        where = f"indicator {entry.get('id')}"
        found = _library_id_problems([entry.get("id")], context)
        if entry.get("dimension") not in dimensions:
            found.append(f"dimension {entry.get('dimension')!r} is not declared")
        if entry.get("tier") not in tiers:
            found.append(f"tier {entry.get('tier')!r} is not one of {', '.join(tiers)}")
        if not isinstance(entry.get("veto"), bool):
            found.append("veto must be true or false")
        if not _is_number(entry.get("weight")):
            found.append("weight must be a number")
        problems += [f"{where}: {p}" for p in found]
    ids = [entry.get("id") for entry in data["indicators"]]
    problems += [f"indicator {i} is listed more than once" for i in _duplicates(ids)]
    return problems


def _weight_sum_problems(data: dict, context: Context) -> list[str]:
    """METHOD §6: indicator weights add up to their dimension, dimensions to the total."""
    target = context.policy["structural_checks"]["weight_sum"]["target"]
    problems = []
    for dimension in data["dimensions"]:
        total = sum(e["weight"] for e in data["indicators"]
                    if e["dimension"] == dimension["code"])
        if not math.isclose(total, dimension["weight"]):
            problems.append(f"indicator weights of dimension {dimension['code']} sum to {total}, "
                            f"the dimension weighs {dimension['weight']}")
    for what, total in (("dimension", sum(d["weight"] for d in data["dimensions"])),
                        ("indicator", sum(e["weight"] for e in data["indicators"]))):
        if not math.isclose(total, target):
            problems.append(f"{what} weights sum to {total}, not {target}")
    return problems


def _item_weight_problems(data: dict, context: Context) -> list[str]:
    """METHOD §6 item bounds and grid; veto and C-tier items weigh 0 (METHOD §5, §7)."""
    weights = context.policy["weights"]
    low, high, grid = weights["item"]["min"], weights["item"]["max"], weights["grid"]
    problems = []
    for entry in data["indicators"]:
        where, weight = f"indicator {entry['id']}", entry["weight"]
        unscored = entry["veto"] or entry["tier"] == OBSERVE_TIER
        if unscored and weight != 0:
            problems.append(f"{where}: veto and tier {OBSERVE_TIER} items must weigh 0")
        elif not unscored and not (low <= weight <= high and _on_grid(weight, grid)):
            problems.append(f"{where}: weight {weight} must be {low}–{high} in steps of {grid}")
        if entry["veto"] and context.cards.loc[entry["id"], "orientation"] != RISK_ORIENTATION:
            problems.append(f"{where}: a veto item must be a {RISK_ORIENTATION} indicator")
    return problems


def _scored(data: dict) -> list[dict]:
    return [entry for entry in data["indicators"] if entry["weight"] > 0]


def _count_problems(data: dict, context: Context) -> list[str]:
    """METHOD §5/§6: 3–8 scored indicators; 3–5 core (A) per position, ~5 per department."""
    pool = context.policy["kpi_pool"]
    low = context.policy["structural_checks"]["indicator_count"]["min"]
    scored = _scored(data)
    core = sum(entry["tier"] == CORE_TIER for entry in scored)
    problems = []
    if not low <= len(scored) <= pool["max_per_position"]:
        problems.append(f"{len(scored)} scored indicators, expected {low}–"
                        f"{pool['max_per_position']}")
    core_low = pool["core_per_position"]["min"]
    core_high = (pool["core_per_position"]["max"] if data["level"] == POSITION_LEVEL
                 else pool["core_per_department"])
    if not core_low <= core <= core_high:
        problems.append(f"{core} scored tier {CORE_TIER} indicators, expected "
                        f"{core_low}–{core_high}")
    return problems


def _band_problems(data: dict, context: Context) -> list[str]:
    """METHOD §6 (seed 002): result 40–60 %, process + capability 40–60 %, for each band group
    the scorecard uses."""
    bands = context.policy["weights"]["dimensions"]
    groups = {code: entry["group"] for code, entry in
              context.scorecard_vocabulary["dimension"].items()}
    totals: dict[str, float] = {}
    for dimension in data["dimensions"]:
        group = groups[dimension["code"]]
        totals[group] = totals.get(group, 0) + dimension["weight"]
    return [f"dimensions of group {group} weigh {total}, expected {bands[group]['min']}–"
            f"{bands[group]['max']}" for group, total in totals.items()
            if group in bands and not bands[group]["min"] <= total <= bands[group]["max"]]


def _customer_weight_problems(data: dict, context: Context) -> list[str]:
    """METHOD §6: customer-related weight ≥ 30 % on customer-facing positions, a customer's own
    rating ≤ 15 %; §2.4: at least one customer-linked indicator on every scorecard."""
    weights, pool = context.policy["weights"], context.policy["kpi_pool"]
    orientation = context.cards["orientation"]
    scored = _scored(data)
    customer = [e for e in scored if orientation[e["id"]] == CUSTOMER_ORIENTATION]
    customer_weight = sum(e["weight"] for e in customer)
    rating_ids = set(context.scorecard_vocabulary.get("customer_rating_indicators") or [])
    rating_weight = sum(e["weight"] for e in scored if e["id"] in rating_ids)
    problems = []
    minimum = weights["customer_share_min_customer_facing"]
    if data["customer_facing"] and customer_weight < minimum:
        problems.append(f"customer indicators weigh {customer_weight}, a customer-facing "
                        f"position needs at least {minimum}")
    if rating_weight > weights["customer_rating_max"]:
        problems.append(f"customer's own ratings weigh {rating_weight}, at most "
                        f"{weights['customer_rating_max']} allowed")
    if len(customer) < pool["customer_linked_per_position"]["min"]:
        problems.append(f"{len(customer)} scored customer indicators, at least "
                        f"{pool['customer_linked_per_position']['min']} needed")
    return problems


# --- lifecycle milestones (METHOD §6, §9) -----------------------------------------------


def lifecycle_problems(data: dict, _stem: str, context: Context) -> list[str]:
    """Stages and weights equal the policy's lifecycle milestones and sum to the total; each
    stage says what releases its bonus and which indicators decide it."""
    problems = _text_problems(data, LIFECYCLE_TEXTS) + _list_problems(data, "stages")
    problems += _seed_problems(data.get("seed"))
    problems += _non_mapping_problems(data.get("stages"), "stage")
    if problems:
        return problems
    for stage in data["stages"]:
        where = f"stage {stage.get('code')}"
        found = _text_problems(stage, MILESTONE_TEXTS) + _list_problems(stage, "indicators")
        found += _library_id_problems(stage.get("indicators") or [], context)
        found += _code_problems(stage.get("journey_stages"), context.vocabulary["journey_stage"],
                                "journey stage")
        if not _on_grid(stage.get("weight"), context.policy["weights"]["grid"]):
            found.append(f"weight {stage.get('weight')!r} is not on the policy grid")
        problems += [f"{where}: {p}" for p in found]
    expected = context.policy["pilot"]["lifecycle_milestones"]
    declared = {stage.get("code"): stage.get("weight") for stage in data["stages"]}
    if declared != expected:
        problems.append(f"stages and weights {declared} differ from policy "
                        f"pilot.lifecycle_milestones {expected}")
    target = context.policy["structural_checks"]["weight_sum"]["target"]
    total = sum(w for w in declared.values() if _is_number(w))
    if not math.isclose(total, target):
        problems.append(f"stage weights sum to {total}, not {target}")
    return problems


# --- conflicts (METHOD §2.5) ------------------------------------------------------------


def conflicts_problems(data: dict, _stem: str, context: Context) -> list[str]:
    """Each pair: two disjoint non-empty sides of library ids, departments of both sides, the
    explanation and how to balance it (zh and en)."""
    entries = data.get("conflicts")
    if not isinstance(entries, list) or not entries:
        return ["top-level key conflicts must be a non-empty list"]
    problems = _non_mapping_problems(entries, "conflict")
    if problems:
        return problems
    for entry in entries:
        problems += [f"conflict {entry.get('id')}: {p}" for p in _conflict_problems(entry, context)]
    ids = [entry.get("id") for entry in entries]
    problems += [f"conflict id {i} is used more than once" for i in _duplicates(ids)]
    return problems


def _conflict_problems(entry: dict, context: Context) -> list[str]:
    problems = _text_problems(entry, CONFLICT_TEXTS)
    if not SNAKE.match(str(entry.get("id", ""))):
        problems.append("id must be snake_case")
    for side in ("a", "b", "departments_a", "departments_b"):
        problems += _list_problems(entry, side)
    for side in ("a", "b"):
        problems += _library_id_problems(entry.get(side) or [], context)
        problems += _code_problems(entry.get(f"departments_{side}") or [],
                                   context.vocabulary["department"], "department")
    shared = entry.get("shared") or []
    problems += _library_id_problems(shared, context, "shared indicator")
    a, b = set(entry.get("a") or []), set(entry.get("b") or [])
    problems += [f"indicator {i} is on both sides" for i in sorted(a & b)]
    problems += [f"shared indicator {i} is also on one side" for i in sorted(set(shared) & (a | b))]
    if "seed" in entry:
        problems += _seed_problems(entry["seed"])
    return problems


# --- value propositions (METHOD §3) -----------------------------------------------------


def value_propositions_problems(data: dict, _stem: str, context: Context) -> list[str]:
    """One entry per profile value-proposition code, with directions and library ids."""
    entries = data.get("value_propositions")
    if not isinstance(entries, list) or not entries:
        return ["top-level key value_propositions must be a non-empty list"]
    problems = _non_mapping_problems(entries, "value proposition")
    if problems:
        return problems
    for entry in entries:
        found = _text_problems(entry, PROPOSITION_TEXTS) + _list_problems(entry, "indicators")
        found += _library_id_problems(entry.get("indicators") or [], context)
        if "seed" in entry:
            found += _seed_problems(entry["seed"])
        problems += [f"value proposition {entry.get('code')}: {p}" for p in found]
    codes = [entry.get("code") for entry in entries]
    problems += [f"value proposition {c} is listed more than once" for c in _duplicates(codes)]
    expected = context.value_proposition_codes
    problems += [f"value proposition {c!r} is not a profile code" for c in codes
                 if c not in expected]
    problems += [f"profile value proposition {c} has no entry" for c in sorted(expected)
                 if c not in codes]
    return problems
