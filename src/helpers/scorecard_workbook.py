"""The client's scorecard workbook: the proposed scorecards with live Excel formulas (issue 9).

What a client keeps after the engagement is a workbook they can run every quarter without
Python. :func:`build` turns stage 04's weights into an ``openpyxl.Workbook``:

- *One sheet per position* (title cell "unit · position"). At the top, the indicator cards:
  name, weight, the scoring rule in words, target / threshold / stretch, the rule's parameters
  (floor and cap, p_B and p_X, points per unit or event, bonus cap, veto variant), unit,
  polarity, data source, period and key; banded indicators get their band table below. Then the
  entry table: one row per employee of the position (employee id, name, team, period) plus
  empty rows for new staff, an ACTUAL and a TARGET input cell per indicator (the target
  prefilled from the employee's latest actuals row), and formula cells: each item's points, the
  measured weight, the veto fired (when the position has veto items), the total and the grade.
- *A library sheet*: the cards used (id, names, definition, formula, unit, polarity, data
  source, period, rule, parameters).
- *A policy sheet*: grade bands, the ratio floor and cap, p_B and p_X, points per unit at a
  zero target, the total cap, the score an S needs and the grade a veto caps at. Every formula
  reads these cells (and the card cells), so a client who changes a band changes every grade.
  Positions left out (no weights within policy) are listed there.

The formulas implement :mod:`helpers.scoring.rules` as the pilot scores a scheme
(:mod:`helpers.scoring.pilot`; METHOD §7, §9). Notation: A actual, T target, W weight, B
threshold, X stretch, d points per unit or event; the parameters come from the card
(:func:`helpers.weighting.evidence.item_rule`) or, where the card gives none, the policy.

- *Not measured*: a blank ACTUAL, or a TARGET the rule cannot use (ratio with T ≤ 0, mixed-sign,
  interpolation or banded with T = 0, a target rule without T). The measured weighted items'
  weights are rescaled to 100: W' = W·100/ΣW_measured. A row with nothing measured has no total.
- *Ratio* r = A/T; *lower is better* r = 1 − (A − T)/|T|, at T = 0 the deduction form
  r = 1 − d·A/W' (A ≤ 0 → 1 when W' = 0); *mixed sign* r = 1 + (A − T)/|T|; each then
  0 when r < floor, else min(r, cap). Points = W'·fraction.
- *Threshold / target / stretch*: B = T − (1 − p_B)·|T|, X = T + (p_X − 1)·|T| (the pilot gives
  no B or X, so they sit where the ratio method pays p_B and p_X); A < B → 0, B ≤ A < T →
  p_B + (A − B)/(T − B)·(1 − p_B), T ≤ A < X → 1 + (A − T)/(X − T)·(p_X − 1), A ≥ X → p_X.
- *Banded*: attainment A/T (A without a target), the fraction of the highest band whose minimum
  it reaches (``MATCH(…, 1)``), 0 below the first band.
- *Deduction* with W > 0: points = max(0, W' − d·n); with W = 0 (outside the 100): −d·n,
  at most the bonus cap when one is given. *Addition* (outside the 100): min(cap, max(0, b·n)).
  A count rule reads the ACTUAL cell as the count.
- *Veto*: fired when the count is > 0; the strongest fired variant by policy
  ``scoring.veto_precedence`` (fixed when the workbook is written): total_zero sets the total to
  0, grade_cap caps the grade at the policy sheet's veto grade, grade_demote lowers it one step.
  item_zero needs a scored row to zero, which a veto card is not (the engine refuses it), so it
  has no effect here.
- *Total* = clip(Σ points + bonus − deductions, 0, total cap). *Grade*: the band with the
  highest minimum ≤ ROUND(total, 6) (:data:`helpers.scoring.grades.DIGITS`), the lowest below
  all; the top grade also needs a total ≥ the S minimum (METHOD §7 "S also requires score ≥
  target"), else the next grade; then the veto limit.

Every rule is implemented; none falls back. Formula cells are locked and each sheet is
protected without a password; input cells (entry rows, card weights, the parameters a card
gives, bands, policy values) are unlocked. A parameter the card leaves to the policy is a
locked formula reading the policy sheet, so it is changed there, for every card at once.
Client text is written with :func:`helpers.xlsx.set_text`, so a name starting with "=" stays
text.

Sources: METHOD §7 (rules and defaults, from seed 002 §二.4 and seed 003), §9 (pilot rescaling);
the Excel functions as documented by Microsoft ("MATCH function", "INDEX function", "IFERROR
function", support.microsoft.com); sheet-name limits from Microsoft, "Rename a worksheet"
(at most 31 characters, none of \\ / ? * : [ ]).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from helpers import i18n, library, xlsx
from helpers import policy as policy_files
from helpers.errors import InputError, Problem
from helpers.scoring import grades, pilot, rules
from helpers.weighting import evidence

PREFIX = "scorecard_workbook"
#: Empty entry rows below the position's staff, for new hires.
SPARE_ROWS = 20
#: Columns the weighting result must have.
REQUIRED = ("unit", "position", "key", "name_zh", "library_id", "weight")
#: Card block columns, in order (labels ``scorecard_workbook.col.<name>``).
CARD_COLUMNS = ("no", "indicator", "weight", "rule", "target", "threshold", "stretch", "floor",
                "cap", "p_b", "p_x", "per_unit", "bonus_cap", "veto", "unit", "polarity",
                "data_source", "period", "key")
#: Entry table: the employee columns before the indicators' ACTUAL / TARGET pairs.
EMPLOYEE_COLUMNS = ("employee_id", "name", "team", "entry_period")
TITLE_ROW, NOTE_ROW, CARD_LABEL_ROW, CARD_HEADER_ROW = 1, 2, 4, 5
LIBRARY_COLUMNS = ("id", "name_zh", "name_en", "definition", "formula", "unit", "polarity",
                   "data_source", "period", "rule", "params")
COUNT_RULES = ("deduction", "addition", "veto")
INVALID_TITLE_CHARACTERS = str.maketrans({c: "_" for c in "\\/?*:[]"})
MAX_TITLE = 31
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
FORMULA_FILL = PatternFill("solid", fgColor="EDEDED")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
UNLOCKED = Protection(locked=False)


@dataclass
class _Item:
    """One indicator of a position as the workbook scores it."""

    key: str
    library_id: str | None
    name: str             # in the workbook's language
    names: tuple          # (Chinese, English or None) as the weights give them
    rule: str
    weighted: bool
    weight: float
    params: dict
    polarity: str | None
    card: pd.Series | None
    row: int = 0          # card block row
    band_row: int = 0     # first of the two band rows (banded items)


@dataclass
class _Position:
    unit: str
    position: str
    items: list[_Item]
    staff: pd.DataFrame   # employee_id, name, team
    targets: dict         # (employee_id, key) → prefilled target


# --- public API -----------------------------------------------------------------------------


def build(engagement, policy: dict | None, weighting_result, lang: str, *,
          spare_rows: int = SPARE_ROWS) -> Workbook:
    """The scorecard workbook (module docstring): policy sheet, library sheet, one sheet per
    position with weights. Raises InputError when the weights lack a required column."""
    policy = policy if policy is not None else policy_files.load()
    i18n.catalog(lang)
    weights = _checked_weights(weighting_result.weights)
    scheme = pilot.proposed_scheme(weighting_result, pilot.current_scheme(engagement, policy))
    positions = _positions(engagement, scheme, weights, lang)
    book = Workbook()
    names = _Names(lang)
    refs = _fill_policy(book.active, names.policy, policy, _skipped(weights, scheme), lang)
    _fill_library(book.create_sheet(names.library), positions, lang)
    for position in positions:
        sheet = book.create_sheet(names.position(position.unit, position.position))
        _fill_position(sheet, position, refs, policy, lang, spare_rows)
    return book


def write(engagement, policy: dict | None, weighting_result, target: Path, lang: str) -> Path:
    """Build the workbook and save it to ``target`` atomically; returns the path."""
    book = build(engagement, policy, weighting_result, lang)
    return xlsx.save_atomically(book, Path(target))


# --- inputs -----------------------------------------------------------------------------------


def _checked_weights(weights: pd.DataFrame) -> pd.DataFrame:
    missing = [name for name in REQUIRED if name not in weights.columns]
    if missing:
        raise InputError([Problem("weighting", "scorecard_workbook_missing_columns",
                                  params={"columns": ", ".join(missing),
                                          "required": ", ".join(REQUIRED)})])
    return weights


def _skipped(weights: pd.DataFrame, scheme: pd.DataFrame) -> list[tuple[str, str]]:
    """Positions of the weights without a feasible solution (left out of the scheme)."""
    kept = set(zip(scheme["unit"], scheme["position"], strict=True))
    pairs = weights[["unit", "position"]].drop_duplicates()
    return [(u, p) for u, p in zip(pairs["unit"], pairs["position"], strict=True)
            if (u, p) not in kept]


def _positions(engagement, scheme: pd.DataFrame, weights: pd.DataFrame, lang: str,
               ) -> list[_Position]:
    english = _english_names(weights)
    targets = _latest_targets(engagement, scheme)
    employees = engagement.tables["employees"]
    found = []
    for (unit, position), rows in scheme.groupby(["unit", "position"], sort=False):
        items = [_item(row, english, lang) for _, row in rows.iterrows()]
        staff = employees[(employees["department"] == unit) & (employees["position"] == position)]
        staff = staff.assign(employee_id=staff["employee_id"].astype(str)).sort_values(
            "employee_id", kind="mergesort")
        found.append(_Position(str(unit), str(position), items,
                               staff.reindex(columns=["employee_id", "name", "team"]),
                               targets.get((unit, position), {})))
    return found


def _english_names(weights: pd.DataFrame) -> dict:
    if "name_en" not in weights.columns:
        return {}
    rows = weights.dropna(subset=["name_en"])
    return {(u, p, k): n for u, p, k, n in zip(rows["unit"], rows["position"], rows["key"],
                                               rows["name_en"], strict=True)}


def _item(row: pd.Series, english: dict, lang: str) -> _Item:
    """A scheme row with its rule, parameters (card, else ratio / lower_better by polarity)
    and, as the pilot does, weight 0 for rules outside the weighted 100."""
    rule, params = evidence.item_rule(row)
    cards = library.load().cards
    library_id = row["library_id"] if isinstance(row["library_id"], str) else None
    card = cards.loc[library_id] if library_id in cards.index else None
    weight = float(row["weight"]) if pd.notna(row["weight"]) else 0.0
    weighted = rule in rules.WEIGHTED_RULES or (rule == "deduction" and weight > 0)
    names = (str(row["name_zh"]), english.get((row["unit"], row["position"], row["key"])) or (
        card["name_en"] if card is not None else None))
    name = names[1] if lang == "en" and names[1] else names[0]
    polarity = row["polarity"] if isinstance(row["polarity"], str) else None
    return _Item(str(row["key"]), library_id, name, names, rule, weighted,
                 weight if weighted else 0.0, params, polarity, card)


def _latest_targets(engagement, scheme: pd.DataFrame) -> dict:
    """(unit, position) → {(employee_id, key): target of the latest period with a target},
    matching actuals to items by name as the pilot does (:func:`evidence.item_names`)."""
    names = scheme[["unit", "position", "key"]].assign(
        name=[evidence.item_names(row) for _, row in scheme.iterrows()]).explode("name")
    names = names.dropna(subset=["name"]).drop_duplicates(["unit", "position", "name"])
    employees = engagement.tables["employees"][["employee_id", "department", "position"]]
    actuals = engagement.tables["actuals"].merge(employees, on="employee_id", how="inner")
    actuals = actuals[pd.to_numeric(actuals["target"], errors="coerce").notna()]
    actuals = actuals.assign(name=actuals["indicator"].astype(str).map(library.normalise))
    joined = actuals.merge(names, left_on=["department", "position", "name"],
                           right_on=["unit", "position", "name"], how="inner")
    latest = joined.sort_values("period", kind="mergesort").drop_duplicates(
        ["employee_id", "key"], keep="last")
    found: dict = {}
    for (unit, position), rows in latest.groupby(["unit", "position"], sort=False):
        found[(unit, position)] = {
            (str(e), k): float(t) for e, k, t in zip(rows["employee_id"], rows["key"],
                                                      rows["target"], strict=True)}
    return found


# --- sheet names ------------------------------------------------------------------------------


class _Names:
    """Unique, Excel-safe sheet titles (≤ 31 characters, none of \\ / ? * : [ ])."""

    def __init__(self, lang: str):
        self.policy = _label("sheet.policy", lang)
        self.library = _label("sheet.library", lang)
        self.used = {self.policy.casefold(), self.library.casefold(), "history"}

    def position(self, unit: str, position: str) -> str:
        for candidate in (_safe_title(position), _safe_title(f"{unit}·{position}")):
            if candidate.casefold() not in self.used:
                return self._take(candidate)
        base = _safe_title(position)
        number = 2
        while True:
            suffix = f"~{number}"
            candidate = base[:MAX_TITLE - len(suffix)] + suffix
            if candidate.casefold() not in self.used:
                return self._take(candidate)
            number += 1

    def _take(self, title: str) -> str:
        self.used.add(title.casefold())
        return title


def _safe_title(text: str) -> str:
    """``text`` without the characters Excel refuses (and control characters), ≤ 31 long."""
    title = "".join(c for c in str(text).translate(INVALID_TITLE_CHARACTERS)
                    if unicodedata.category(c) != "Cc")
    return title.strip().strip("'")[:MAX_TITLE].strip().strip("'") or "_"


# --- cells ------------------------------------------------------------------------------------


def _label(key: str, lang: str, **params) -> str:
    return i18n.t(f"{PREFIX}.{key}", lang, **params)


def _ref(sheet_title: str, cell: str) -> str:
    """An absolute reference to ``cell`` on another sheet, the title always quoted."""
    return "'" + sheet_title.replace("'", "''") + "'!" + cell


def _absolute(column: int, row: int) -> str:
    return f"${get_column_letter(column)}${row}"


def _text(sheet, row: int, column: int, value, *, bold: bool = False) -> None:
    """A locked cell of text (client text stays text) or of a number."""
    cell = sheet.cell(row, column)
    xlsx.set_text(cell, value)
    if bold:
        cell.font = Font(bold=True)


def _input(sheet, row: int, column: int, value=None, *, text: bool = False) -> None:
    """An unlocked input cell (numbers as numbers; client text via set_text)."""
    cell = sheet.cell(row, column)
    if text:
        xlsx.set_text(cell, value)
    else:
        cell.value = value
    cell.protection = UNLOCKED
    cell.fill = INPUT_FILL


def _formula(sheet, row: int, column: int, formula: str, number_format: str = "0.00") -> None:
    """A locked formula cell."""
    cell = sheet.cell(row, column)
    cell.value = "=" + formula
    cell.fill = FORMULA_FILL
    cell.number_format = number_format


def _header(sheet, row: int, labels: list[str], first_column: int = 1) -> None:
    for offset, label in enumerate(labels):
        cell = sheet.cell(row, first_column + offset)
        xlsx.set_text(cell, label)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _quoted(text: str) -> str:
    """A string constant inside a formula."""
    return '"' + text.replace('"', '""') + '"'


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(number) else number


# --- policy sheet -----------------------------------------------------------------------------

#: Policy sheet parameters: (name, path in the policy's ``scoring`` section).
POLICY_VALUES = (
    ("floor", ("ratio", "floor")), ("cap", ("ratio", "cap")),
    ("p_b", ("interpolation", "p_b")), ("p_x", ("interpolation", "p_x")),
    ("points_per_unit", ("zero_target", "points_per_unit")), ("total_cap", ("total_cap",)),
    ("s_min", ("grades", "s_requires_score_at_least")),
    ("veto_cap_grade", ("grades", "veto_cap_grade")),
)


@dataclass
class _PolicyRefs:
    """References to the policy sheet's cells, as the position formulas use them."""

    cells: dict           # name → reference
    minima: str           # grade minima range (ascending)
    grades: str           # grade names range
    bands: int            # number of grade bands


