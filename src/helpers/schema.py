"""The input schema (``templates/inputs/tables.yaml``, ``profile.yaml``) as Python objects.

Used by the loader, by ``orient template`` and ``orient new``, and by the docs test, so the
alias table is written once, as data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from helpers import paths, yamlio

LIST_SEPARATORS = re.compile(r"[、,，;；/／\n]+")


def normalise_header(text: str) -> str:
    """Header text reduced for matching: NFKC, case-folded, no spaces/underscores/hyphens,
    no trailing unit in brackets such as "(%)" or "（%）"."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = re.sub(r"\((%|％|pts?|points?)\)$", "", text.strip())
    return re.sub(r"[\s_\-]+", "", text)


def normalise_choice(text: str) -> str:
    """Choice text reduced for matching (NFKC, case-folded, inner spaces collapsed)."""
    return " ".join(unicodedata.normalize("NFKC", str(text)).casefold().split())


@dataclass(frozen=True)
class Column:
    """One column of an input table."""

    name: str
    type: str
    required: bool
    zh: str
    en: str
    aliases: tuple[str, ...]
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    note_zh: str = ""
    note_en: str = ""

    def matches(self, header: str) -> bool:
        """Whether a client's header names this column (aliases, canonical name, labels)."""
        wanted = {normalise_header(a) for a in (*self.aliases, self.name, self.zh, self.en)}
        return normalise_header(header) in wanted

    def choice_code(self, value: str) -> str | None:
        """The code of a choice value given as code or any accepted spelling, else None."""
        wanted = normalise_choice(value)
        for code, spellings in self.choices.items():
            if wanted in {normalise_choice(s) for s in (code, *spellings)}:
                return code
        return None

    def label(self, lang: str) -> str:
        """Header in the report language."""
        return self.zh if lang == "zh" else self.en

    def note(self, lang: str) -> str:
        """What the column holds, in one sentence (header notes, docs)."""
        return self.note_zh if lang == "zh" else self.note_en


@dataclass(frozen=True)
class Table:
    """One input table: a CSV file or a workbook sheet."""

    name: str
    label_zh: str
    label_en: str
    required: bool
    columns: dict[str, Column]
    unique: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()

    def file_stems(self) -> tuple[str, ...]:
        """Accepted file/sheet names (English code first, then the Chinese label)."""
        return (self.name, self.label_zh)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


@cache
def tables() -> dict[str, Table]:
    """All input tables in the order of ``tables.yaml``."""
    raw = _load(paths.INPUT_SCHEMA)["tables"]
    return {name: _table(name, spec) for name, spec in raw.items()}


@cache
def answers() -> dict:
    """Accepted survey answers (high/medium/low spellings and the numeric scale maximum)."""
    return _load(paths.INPUT_SCHEMA)["answers"]


@cache
def profile_fields() -> dict[str, dict]:
    """Fields of engagement.yaml with their types, labels and choices."""
    return _load(paths.PROFILE_SCHEMA)["fields"]


def _table(name: str, spec: dict) -> Table:
    columns = {
        col: Column(
            name=col,
            type=c["type"],
            required=bool(c.get("required", False)),
            zh=c["zh"],
            en=c["en"],
            aliases=tuple(str(a) for a in c.get("aliases", ())),
            choices={k: tuple(str(s) for s in v) for k, v in c.get("choices", {}).items()},
            note_zh=c.get("note_zh", ""),
            note_en=c.get("note_en", ""),
        )
        for col, c in spec["columns"].items()
    }
    return Table(
        name=name,
        label_zh=spec["label_zh"],
        label_en=spec["label_en"],
        required=bool(spec.get("required", False)),
        columns=columns,
        unique=tuple(spec.get("unique", ())),
        one_of=tuple(spec.get("one_of", ())),
    )


def _load(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yamlio.load(handle)


def split_list(text: str) -> list[str]:
    """Split a list cell ("销售部、客户成功部") into stripped, non-empty items."""
    return [item.strip() for item in LIST_SEPARATORS.split(str(text)) if item.strip()]


TYPE_WORDS = {
    "text": "text",
    "number": "number (95% reads as 95)",
    "weight": "weight: 30, 30% or 0.3 (one way per file)",
    "score15": "rating 1–5",
    "count": "whole number ≥ 0",
    "choice": "one of the listed values",
    "list": "names separated by 、 , ; / or line breaks",
    "answer": "高/中/低 (high/medium/low) or 1–7",
}


def reference_markdown() -> str:
    """The input-format reference (docs/input-format.md), generated from the schema so the
    documented alias table cannot drift from the loader's."""
    lines = [
        "# Input format: tables, columns and accepted header names",
        "",
        "<!-- Generated by `make docs` from templates/inputs/tables.yaml; do not edit. -->",
        "",
        "Each table is `inputs/<table>.csv` (or the Chinese file name) or a sheet of "
        "`inputs/workbook.xlsx` named like the table. Headers are matched ignoring case, "
        "spaces, underscores, hyphens, full-width brackets and a trailing unit such as `(%)`. "
        "CSV files may be UTF-8, UTF-8 with BOM or GBK. Rows are numbered as a spreadsheet "
        "shows them (header = row 1) in every message.",
        "",
    ]
    for table in tables().values():
        status = "required" if table.required else "optional"
        lines += [f"## `{table.name}` — {table.label_zh} / {table.label_en} ({status})", ""]
        if table.unique:
            lines += [f"One row per {' + '.join(table.unique)}.", ""]
        if table.one_of:
            lines += [f"Each row needs at least one of {' / '.join(table.one_of)}.", ""]
        lines += ["| column | 中文表头 | English header | holds | type | required "
                  "| also accepted |", "|---|---|---|---|---|---|---|"]
        for col in table.columns.values():
            accepted = ", ".join(f"`{a}`" for a in col.aliases if a not in (col.zh, col.en))
            kind = TYPE_WORDS[col.type]
            if col.choices:
                kind += ": " + "; ".join(f"`{code}` ({' / '.join(spellings)})"
                                         for code, spellings in col.choices.items())
            lines.append(f"| `{col.name}` | {col.zh} | {col.en} | {col.note_en} | {kind} | "
                         f"{'yes' if col.required else ''} | {accepted} |")
        lines.append("")
    lines += ["## `engagement.yaml`", "",
              "| key | 中文 | English | type | required | accepted values |",
              "|---|---|---|---|---|---|"]
    for key, spec in profile_fields().items():
        values = "; ".join(f"`{code}` ({' / '.join(map(str, spellings))})"
                           for code, spellings in spec.get("choices", {}).items())
        lines.append(f"| `{key}` | {spec['zh']} | {spec['en']} | {spec['type']} | "
                     f"{'yes' if spec.get('required') else ''} | {values} |")
    return "\n".join(lines) + "\n"
