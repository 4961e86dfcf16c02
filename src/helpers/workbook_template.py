"""An empty input workbook for clients (``orient template [--lang zh|en] FILE``, DESIGN §3).

The workbook has a README sheet (``说明`` in Chinese; the loader ignores it) and one sheet per
input table of ``templates/inputs/tables.yaml``, named by its code. Each sheet has the header
row in the chosen language (required columns in bold), a note on every header cell (what the
column holds, its type, whether it is required, the other accepted header names) and
drop-down lists or number checks where the loader expects a choice, a rating or a count.
Headers, choices and aliases come from the schema, so the template matches the loader.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from helpers import i18n, schema, xlsx
from helpers.schema import Column, Table
from helpers.xlsx import set_text

LAST_ROW = 1000
HEADER_FILL = "DDEBF7"
README_FILL = "FFF2CC"
COMMENT_AUTHOR = "Orient"
README_SHEET = {"zh": "说明", "en": "README"}

#: What each column holds, per table, as (Chinese, English).

TYPE_WORDS = {
    "zh": {
        "text": "文本", "number": "数字(可带 %)", "weight": "权重:30、30% 或 0.3,整列统一一种写法",
        "score15": "1–5 的评分", "count": "不小于 0 的整数", "choice": "选项",
        "list": "列表,多个名称用 、 , ; / 或换行分隔", "answer": "高/中/低 或 1–{scale_max} 的整数",
    },
    "en": {
        "text": "text", "number": "number (a % sign is allowed)",
        "weight": "weight: 30, 30% or 0.3, one way for the whole column",
        "score15": "rating 1–5", "count": "whole number >= 0", "choice": "choice",
        "list": "list: names separated by , ; / or a line break",
        "answer": "high/medium/low or a whole number 1–{scale_max}",
    },
}

WORDS = {
    "zh": {"type": "类型", "required": "必填", "optional": "选填", "aliases": "也可用列名",
           "choices": "可选值", "sheet": "工作表", "contents": "内容",
           "columns": "列(加粗为必填)", "need": "是否必填"},
    "en": {"type": "type", "required": "required", "optional": "optional",
           "aliases": "other accepted headers", "choices": "values",
           "sheet": "sheet", "contents": "contents", "columns": "columns (bold = required)",
           "need": "required?"},
}

README_LINES = {
    "zh": [
        "客户导向绩效:输入工作簿(由 `orient template` 生成)",
        "每个工作表对应一张输入表,第 1 行是表头,从第 2 行起填写数据。加粗的列为必填。",
        "把鼠标移到表头单元格上可看到该列的说明、类型和也可使用的列名;下拉框列出常用取值。",
        "工作表名请保持不变(也可改为中文表名,如 现行指标)。不需要的可选工作表可以留空或删除。",
        "权重可写 30、30% 或 0.3,同一工作表中统一一种写法;工具会识别并在报告中说明。",
        "本工作簿无需考虑文件编码;只有 CSV 文件才涉及编码(UTF-8、带 BOM 的 UTF-8 或 GBK)。",
        "填好后另存为项目文件夹中的 inputs/workbook.xlsx(不要同时保留 CSV 文件),"
        "再运行 `orient check <项目文件夹>` 检查。",
        "本“说明”工作表不会被读取。",
    ],
    "en": [
        "Customer-oriented performance design: input workbook (written by `orient template`)",
        "Each sheet is one input table: row 1 holds the headers, data starts in row 2. "
        "Bold columns are required.",
        "Hover over a header cell for what the column holds, its type and other accepted header "
        "names; drop-down lists offer the usual values.",
        "Keep the sheet names (the Chinese table names, such as 现行指标, work too). Optional "
        "sheets you do not need may stay empty or be deleted.",
        "Weights may be written as 30, 30% or 0.3, one way per sheet; the kit detects which and "
        "states it in the report.",
        "File encodings do not matter for this workbook; they only matter for CSV files "
        "(UTF-8, UTF-8 with BOM or GBK).",
        "Save it as inputs/workbook.xlsx in the engagement folder (without CSV files next to "
        "it), then run `orient check <engagement folder>`.",
        "This README sheet is not read.",
    ],
}


def write_input_template(path: Path, lang: str = "zh", *, overwrite: bool = False) -> Path:
    """Write an empty input workbook to ``path`` (atomically) and return its path.

    Raises FileExistsError when ``path`` exists and ``overwrite`` is False, and ValueError
    for an unsupported language or a file name that does not end in ``.xlsx``.
    """
    target = _checked_target(Path(path), lang, overwrite)
    book = build_workbook(lang)
    return xlsx.save_atomically(book, target)


def _checked_target(path: Path, lang: str, overwrite: bool) -> Path:
    """The resolved output path after checking language, suffix and overwrite."""
    if lang not in i18n.LANGUAGES:
        msg = f"language must be one of {', '.join(i18n.LANGUAGES)}; got {lang!r}"
        raise ValueError(msg)
    if path.suffix.lower() != ".xlsx":
        msg = f"{path} is not an .xlsx file name. Fix: name the file like workbook.xlsx."
        raise ValueError(msg)
    target = path.expanduser().resolve()
    if target.exists() and not overwrite:
        msg = (f"{target} already exists; refusing to overwrite it. "
               "Fix: choose another file name, or replace it with `orient template --force`.")
        raise FileExistsError(msg)
    return target


def build_workbook(lang: str = "zh"):
    """The template as an ``openpyxl.Workbook`` (README sheet first, then one per table)."""
    from openpyxl import Workbook

    book = Workbook()
    _fill_readme(book.active, lang)
    for table in schema.tables().values():
        _fill_table_sheet(book.create_sheet(table.name), table, lang)
    return book


# --- README sheet -----------------------------------------------------------------------


def _fill_readme(sheet, lang: str) -> None:
    """Title, general rules, then one row per table sheet with its columns."""
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.title = README_SHEET[lang]
    words = WORDS[lang]
    lines = README_LINES[lang]
    set_text(sheet.cell(1, 1), lines[0])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    for row, line in enumerate(lines[1:], start=3):
        set_text(sheet.cell(row, 1), f"• {line}")
    header_row = len(lines) + 3
    for col, text in enumerate((words["sheet"], words["contents"], words["need"],
                                words["columns"]), start=1):
        cell = sheet.cell(header_row, col)
        set_text(cell, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=README_FILL)
    for row, table in enumerate(schema.tables().values(), start=header_row + 1):
        values = (table.name, table.label(lang),
                  words["required"] if table.required else words["optional"],
                  _column_summary(table, lang))
        for col, text in enumerate(values, start=1):
            set_text(sheet.cell(row, col), text)
            sheet.cell(row, col).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (16, 20, 12, 90), strict=True):
        sheet.column_dimensions[letter].width = width


def _column_summary(table: Table, lang: str) -> str:
    """Column labels of a table: required ones first, each with its type."""
    words = WORDS[lang]
    sep = "、" if lang == "zh" else ", "
    required = sep.join(c.label(lang) for c in table.columns.values() if c.required)
    optional = sep.join(c.label(lang) for c in table.columns.values() if not c.required)
    text = f"{words['required']}: {required}"
    return f"{text}\n{words['optional']}: {optional}" if optional else text


# --- table sheets -----------------------------------------------------------------------


def _fill_table_sheet(sheet, table: Table, lang: str) -> None:
    """Header row with styles and notes, frozen; validations and widths per column."""
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns.values(), start=1):
        letter = get_column_letter(index)
        _write_header(sheet.cell(1, index), table, column, lang)
        sheet.column_dimensions[letter].width = column_width(column, lang)
        if column.type in ("text", "list"):
            sheet.column_dimensions[letter].number_format = "@"
        validation = column_validation(column, lang)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{LAST_ROW}")
    sheet.freeze_panes = "A2"


def _write_header(cell, table: Table, column: Column, lang: str) -> None:
    """The header label, bold when required, with its fill and explanatory note."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    set_text(cell, column.label(lang))
    cell.font = Font(bold=column.required)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(vertical="center")
    text = header_note(table, column, lang)
    note = Comment(text, COMMENT_AUTHOR)
    note.width = 320
    note.height = 40 + 18 * (text.count("\n") + 2)
    cell.comment = note