def _fill_policy(sheet, title: str, policy: dict, skipped: list, lang: str) -> _PolicyRefs:
    sheet.title = title
    scoring = policy["scoring"]
    _text(sheet, 1, 1, _label("title.policy", lang), bold=True)
    _text(sheet, 2, 1, _label("note.policy", lang))
    _header(sheet, 4, [_label("col.grade", lang), _label("col.grade_min", lang)])
    bands = sorted(scoring["grades"]["absolute"], key=lambda band: band["min"])
    first = 5
    for row, band in enumerate(bands, start=first):
        _input(sheet, row, 1, str(band["grade"]), text=True)
        _input(sheet, row, 2, float(band["min"]))
    last = first + len(bands) - 1
    row = last + 2
    _header(sheet, row, [_label("col.parameter", lang), _label("col.value", lang),
                         _label("col.meaning", lang)])
    cells = {}
    for name, path in POLICY_VALUES:
        row += 1
        value = scoring
        for part in path:
            value = value[part]
        _text(sheet, row, 1, _label(f"policy.{name}", lang))
        _input(sheet, row, 2, value, text=isinstance(value, str))
        _text(sheet, row, 3, _label(f"policy.{name}_note", lang))
        cells[name] = _ref(title, _absolute(2, row))
    row += 1
    _text(sheet, row, 1, _label("policy.precedence", lang))
    precedence = [_label(f"veto.{v}", lang) for v in scoring["veto_precedence"]]
    _text(sheet, row, 2, " > ".join(precedence))
    _text(sheet, row, 3, _label("policy.precedence_note", lang))
    _fill_skipped(sheet, row + 2, skipped, lang)
    _finish(sheet, (14, 16, 70))
    return _PolicyRefs(cells, _ref(title, f"$B${first}:$B${last}"),
                       _ref(title, f"$A${first}:$A${last}"), len(bands))


