"""Per-position selection of core and observation indicators (METHOD §5–6; seed 001 步骤5:
about 5 core indicators, the rest observation indicators; seed 002 §一.3).

:func:`propose` picks, among each position's candidates that passed the funnel, 3–5 core
indicators (policy ``kpi_pool.core_per_position``) with at least the minimum — the recommended
number when the pool has them — of customer-linked ones (orientation ``customer``,
``customer_linked_per_position``), tier A first, the client's current indicators first within a
tier, then by tier score; the other passed candidates become observation indicators up to
``max_per_position`` in total. Every row gets a one-sentence rationale in zh and en.

The consultant's choice is saved as ``decisions/selection.yaml``::

    "<unit> · <position>": {core: [keys], observe: [keys]}

and replayed by :func:`apply_selection`. Returned columns: the candidate columns plus
``role`` ("core" | "observe" | "dropped"), ``reason`` (code of the rationale), ``rationale_zh``,
``rationale_en``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from helpers import i18n, yamlio
from helpers.errors import InputError, Problem
from helpers.weighting import items as weight_items

SELECTION = "selection.yaml"
DISPLAY = f"decisions/{SELECTION}"
SEPARATOR = " · "
ROLES = ("core", "observe", "dropped")
TIER_ORDER = {"A": 0, "B": 1, "C": 2}
VIOLATION_COLUMNS = ["unit", "position", "rule", "found", "limit", "text_zh", "text_en"]


def position_label(unit: str, position: str) -> str:
    """The key of a position in ``decisions/selection.yaml``."""
    return f"{unit}{SEPARATOR}{position}"


def _is_current(row) -> bool:
    origin = row.get("origin")
    return isinstance(origin, list | tuple) and "current" in origin


def _ranked(group: pd.DataFrame) -> pd.DataFrame:
    """Tier A first; within a tier the client's current indicators first (seed 001: keep what
    passes and scores well, so the scorecard changes only where it must), then higher tier
    score, then key (stable)."""
    order = pd.DataFrame({
        "tier": group["tier"].map(TIER_ORDER).fillna(len(TIER_ORDER)),
        "score": -group["tier_score"].astype(float),
        "current": [not _is_current(r) for _, r in group.iterrows()],
        "key": group["key"].astype(str),
    }, index=group.index)
    return group.loc[order.sort_values(["tier", "current", "score", "key"]).index]


def _customer(row) -> bool:
    return row.get("orientation") == "customer"


def _choose(group: pd.DataFrame, policy: dict, customer_facing: bool = False) -> dict:
    """Index → (role, reason) for one position's candidates (METHOD §5 selection rules, then the
    counting conditions of the weight policy, METHOD §6)."""
    spec = policy["kpi_pool"]
    core_min, core_max = spec["core_per_position"]["min"], spec["core_per_position"]["max"]
    total_max = spec["max_per_position"]
    ranked = _ranked(group)
    passed = [i for i in ranked.index if bool(ranked.at[i, "passed"])]
    core = {i: "core_tier" for i in passed if ranked.at[i, "tier"] == "A"}
    core = dict(list(core.items())[:min(core_max, total_max)])
    _add_customers(ranked, passed, core, spec, min(core_max, total_max))
    for i in passed:
        if len(core) >= min(core_min, total_max):
            break
        core.setdefault(i, "core_fill")
    _balance(ranked, passed, core, policy, customer_facing, min(core_max, total_max))
    chosen = {i: ("core", core[i]) for i in passed if i in core}
    room = total_max - len(core)
    for i in [i for i in passed if i not in core]:
        chosen[i] = ("observe", "observe") if room > 0 else ("dropped", "over_cap")
        room -= 1
    for i in ranked.index:
        chosen.setdefault(i, ("dropped", "failed"))
    return chosen


def _add_customers(ranked, passed, core: dict, spec: dict, limit: int) -> None:
    """Bring customer-linked candidates into the core up to the recommended number when the
    pool has them, replacing the lowest-ranked non-customer core when the core is full."""
    customers = [i for i in passed if _customer(ranked.loc[i])]
    target = min(spec["customer_linked_per_position"]["recommended"], len(customers), limit)
    for i in customers:
        if sum(_customer(ranked.loc[j]) for j in core) >= target:
            return
        if i in core:
            continue
        if len(core) >= limit:
            others = [j for j in core if not _customer(ranked.loc[j])]
            del core[others[-1]]
        core[i] = "core_customer"
        order = {j: n for n, j in enumerate(passed)}
        core_sorted = sorted(core.items(), key=lambda item: order[item[0]])
        core.clear()
        core.update(core_sorted)


def _balance(ranked: pd.DataFrame, passed: list, core: dict, policy: dict,
             customer_facing: bool, limit: int) -> None:
    """Make the core weighable under the weight policy (METHOD §6): while a counting condition
    of :func:`helpers.weighting.items.shortfalls` fails (e.g. no process indicator, so the
    process + capability band of 40 % cannot be reached), bring in the best-ranked passed
    candidate that reduces the shortfalls — added when the core has room, otherwise replacing
    the lowest-ranked core indicator whose removal keeps the improvement."""
    def broken(indices) -> int:
        rows = ranked.loc[[i for i in passed if i in indices]]
        found = weight_items.shortfalls(weight_items.items_frame(rows, policy), policy,
                                        customer_facing)
        return sum(abs(short["needed"] - short["found"]) for short in found)

    for _ in range(len(passed)):
        current = broken(core)
        if current == 0:
            return
        move = _best_move(passed, core, limit, broken, current)
        if move is None:
            return
        incoming, outgoing = move
        if outgoing is not None:
            del core[outgoing]
        core[incoming] = "core_balance"


def _best_move(passed: list, core: dict, limit: int, broken, current: int):
    """The first (incoming, outgoing) in rank order that lowers the total shortfall."""
    for incoming in (i for i in passed if i not in core):
        options = [None] if len(core) < limit else []
        options += [j for j in reversed(passed) if j in core]
        for outgoing in options:
            trial = (set(core) - {outgoing}) | {incoming}
            if broken(trial) < current:
                return incoming, outgoing
    return None


def propose(scored: pd.DataFrame, policy: dict, customer_facing_units=()) -> pd.DataFrame:
    """The selection proposal for every position: the scored candidates with ``role``,
    ``reason``, ``rationale_zh`` and ``rationale_en``. Positions of ``customer_facing_units``
    get a core that can carry the customer share of the weight policy."""
    frame = scored.copy()
    frame["role"], frame["reason"] = "dropped", "failed"
    facing = set(customer_facing_units or ())
    for (unit, _), group in frame.groupby(["unit", "position"], sort=False):
        for index, (role, reason) in _choose(group, policy, unit in facing).items():
            frame.at[index, "role"], frame.at[index, "reason"] = role, reason
    return _with_rationale(frame, policy)


def _with_rationale(frame: pd.DataFrame, policy: dict) -> pd.DataFrame:
    for lang in i18n.LANGUAGES:
        frame[f"rationale_{lang}"] = [rationale(row, policy, lang)
                                      for _, row in frame.iterrows()]
    return frame


def _origins(row, lang: str) -> str:
    origin = row.get("origin")
    codes = list(origin) if isinstance(origin, list | tuple) else []
    labels = [i18n.label(f"pool_selection.origin.{c}", lang, default=str(c)) for c in codes]
    return i18n.t("pool_selection.separator", lang).join(labels) or i18n.t(
        "pool_selection.origin.unknown", lang)


def rationale(row, policy: dict, lang: str) -> str:
    """One sentence: why the candidate is core, observation or dropped, citing its tier, its
    customer link and its origin."""
    link = "customer" if _customer(row) else "other"
    orientation = row.get("orientation")
    params = {
        "tier": row.get("tier"),
        "score": f"{float(row.get('tier_score') or 0):.0f}",
        "link": i18n.t(f"pool_selection.link.{link}", lang,
                       orientation=i18n.label(f"pool_selection.orientation.{orientation}", lang,
                                              default=str(orientation))),
        "origin": _origins(row, lang),
        "question": i18n.label(f"pool_selection.question.{row.get('failed_at')}", lang,
                               default=str(row.get("failed_at"))),
        "min": policy["kpi_pool"]["core_per_position"]["min"],
        "max": policy["kpi_pool"]["max_per_position"],
    }
    return i18n.t(f"pool_selection.rationale.{row.get('reason')}", lang, **params)


# --- policy check ---------------------------------------------------------------------------


def policy_check(selection: pd.DataFrame, policy: dict, customer_facing_units=()
                 ) -> pd.DataFrame:
    """Violations per position (columns :data:`VIOLATION_COLUMNS`): too few or too many core
    indicators, too few customer-linked core indicators, too many indicators in total, and the
    counting conditions of the weight policy the core breaks (no weights could then meet it).
    Empty when every position meets the policy."""
    spec = policy["kpi_pool"]
    facing = set(customer_facing_units or ())
    rows = []
    for (unit, position), group in selection.groupby(["unit", "position"], sort=False):
        core = group[group["role"] == "core"]
        kept = int((group["role"] != "dropped").sum())
        customers = int((core["orientation"] == "customer").sum())
        checks = [
            ("too_few_core", len(core), spec["core_per_position"]["min"],
             len(core) < spec["core_per_position"]["min"]),
            ("too_many_core", len(core), spec["core_per_position"]["max"],
             len(core) > spec["core_per_position"]["max"]),
            ("too_few_customer", customers, spec["customer_linked_per_position"]["min"],
             customers < spec["customer_linked_per_position"]["min"]),
            ("over_max", kept, spec["max_per_position"], kept > spec["max_per_position"]),
        ]
        rows += [_violation(unit, position, rule, found, limit)
                 for rule, found, limit, broken in checks if broken]
        shortfalls = weight_items.shortfalls(weight_items.items_frame(core, policy), policy,
                                             unit in facing)
        rows += [_violation(unit, position, f"weight_{short['rule']}", short["found"],
                            short["needed"], short.get("group")) for short in shortfalls]
    return pd.DataFrame(rows, columns=VIOLATION_COLUMNS)


def _violation(unit, position, rule: str, found: int, limit: int, group: str | None = None
               ) -> dict:
    texts = {f"text_{lang}": i18n.t(
        f"pool_selection.violation.{rule}", lang, found=found, limit=limit,
        group=i18n.t(f"weighting.group.{group}", lang) if group else "")
        for lang in i18n.LANGUAGES}
    return {"unit": unit, "position": position, "rule": rule, "found": found, "limit": limit,
            **texts}


# --- decisions/selection.yaml ---------------------------------------------------------------


def selection_path(engagement_path: Path) -> Path:
    return Path(engagement_path) / "decisions" / SELECTION


def _problem(code: str, **params) -> Problem:
    return Problem(DISPLAY, f"selection_{code}", params=params)


def read_selection(engagement_path: Path) -> dict[str, dict[str, list[str]]]:
    """The saved selection ``{"<unit> · <position>": {"core": [...], "observe": [...]}}``;
    empty when there is no file. Raises :class:`InputError` naming the position and key."""
    path = selection_path(engagement_path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        data = yamlio.load(handle) or {}
    if not isinstance(data, dict):
        raise InputError([_problem("not_a_mapping")])
    problems, saved = [], {}
    for position, entry in data.items():
        saved[str(position)] = _entry(str(position), entry, problems)
    if problems:
        raise InputError(problems)
    return saved


def _entry(position: str, entry, problems: list[Problem]) -> dict[str, list[str]]:
    """One position's lists, checked: only core/observe, lists of text, no key in both."""
    if not isinstance(entry, dict):
        problems.append(_problem("bad_position", position=position))
        return {"core": [], "observe": []}
    for field in entry:
        if field not in ("core", "observe"):
            problems.append(_problem("unknown_field", position=position, field=field))
    lists = {}
    for field in ("core", "observe"):
        value = entry.get(field) or []
        if not isinstance(value, list) or not all(isinstance(k, str) for k in value):
            problems.append(_problem("bad_list", position=position, field=field))
            value = []
        lists[field] = value
    for key in sorted(set(lists["core"]) & set(lists["observe"])):
        problems.append(_problem("both_roles", position=position, key=key))
    return lists


