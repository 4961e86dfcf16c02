"""Load and validate an engagement folder (DESIGN §3–4).

``load(path)`` reads ``engagement.yaml`` and the input tables (CSV files or one
``workbook.xlsx``), maps Chinese or English headers to canonical column names through the
alias table ``templates/inputs/tables.yaml``, parses every cell, and checks keys and
cross-table references. All problems are collected in one pass; if any is an error,
:class:`helpers.errors.InputError` is raised with the whole list. Odd but legal values become
warnings on the returned :class:`Engagement`, and the conventions detected (encoding, weight
convention) become notes, shown in the intake chapter.

Inside the kit, tables are trusted: canonical columns, typed values, and a DataFrame index
named ``row`` holding the row number the client sees in the file.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import yaml

from helpers import schema
from helpers.errors import InputError, Problem
from helpers.readers import RawTable, column_letter, read_csv, read_workbook
from helpers.schema import Column, Table

ENGAGEMENT_FILE = "engagement.yaml"
WORKBOOK = "workbook.xlsx"


class ColumnRef(NamedTuple):
    """Where a canonical column sits in the client's file: its header and column letter."""

    header: str
    letter: str


@dataclass
class Engagement:
    """A validated engagement: profile, canonical tables and what was noticed on the way."""

    path: Path
    profile: dict
    tables: dict[str, pd.DataFrame]
    sources: dict[str, str]
    headers: dict[str, dict[str, ColumnRef]]
    notes: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Folder name of the engagement (used for ``build/<name>/``)."""
        return self.path.name

    @property
    def language(self) -> str:
        return self.profile["language"]

    def client(self, lang: str | None = None) -> str:
        """Client name in the report language (English name when given, else as written)."""
        if (lang or self.language) == "en" and self.profile.get("client_en"):
            return self.profile["client_en"]
        return self.profile["client"]

    def has(self, table: str) -> bool:
        """Whether the engagement provides a table with at least one row."""
        return table in self.tables and not self.tables[table].empty

    def table(self, name: str) -> pd.DataFrame:
        """A table, or an empty frame with its canonical columns when not provided."""
        if name in self.tables:
            return self.tables[name]
        return pd.DataFrame(columns=list(schema.tables()[name].columns)).rename_axis("row")

    def hashes(self) -> dict[str, str]:
        """SHA-256 of every input file, keyed by path relative to the engagement."""
        return {
            str(f.relative_to(self.path)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in self.files
        }


@dataclass
class Validation:
    """Result of validating a folder: the engagement (when readable) and every problem."""

    engagement: Engagement | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def load(path: str | Path, lang: str | None = None) -> Engagement:
    """Load a validated engagement, or raise InputError listing every problem found."""
    result = validate(path)
    if not result.ok:
        raise InputError(result.problems, lang=lang or _guess_language(result))
    return result.engagement


def _guess_language(result: Validation) -> str:
    if result.engagement is not None:
        return result.engagement.language
    return "zh"


def validate(path: str | Path) -> Validation:
    """Validate an engagement folder without raising; collects errors, warnings, notes."""
    folder = Path(path)
    problems: list[Problem] = []
    if not (folder / ENGAGEMENT_FILE).is_file():
        problems.append(Problem(str(folder), "no_engagement_file", {"file": ENGAGEMENT_FILE}))
        return Validation(None, problems)
    profile = _load_profile(folder / ENGAGEMENT_FILE, problems)
    raw_tables, sources, files = _read_inputs(folder, problems)
    tables, headers = {}, {}
    for name, spec in schema.tables().items():
        raw = raw_tables.get(name)
        if raw is None:
            if spec.required and name not in sources:
                problems.append(_missing_table(spec))
            continue
        frame, header_map = _parse_table(spec, raw, problems)
        if frame is not None:
            tables[name], headers[name] = frame, header_map
    _check_references(tables, sources, headers, problems)
    problems = _in_reading_order(problems)
    engagement = None
    if profile is not None:
        engagement = Engagement(
            path=folder.resolve(),
            profile=profile,
            tables=tables,
            sources=sources,
            headers=headers,
            notes=[p for p in problems if p.severity == "note"],
            warnings=[p for p in problems if p.severity == "warning"],
            files=[folder / ENGAGEMENT_FILE, *files],
        )
    return Validation(engagement, problems)


def _in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Sort by file (in the order files were read), sheet, then row; stable otherwise."""
    order = {}
    for problem in problems:
        order.setdefault((problem.file, problem.sheet), len(order))
    return sorted(problems, key=lambda p: (order[(p.file, p.sheet)], p.row or 0))