def _fill_skipped(sheet, row: int, skipped: list, lang: str) -> None:
    _text(sheet, row, 1, _label("title.skipped", lang), bold=True)
    if not skipped:
        _text(sheet, row + 1, 1, _label("note.none_skipped", lang))
    for offset, (unit, position) in enumerate(skipped, start=1):
        _text(sheet, row + offset, 1, f"{unit} · {position}")


def _finish(sheet, widths: tuple) -> None:
    """Column widths, then protection on (input cells were unlocked one by one)."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False     # clients may still widen columns and rows
    sheet.protection.formatRows = False


# --- library sheet ----------------------------------------------------------------------------


def _fill_library(sheet, positions: list[_Position], lang: str) -> None:
    _text(sheet, 1, 1, _label("title.library", lang), bold=True)
    _header(sheet, 3, [_label(f"col.lib_{name}", lang) for name in LIBRARY_COLUMNS])
    seen: dict[str, _Item] = {}
    for item in (item for position in positions for item in position.items):
        seen.setdefault(item.library_id or item.key, item)
    vocabulary = library.load()
    for row, (identifier, item) in enumerate(seen.items(), start=4):
        for column, value in enumerate(_library_row(identifier, item, vocabulary, lang),
                                       start=1):
            _text(sheet, row, column, value)
            sheet.cell(row, column).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B4"
    _finish(sheet, (30, 18, 24, 50, 50, 8, 12, 30, 10, 18, 30))


def _library_row(identifier: str, item: _Item, vocabulary, lang: str) -> list:
    card = item.card
    rule = _rule_words(item, lang)
    params = json.dumps(item.params, ensure_ascii=False) if item.params else ""
    if card is None:
        return [identifier, item.names[0], item.names[1] or "", "", "", "",
                _polarity(item, vocabulary, lang), "", "", rule, params]
    return [identifier, card["name_zh"], card["name_en"], card[f"definition_{lang}"],
            library.formula_text(card["formula"], lang),
            _vocabulary(vocabulary, "unit", card["unit"], lang),
            _polarity(item, vocabulary, lang), card[f"data_source_{lang}"],
            _vocabulary(vocabulary, "period", card["period"], lang), rule, params]


def _vocabulary(vocabulary, name: str, code, lang: str) -> str:
    if not isinstance(code, str):
        return ""
    try:
        return vocabulary.label(name, code, lang)
    except KeyError:
        return code


def _polarity(item: _Item, vocabulary, lang: str) -> str:
    code = item.card["polarity"] if item.card is not None else item.polarity
    return _vocabulary(vocabulary, "polarity", code, lang)


def _rule_words(item: _Item, lang: str) -> str:
    name = "deduction_outside" if item.rule == "deduction" and not item.weighted else item.rule
    return _label(f"rule.{name}", lang)


# --- position sheet: cards --------------------------------------------------------------------


def _column(name: str) -> int:
    return CARD_COLUMNS.index(name) + 1


def _param(item: _Item, refs: _PolicyRefs, name: str, policy_name: str | None = None):
    """The card's parameter (a number), else the reference to the policy default (text)."""
    value = _number(item.params.get(name))
    if value is not None:
        return value
    if policy_name is None:
        return None
    return refs.cells[policy_name]


