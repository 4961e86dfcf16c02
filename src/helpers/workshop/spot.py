"""Workshop exercise 1: spot the internal-oriented indicators in current scorecards (METHOD §1
"Orientation of an indicator", §2 diagnosis; seed 000 §2).

Participants see the current indicators of two or three units of the sample and place each one
under an orientation. The key is the diagnosis's own classification
(:func:`helpers.diagnosis.scorecard.build`), keeping only rows whose orientation is
authoritative: matched by name or alias to a KPI-library card, or fixed by the consultant
(``decisions/classification.csv`` or the input's orientation column). The checker explains each
mistake with the library card: its orientation and definition, and for an activity count the
customer-felt indicator the card says balances it (``balanced_by``).

The answer participants type::

    answer = {"customer": [1, 4], "business": [2], "internal": [3], "capability": [],
              "risk": []}

Row numbers (``no``) or indicator names are accepted.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers import decisions, i18n
from helpers import library as library_module
from helpers.diagnosis import scorecard as scorecard_module
from helpers.errors import InputError, Problem
from helpers.workshop import answers
from helpers.workshop.feedback import Feedback, Note

EXERCISE = "workshop_spot"
ORIENTATIONS = ("customer", "business", "internal", "capability", "risk")
#: How a row must have been matched for its orientation to serve as the answer key.
AUTHORITATIVE = ("library", "override")
#: Separator of "<unit> · <position>" in the ``units`` choice (as in ``kpi_pool.selection``).
POSITION_SEPARATOR = " · "
#: The sample's default choice: a whole customer-service unit and one sales position.
DEFAULT_UNITS = ("客户服务中心", "销售部 · 区域销售经理")
TASK_COLUMNS = ["no", "unit", "position", "indicator", "definition", "orientation",
                "matched_by", "library_id", "kind", "rows"]
SHOWN_COLUMNS = ("no", "unit", "position", "indicator", "definition")


# --- task ---------------------------------------------------------------------------------------


def task(engagement, policy: dict, lang: str = "zh",
         units: Iterable[str] | None = None) -> pd.DataFrame:
    """The indicators to classify (columns ``TASK_COLUMNS``), one row per distinct indicator of
    the chosen ``units``; an entry is a unit ("客户服务中心") or one position of it
    ("销售部 · 区域销售经理"). ``lang`` is accepted for the exercises' common shape; the frame
    itself does not depend on it."""
    del lang
    decided = decisions.read_classification(engagement.path)
    classified = scorecard_module.build(engagement, policy, decided)
    wanted = [units] if isinstance(units, str) else list(units or DEFAULT_UNITS)
    chosen = _chosen_rows(classified, wanted,
                          engagement.sources.get("current_kpis", ""))
    sound = chosen[chosen["matched_by"].isin(AUTHORITATIVE)
                   & chosen["orientation"].isin(ORIENTATIONS)]
    return _one_row_per_indicator(sound)


def _chosen_rows(classified: pd.DataFrame, units: list[str], source: str) -> pd.DataFrame:
    keys = classified["unit"] + POSITION_SEPARATOR + classified["position"]
    known = set(classified["unit"]) | set(keys)
    unknown = [u for u in units if u not in known]
    if unknown:
        examples = "、".join(list(dict.fromkeys(classified["unit"]))[:4])
        raise InputError([Problem(source, "workshop_spot_unknown_unit",
                                  params={"found": "、".join(unknown), "examples": examples})])
    picked = classified[classified["unit"].isin(units) | keys.isin(units)].copy()
    picked["row"] = picked.index
    return picked


def _one_row_per_indicator(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows sharing an indicator name become one; names the key classifies two ways are left
    out (the key must be sound)."""
    definitions = rows["definition"].where(rows["definition"].notna(), "")
    grouped = rows.assign(definition=definitions).groupby("indicator", sort=False)
    frame = grouped.agg(
        unit=("unit", _joined), position=("position", _joined),
        definition=("definition", lambda v: next((d for d in v if d), "")),
        orientation=("orientation", "first"), n_orientations=("orientation", "nunique"),
        matched_by=("matched_by", "first"), library_id=("library_id", "first"),
        kind=("kind", "first"), rows=("row", lambda v: [int(r) for r in v]),
    ).reset_index()
    frame = frame[frame["n_orientations"] == 1].reset_index(drop=True)
    frame["library_id"] = frame["library_id"].where(frame["library_id"].notna(), None)
    frame.insert(0, "no", range(1, len(frame) + 1))
    return frame[TASK_COLUMNS]