# --- engagement.yaml --------------------------------------------------------------------


def _load_profile(path: Path, problems: list[Problem]) -> dict | None:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))  # clearer messages than C
    except UnicodeDecodeError:
        problems.append(Problem(ENGAGEMENT_FILE, "yaml_encoding"))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(
            Problem(
                ENGAGEMENT_FILE,
                "yaml_syntax",
                {"detail": getattr(error, "problem", None) or str(error)},
                row=mark.line + 1 if mark else None,
            )
        )
        return None
    if not isinstance(raw, dict):
        problems.append(Problem(ENGAGEMENT_FILE, "yaml_not_mapping"))
        return None
    profile = {}
    fields = schema.profile_fields()
    for key, spec in fields.items():
        value = raw.get(key)
        if value is None or value == "":
            if spec.get("required"):
                problems.append(Problem(ENGAGEMENT_FILE, "profile_missing", {"key": key}))
            continue
        parsed = _profile_value(key, spec, value, problems)
        if parsed is not None:
            profile[key] = parsed
    _check_policy(profile, problems)
    for key in raw:
        if key not in fields:
            problems.append(
                Problem(ENGAGEMENT_FILE, "profile_unknown_key", {"key": key}, severity="warning")
            )
    return profile


def _check_policy(profile: dict, problems: list[Problem]) -> None:
    """The named policy must exist and every override must name an existing policy key."""
    from helpers import paths, policy

    name = profile.get("policy", "default")
    known = sorted(p.stem for p in paths.POLICIES.glob("*.yaml"))
    if name not in known:
        problems.append(Problem(ENGAGEMENT_FILE, "profile_policy",
                                {"found": name, "known": ", ".join(known)}))
        return
    base = policy.load(name)
    for dotted in _unknown_keys(profile.get("policy_overrides") or {}, base):
        problems.append(Problem(ENGAGEMENT_FILE, "profile_policy_key",
                                {"key": dotted, "policy": name}))


def _unknown_keys(overrides: dict, base: dict, prefix: str = "") -> list[str]:
    unknown = []
    for key, value in overrides.items():
        if not isinstance(base, dict) or key not in base:
            unknown.append(f"{prefix}{key}")
        elif isinstance(value, dict):
            unknown += _unknown_keys(value, base[key], f"{prefix}{key}.")
    return unknown


def _profile_value(key: str, spec: dict, value, problems: list[Problem]):
    kind = spec["type"]
    if kind == "choice":
        column = Column(key, kind, False, "", "", (), _choices(spec))
        code = column.choice_code(str(value))
        if code is None:
            problems.append(_profile_choice_problem(key, value, spec))
        return code
    if kind == "list":
        column = Column(key, kind, False, "", "", (), _choices(spec))
        items = value if isinstance(value, list) else schema.split_list(value)
        codes = []
        for item in items:
            code = column.choice_code(str(item))
            if code is None:
                problems.append(_profile_choice_problem(key, item, spec))
            else:
                codes.append(code)
        return codes
    if kind == "textlist":
        return [str(v) for v in value] if isinstance(value, list) else schema.split_list(value)
    if kind == "bool":
        if not isinstance(value, bool):
            problems.append(Problem(ENGAGEMENT_FILE, "profile_bool", {"key": key, "found": value}))
            return None
        return value
    if kind == "count":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems.append(Problem(ENGAGEMENT_FILE, "profile_count", {"key": key, "found": value}))
            return None
        return value
    if kind == "mapping":
        if not isinstance(value, dict):
            problems.append(Problem(ENGAGEMENT_FILE, "profile_mapping", {"key": key}))
            return None
        return {str(k): v for k, v in value.items()}
    return str(value).strip()


def _choices(spec: dict) -> dict[str, tuple[str, ...]]:
    return {code: tuple(map(str, spellings)) for code, spellings in spec["choices"].items()}


def _profile_choice_problem(key, value, spec) -> Problem:
    allowed = ", ".join(spec["choices"])
    params = {"key": key, "found": value, "allowed": allowed}
    return Problem(ENGAGEMENT_FILE, "profile_choice", params)


# --- locating input files ---------------------------------------------------------------