def _parameters(item: _Item, refs: _PolicyRefs) -> dict:
    """Card block parameter cells of one item by rule (numbers or policy references)."""
    rule = item.rule
    if rule in ("ratio", "lower_better", "mixed_sign"):
        found = {"floor": _param(item, refs, "floor", "floor"),
                 "cap": _param(item, refs, "cap", "cap")}
        if rule == "lower_better":
            found["per_unit"] = _param(item, refs, "points_per_unit", "points_per_unit")
        return found
    if rule == "threshold_target_stretch":
        return {"p_b": _param(item, refs, "p_b", "p_b"), "p_x": _param(item, refs, "p_x", "p_x")}
    if rule == "deduction":
        return {"per_unit": _param(item, refs, "points_per_event"), "bonus_cap": _cap(item)}
    if rule == "addition":
        return {"per_unit": _param(item, refs, "points_per_unit"), "bonus_cap": _cap(item)}
    return {}


def _cap(item: _Item) -> float | None:
    """The bonus or deduction cap: ``bonus_cap``, else the card's ``cap`` (engine)."""
    found = _number(item.params.get("bonus_cap"))
    return found if found is not None else _number(item.params.get("cap"))


def _fill_cards(sheet, position: _Position, refs: _PolicyRefs, lang: str) -> int:
    """The card block and band tables; returns the first free row."""
    _text(sheet, CARD_LABEL_ROW, 1, _label("title.cards", lang), bold=True)
    _header(sheet, CARD_HEADER_ROW, [_label(f"col.{name}", lang) for name in CARD_COLUMNS])
    vocabulary = library.load()
    for number, item in enumerate(position.items, start=1):
        item.row = CARD_HEADER_ROW + number
        _fill_card(sheet, item, number, refs, vocabulary, lang)
    row = CARD_HEADER_ROW + len(position.items) + 2
    banded = [item for item in position.items if item.rule == "banded"]
    if banded:
        _text(sheet, row, 1, _label("title.bands", lang), bold=True)
        row += 1
        for item in banded:
            row = _fill_bands(sheet, item, row, lang)
        row += 1
    return row