def _joined(values: pd.Series) -> str:
    return "、".join(dict.fromkeys(str(v) for v in values))


def task_table(task: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What participants see: number, unit, position, indicator and the client's definition —
    not the orientation."""
    return task[list(SHOWN_COLUMNS)].rename(columns={c: header(c, lang) for c in SHOWN_COLUMNS})


def header(column: str, lang: str) -> str:
    """A localized column header ("no" is stored as ``number``: YAML reads a bare ``no`` key as
    false)."""
    return i18n.t(f"{EXERCISE}.col.{'number' if column == 'no' else column}", lang)


# --- solution -----------------------------------------------------------------------------------


def solution(engagement, policy: dict, units: Iterable[str] | None = None) -> dict[str, list]:
    """The answer the checker accepts: every orientation code → the row numbers it holds."""
    return solution_of(task(engagement, policy, units=units))


def solution_of(task: pd.DataFrame) -> dict[str, list[int]]:
    """:func:`solution` for an already built task."""
    return {code: [int(n) for n in task.loc[task["orientation"] == code, "no"]]
            for code in ORIENTATIONS}


def solution_table(task: pd.DataFrame, lang: str) -> pd.DataFrame:
    """For facilitators: each row's orientation and a one-line reason (the library card or
    the consultant's decision)."""
    reasons = [_evidence(row, lang) for _, row in task.iterrows()]
    return pd.DataFrame({
        header("no", lang): task["no"],
        header("indicator", lang): task["indicator"],
        header("orientation", lang): [label(o, lang) for o in task["orientation"]],
        header("reason", lang): reasons,
    })


def label(code: str, lang: str) -> str:
    """Display name of an orientation code (客户价值 / customer value, …), as the diagnosis
    chapter writes it."""
    return i18n.t(f"diagnosis.orientation.{code}", lang)


# --- reading the answer -------------------------------------------------------------------------


def _resolve(item, task: pd.DataFrame) -> int | None:
    """The row number an answer item means (a number, a numeric text or an indicator name)."""
    return answers.row_number(item, task, "indicator", library_module.normalise)


def _code_of(key) -> str | None:
    """An orientation code from an answer key: the code itself or its label in zh or en."""
    if not isinstance(key, str):
        return None
    wanted = key.strip().casefold()
    for code in ORIENTATIONS:
        if wanted in {code, *(label(code, lang).casefold() for lang in i18n.LANGUAGES)}:
            return code
    return None


def _placements(answer, task: pd.DataFrame, lang: str) -> tuple[dict[int, list[str]],
                                                                list[Note]]:
    """Row number → the orientation codes it was placed under (in answer order), and notes
    on whatever could not be read."""
    placed: dict[int, list[str]] = {}
    notes: list[Note] = []
    if not isinstance(answer, dict):
        notes.append(_note("mistake", _typed(answer), "not_a_mapping", lang))
        return placed, notes
    for key, items in answer.items():
        code = _code_of(key)
        if code is None:
            notes.append(_note("mistake", _typed(key), "unknown_key", lang,
                               allowed=", ".join(ORIENTATIONS)))
            continue
        if not isinstance(items, list | tuple | set):
            notes.append(_note("mistake", _typed(items), "not_a_list", lang, key=key))
            continue
        for item in items:
            number = _resolve(item, task)
            if number is None:
                notes.append(_note("mistake", _typed(item), "unknown_item", lang,
                                   n=len(task)))
            else:
                placed.setdefault(number, []).append(code)
    return placed, notes


def as_classification(answer, task: pd.DataFrame) -> dict[str, str]:
    """Indicator name → orientation code as the team placed it, for
    :func:`helpers.workshop.answers.save_classification`. Items that name no row are left out;
    a row placed twice keeps its first placement."""
    placed, _ = _placements(answer, task, "en")
    names = task.set_index("no")["indicator"]
    return {names[no]: codes[0] for no, codes in sorted(placed.items())}


# --- checking -----------------------------------------------------------------------------------


def check(answer, engagement, policy: dict, lang: str,
          units: Iterable[str] | None = None) -> Feedback:
    """Feedback on a team's answer: one note per row, the internal-indicator count first."""
    return grade(answer, task(engagement, policy, lang, units=units), lang)


def grade(answer, task: pd.DataFrame, lang: str) -> Feedback:
    """:func:`check` for an already built task."""
    placed, notes = _placements(answer, task, lang)
    feedback = Feedback(exercise=EXERCISE, lang=lang, out_of=len(task))
    if not placed and not notes:
        feedback.notes.append(_note("missing", "", "empty", lang, n=len(task)))
        return feedback
    rows = [_row_note(row, placed.get(int(row["no"]), []), lang)
            for _, row in task.iterrows()]
    feedback.score = sum(n.verdict == "correct" for n in rows)
    feedback.notes = [_internal_headline(task, placed, lang), *notes, *rows]
    return feedback


def _internal_headline(task: pd.DataFrame, placed: dict[int, list[str]], lang: str) -> Note:
    """The exercise's main goal: how many internal-oriented indicators were spotted."""
    truth = set(task.loc[task["orientation"] == "internal", "no"].astype(int))
    marked = {no for no, codes in placed.items() if codes == ["internal"]}
    return _note("hint", "", "internal_count", lang, found=len(truth & marked),
                 total=len(truth), wrong=len(marked - truth))


def _row_note(row: pd.Series, codes: list[str], lang: str) -> Note:
    subject = f"{row['no']}. {row['indicator']}"
    truth = row["orientation"]
    facts = {"indicator": row["indicator"], "evidence": _evidence(row, lang),
             "truth": label(truth, lang)}
    if not codes:
        return _note("missing", subject, "missing", lang, **facts)
    if len(codes) > 1:
        if len(set(codes)) == 1:
            return _note("mistake", subject, "listed_twice", lang, times=len(codes),
                         placed=label(codes[0], lang))
        placed = i18n.t(f"{EXERCISE}.separator", lang).join(
            label(c, lang) for c in dict.fromkeys(codes))
        return _note("mistake", subject, "placed_twice", lang, placed=placed)
    if codes[0] == truth:
        return _note("correct", subject, "correct", lang, **facts)
    return _mistake(row, codes[0], subject, facts, lang)


def _mistake(row: pd.Series, placed: str, subject: str, facts: dict, lang: str) -> Note:
    """The specific explanation of a common confusion, else the general one."""
    truth = row["orientation"]
    facts = facts | {"placed": label(placed, lang)}
    if truth == "internal" and placed == "customer":
        felt = _customer_counterpart(row["library_id"])
        if felt is not None:
            return _note("mistake", subject, "activity_as_customer", lang,
                         felt=felt[f"name_{lang}"],
                         felt_definition=felt[f"definition_{lang}"].rstrip("。."), **facts)
        return _note("mistake", subject, "activity_as_customer_plain", lang, **facts)
    if truth == "business" and placed == "customer":
        return _note("mistake", subject, "money_as_customer", lang, **facts)
    if truth == "customer" and placed == "internal":
        return _note("mistake", subject, "outcome_as_internal", lang, **facts)
    return _note("mistake", subject, "wrong", lang, **facts)


def _customer_counterpart(library_id) -> dict | None:
    """The first customer-oriented card that the library says balances this one: what the
    customer feels where the indicator counts effort (library field ``balanced_by``)."""
    if not isinstance(library_id, str):
        return None
    lib = library_module.load()
    for other in lib.cards.at[library_id, "balanced_by"]:
        if other in lib.cards.index and lib.cards.at[other, "orientation"] == "customer":
            return lib.card(other)
    return None


def _evidence(row: pd.Series, lang: str) -> str:
    """Where the key comes from, in one sentence: the library card (name, orientation,
    definition) or the consultant's decision with the client's own definition."""
    library_id = row["library_id"]
    if isinstance(library_id, str):
        card = library_module.load().card(library_id)
        return i18n.t(f"{EXERCISE}.evidence.library", lang, card=card[f"name_{lang}"],
                      orientation=label(card["orientation"], lang),
                      definition=card[f"definition_{lang}"])
    definition = row["definition"] or i18n.t(f"{EXERCISE}.no_definition", lang)
    return i18n.t(f"{EXERCISE}.evidence.decision", lang,
                  orientation=label(row["orientation"], lang), definition=definition)


def _typed(value) -> str:
    """What the participant typed, as they would recognise it."""
    return repr(value) if not isinstance(value, str) else f'"{value}"'


def _note(verdict: str, subject: str, message: str, lang: str, /, **params) -> Note:
    """A note whose text is the catalog's ``note.<message>``, always formatted (so ``{{`` in
    an example reads as one brace even without parameters)."""
    text = i18n.catalog(lang)[f"{EXERCISE}.note.{message}"].format(**params)
    return Note(verdict, subject, text)
