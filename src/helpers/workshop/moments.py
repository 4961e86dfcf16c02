"""Workshop exercise 2: map the customer journey and find the uncovered moments of truth
(METHOD §3 "Moments of truth", "Coverage", RACI rules; seed 000 §三.2, seed 001 步骤2–3).

Participants see the sample's journey: each touchpoint's importance and current performance
(1–5), its departments with their RACI letters and the current indicators linked to it. They
name the moments of truth that no current indicator covers and, for each, the department that
should be Accountable. The key is the value-chain stage's own result
(:func:`helpers.value_chain.run`): moments of truth by importance-performance analysis
(Martilla & James 1977, "Importance-performance analysis", Journal of Marketing 41(1),
pp. 77–79; gap = importance − performance, the policy's ``value_chain.moments_of_truth``
``top`` and ``min_gap``) and coverage by linked indicators.

The answer participants type::

    answer = {"uncovered": [3, 7], "accountable": {3: "销售部", 7: "财务部"}}

Touchpoint numbers (``no``) or touchpoint names are accepted.
"""

from __future__ import annotations

import pandas as pd

from helpers import i18n
from helpers import value_chain as value_chain_module
from helpers.value_chain.coverage import as_list, department_key, rating
from helpers.workshop import answers
from helpers.workshop.feedback import Feedback, Note

EXERCISE = "workshop_moments"
LETTERS = ("R", "A", "C", "I")
ANSWER_KEYS = ("uncovered", "accountable")
TASK_COLUMNS = ["no", "touchpoint_id", "stage", "touchpoint", "customer_cares", "importance",
                "performance", "R", "A", "C", "I", "indicators", "covered",
                "covered_by_customer", "gap", "rank", "is_moment", "uncovered_moment"]
SHOWN_COLUMNS = ("no", "stage", "touchpoint", "importance", "performance", "departments",
                 "indicators")


# --- task ---------------------------------------------------------------------------------------


def task(engagement, policy: dict, lang: str = "") -> pd.DataFrame:
    """The journey as participants work on it (columns ``TASK_COLUMNS``), one row per
    touchpoint in journey order, numbered from 1. ``lang`` names a template journey's
    touchpoints (empty: the engagement's language)."""
    result = value_chain_module.run(engagement, policy, lang or engagement.language)
    return task_of(result)


def task_of(result) -> pd.DataFrame:
    """:func:`task` from a :class:`helpers.value_chain.ValueChainResult`."""
    journey = result.journey
    frame = journey[["touchpoint_id", "stage", "touchpoint", "customer_cares", "importance",
                     "performance", *LETTERS]].copy()
    touchpoints = result.coverage.touchpoints.set_index("touchpoint_id")
    frame["indicators"] = frame["touchpoint_id"].map(touchpoints["indicators"]).map(as_list)
    moments = result.moments.set_index("touchpoint_id")
    for column in ("covered", "covered_by_customer", "gap", "rank", "is_moment",
                   "uncovered_moment"):
        frame[column] = frame["touchpoint_id"].map(moments[column]).to_list()
    for letter in LETTERS:
        frame[letter] = frame[letter].map(as_list)
    frame.insert(0, "no", range(1, len(frame) + 1))
    return frame[TASK_COLUMNS].reset_index(drop=True)