def _fill_card(sheet, item: _Item, number: int, refs: _PolicyRefs, vocabulary,
               lang: str) -> None:
    row, card = item.row, item.card
    is_tts = item.rule == "threshold_target_stretch"
    texts = {
        "no": number, "indicator": item.name, "rule": _rule_words(item, lang),
        "target": _label(f"target.{_target_kind(item.rule)}", lang),
        "threshold": _label("words.threshold_tts", lang) if is_tts else "—",
        "stretch": _label("words.stretch_tts", lang) if is_tts else "—",
        "veto": _label(f"veto.{item.params.get('variant')}", lang)
        if item.rule == "veto" else "",
        "unit": _vocabulary(vocabulary, "unit", card["unit"], lang) if card is not None else "",
        "polarity": _polarity(item, vocabulary, lang),
        "data_source": card[f"data_source_{lang}"] if card is not None else "",
        "period": _vocabulary(vocabulary, "period", card["period"], lang)
        if card is not None else "",
        "key": item.key,
    }
    for name, value in texts.items():
        _text(sheet, row, _column(name), value)
    _input(sheet, row, _column("weight"), item.weight)
    for name, value in _parameters(item, refs).items():
        if isinstance(value, str):      # a policy default: change it on the policy sheet
            _formula(sheet, row, _column(name), value, "General")
        else:
            _input(sheet, row, _column(name), value)


