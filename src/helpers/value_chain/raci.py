"""RACI rules of the customer journey (METHOD §3; seed 001 步骤3) as one findings table, and
the touchpoint × department matrix the RACI chart draws.

Rules, checked on every touchpoint of the journey frame (:mod:`helpers.value_chain`):

- ``no_accountable`` (high): no department holds A — nobody answers to the customer.
- ``several_accountable`` (high): more than one A — METHOD §3 asks for exactly one.
- ``no_responsible`` (medium): no R; by METHOD §3 the A department is then taken to do the
  work itself, which the evidence states.
- ``too_many_consulted`` (low): more C than the policy's ``value_chain.raci.max_consulted``
  (exactly that many passes).
- ``several_letters`` (medium): one department holds more than one letter on one touchpoint
  (METHOD §3: one letter per department), or is listed twice under one letter.
- ``unknown_department`` (low, client journeys only): a RACI department that is none of the
  client's units (units of ``current_kpis`` and ``employees``) — probably a typo or a
  department the client did not list; the nearest unit name is suggested.

Department names are compared after :func:`helpers.library.normalise` (spaces, brackets and
case do not count). Every finding names the touchpoint and, for a client journey, the file and
spreadsheet row; for a template journey the evidence starts with "template <name>, touchpoint
<id>". Evidence and recommendations come from ``templates/messages/<lang>.journey.yaml``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

from helpers import i18n, library

RACI_LETTERS = ("R", "A", "C", "I")
#: Strongest first: the letter a department keeps when it must give up the others.
LETTER_STRENGTH = ("A", "R", "C", "I")
#: Severity of each rule, as issue 5 and METHOD §3 rank them (most severe first).
SEVERITY = {
    "no_accountable": "high",
    "several_accountable": "high",
    "no_responsible": "medium",
    "several_letters": "medium",
    "too_many_consulted": "low",
    "unknown_department": "low",
}
RULES = tuple(SEVERITY)
SEVERITIES = ("high", "medium", "low")
COLUMNS = ["severity", "rule", "stage", "touchpoint", "touchpoint_id", "departments", "file",
           "row", "evidence_zh", "evidence_en", "recommendation_zh", "recommendation_en"]
CLIENT = "client"
#: Similarity (difflib ratio) above which a known unit is offered as the likely spelling; a
#: matching tolerance, not a method threshold.
SUGGESTION_CUTOFF = 0.5
MATRIX_JOIN = "/"


def raci_findings(journey: pd.DataFrame, policy: dict,
                  units: Iterable[str] | None = None) -> pd.DataFrame:
    """Every RACI finding of the journey (columns ``COLUMNS``), ordered by severity, then
    journey order, then rule. ``units`` are the client's unit names for the
    ``unknown_department`` rule (default: ``journey.attrs["units"]``, set by
    :func:`helpers.value_chain.journey.from_engagement`); the rule is skipped without units
    and on template touchpoints."""
    max_consulted = policy["value_chain"]["raci"]["max_consulted"]
    if units is None:
        units = journey.attrs.get("units")
    known = {library.normalise(u): u for u in units or []}
    found = []
    for position, (_, touchpoint) in enumerate(journey.iterrows()):
        cells = {letter: _cell(touchpoint[letter]) for letter in RACI_LETTERS}
        rules = [*accountable(cells), *responsible(cells), *several_letters(cells),
                 *consulted(cells, max_consulted)]
        if known and touchpoint["source"] == CLIENT:
            rules += unknown_departments(cells, known)
        found += [_finding(touchpoint, position, rule, departments, params)
                  for rule, departments, params in rules]
    return _ordered(pd.DataFrame(found, columns=[*COLUMNS, "_position"]))


# --- rules (METHOD §3) ----------------------------------------------------------------------


Rule = tuple[str, list[str], dict]


def accountable(cells: dict[str, list[str]]) -> list[Rule]:
    """Exactly one A per touchpoint (METHOD §3)."""
    names = cells["A"]
    if not names:
        return [("no_accountable", [], {"responsible": _joined(cells["R"])})]
    if len(names) > 1:
        return [("several_accountable", names, {"count": len(names),
                                                "departments": _joined(names)})]
    return []


def responsible(cells: dict[str, list[str]]) -> list[Rule]:
    """At least one R; without one, A is R (METHOD §3) — a warning that says so."""
    if cells["R"]:
        return []
    return [("no_responsible", list(cells["A"]), {"accountable": _joined(cells["A"])})]


def consulted(cells: dict[str, list[str]], max_consulted: int) -> list[Rule]:
    """At most ``max_consulted`` C (policy ``value_chain.raci.max_consulted``, METHOD §3)."""
    names = cells["C"]
    if len(names) <= max_consulted:
        return []
    return [("too_many_consulted", names, {"count": len(names), "max": max_consulted,
                                           "departments": _joined(names)})]


def several_letters(cells: dict[str, list[str]]) -> list[Rule]:
    """A department holds one letter per touchpoint (METHOD §3); one finding per department
    holding more (a name listed twice under one letter counts too)."""
    held: dict[str, tuple[str, list[str]]] = {}
    for letter in RACI_LETTERS:
        for name in cells[letter]:
            shown, letters = held.setdefault(library.normalise(name), (name, []))
            letters.append(letter)
    found = []
    for shown, letters in held.values():
        if len(letters) > 1:
            strongest = min(letters, key=LETTER_STRENGTH.index)
            found.append(("several_letters", [shown], {
                "department": shown, "letters": _joined(letters), "strongest": strongest}))
    return found


def unknown_departments(cells: dict[str, list[str]], known: dict[str, str]) -> list[Rule]:
    """RACI departments that are none of the client's units (normalised names), with the
    closest unit as a likely spelling."""
    found, seen = [], set()
    for letter in RACI_LETTERS:
        for name in cells[letter]:
            key = library.normalise(name)
            if key in known or key in seen:
                continue
            seen.add(key)
            close = difflib.get_close_matches(key, list(known), n=1, cutoff=SUGGESTION_CUTOFF)
            params = {"department": name, "letter": letter,
                      "suggestion": _suggestion(known[close[0]] if close else None),
                      "units": _joined(list(known.values()))}
            found.append(("unknown_department", [name], params))
    return found


# --- the matrix ---------------------------------------------------------------------------


def raci_matrix(journey: pd.DataFrame) -> pd.DataFrame:
    """Touchpoint × department: index ``touchpoint_id`` (journey order), one column per
    department (order of first appearance, letters read R, A, C, I), each cell the letters the
    department holds there joined by "/" ("R", "R/C"), "" when none."""
    departments: list[str] = []
    rows = {}
    for _, touchpoint in journey.iterrows():
        cell: dict[str, list[str]] = {}
        for letter in RACI_LETTERS:
            for name in _cell(touchpoint[letter]):
                cell.setdefault(name, []).append(letter)
                if name not in departments:
                    departments.append(name)
        rows[touchpoint["touchpoint_id"]] = {d: MATRIX_JOIN.join(ls) for d, ls in cell.items()}
    matrix = pd.DataFrame.from_dict(rows, orient="index", columns=departments)
    matrix = matrix.reindex(list(rows)).fillna("").astype(object)
    matrix.index.name = "touchpoint_id"
    matrix.columns.name = "department"
    return matrix


# --- helpers ------------------------------------------------------------------------------


def _cell(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _joined(names: list[str]):
    """Names joined in the report language, "none" when empty (a function of the language)."""
    def text(lang: str) -> str:
        if not names:
            return i18n.t("common.none", lang)
        return i18n.t("journey.separator", lang).join(names)
    return text


def _suggestion(unit: str | None):
    def text(lang: str) -> str:
        return i18n.t("journey.did_you_mean", lang, unit=unit) if unit else ""
    return text


def _finding(touchpoint: pd.Series, position: int, rule: str, departments: list[str],
             params: dict) -> dict:
    row = touchpoint["row"]
    finding = {"severity": SEVERITY[rule], "rule": rule, "stage": touchpoint["stage"],
               "touchpoint": touchpoint["touchpoint"],
               "touchpoint_id": touchpoint["touchpoint_id"], "departments": list(departments),
               "file": touchpoint["file"], "row": None if pd.isna(row) else int(row),
               "_position": position}
    for lang in i18n.LANGUAGES:
        values = {k: v(lang) if callable(v) else v for k, v in params.items()}
        evidence = i18n.t(f"journey.evidence.{rule}", lang, **values)
        finding[f"evidence_{lang}"] = _where(touchpoint, lang) + evidence
        finding[f"recommendation_{lang}"] = i18n.t(f"journey.recommendation.{rule}", lang,
                                                   **values)
    return finding


def _where(touchpoint: pd.Series, lang: str) -> str:
    """"template saas, touchpoint saas.billing: " before a template touchpoint's evidence."""
    if touchpoint["source"] == CLIENT:
        return ""
    touchpoint_id = str(touchpoint["touchpoint_id"])
    return i18n.t("journey.where.template", lang, template=touchpoint_id.partition(".")[0],
                  touchpoint_id=touchpoint_id)


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    keys = list(zip(frame["severity"].map(SEVERITIES.index), frame["_position"],
                    frame["rule"].map(RULES.index), strict=True))
    order = sorted(range(len(keys)), key=keys.__getitem__)
    frame = frame.iloc[order].drop(columns="_position").reset_index(drop=True)
    frame["row"] = frame["row"].astype("Int64")
    return frame
