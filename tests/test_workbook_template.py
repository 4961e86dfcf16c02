"""``orient template``: helpers.workbook_template.write_input_template."""

from __future__ import annotations

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from helpers import engagement, scaffold, schema
from helpers import workbook_template as template

LANGS = ["zh", "en"]


@pytest.fixture(params=LANGS)
def lang(request):
    return request.param


@pytest.fixture
def book(tmp_path, lang):
    path = template.write_input_template(tmp_path / "template.xlsx", lang)
    return openpyxl.load_workbook(path)


def _columns(table_name: str) -> list[schema.Column]:
    return list(schema.tables()[table_name].columns.values())


def _validations(sheet) -> dict[str, object]:
    """Data validations keyed by the range they cover."""
    return {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}


# --- structure --------------------------------------------------------------------------


def test_sheet_names(book, lang):
    readme = "说明" if lang == "zh" else "README"
    assert book.sheetnames == [readme, *schema.tables()]


def test_headers_in_the_chosen_language_styled_and_frozen(book, lang):
    for name in schema.tables():
        sheet = book[name]
        columns = _columns(name)
        assert [c.value for c in sheet[1]] == [c.label(lang) for c in columns]
        assert sheet.freeze_panes == "A2"
        for cell, column in zip(sheet[1], columns, strict=True):
            assert cell.font.b == column.required, (name, column.name)
            assert cell.fill.fgColor.rgb.endswith(template.HEADER_FILL)
            assert sheet.column_dimensions[cell.column_letter].width >= 10


def test_every_header_label_maps_back_to_its_own_column(lang):
    for table in schema.tables().values():
        for column in table.columns.values():
            first = next(c for c in table.columns.values() if c.matches(column.label(lang)))
            assert first.name == column.name


def test_every_header_has_a_note_with_type_need_and_other_names(book, lang):
    required = "必填" if lang == "zh" else "required"
    optional = "选填" if lang == "zh" else "optional"
    for name in schema.tables():
        for cell, column in zip(book[name][1], _columns(name), strict=True):
            assert cell.comment is not None, (name, column.name)
            text = cell.comment.text
            assert (required if column.required else optional) in text
            assert template.type_words(column.type, lang) in text
            assert column.aliases[-1] in text or column.aliases[-1] == column.label(lang)


def test_readme_sheet_explains_weights_and_every_sheet(book, lang):
    sheet = book.worksheets[0]
    text = "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    assert "30、30% 或 0.3" in text if lang == "zh" else "30, 30% or 0.3" in text
    for name in schema.tables():
        assert name in text