def _target_kind(rule: str) -> str:
    if rule in rules.TARGET_RULES:
        return "required"
    return "optional" if rule == "banded" else "none"


def _fill_bands(sheet, item: _Item, row: int, lang: str) -> int:
    """Two rows: attainment minima, then fractions of the weight; returns the next free row."""
    table = rules.band_table(item.params.get("bands"))
    _text(sheet, row, 2, _label("col.band_min", lang, indicator=item.name))
    _text(sheet, row + 1, 2, _label("col.band_fraction", lang))
    for offset, (minimum, fraction) in enumerate(table):
        _input(sheet, row, 3 + offset, float(minimum))
        _input(sheet, row + 1, 3 + offset, float(fraction))
    item.band_row = row
    return row + 2


# --- position sheet: entry table --------------------------------------------------------------


@dataclass
class _Row:
    """Cell addresses of one entry row."""

    actual: str
    target: str
    measured: str         # the ΣW_measured cell


def _fill_position(sheet, position: _Position, refs: _PolicyRefs, policy: dict, lang: str,
                   spare_rows: int) -> None:
    _text(sheet, TITLE_ROW, 1, f"{position.unit} · {position.position}", bold=True)
    sheet.cell(TITLE_ROW, 1).font = Font(bold=True, size=14)
    _text(sheet, NOTE_ROW, 1, _label("note.position", lang))
    header = _fill_cards(sheet, position, refs, lang)
    layout = _EntryLayout(position.items)
    _fill_entry_header(sheet, header, position, layout, lang)
    staff = list(position.staff.itertuples(index=False))
    for offset in range(len(staff) + spare_rows):
        row = header + 2 + offset
        person = staff[offset] if offset < len(staff) else None
        _fill_entry_row(sheet, row, person, position, layout, refs, policy, lang)
    widths = (12, 26, 10, 26, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 30, 10, 34)
    _finish(sheet, widths)
    for column in range(len(widths) + 1, layout.grade + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 11


class _EntryLayout:
    """Columns of the entry table: employee, (ACTUAL, TARGET) per item, points per item,
    measured weight, veto (when any veto item), total, grade."""

    def __init__(self, items: list[_Item]):
        first = len(EMPLOYEE_COLUMNS) + 1
        self.actual = [first + 2 * i for i in range(len(items))]
        self.target = [column + 1 for column in self.actual]
        points = first + 2 * len(items)
        self.points = [points + i for i in range(len(items))]
        self.measured = points + len(items)
        self.has_veto = any(item.rule == "veto" for item in items)
        self.veto = self.measured + 1 if self.has_veto else None
        self.total = self.measured + (2 if self.has_veto else 1)
        self.grade = self.total + 1


def _fill_entry_header(sheet, row: int, position: _Position, layout: _EntryLayout,
                       lang: str) -> None:
    _text(sheet, row - 1, 1, _label("title.entry", lang), bold=True)
    for item, column in zip(position.items, layout.actual, strict=True):
        _header(sheet, row, [item.name, ""], column)
        sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + 1)
    for item, column in zip(position.items, layout.points, strict=True):
        _header(sheet, row, [item.name], column)
    labels = [_label(f"col.{name}", lang) for name in EMPLOYEE_COLUMNS]
    labels += [_label(f"col.{name}", lang) for _ in position.items
               for name in ("actual", "target_input")]
    labels += [_label("col.points", lang)] * len(position.items)
    labels += [_label("col.measured_weight", lang)]
    labels += [_label("col.veto_fired", lang)] if layout.has_veto else []
    labels += [_label("col.total", lang), _label("col.grade", lang)]
    _header(sheet, row + 1, labels)


