"""Scaffold a new engagement folder (``orient new NAME``, DESIGN §3).

The folder gets a commented ``engagement.yaml`` listing every field of
``templates/inputs/profile.yaml`` with its allowed codes, one header-only CSV per input table
of ``templates/inputs/tables.yaml`` (UTF-8 with BOM, so Excel shows Chinese headers), an
empty ``decisions/`` folder and a short README saying what to fill in. Everything written
comes from the schema files, so the scaffold never drifts from what the loader accepts.
"""

from __future__ import annotations

import csv
import math
import shutil
from pathlib import Path

import yaml

from helpers import i18n, paths, schema
from helpers.schema import Column
from helpers.textout import display_width

#: Business model suggested for each industry; the consultant is asked to review it.
SUGGESTED_BUSINESS_MODEL = {
    "saas": "saas",
    "b2b_solution": "b2b_solution",
    "manufacturing": "manufacturing",
    "retail": "retail",
    "banking": "banking",
    "fmcg": "mass_production",
    "professional_services": "service",
    "other": "service",
}
SUGGESTED_STAGE = "growth"

#: How each profile field type is written in YAML, shown in the field's comment.
TYPE_HINTS = {
    "zh": {
        "text": "文本",
        "bool": "true 或 false",
        "count": "不小于 0 的整数",
        "choice": "单选,填代码或中文名称",
        "list": "多选列表,如 [代码1, 代码2]",
        "textlist": "文本列表,如 [第一项, 第二项]",
        "mapping": "子项,缩进两格写“键: 值”",
    },
    "en": {
        "text": "text",
        "bool": "true or false",
        "count": "whole number >= 0",
        "choice": "one code; its Chinese name works too",
        "list": "list of codes, e.g. [code1, code2]",
        "textlist": "list of texts, e.g. [first, second]",
        "mapping": "indented \"key: value\" lines",
    },
}

TEXTS = {
    "zh": {
        "header": [
            "项目信息(客户导向绩效)。由 `orient new` 生成,逐项核对后填写。",
            "带“必填”的项必须有值;其余可留空。选项可写代码,也可写中文名称。",
            "填完后运行 `orient check <本文件夹>` 检查。",
        ],
        "required": "必填",
        "optional": "选填",
        "allowed": "可选值",
        "review": "请核对:这是自动建议的取值",
        "from_args": "由 `orient new` 参数生成",
        "keys": "子项",
    },
    "en": {
        "header": [
            "Engagement profile (customer-oriented performance design), written by `orient new`.",
            "Keys marked \"required\" must have a value; the others may stay empty. Choices take",
            "the code or its Chinese name. Run `orient check <this folder>` when done.",
        ],
        "required": "required",
        "optional": "optional",
        "allowed": "allowed",
        "review": "review: this value is a suggestion",
        "from_args": "set from the `orient new` arguments",
        "keys": "keys",
    },
}


def new_engagement(name: str, parent: Path, industry: str = "other", lang: str = "zh") -> Path:
    """Create ``<parent>/<name>/`` with a template profile, empty inputs and a README.

    Returns the new folder. Raises FileExistsError when it already exists and ValueError
    for a name outside ``parent``, an unknown industry or an unsupported language.
    """
    _check_language(lang)
    industry_code = industry_code_of(industry)
    target = _target_folder(name, Path(parent))
    try:
        target.mkdir(parents=True, exist_ok=False)
    except FileExistsError:
        msg = (f"{target} already exists; refusing to overwrite an engagement. "
               "Fix: choose another name or delete/rename the existing folder.")
        raise FileExistsError(msg) from None
    try:
        _fill(target, industry_code, lang)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    return target


def industry_code_of(industry: str) -> str:
    """The profile.yaml industry code for a code or one of its Chinese names."""
    spec = schema.profile_fields()["industry"]
    column = Column("industry", "choice", True, "", "", (), _choices(spec))
    code = column.choice_code(str(industry))
    if code is None:
        allowed = ", ".join(spec["choices"])
        msg = f"unknown industry {industry!r}. Fix: use one of {allowed}."
        raise ValueError(msg)
    return code