def header_note(table: Table, column: Column, lang: str) -> str:
    """Note on a header cell: contents, type, required or not, values, other headers."""
    words = WORDS[lang]
    zh, en = column.note_zh or column.zh, column.note_en or column.en
    need = words["required"] if column.required else words["optional"]
    kind = type_words(column.type, lang)
    if lang == "zh":
        colon, lines = ":", [zh, f"{words['type']}:{kind}({need})"]
    else:
        colon, lines = ": ", [en, f"{words['type']}: {kind} ({need})"]
    if column.choices:
        lines.append(f"{words['choices']}{colon}{_choice_summary(column, lang)}")
    others = [a for a in dict.fromkeys((column.zh, column.en, *column.aliases))
              if schema.normalise_header(a) != schema.normalise_header(column.label(lang))]
    if others:
        lines.append(f"{words['aliases']}{colon}{' / '.join(others)}")
    return "\n".join(lines)


def _choice_summary(column: Column, lang: str) -> str:
    """Each choice with its accepted spellings, e.g. "越高越好 (higher, 正向, ...)"."""
    parts = []
    for code, spellings in column.choices.items():
        shown = choice_spelling(column, code, lang)
        rest = [s for s in dict.fromkeys((code, *spellings)) if s != shown]
        parts.append(f"{shown} ({', '.join(rest)})")
    return "; ".join(parts)