def write_selection(engagement_path: Path, selection) -> Path:
    """Save a selection (a selection frame, or the mapping :func:`read_selection` returns)
    atomically; positions in the frame's order."""
    if isinstance(selection, pd.DataFrame):
        selection = to_mapping(selection)
    path = selection_path(engagement_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".yaml.tmp")
    text = yaml.safe_dump({k: {"core": list(v.get("core", [])),
                               "observe": list(v.get("observe", []))}
                           for k, v in selection.items()},
                          allow_unicode=True, sort_keys=False)
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return path


def to_mapping(selection: pd.DataFrame) -> dict[str, dict[str, list[str]]]:
    """The core and observation keys of each position of a selection frame."""
    mapping = {}
    for (unit, position), group in selection.groupby(["unit", "position"], sort=False):
        mapping[position_label(unit, position)] = {
            role: [str(k) for k in group.loc[group["role"] == role, "key"]]
            for role in ("core", "observe")}
    return mapping


def apply_selection(proposal: pd.DataFrame, saved: dict) -> pd.DataFrame:
    """The proposal with the saved roles replayed: listed keys become core / observe, the other
    candidates of a saved position are dropped; positions not saved keep the proposal. Unknown
    positions or keys raise :class:`InputError`."""
    frame = proposal.copy()
    problems = []
    groups = {position_label(u, p): g.index
              for (u, p), g in frame.groupby(["unit", "position"], sort=False)}
    for position, lists in saved.items():
        if position not in groups:
            problems.append(_problem("unknown_position", position=position,
                                     examples=", ".join(list(groups)[:3])))
            continue
        problems += _replay(frame, groups[position], position, lists)
    if problems:
        raise InputError(problems)
    return frame


def _replay(frame: pd.DataFrame, index, position: str, lists: dict) -> list[Problem]:
    """Set the roles of one saved position; problems for keys not among its candidates."""
    keys = dict(zip(frame.loc[index, "key"].astype(str), index, strict=True))
    problems = [_problem("unknown_key", position=position, key=k,
                         examples=", ".join(list(keys)[:3]))
                for role in ("core", "observe") for k in lists.get(role, []) if k not in keys]
    if problems:
        return problems
    wanted = {k: role for role in ("core", "observe") for k in lists.get(role, [])}
    for key, i in keys.items():
        role = wanted.get(key, "dropped")
        if role != frame.at[i, "role"]:
            frame.at[i, "role"], frame.at[i, "reason"] = role, f"consultant_{role}"
            for lang in i18n.LANGUAGES:
                frame.at[i, f"rationale_{lang}"] = i18n.t(
                    f"pool_selection.rationale.consultant_{role}", lang, tier=frame.at[i, "tier"],
                    score=f"{float(frame.at[i, 'tier_score'] or 0):.0f}")
    return []