def _check_language(lang: str) -> None:
    if lang not in i18n.LANGUAGES:
        msg = f"language must be one of {', '.join(i18n.LANGUAGES)}; got {lang!r}"
        raise ValueError(msg)


def _target_folder(name: str, parent: Path) -> Path:
    """``parent/name`` resolved; refuses empty names and names that leave ``parent``."""
    if not str(name).strip():
        raise ValueError("the engagement name is empty. Fix: give a folder name, e.g. acme_2024.")
    try:
        target = paths.safe_child(parent, name)
    except ValueError:
        msg = (f"refusing engagement name {name!r}: it points outside {parent.resolve()}. "
               "Fix: use a plain folder name without '..' or a leading '/'.")
        raise ValueError(msg) from None
    if target == parent.resolve():
        msg = f"engagement name {name!r} names the parent folder itself. Fix: use a folder name."
        raise ValueError(msg)
    return target


def _fill(folder: Path, industry: str, lang: str) -> None:
    """Write the profile, inputs, decisions and README into an empty folder."""
    text = engagement_yaml(folder.name, industry, lang)
    (folder / "engagement.yaml").write_text(text, encoding="utf-8")
    write_header_csvs(folder / "inputs", lang)
    (folder / "decisions").mkdir()
    (folder / "decisions" / ".gitkeep").write_text("", encoding="utf-8")
    (folder / "README.md").write_text(readme(folder.name, lang), encoding="utf-8")


# --- engagement.yaml --------------------------------------------------------------------


def engagement_yaml(client: str, industry: str, lang: str) -> str:
    """The commented engagement.yaml text: every profile field, required ones filled in."""
    words = TEXTS[lang]
    lines = [f"# {line}" for line in words["header"]]
    values = _initial_values(client, industry, lang)
    for key, spec in schema.profile_fields().items():
        lines.append("")
        lines.extend(_field_comment(spec, lang))
        lines.extend(_field_lines(key, spec, values.get(key), lang))
    return "\n".join(lines) + "\n"


def _initial_values(client: str, industry: str, lang: str) -> dict[str, tuple[str, str]]:
    """Values written for the required fields, with the remark shown next to each."""
    words = TEXTS[lang]
    models = schema.profile_fields()["business_model"]["choices"]
    model = SUGGESTED_BUSINESS_MODEL.get(industry)
    model = model if model in models else next(iter(models))
    return {
        "client": (client, words["from_args"]),
        "language": (lang, words["from_args"]),
        "industry": (industry, words["from_args"]),
        "business_model": (model, words["review"]),
        "stage": (SUGGESTED_STAGE, words["review"]),
    }


def _field_comment(spec: dict, lang: str) -> list[str]:
    """Comment lines above a field: label, required or not, type, allowed codes."""
    words = TEXTS[lang]
    need = words["required"] if spec.get("required") else words["optional"]
    hint = TYPE_HINTS[lang][spec["type"]]
    if lang == "zh":
        lines = [f"# {spec['zh']}({need};{hint})"]
        codes = [f"{c}({names[0]})" for c, names in spec.get("choices", {}).items()]
        sep, colon = "、", ":"
    else:
        lines = [f"# {spec['en']} ({need}; {hint})"]
        codes, sep, colon = list(spec.get("choices", {})), ", ", ": "
    if codes:
        lines.extend(_wrapped(f"#   {words['allowed']}{colon}", codes, sep))
    if "keys" in spec:
        lines.extend(_wrapped(f"#   {words['keys']}{colon}", list(spec["keys"]), sep))
    return lines


def _wrapped(prefix: str, items: list[str], sep: str, width: int = 88) -> list[str]:
    """Comment lines listing ``items`` after ``prefix``, broken between items at ``width``."""
    lines, current = [], prefix
    for index, item in enumerate(items):
        piece = item + (sep.rstrip() if index < len(items) - 1 else "")
        if current.strip() != prefix.strip() and display_width(current + piece) > width:
            lines.append(current.rstrip())
            current = "#" + " " * 5
        current += piece + (" " if sep.endswith(" ") else "")
    lines.append(current.rstrip())
    return lines


