"""Exercise 3 — screen one position's KPI pool and choose its core and observation indicators
(METHOD §5–6; seed 001 步骤5–6, seed 002 §一.3).

The task is the candidate pool of one position of the sample engagement, as
:mod:`helpers.kpi_pool` builds it, shown with the facts the five screening questions look at
(orientation, origin, formula, data source, data availability, the departments the card applies
to, the indicators that must balance it) but without the funnel's verdict or the value tier.
Participants answer ``{"core": [numbers], "observe": [numbers]}``.

The checker grades each pick with the method's own rules and accepts any selection that meets
all of them, not only the proposal of :func:`helpers.kpi_pool.selection.propose`:

- every kept candidate must pass the five-question funnel (:mod:`helpers.kpi_pool.funnel`;
  seed 002 §一.3 and its figure);
- a core indicator on the pushing side of a known conflict needs one of its balancing or shared
  indicators among the kept ones (:func:`helpers.kpi_pool.funnel.conflict_partners`;
  seed 002 §一.4);
- the position's selection meets :func:`helpers.kpi_pool.selection.policy_check`: 3–5 core
  indicators, at least one customer-linked, at most 8 kept, and a core whose weights can meet the
  weight policy (policy ``kpi_pool`` and ``weights``; seed 001 步骤6: 3–5 core indicators,
  1–2 of them tied to customer value);
- value tiers (seed 001 价值分层): a tier-C core pick and a tier-A candidate left out give hints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from helpers import i18n, kpi_pool, library, method_templates
from helpers.errors import InputError, Problem
from helpers.kpi_pool import funnel
from helpers.kpi_pool import selection as pool_selection
from helpers.workshop.feedback import Feedback, Note

EXERCISE = "workshop_screening"
ROLES = ("core", "observe")
RULE_GROUPS = {
    "core_count": ("too_few_core", "too_many_core"),
    "customer": ("too_few_customer",),
    "total": ("over_max",),
    "weighable": ("weight_",),
}
_PROPOSALS: dict[tuple[str, str], pd.DataFrame] = {}
_CACHE_SIZE = 4


@dataclass
class ScreeningTask:
    """One position's pool: ``pool`` has the candidate columns of :mod:`helpers.kpi_pool`, the
    funnel's and tiers' columns, the proposal's ``role`` and ``rationale_*``, and ``no``
    (1..n), the number participants refer to."""

    unit: str
    position: str
    customer_facing: bool
    departments: list[str]
    pool: pd.DataFrame

    @property
    def label(self) -> str:
        """The position's key in ``decisions/selection.yaml``."""
        return pool_selection.position_label(self.unit, self.position)


def _msg(key: str, lang: str, **params) -> str:
    return i18n.t(f"{EXERCISE}.{key}", lang, **params)


def proposal(engagement, policy: dict) -> pd.DataFrame:
    """The KPI pool of every position with the method's proposal (screened, tiered, roles),
    computed once per engagement and policy. A consultant's saved selection is not replayed:
    the workshop compares teams with the method."""
    key = (str(engagement.path), json.dumps(policy, sort_keys=True, default=str))
    if key not in _PROPOSALS:
        result = kpi_pool.run(engagement, policy, engagement.language)
        if len(_PROPOSALS) >= _CACHE_SIZE:
            _PROPOSALS.clear()
        _PROPOSALS[key] = pool_selection.propose(
            result.candidates, policy, engagement.profile.get("customer_facing_units"))
    return _PROPOSALS[key]


def task(engagement, policy: dict, lang: str, *, unit: str, position: str) -> ScreeningTask:
    """The candidate pool of ``unit`` · ``position``. Raises :class:`InputError` naming the
    positions that exist when the position is not in the pool."""
    frame = proposal(engagement, policy)
    rows = frame[(frame["unit"] == unit) & (frame["position"] == position)]
    if rows.empty:
        known = list(dict.fromkeys(pool_selection.position_label(u, p) for u, p in
                                   zip(frame["unit"], frame["position"], strict=True)))
        raise InputError([Problem("parameters", f"{EXERCISE}_unknown_position", params={
            "position": pool_selection.position_label(unit, position),
            "examples": ", ".join(known[:4])})], lang)
    pool = rows.reset_index(drop=True)
    pool.insert(0, "no", range(1, len(pool) + 1))
    codes = funnel.position_codes(frame[frame["unit"] == unit])[(unit, position)]
    facing = unit in set(engagement.profile.get("customer_facing_units") or ())
    return ScreeningTask(unit, position, facing, list(codes), pool)


# --- what participants see -------------------------------------------------------------------