def _read_inputs(folder: Path, problems: list[Problem]):
    """Raw tables keyed by canonical table name, their display sources and the files read."""
    inputs = folder / "inputs"
    if not inputs.is_dir():
        problems.append(Problem("inputs/", "no_inputs_folder"))
        return {}, {}, []
    workbook = inputs / WORKBOOK
    csv_files = sorted(inputs.glob("*.csv"))
    if workbook.exists() and csv_files:
        problems.append(
            Problem("inputs/", "both_formats", {"csv": ", ".join(p.name for p in csv_files)})
        )
    if workbook.exists():
        return _tables_from_workbook(workbook, problems)
    return _tables_from_csv(csv_files, problems)


def _tables_from_workbook(workbook: Path, problems: list[Problem]):
    display = f"inputs/{WORKBOOK}"
    sheets = read_workbook(workbook, display, problems)
    raw, sources = {}, {}
    for name, spec in schema.tables().items():
        for sheet_name in spec.file_stems():
            if sheet_name in sheets:
                raw[name] = sheets.pop(sheet_name)
                sources[name] = f"{display} › {sheet_name}"
                break
    for sheet_name in sheets:
        if sheet_name.casefold() not in {"readme", "说明"}:
            problems.append(
                Problem(display, "unknown_sheet", {"sheet": sheet_name}, severity="warning")
            )
    return raw, sources, [workbook]


def _tables_from_csv(csv_files: list[Path], problems: list[Problem]):
    by_stem = {p.stem: p for p in csv_files}
    raw, sources, used = {}, {}, []
    for name, spec in schema.tables().items():
        for stem in spec.file_stems():
            if stem in by_stem:
                path = by_stem.pop(stem)
                display = f"inputs/{path.name}"
                table = read_csv(path, display, problems)
                used.append(path)
                sources[name] = display
                if table is not None:
                    raw[name], sources[name] = table, display
                    problems.append(Problem(display, "note_encoding",
                                            {"encoding": table.encoding}, severity="note"))
                break
    for path in by_stem.values():
        problems.append(
            Problem(f"inputs/{path.name}", "unknown_file", {"file": path.name}, severity="warning")
        )
    return raw, sources, used


def _missing_table(spec: Table) -> Problem:
    return Problem(
        "inputs/",
        "missing_table",
        {"table": spec.name, "label": spec.label_zh, "workbook": WORKBOOK},
    )


# --- one table --------------------------------------------------------------------------


def _parse_table(spec: Table, raw: RawTable, problems: list[Problem]):
    """Map headers, parse every cell, check keys. Returns (frame or None, header map)."""
    where = {"file": raw.file, "sheet": raw.sheet}
    if not raw.header:
        problems.append(Problem(**where, code="empty_table", params={"table": spec.name}))
        return None, {}
    positions = _map_headers(spec, raw, problems)
    if positions is None:
        return None, {}
    if not raw.rows:
        if spec.required:
            problems.append(Problem(**where, code="no_rows", params={"table": spec.name}))
        return None, {}
    records, rows = [], []
    for row_number, cells in raw.rows:
        record = {}
        for name, index in positions.items():
            cell = cells[index] if index < len(cells) else None
            record[name] = _parse_cell(spec.columns[name], cell, raw, row_number, index, problems)
        records.append(record)
        rows.append(row_number)
    frame = pd.DataFrame.from_records(records, columns=list(positions))
    frame.index = pd.Index(rows, name="row")
    for name in spec.columns:
        if name not in frame:
            frame[name] = None
    frame = frame[list(spec.columns)]
    if any(c.type == "weight" for c in spec.columns.values()):
        frame = _apply_weight_convention(spec, frame, raw, positions, problems)
    _check_unique(spec, frame, raw, problems)
    _check_one_of(spec, frame, raw, problems)
    headers = {name: ColumnRef(raw.header[index], column_letter(index))
               for name, index in positions.items()}
    return frame, headers


def _map_headers(spec: Table, raw: RawTable, problems: list[Problem]) -> dict[str, int] | None:
    """Canonical column → 0-based position. Reports duplicates, unknown and missing headers."""
    positions: dict[str, int] = {}
    ok = True
    for index, header in enumerate(raw.header):
        if not header:
            continue
        match = next((c for c in spec.columns.values() if c.matches(header)), None)
        place = {"file": raw.file, "sheet": raw.sheet, "row": raw.header_row,
                 "column": header, "letter": column_letter(index)}
        if match is None:
            problems.append(Problem(**place, code="unknown_column", severity="warning"))
        elif match.name in positions:
            first = raw.header[positions[match.name]]
            problems.append(Problem(**place, code="duplicate_column",
                                    params={"first": first, "canonical": match.name}))
            ok = False
        else:
            positions[match.name] = index
    for column in spec.columns.values():
        if column.required and column.name not in positions:
            aliases = " / ".join(dict.fromkeys((column.zh, column.en, *column.aliases[:4])))
            problems.append(Problem(raw.file, "missing_column", sheet=raw.sheet,
                                    row=raw.header_row,
                                    params={"canonical": column.name, "aliases": aliases}))
            ok = False
    return positions if ok else None