def choice_spelling(column: Column, code: str, lang: str) -> str:
    """The spelling offered in drop-downs: the first spelling in Chinese, the code in English."""
    spellings = column.choices[code]
    return spellings[0] if lang == "zh" and spellings else code


def answer_spellings(lang: str) -> list[str]:
    """高/中/低 in Chinese, high/medium/low in English (as the loader accepts them)."""
    accepted = schema.answers()
    codes = ("high", "medium", "low")
    return [accepted[c][0] for c in codes] if lang == "zh" else list(codes)


def column_validation(column: Column, lang: str):
    """The data validation of a column, or None for free text and numbers."""
    from openpyxl.worksheet.datavalidation import DataValidation

    words = WORDS[lang]
    label = column.label(lang)
    if column.type == "choice":
        values = [choice_spelling(column, code, lang) for code in column.choices]
        rule = DataValidation(type="list", formula1=_list_formula(values), allow_blank=True,
                              errorStyle="warning")
        rule.error = f"{words['choices']}: {', '.join(values)}"
    elif column.type == "answer":
        values = answer_spellings(lang)
        rule = DataValidation(type="list", formula1=_list_formula(values), allow_blank=True,
                              errorStyle="warning")
        rule.error = type_words("answer", lang)
    elif column.type == "score15":
        rule = DataValidation(type="whole", operator="between", formula1="1", formula2="5",
                              allow_blank=True, errorStyle="warning")
        rule.error = type_words("score15", lang)
    elif column.type == "count":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, errorStyle="stop")
        rule.error = type_words("count", lang)
    else:
        return None
    rule.showErrorMessage = True
    rule.errorTitle = label[:32]
    return rule


def type_words(kind: str, lang: str) -> str:
    """How a column type is described to the client (with the survey scale from the schema)."""
    return TYPE_WORDS[lang][kind].format(scale_max=schema.answers()["scale_max"])


def _list_formula(values: list[str]) -> str:
    """An Excel list-validation formula: quoted, comma-separated (at most 255 characters)."""
    formula = '"' + ",".join(v.replace('"', '""') for v in values) + '"'
    if len(formula) > 257 or any("," in v for v in values):
        msg = f"drop-down values {values} are too long or contain commas for an Excel list"
        raise ValueError(msg)
    return formula


def column_width(column: Column, lang: str) -> float:
    """A column width that shows the header and typical contents."""
    header = column.label(lang)
    header_width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in header) + 4
    typical = {"text": 16, "list": 22, "choice": 14, "weight": 10, "number": 12,
               "score15": 10, "count": 10, "answer": 10}[column.type]
    if column.name in ("indicator", "definition", "formula", "customer_cares", "question"):
        typical = 30
    return float(max(header_width, typical))