def _joined(items, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(str(i) for i in items if i)


def _vocabulary(vocabulary: str, codes, lang: str) -> str:
    lib = library.load()
    known = lib.vocabulary.get(vocabulary, {})
    return _joined([lib.label(vocabulary, c, lang) if c in known else str(c)
                    for c in codes or []], lang)


def _name(row, lang: str) -> str:
    name = row.get(f"name_{lang}")
    return str(name) if isinstance(name, str) and name.strip() else str(row["name_zh"])


def _pick(row, lang: str) -> str:
    """How a candidate is named in notes: ``"12. 客户满意度"``."""
    return f"{row['no']}. {_name(row, lang)}"


def _indicator_names(ids, pool: pd.DataFrame, lang: str) -> str:
    """Library ids as ``"no. name"`` when in the pool, else the card's name."""
    cards = library.load().cards
    where = {i: r for i, r in zip(pool["library_id"], pool.to_dict("records"), strict=True)
             if isinstance(i, str)}
    return _joined([_pick(where[i], lang) if i in where else
                    (cards.at[i, f"name_{lang}"] if i in cards.index else i)
                    for i in sorted(ids)], lang)


def _balancers(library_id, pool: pd.DataFrame, lang: str) -> str:
    """The balancing indicators of each known conflict the candidate pushes, one group per
    conflict (any one of a group balances it)."""
    groups = funnel.conflict_partners(library_id) if isinstance(library_id, str) else []
    return ("；" if lang == "zh" else "; ").join(_indicator_names(g, pool, lang) for g in groups)


def _filled(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def task_table(work: ScreeningTask, lang: str) -> pd.DataFrame:
    """The pool as participants see it: facts for the five questions, no verdict, no tier."""
    pool = work.pool
    mark = {True: _msg("mark.present", lang), False: _msg("mark.absent", lang)}
    columns = {
        "no": pool["no"],
        "indicator": [_name(r, lang) for r in pool.to_dict("records")],
        "orientation": [i18n.t(f"diagnosis.orientation.{o}", lang) for o in pool["orientation"]],
        "kind": [_vocabulary("kind", [k], lang) for k in pool["kind"]],
        "origin": [_joined([i18n.label(f"kpi_pool.origin.{o}", lang, o) for o in origins], lang)
                   for origins in pool["origin"]],
        "formula": [mark[_filled(f)] for f in pool["formula"]],
        "data_source": [mark[_filled(s)] for s in pool["data_source"]],
        "availability": [_vocabulary("data_availability", [a], lang)
                         for a in pool["data_availability"]],
        "departments": [_vocabulary("department", d, lang) for d in pool["departments"]],
        "balanced_by": [_balancers(i, pool, lang) for i in pool["library_id"]],
    }
    return pd.DataFrame({_msg(f"col.{k}", lang): v for k, v in columns.items()})


def rules_table(work: ScreeningTask, policy: dict, lang: str) -> pd.DataFrame:
    """The rules the selection must meet, with the policy's numbers (one sentence each)."""
    spec, weights = policy["kpi_pool"], policy["weights"]
    facing = _msg(f"rules.facing.{'facing' if work.customer_facing else 'internal'}", lang)
    lines = [
        _msg("rules.position", lang, position=work.label, facing=facing,
             departments=_vocabulary("department", work.departments, lang) or "-"),
        _msg("rules.core", lang, **spec["core_per_position"]),
        _msg("rules.customer", lang, **spec["customer_linked_per_position"]),
        _msg("rules.total", lang, max=spec["max_per_position"]),
        i18n.t("weighting.policy.items", lang, grid=weights["grid"], **weights["item"]),
        *[i18n.t("weighting.policy.band", lang, group=i18n.t(f"weighting.group.{g}", lang),
                 **band) for g, band in weights["dimensions"].items()],
    ]
    if work.customer_facing:
        lines.append(i18n.t("weighting.policy.customer", lang,
                            min=weights["customer_share_min_customer_facing"]))
    lines.append(i18n.t("weighting.policy.rating", lang, max=weights["customer_rating_max"]))
    return pd.DataFrame({_msg("col.rule", lang): lines})


# --- the method's answer ---------------------------------------------------------------------


def solution(engagement, policy: dict, *, unit: str, position: str) -> dict[str, list[int]]:
    """The proposal of :func:`helpers.kpi_pool.selection.propose` as row numbers."""
    pool = task(engagement, policy, engagement.language, unit=unit, position=position).pool
    return {role: [int(n) for n in pool.loc[pool["role"] == role, "no"]] for role in ROLES}


def solution_table(engagement, policy: dict, lang: str, *, unit: str, position: str
                   ) -> pd.DataFrame:
    """Every candidate with the proposal's role, its tier and the one-line rationale."""
    pool = task(engagement, policy, lang, unit=unit, position=position).pool
    return pd.DataFrame({
        _msg("col.no", lang): pool["no"],
        _msg("col.indicator", lang): [_name(r, lang) for r in pool.to_dict("records")],
        _msg("col.role", lang): [_msg(f"role.{r}", lang) for r in pool["role"]],
        _msg("col.tier", lang): pool["tier"],
        _msg("col.why", lang): pool[f"rationale_{lang}"],
    })


# --- reading the answer ----------------------------------------------------------------------


def _lookup(pool: pd.DataFrame) -> dict[str, int]:
    """Text a participant may type for a candidate → its number (number, zh or en name)."""
    found: dict[str, int] = {}
    for row in pool.to_dict("records"):
        for text in (row["name_en"], row["name_zh"], str(row["no"])):
            if isinstance(text, str) and text.strip():
                found[text.strip()] = int(row["no"])
    return found


def _resolve(item, lookup: dict[str, int]) -> int | None:
    if isinstance(item, bool):
        return None
    if isinstance(item, int):
        return item if str(item) in lookup else None
    if isinstance(item, float) and item.is_integer():
        return _resolve(int(item), lookup)
    if isinstance(item, str):
        return lookup.get(item.strip())
    return None


def read_answer(answer, work: ScreeningTask, lang: str
                ) -> tuple[dict[str, list[int]], list[Note]]:
    """The row numbers chosen per role, and a mistake note for everything that could not be
    read (wrong type, unknown field or number, a number twice, a number in both lists)."""
    picks, notes, doubled = _read(answer, work, lang)
    return picks, notes + doubled


def _read(answer, work: ScreeningTask, lang: str):
    """Picks, notes on unreadable entries, and notes on numbers listed in both roles (graded
    as core; those notes come after the pick's own note)."""
    picks: dict[str, list[int]] = {role: [] for role in ROLES}
    if not isinstance(answer, dict):
        return picks, [Note("mistake", typed_text(answer), _msg("note.not_a_mapping", lang))], []
    notes = [Note("mistake", typed_text(k), _msg("note.unknown_field", lang,
                                                 field=typed_text(k)))
             for k in answer if k not in ROLES]
    lookup = _lookup(work.pool)
    for role in ROLES:
        items = answer.get(role) or []
        if not isinstance(items, list | tuple | set):
            notes.append(Note("mistake", typed_text(items), _msg("note.not_a_list", lang,
                                                              field=role)))
            continue
        for item in items:
            number = _resolve(item, lookup)
            if number is None:
                notes.append(Note("mistake", typed_text(item), _msg(
                    "note.unknown_item", lang, field=role, last=len(work.pool))))
            elif number in picks[role]:
                notes.append(Note("mistake", typed_text(item),
                                  _msg("note.twice", lang, field=role)))
            else:
                picks[role].append(number)
    both = [n for n in picks["observe"] if n in picks["core"]]
    picks["observe"] = [n for n in picks["observe"] if n not in both]
    rows = work.pool.set_index("no", drop=False)
    doubled = [Note("mistake", _pick(rows.loc[n], lang), _msg("note.both_roles", lang))
               for n in both]
    return picks, notes, doubled


def typed_text(value) -> str:
    """What a participant typed, as the subject of a note (shortened)."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- grading ---------------------------------------------------------------------------------


def _conflicts_of(library_id) -> list[tuple[pd.Series, set[str]]]:
    """Known conflicts with ``library_id`` on the pushing side, with their balancing ids."""
    if not isinstance(library_id, str):
        return []
    pairs = [pair for _, pair in method_templates.conflicts().iterrows()
             if library_id in pair["a"]]
    return list(zip(pairs, funnel.conflict_partners(library_id), strict=True))


def _grade_core(row, kept_ids: set[str], pool: pd.DataFrame, lang: str) -> list[Note]:
    subject = _pick(row, lang)
    if not row["passed"]:
        return [Note("mistake", subject, _msg(f"note.core_failed.{row['failed_at']}", lang,
                                              reason=row[f"reason_{lang}"]))]
    for pair, partners in _conflicts_of(row["library_id"]):
        if not partners & kept_ids:
            return [Note("mistake", subject, _msg(
                "note.conflict", lang, explanation=pair[f"explanation_{lang}"],
                partners=_indicator_names(partners, pool, lang)))]
    notes = [Note("correct", subject, _msg("note.core_ok", lang, tier=row["tier"],
                                           orientation=_orientation(row, lang)))]
    if row["tier"] == "C":
        notes.append(Note("hint", subject, _msg("note.core_tier_c", lang)))
    return notes


def _grade_observe(row, lang: str) -> Note:
    subject = _pick(row, lang)
    if not row["passed"]:
        return Note("mistake", subject, _msg("note.observe_failed", lang, question=i18n.t(
            f"pool_funnel.question.{row['failed_at']}", lang), reason=row[f"reason_{lang}"]))
    return Note("correct", subject, _msg("note.observe_ok", lang, tier=row["tier"]))


def _orientation(row, lang: str) -> str:
    return i18n.t(f"diagnosis.orientation.{row['orientation']}", lang)


def with_roles(work: ScreeningTask, picks: dict[str, list[int]]) -> pd.DataFrame:
    """The position's pool with ``role`` set from the picks (others dropped)."""
    frame = work.pool.copy()
    frame["role"] = "dropped"
    for role in ROLES:
        frame.loc[frame["no"].isin(picks[role]), "role"] = role
    return frame


def _rule_notes(work: ScreeningTask, picks, policy: dict, lang: str) -> list[Note]:
    """One graded note per rule group of the selection policy (policy_check's violations)."""
    chosen = with_roles(work, picks)
    facing = [work.unit] if work.customer_facing else []
    found = pool_selection.policy_check(chosen, policy, facing)
    spec = policy["kpi_pool"]
    counts = {"count": len(picks["core"]), "kept": len(picks["core"]) + len(picks["observe"]),
              "customers": int((chosen.loc[chosen["role"] == "core", "orientation"]
                                == "customer").sum()),
              "min": spec["core_per_position"]["min"], "max": spec["core_per_position"]["max"],
              "limit": spec["max_per_position"],
              "least": spec["customer_linked_per_position"]["min"]}
    notes = []
    for group, prefixes in RULE_GROUPS.items():
        broken = found[found["rule"].str.startswith(prefixes)]
        subject = _msg(f"rule.{group}", lang)
        if broken.empty:
            notes.append(Note("correct", subject, _msg(f"note.{group}_ok", lang, **counts)))
            continue
        facing_key = "_facing" if group == "customer" and work.customer_facing else ""
        rule = broken["rule"].iloc[0] if group != "weighable" else "not_weighable"
        text = i18n.t("weighting.rule.separator", lang).join(broken[f"text_{lang}"])
        notes.append(Note("mistake", subject, _msg(f"note.{rule}{facing_key}", lang,
                                                   problems=text, **counts)))
    return notes


def _left_out(work: ScreeningTask, picks, lang: str) -> list[Note]:
    """A hint naming the tier-A candidates that passed the funnel and were not kept."""
    pool = work.pool
    kept = set(picks["core"]) | set(picks["observe"])
    missed = pool[(pool["tier"] == "A") & pool["passed"] & ~pool["no"].isin(kept)]
    if missed.empty:
        return []
    names = _joined([_pick(r, lang) for r in missed.to_dict("records")], lang)
    return [Note("hint", "", _msg("note.tier_a_left_out", lang, names=names))]


def check(answer, engagement, policy: dict, lang: str, *, unit: str, position: str
          ) -> Feedback:
    """Grade each pick and each rule of the selection policy; hints on tiers (module doc)."""
    work = task(engagement, policy, lang, unit=unit, position=position)
    picks, notes, doubled = _read(answer, work, lang)
    if not picks["core"] and not picks["observe"]:
        if not notes:
            notes.append(Note("missing", "", _msg("note.start", lang,
                                                  **policy["kpi_pool"]["core_per_position"])))
        return _feedback(notes, lang)
    rows = work.pool.set_index("no", drop=False)
    kept_ids = {i for i in rows.loc[picks["core"] + picks["observe"], "library_id"]
                if isinstance(i, str)}
    for number in picks["core"]:
        notes += _grade_core(rows.loc[number], kept_ids, work.pool, lang)
    notes += doubled
    notes += [_grade_observe(rows.loc[n], lang) for n in picks["observe"]]
    notes += _rule_notes(work, picks, policy, lang)
    notes += _left_out(work, picks, lang)
    return _feedback(notes, lang)


def _feedback(notes: list[Note], lang: str) -> Feedback:
    graded = [n for n in notes if n.verdict != "hint"]
    return Feedback(EXERCISE, lang, notes, score=sum(n.verdict == "correct" for n in graded),
                    out_of=len(graded))


# --- saving ----------------------------------------------------------------------------------


def as_selection(answer, work: ScreeningTask) -> dict[str, dict[str, list[str]]]:
    """The answer in the format of ``decisions/selection.yaml``
    (``{"<unit> · <position>": {"core": [keys], "observe": [keys]}}``). Raises
    :class:`InputError` listing what could not be read."""
    picks, notes = read_answer(answer, work, "en")
    if notes:
        raise InputError([Problem("answer", f"{EXERCISE}_unsaved", params={
            "items": ", ".join(n.subject for n in notes)})])
    keys = dict(zip(work.pool["no"], work.pool["key"].astype(str), strict=True))
    return {work.label: {role: [keys[n] for n in picks[role]] for role in ROLES}}