_MISSING = object()


def _parse_cell(column: Column, cell, raw: RawTable, row: int, index: int, problems):
    """Parse one cell by its column type; on failure record a problem and return None."""
    if cell is None or str(cell).strip() == "":
        if column.required:
            _cell_problem(problems, raw, row, index, "required_empty", {})
        return None
    parser = _PARSERS[column.type]
    try:
        return parser(column, cell)
    except ValueError as error:
        code, params = error.args
        _cell_problem(problems, raw, row, index, code, {"found": _shown(cell), **params})
        return None


def _cell_problem(problems, raw, row, index, code, params):
    problems.append(Problem(raw.file, code, params, sheet=raw.sheet, row=row,
                            column=raw.header[index], letter=column_letter(index)))


def _shown(cell) -> str:
    text = str(cell).strip()
    return text if len(text) <= 40 else text[:37] + "..."


_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?%?$")


def parse_number(cell) -> tuple[float, bool]:
    """A number from a cell: returns (value, written_with_percent_sign).

    Accepts full-width digits, thousands separators and a trailing % (95% → 95.0).
    """
    if isinstance(cell, bool):
        raise ValueError("not_a_number", {})
    if isinstance(cell, (int, float)):
        if not math.isfinite(cell):
            raise ValueError("not_a_number", {})
        return float(cell), False
    text = unicodedata.normalize("NFKC", str(cell)).strip()
    if "," in text:
        if not _THOUSANDS.match(text):
            raise ValueError("not_a_number", {})
        text = text.replace(",", "")
    percent = text.endswith("%")
    if percent:
        text = text[:-1].strip()
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not_a_number", {}) from None
    if not math.isfinite(value):
        raise ValueError("not_a_number", {})
    return value, percent


def _text(column: Column, cell) -> str:
    return str(cell).strip()


def _number(column: Column, cell) -> float:
    return parse_number(cell)[0]


def _weight(column: Column, cell) -> tuple[float, bool, str]:
    value, percent = parse_number(cell)
    if value < 0 or value > 100:
        raise ValueError("weight_range", {})
    return value, percent, _shown(cell)


def _score15(column: Column, cell) -> float:
    value, _ = parse_number(cell)
    if not 1 <= value <= 5:
        raise ValueError("score_range", {"low": 1, "high": 5})
    return value


def _count(column: Column, cell) -> int:
    value, _ = parse_number(cell)
    if value < 0 or value != int(value):
        raise ValueError("not_a_count", {})
    return int(value)


def _choice(column: Column, cell) -> str:
    code = column.choice_code(str(cell))
    if code is None:
        spelled = " / ".join(f"{s[0]} ({c})" if s else c for c, s in column.choices.items())
        raise ValueError("not_a_choice", {"allowed": spelled})
    return code


def _list(column: Column, cell) -> list[str]:
    return schema.split_list(cell)


def _answer(column: Column, cell) -> str:
    accepted = schema.answers()
    wanted = schema.normalise_choice(str(cell))
    for code in ("high", "medium", "low"):
        if wanted in {schema.normalise_choice(s) for s in accepted[code]}:
            return code
    try:
        value, _ = parse_number(cell)
    except ValueError:
        value = None
    if value is not None and value == int(value) and 1 <= value <= accepted["scale_max"]:
        return str(int(value))
    raise ValueError("not_an_answer", {"high": accepted["scale_max"]})


_PARSERS = {
    "text": _text,
    "number": _number,
    "weight": _weight,
    "score15": _score15,
    "count": _count,
    "choice": _choice,
    "list": _list,
    "answer": _answer,
}


# --- table-level checks -----------------------------------------------------------------