def test_no_cell_is_a_formula(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


# --- validations ------------------------------------------------------------------------


def test_choice_columns_have_drop_downs_the_loader_accepts(book, lang):
    for name in schema.tables():
        sheet = book[name]
        validations = _validations(sheet)
        for index, column in enumerate(_columns(name), start=1):
            letter = get_column_letter(index)
            rule = validations.get(f"{letter}2:{letter}{template.LAST_ROW}")
            if column.type == "choice":
                assert rule is not None and rule.type == "list", (name, column.name)
                offered = rule.formula1.strip('"').split(",")
                assert [column.choice_code(v) for v in offered] == list(column.choices)
            elif column.type == "answer":
                expected = "高,中,低" if lang == "zh" else "high,medium,low"
                assert rule.type == "list" and rule.formula1 == f'"{expected}"'
            elif column.type == "score15":
                assert (rule.type, rule.operator, rule.formula1, rule.formula2) == (
                    "whole", "between", "1", "5")
            elif column.type == "count":
                assert (rule.type, rule.operator, rule.formula1) == (
                    "whole", "greaterThanOrEqual", "0")
            else:
                assert rule is None, (name, column.name)


def test_drop_down_spellings(book, lang):
    polarity = _validations(book["current_kpis"])["H2:H1000"].formula1
    assert polarity == ('"越高越好,越低越好,区间"' if lang == "zh" else '"higher,lower,range"')


# --- writing ----------------------------------------------------------------------------


def test_existing_file_is_refused_unless_overwrite(tmp_path):
    path = tmp_path / "workbook.xlsx"
    path.write_bytes(b"client data")
    with pytest.raises(FileExistsError, match="already exists") as caught:
        template.write_input_template(path)
    assert str(path.resolve()) in str(caught.value)
    assert path.read_bytes() == b"client data"
    template.write_input_template(path, "en", overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "README"
    assert [p.name for p in tmp_path.iterdir()] == ["workbook.xlsx"]


def test_non_xlsx_name_and_unknown_language_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"\.xlsx"):
        template.write_input_template(tmp_path / "workbook.xls")
    with pytest.raises(ValueError, match="language must be one of zh, en"):
        template.write_input_template(tmp_path / "workbook.xlsx", "fr")
    assert not list(tmp_path.iterdir())


def test_failed_save_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken_save(self, filename):
        with open(filename, "wb") as handle:
            handle.write(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        template.write_input_template(tmp_path / "workbook.xlsx")
    assert not list(tmp_path.iterdir())


def test_text_starting_with_equals_stays_text(tmp_path):
    book = openpyxl.Workbook()
    template.set_text(book.active["A1"], "=SUM(A2:A9)")
    book.save(tmp_path / "text.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "text.xlsx").active["A1"]
    assert (cell.data_type, cell.value) == ("s", "=SUM(A2:A9)")


# --- round trip through the loader ------------------------------------------------------


def _engagement_with_workbook(tmp_path, lang: str):
    """A scaffolded engagement whose CSV files are replaced by ``inputs/workbook.xlsx``."""
    folder = scaffold.new_engagement("acme", tmp_path, lang=lang)
    for csv_file in (folder / "inputs").glob("*.csv"):
        csv_file.unlink()
    return folder, folder / "inputs" / "workbook.xlsx"


def _sample_rows(lang: str) -> dict[str, list[dict]]:
    """A few valid rows per table, choices spelled as the drop-downs offer them."""
    kpi_columns = schema.tables()["current_kpis"].columns
    spell = {
        key: template.choice_spelling(kpi_columns[column], code, lang)
        for key, column, code in (("higher", "polarity", "higher"),
                                  ("lower", "polarity", "lower"),
                                  ("customer", "orientation", "customer"),
                                  ("business", "orientation", "business"))
    }
    high, medium, _ = template.answer_spellings(lang)
    weights = ("30%", "70%") if lang == "zh" else (0.3, 0.7)
    return {
        "current_kpis": [
            {"unit": "销售部", "position": "客户经理", "indicator": "销售额达成率",
             "weight": weights[0], "polarity": spell["higher"], "orientation": spell["business"],
             "formula": "=实际回款/目标回款"},
            {"unit": "销售部", "position": "客户经理", "indicator": "客户投诉率",
             "weight": weights[1], "polarity": spell["lower"], "orientation": spell["customer"]},
        ],
        "survey": [
            {"respondent": "张三", "role": "销售总监", "question": "Q1", "answer": high},
            {"respondent": "张三", "role": "销售总监", "question": "Q2", "answer": medium},
        ],
        "journey": [
            {"stage": "交付", "touchpoint": "上线培训", "importance": 5, "performance": 3,
             "R": "实施部、客户成功部", "A": "客户成功部", "indicators": "客户投诉率"},
        ],
        "employees": [
            {"employee_id": "E001", "department": "销售部", "position": "客户经理"},
        ],
        "actuals": [
            {"employee_id": "E001", "period": "2024Q1", "indicator": "销售额达成率",
             "actual": 95, "target": 100, "events": 0},
        ],
        "outcomes": [
            {"unit": "销售部", "period": "2024Q1", "metric": "NPS", "value": 42},
        ],
    }


def _fill(template_path, target, rows: dict[str, list[dict]], lang: str) -> None:
    """Type the rows under the template's headers, as a client would, and save."""
    book = openpyxl.load_workbook(template_path)
    for name, records in rows.items():
        sheet = book[name]
        position = {c.name: i for i, c in enumerate(_columns(name), start=1)}
        assert [c.value for c in sheet[1]] == [c.label(lang) for c in _columns(name)]
        for row, record in enumerate(records, start=2):
            for column, value in record.items():
                cell = sheet.cell(row, position[column])
                if isinstance(value, str):
                    template.set_text(cell, value)
                else:
                    cell.value = value
    book.save(target)


def test_filled_template_loads_with_canonical_values(tmp_path, lang):
    folder, workbook = _engagement_with_workbook(tmp_path, lang)
    blank = template.write_input_template(tmp_path / "blank.xlsx", lang)
    _fill(blank, workbook, _sample_rows(lang), lang)

    loaded = engagement.load(folder)

    kpis = loaded.tables["current_kpis"]
    assert kpis["weight"].tolist() == [30.0, 70.0]
    assert kpis["polarity"].tolist() == ["higher", "lower"]
    assert kpis["orientation"].tolist() == ["business", "customer"]
    assert kpis["formula"].iloc[0] == "=实际回款/目标回款"
    assert kpis.index.tolist() == [2, 3]
    assert loaded.tables["survey"]["answer"].tolist() == ["high", "medium"]
    journey = loaded.tables["journey"].iloc[0]
    assert (journey["importance"], journey["performance"]) == (5.0, 3.0)
    assert journey["R"] == ["实施部", "客户成功部"]
    actual = loaded.tables["actuals"].iloc[0]
    assert (actual["actual"], actual["target"], actual["events"]) == (95.0, 100.0, 0)
    assert loaded.tables["outcomes"].iloc[0]["unit"] == "销售部"
    convention = "percent" if lang == "zh" else "fraction"
    assert f"note_weights_{convention}" in [note.code for note in loaded.notes]
    assert not loaded.warnings, [w.render("en") for w in loaded.warnings]


def test_empty_template_only_lacks_current_kpis_rows(tmp_path, lang):
    folder, workbook = _engagement_with_workbook(tmp_path, lang)
    template.write_input_template(workbook, lang)
    result = engagement.validate(folder)
    assert [(p.code, p.sheet) for p in result.errors] == [("no_rows", "current_kpis")]
    assert not [p for p in result.problems if p.severity == "warning"]