def _fill_entry_row(sheet, row: int, person, position: _Position, layout: _EntryLayout,
                    refs: _PolicyRefs, policy: dict, lang: str) -> None:
    employee_id = person.employee_id if person is not None else None
    values = ([person.employee_id, person.name, person.team, None] if person is not None
              else [None] * len(EMPLOYEE_COLUMNS))
    for column, value in enumerate(values, start=1):
        _input(sheet, row, column, None if _missing(value) else str(value), text=True)
    measured = _absolute(layout.measured, row).replace("$", "")
    cells = []
    for item, actual, target in zip(position.items, layout.actual, layout.target, strict=True):
        _input(sheet, row, actual)
        _input(sheet, row, target, position.targets.get((employee_id, item.key)))
        cells.append(_Row(f"{get_column_letter(actual)}{row}",
                          f"{get_column_letter(target)}{row}", measured))
    for item, cell, column in zip(position.items, cells, layout.points, strict=True):
        _formula(sheet, row, column, _points(item, cell, refs, lang), "0.00")
    _formula(sheet, row, layout.measured, _measured_weight(position.items, cells), "0.##")
    veto = None
    if layout.has_veto:
        veto = f"{get_column_letter(layout.veto)}{row}"
        _formula(sheet, row, layout.veto, _veto(position.items, layout, row, policy, lang),
                 "General")
    total = f"{get_column_letter(layout.total)}{row}"
    points = (f"{get_column_letter(layout.points[0])}{row}:"
              f"{get_column_letter(layout.points[-1])}{row}") if layout.points else "0"
    _formula(sheet, row, layout.total, _total(measured, points, veto, refs, lang))
    _formula(sheet, row, layout.grade, _grade(total, veto, refs, lang), "General")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


# --- formulas ---------------------------------------------------------------------------------


def _card(item: _Item, name: str) -> str:
    """Absolute reference to one of the item's card block cells."""
    return _absolute(_column(name), item.row)


def _is_measured(item: _Item, cell: _Row) -> str:
    """Whether the row's cells give the rule a usable actual (pilot ``_usable``)."""
    a, t = cell.actual, cell.target
    both = f"AND(ISNUMBER({a}),ISNUMBER({t}))"
    if item.rule in COUNT_RULES:
        return f"ISNUMBER({a})"
    if item.rule == "ratio":
        return f"IF({both},{t}>0,FALSE)"
    if item.rule == "lower_better":
        return both
    if item.rule == "banded":
        return f"IF(ISNUMBER({a}),IF(ISNUMBER({t}),{t}<>0,TRUE),FALSE)"
    return f"IF({both},{t}<>0,FALSE)"


def _rescaled(item: _Item, cell: _Row) -> str:
    """W' = W·100/ΣW_measured."""
    return f"({_card(item, 'weight')}*100/{cell.measured})"


def _floored(attainment: str, item: _Item) -> str:
    """0 below the floor, else min(r, cap) (rules ``_floored``)."""
    floor, cap = _card(item, "floor"), _card(item, "cap")
    return f"IF({attainment}<{floor},0,MIN({attainment},{cap}))"


def _fraction(item: _Item, cell: _Row) -> str:
    """The share of the weight a measured weighted item earns (rules.item_fraction)."""
    a, t = cell.actual, cell.target
    if item.rule == "ratio":
        return _floored(f"({a}/{t})", item)
    if item.rule == "mixed_sign":
        return _floored(f"(1+({a}-{t})/ABS({t}))", item)
    if item.rule == "lower_better":
        d, w = _card(item, "per_unit"), _card(item, "weight")
        zero = f"IF({w}>0,1-{d}*{a}/{_rescaled(item, cell)},IF({a}<=0,1,0))"
        return _floored(f"IF({t}=0,{zero},1-({a}-{t})/ABS({t}))", item)
    if item.rule == "threshold_target_stretch":
        return _interpolation(item, cell)
    if item.rule == "banded":
        return _banded(item, cell)
    msg = f"no fraction formula for rule {item.rule!r}"
    raise ValueError(msg)