def _apply_weight_convention(spec, frame, raw, positions, problems) -> pd.DataFrame:
    """Detect 30 / 30% / 0.3 once per file and convert weights to points of 100.

    Rows written in a different style from the majority are errors (weight_mixed)."""
    name = next(c.name for c in spec.columns.values() if c.type == "weight")
    parsed = frame[name].dropna()
    values = frame[name].map(lambda v: v[0] if isinstance(v, tuple) else None)
    if parsed.empty:
        frame[name] = values
        return frame
    styles = parsed.map(_weight_style)
    neutral = styles.isin(["zero", "one"])
    counts = styles[~neutral].value_counts()
    if len(counts) > 1:
        majority = counts.index[0]
        for row in styles.index[~neutral & (styles != majority)]:
            _cell_problem(problems, raw, int(row), positions[name], "weight_mixed",
                          {"found": parsed[row][2]})
        frame[name] = values
        return frame
    convention = counts.index[0] if len(counts) else (
        "fraction" if (styles == "one").any() else "points")
    frame[name] = values * (100.0 if convention == "fraction" else 1.0)
    problems.append(Problem(raw.file, f"note_weights_{convention}", sheet=raw.sheet,
                            severity="note"))
    return frame


def _weight_style(parsed: tuple[float, bool, str]) -> str:
    """How a weight was written: with a % sign, as a fraction (0 < w <= 1) or as points.

    Zero fits every style, and a plain 1 fits both fractions (100 %) and points (1 point).
    Excel stores a cell typed as 30% as the number 0.3, so a column mixing 0.3 and 70 is
    caught as two styles."""
    value, percent, _ = parsed
    if percent:
        return "percent"
    if value == 0:
        return "zero"
    if value == 1:
        return "one"
    return "fraction" if value <= 1 else "points"


def _check_unique(spec: Table, frame: pd.DataFrame, raw: RawTable, problems) -> None:
    keys = [k for k in spec.unique if k in frame]
    if not keys:
        return
    key_frame = frame[keys].astype(str)
    duplicated = key_frame.duplicated(keep=False)
    for _, group in key_frame[duplicated].groupby(keys, sort=False):
        rows = [int(r) for r in group.index]
        values = " / ".join(v for v in group.iloc[0] if v not in ("None", "nan"))
        problems.append(Problem(raw.file, "duplicate_key", sheet=raw.sheet, row=rows[1],
                                params={"key": " + ".join(keys), "values": values,
                                        "first": rows[0]}))


def _check_one_of(spec: Table, frame: pd.DataFrame, raw: RawTable, problems) -> None:
    if not spec.one_of:
        return
    present = frame[list(spec.one_of)].notna()
    for row in frame.index[~present.any(axis=1)]:
        problems.append(Problem(raw.file, "one_of_missing", sheet=raw.sheet, row=int(row),
                                params={"columns": " / ".join(spec.one_of)}))


def _check_references(tables: dict[str, pd.DataFrame], sources: dict[str, str],
                      headers: dict[str, dict[str, ColumnRef]], problems) -> None:
    """Employees referenced by actuals and outcomes must exist in the employees table."""
    if "employees" not in tables:
        return
    known = set(tables["employees"]["employee_id"].dropna())
    for name in ("actuals", "outcomes"):
        frame = tables.get(name)
        if frame is None:
            continue
        file, sheet = _split_source(sources[name])
        unknown = frame.loc[frame["employee_id"].notna() & ~frame["employee_id"].isin(known)]
        for employee, group in unknown.groupby("employee_id", sort=False):
            problems.append(Problem(file, "unknown_employee", sheet=sheet, row=int(group.index[0]),
                                    **_column_of(headers, name, "employee_id"),
                                    params={"found": employee, "count": len(group)}))
    kpis = tables.get("current_kpis")
    if kpis is not None:
        positions = set(kpis["position"].dropna())
        employees = tables["employees"]
        file, sheet = _split_source(sources["employees"])
        known_position = employees["position"].isin(positions)
        orphans = employees.loc[employees["position"].notna() & ~known_position]
        for position, group in orphans.groupby("position", sort=False):
            problems.append(Problem(file, "position_without_scorecard", sheet=sheet,
                                    row=int(group.index[0]),
                                    **_column_of(headers, "employees", "position"),
                                    params={"found": position, "count": len(group)},
                                    severity="warning"))


def _column_of(headers, table: str, column: str) -> dict:
    ref = headers[table][column]
    return {"column": ref.header, "letter": ref.letter}


def _split_source(source: str) -> tuple[str, str | None]:
    file, _, sheet = source.partition(" › ")
    return file, sheet or None