def _field_lines(key: str, spec: dict, value: tuple[str, str] | None, lang: str) -> list[str]:
    """The YAML line(s) of one field: a value with its remark, or an empty key."""
    if value is not None:
        text, remark = value
        return [f"{key}: {yaml_string(text)}  # {remark}"]
    if spec["type"] == "mapping" and "keys" in spec:
        return [f"{key}:", *(f"#  {sub}:" for sub in spec["keys"])]
    return [f"{key}:"]


def yaml_string(text: str) -> str:
    """A one-line YAML double-quoted scalar that reads back as exactly ``text`` (never a
    number, bool, comment or anchor; control characters escaped)."""
    dumped = yaml.dump(str(text), Dumper=yaml.SafeDumper, allow_unicode=True,
                       default_style='"', width=math.inf)
    return dumped.strip()


# --- inputs/ ----------------------------------------------------------------------------


def write_header_csvs(folder: Path, lang: str) -> list[Path]:
    """One header-only CSV per input table, UTF-8 with BOM, headers in ``lang``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in schema.tables().items():
        path = folder / f"{name}.csv"
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerow([c.label(lang) for c in table.columns.values()])
        written.append(path)
    return written


# --- README.md --------------------------------------------------------------------------


def readme(client: str, lang: str) -> str:
    """A short README: what to fill in, in which order, and how to check it."""
    tables = schema.tables()
    required = [t for t in tables.values() if t.required]
    optional = [t for t in tables.values() if not t.required]
    listed = {
        kind: ", ".join(f"`{t.name}.csv` ({t.label(lang)})" for t in group)
        for kind, group in (("required", required), ("optional", optional))
    }
    if lang == "zh":
        return _README_ZH.format(client=client, **listed)
    return _README_EN.format(client=client, **listed)


_README_ZH = """# {client}

客户导向绩效项目文件夹,由 `orient new` 生成。按下列顺序填写:

1. **engagement.yaml**:客户信息。带“必填”的项必须有值;标有“请核对”的取值是自动建议,
   请与客户确认。每项的可选值写在该项上方的注释里。
2. **inputs/**:输入表。每个 CSV 只有表头,从第二行起填写数据。
   - 必填:{required}
   - 可选(有则填,没有可删除文件):{optional}
   - 也可以改用一个 Excel 工作簿:运行 `orient template inputs/workbook.xlsx`,
     填好后删除这里的 CSV 文件(两种格式不能同时存在)。
   - 表头可用中文或英文;权重可写 30、30% 或 0.3(整列统一一种写法)。
   - CSV 可保存为 UTF-8、带 BOM 的 UTF-8 或 GBK。
3. **decisions/**:由笔记本的保存操作写入,无需手工填写。

填完后运行 `orient check <本文件夹>` 检查输入,再运行 `orient run <本文件夹>` 生成报告。
输入文件不会被修改;报告写到 `build/<文件夹名>/`。
"""

_README_EN = """# {client}

Engagement folder for customer-oriented performance design, written by `orient new`.
Fill it in this order:

1. **engagement.yaml**: the client profile. Keys marked "required" need a value; values
   marked "review" are suggestions to confirm with the client. The allowed codes are listed
   in the comment above each key.
2. **inputs/**: the input tables. Each CSV holds only the header row; add data from row 2.
   - Required: {required}
   - Optional (fill in when available, otherwise delete the file): {optional}
   - Or use one Excel workbook instead: run `orient template --lang en inputs/workbook.xlsx`,
     fill it in and delete the CSV files here (the two formats cannot be mixed).
   - Headers may be in Chinese or English; weights may be 30, 30% or 0.3 (one way per column).
   - CSV files may be saved as UTF-8, UTF-8 with BOM or GBK.
3. **decisions/**: written by the notebooks' save actions; nothing to fill in by hand.

Then run `orient check <this folder>` to validate the inputs and `orient run <this folder>`
for the report. The inputs are never modified; the report goes to `build/<folder name>/`.
"""


def _choices(spec: dict) -> dict[str, tuple[str, ...]]:
    return {code: tuple(map(str, names)) for code, names in spec["choices"].items()}