def _interpolation(item: _Item, cell: _Row) -> str:
    """Threshold/target/stretch with B and X placed by p_B and p_X (rules
    ``interpolation_points``, higher is better as no B or X is given)."""
    a, t = cell.actual, cell.target
    pb, px = _card(item, "p_b"), _card(item, "p_x")
    below, above = f"(1-{pb})*ABS({t})", f"({px}-1)*ABS({t})"      # T − B and X − T
    b, x = f"({t}-{below})", f"({t}+{above})"
    rising = f"{pb}+IFERROR(({a}-{b})/({below}),0)*(1-{pb})"
    stretching = f"1+IFERROR(({a}-{t})/({above}),0)*({px}-1)"
    return f"IF({a}<{b},0,IF({a}<{t},{rising},IF({a}<{x},{stretching},{px})))"


def _banded(item: _Item, cell: _Row) -> str:
    a, t = cell.actual, cell.target
    width = len(rules.band_table(item.params.get("bands")))
    first, last = get_column_letter(3), get_column_letter(2 + width)
    minima = f"${first}${item.band_row}:${last}${item.band_row}"
    fractions = f"${first}${item.band_row + 1}:${last}${item.band_row + 1}"
    attainment = f"IF(ISNUMBER({t}),{a}/{t},{a})"
    return f"IFERROR(INDEX({fractions},MATCH({attainment},{minima},1)),0)"


def _points(item: _Item, cell: _Row, refs: _PolicyRefs, lang: str) -> str:
    """Points of one item: weighted points, bonus, −deducted points or the veto label."""
    measured = _is_measured(item, cell)
    a = cell.actual
    if item.rule == "veto":
        label = _quoted(_label(f"veto.{item.params.get('variant')}", lang))
        return f'IF(AND(ISNUMBER({a}),{a}>0),{label},"")'
    d, cap = _card(item, "per_unit"), _card(item, "bonus_cap")
    if item.rule == "addition":
        return f'IF({measured},MIN(MAX({d}*{a},0),{cap}),"")'
    if item.rule == "deduction" and not item.weighted:
        return f'IF({measured},-IF(ISNUMBER({cap}),MIN({d}*{a},{cap}),{d}*{a}),"")'
    if item.rule == "deduction":
        earned = f"MAX(0,{_rescaled(item, cell)}-{d}*{a})"
    else:
        earned = f"{_rescaled(item, cell)}*{_fraction(item, cell)}"
    return f'IF({measured},IF({cell.measured}>0,{earned},0),"")'


def _measured_weight(items: list[_Item], cells: list[_Row]) -> str:
    """ΣW of the measured weighted items."""
    parts = [f"IF({_is_measured(item, cell)},{_card(item, 'weight')},0)"
             for item, cell in zip(items, cells, strict=True) if item.weighted]
    return "+".join(parts) if parts else "0"


def _veto(items: list[_Item], layout: _EntryLayout, row: int, policy: dict, lang: str) -> str:
    """The strongest fired veto variant (policy ``scoring.veto_precedence``), as its label."""
    fired: dict[str, list[str]] = {}
    for item, column in zip(items, layout.points, strict=True):
        variant = item.params.get("variant")
        if item.rule == "veto" and variant != "item_zero":
            fired.setdefault(variant, []).append(f"{get_column_letter(column)}{row}")
    formula = '""'
    for variant in reversed(policy["scoring"]["veto_precedence"]):
        if variant in fired:
            label = _quoted(_label(f"veto.{variant}", lang))
            test = ",".join(f"{cell}={label}" for cell in fired[variant])
            formula = f"IF(OR({test}),{label},{formula})"
    return formula


def _total(measured: str, points: str, veto: str | None, refs: _PolicyRefs, lang: str) -> str:
    """clip(Σ points, 0, total cap); 0 under total_zero; blank with nothing measured."""
    capped = f"MIN(MAX(SUM({points}),0),{refs.cells['total_cap']})"
    if veto is not None:
        zero = _quoted(_label("veto.total_zero", lang))
        capped = f"IF({veto}={zero},0,{capped})"
    return f'IF({measured}>0,{capped},"")'


def _grade(total: str, veto: str | None, refs: _PolicyRefs, lang: str) -> str:
    """Band lookup on ROUND(total, DIGITS), the S rule, then the veto limit."""
    score = f"ROUND({total},{grades.DIGITS})"
    rank = f"IFERROR(MATCH({score},{refs.minima},1),1)"
    top = refs.bands
    if top >= 2:
        rank = f"IF(AND({rank}={top},{score}<{refs.cells['s_min']}),{top - 1},{rank})"
    if veto is not None:
        cap = _quoted(_label("veto.grade_cap", lang))
        demote = _quoted(_label("veto.grade_demote", lang))
        capped = f"MATCH({refs.cells['veto_cap_grade']},{refs.grades},0)"
        rank = (f"IF({veto}={cap},MIN({rank},{capped}),"
                f"IF({veto}={demote},MAX({rank}-1,1),{rank}))")
    return f'IF(ISNUMBER({total}),INDEX({refs.grades},{rank}),"")'