def task_table(task: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What participants see: number, stage, touchpoint, importance, performance, departments
    with their RACI letters and the current indicators covering the touchpoint."""
    shown = task.assign(
        departments=[raci_text(row, lang) for _, row in task.iterrows()],
        indicators=[_indicators_text(v, lang) for v in task["indicators"]])
    return shown[list(SHOWN_COLUMNS)].rename(columns={c: header(c, lang)
                                                      for c in SHOWN_COLUMNS})


def rule_text(policy: dict, lang: str) -> str:
    """The policy's rule for a moment of truth in one sentence, shown above the task."""
    rule = policy["value_chain"]["moments_of_truth"]
    return i18n.t(f"{EXERCISE}.rule", lang, top=rule["top"], min_gap=f"{rule['min_gap']:g}")


def header(column: str, lang: str) -> str:
    """A localized column header ("no" is stored as ``number``: YAML reads a bare ``no`` key as
    false)."""
    return i18n.t(f"{EXERCISE}.col.{'number' if column == 'no' else column}", lang)


def raci_text(row: pd.Series, lang: str) -> str:
    """"R 客户服务中心、研发产品部 · A 客户成功部 · C 交付实施部" (letters without a department
    left out)."""
    separator = i18n.t(f"{EXERCISE}.separator", lang)
    return " · ".join(f"{letter} {separator.join(row[letter])}" for letter in LETTERS
                      if row[letter])


def _indicators_text(indicators: list[str], lang: str) -> str:
    if not indicators:
        return i18n.t(f"{EXERCISE}.none", lang)
    return i18n.t(f"{EXERCISE}.separator", lang).join(indicators)


# --- solution -----------------------------------------------------------------------------------


def accountable_choices(row: pd.Series) -> tuple[list[str], str]:
    """The departments accepted as Accountable and the letter they hold: the journey's A, or,
    when it names none, its R departments (METHOD §3: "if none, A is R")."""
    if row["A"]:
        return list(row["A"]), "A"
    return list(row["R"]), "R"


def solution(engagement, policy: dict, lang: str = "") -> dict:
    """The answer the checker accepts: the uncovered moments of truth (touchpoint numbers) and
    for each the Accountable department."""
    return solution_of(task(engagement, policy, lang))


def solution_of(task: pd.DataFrame) -> dict:
    """:func:`solution` for an already built task."""
    expected = task[task["uncovered_moment"]]
    accountable = {int(row["no"]): accountable_choices(row)[0][0]
                   for _, row in expected.iterrows() if accountable_choices(row)[0]}
    return {"uncovered": [int(n) for n in expected["no"]], "accountable": accountable}


def solution_table(task: pd.DataFrame, lang: str) -> pd.DataFrame:
    """For facilitators: every moment of truth, uncovered ones first, with its gap and rank,
    whether it belongs in the answer, the Accountable department and a one-line reason."""
    moments = task[task["is_moment"]].sort_values(["uncovered_moment", "rank", "no"],
                                                  ascending=[False, True, True])
    yes, no = i18n.t(f"{EXERCISE}.yes", lang), i18n.t(f"{EXERCISE}.no_answer", lang)
    return pd.DataFrame({
        header("no", lang): moments["no"].to_list(),
        header("touchpoint", lang): moments["touchpoint"].to_list(),
        header("gap", lang): moments["gap"].to_list(),
        header("rank", lang): moments["rank"].to_list(),
        header("in_answer", lang): [yes if u else no for u in moments["uncovered_moment"]],
        header("accountable", lang): [_accountable_text(row, lang)
                                      for _, row in moments.iterrows()],
        header("reason", lang): [_reason(row, lang) for _, row in moments.iterrows()],
    })


def _accountable_text(row: pd.Series, lang: str) -> str:
    if not row["uncovered_moment"]:
        return ""
    choices, letter = accountable_choices(row)
    return f"{i18n.t(f'{EXERCISE}.separator', lang).join(choices)} ({letter})"


def _reason(row: pd.Series, lang: str) -> str:
    facts = _facts(row, lang)
    if row["uncovered_moment"]:
        return i18n.t(f"{EXERCISE}.reason.uncovered", lang, **facts)
    return i18n.t(f"{EXERCISE}.reason.covered", lang, **facts)


# --- reading the answer -------------------------------------------------------------------------


def _resolve(item, task: pd.DataFrame) -> int | None:
    """The touchpoint number an answer item means (a number, numeric text or a name)."""
    return answers.row_number(item, task, "touchpoint", department_key)


def _read(answer, task: pd.DataFrame, lang: str) -> tuple[list[int], dict[int, str],
                                                          list[Note]]:
    """The picked touchpoint numbers (with repeats), the accountable departments by
    touchpoint number and notes on whatever could not be read."""
    notes: list[Note] = []
    if not isinstance(answer, dict):
        return [], {}, [_note("mistake", _typed(answer), "not_a_mapping", lang)]
    for key in answer:
        if key not in ANSWER_KEYS:
            notes.append(_note("mistake", _typed(key), "unknown_key", lang,
                               allowed=", ".join(ANSWER_KEYS)))
    picked = _read_picks(answer.get("uncovered", []), task, lang, notes)
    accountable = _read_accountable(answer.get("accountable", {}), task, lang, notes)
    return picked, accountable, notes


def _read_picks(items, task: pd.DataFrame, lang: str, notes: list[Note]) -> list[int]:
    if not isinstance(items, list | tuple | set):
        notes.append(_note("mistake", _typed(items), "not_a_list", lang))
        return []
    picked = []
    for item in items:
        number = _resolve(item, task)
        if number is None:
            notes.append(_note("mistake", _typed(item), "unknown_item", lang, n=len(task)))
        else:
            picked.append(number)
    return picked


def _read_accountable(given, task: pd.DataFrame, lang: str,
                      notes: list[Note]) -> dict[int, str]:
    if not isinstance(given, dict):
        notes.append(_note("mistake", _typed(given), "not_a_dict", lang))
        return {}
    accountable = {}
    for key, department in given.items():
        number = _resolve(key, task)
        if number is None:
            notes.append(_note("mistake", _typed(key), "unknown_item", lang, n=len(task)))
        elif not isinstance(department, str) or not department.strip():
            notes.append(_note("mistake", _typed(department), "bad_department", lang))
        else:
            accountable[number] = department.strip()
    return accountable


# --- checking -----------------------------------------------------------------------------------


def check(answer, engagement, policy: dict, lang: str) -> Feedback:
    """Feedback on a team's answer: one note per touchpoint picked or missed and per
    accountable department."""
    return grade(answer, task(engagement, policy, lang), policy, lang)


def grade(answer, task: pd.DataFrame, policy: dict, lang: str) -> Feedback:
    """:func:`check` for an already built task."""
    picked, accountable, notes = _read(answer, task, lang)
    expected = task[task["uncovered_moment"]]
    feedback = Feedback(exercise=EXERCISE, lang=lang, out_of=2 * len(expected))
    if not picked and not accountable and not notes:
        rule = policy["value_chain"]["moments_of_truth"]
        feedback.notes.append(_note("missing", "", "empty", lang, top=rule["top"],
                                    min_gap=f"{rule['min_gap']:g}"))
        return feedback
    by_no = task.set_index("no", drop=False)
    notes += _pick_notes(picked, by_no, policy, lang)
    notes += [_note("missing", _subject(row), "missing_pick", lang, **_facts(row, lang))
              for _, row in expected.iterrows() if int(row["no"]) not in picked]
    notes += _accountable_notes(accountable, by_no, lang)
    feedback.notes = notes
    feedback.score = sum(n.verdict == "correct" for n in notes)
    return feedback


def _pick_notes(picked: list[int], by_no: pd.DataFrame, policy: dict,
                lang: str) -> list[Note]:
    notes = []
    for number in dict.fromkeys(picked):
        row = by_no.loc[number]
        notes.append(_pick_note(row, by_no, policy, lang))
        if picked.count(number) > 1:
            notes.append(_note("mistake", _subject(row), "listed_twice", lang,
                               times=picked.count(number)))
    return notes


def _pick_note(row: pd.Series, task: pd.DataFrame, policy: dict, lang: str) -> Note:
    """Right, or why not: covered (by which indicators) or not a moment of truth (its gap
    against the policy's rule)."""
    facts, subject = _facts(row, lang), _subject(row)
    if row["uncovered_moment"]:
        return _note("correct", subject, "correct_pick", lang, **facts)
    if row["is_moment"]:
        message = "covered_moment" if row["covered_by_customer"] else "covered_moment_internal"
        return _note("mistake", subject, message, lang, **facts)
    if not row["covered"]:
        rule = policy["value_chain"]["moments_of_truth"]
        cutoff = task.loc[task["is_moment"], "gap"].min()
        return _note("mistake", subject, "not_a_moment", lang, top=rule["top"],
                     min_gap=f"{rule['min_gap']:g}", cutoff=_number(cutoff), **facts)
    return _note("mistake", subject, "covered_not_moment", lang, **facts)


def _accountable_notes(accountable: dict[int, str], by_no: pd.DataFrame,
                       lang: str) -> list[Note]:
    notes = []
    for number, row in by_no[by_no["uncovered_moment"]].iterrows():
        department = accountable.get(int(number))
        if department is None:
            notes.append(_note("missing", f"{_subject(row)} → A", "accountable_missing", lang))
        else:
            notes.append(_accountable_note(row, department, lang))
    notes += [_note("hint", f"{_subject(by_no.loc[n])} → {d}", "accountable_extra", lang)
              for n, d in accountable.items() if not by_no.loc[n, "uncovered_moment"]]
    return notes


def _accountable_note(row: pd.Series, department: str, lang: str) -> Note:
    """Right when the department holds A (or R when the journey names no A); otherwise say
    which letter it holds."""
    choices, letter = accountable_choices(row)
    separator = i18n.t(f"{EXERCISE}.separator", lang)
    facts = {"department": department, "accountable": separator.join(choices),
             "responsible": separator.join(row["R"]) or separator.join(choices)}
    subject = f"{_subject(row)} → {department}"
    if department_key(department) in {department_key(c) for c in choices}:
        message = "accountable_right" if letter == "A" else "accountable_from_r"
        return _note("correct", subject, message, lang, **facts)
    held = _letter_of(row, department)
    if held == "R":
        return _note("mistake", subject, "responsible_not_accountable", lang, **facts)
    if held in ("C", "I"):
        return _note("mistake", subject, "consulted_not_accountable", lang, letter=held,
                     role=i18n.t(f"{EXERCISE}.role.{held}", lang), **facts)
    return _note("mistake", subject, "unknown_department", lang, **facts)


def _letter_of(row: pd.Series, department: str) -> str | None:
    """The strongest RACI letter the department holds at the touchpoint (A, R, C, I)."""
    key = department_key(department)
    for letter in ("A", "R", "C", "I"):
        if key in {department_key(d) for d in row[letter]}:
            return letter
    return None


# --- wording ------------------------------------------------------------------------------------


def _facts(row: pd.Series, lang: str) -> dict:
    return {"importance": rating(row["importance"], lang),
            "performance": rating(row["performance"], lang), "gap": _number(row["gap"]),
            "rank": int(row["rank"]), "indicators": _indicators_text(row["indicators"], lang)}


def _number(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{float(value):g}"


def _subject(row: pd.Series) -> str:
    return f"{row['no']}. {row['touchpoint']}"


def _typed(value) -> str:
    """What the participant typed, as they would recognise it."""
    return repr(value) if not isinstance(value, str) else f'"{value}"'


def _note(verdict: str, subject: str, message: str, lang: str, /, **params) -> Note:
    """A note whose text is the catalog's ``note.<message>``, always formatted (so ``{{`` in
    an example reads as one brace even without parameters)."""
    text = i18n.catalog(lang)[f"{EXERCISE}.note.{message}"].format(**params)
    return Note(verdict, subject, text)
