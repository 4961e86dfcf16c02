"""helpers.engagement: encodings, header aliases, weight conventions, workbook input,
one-pass validation and cross-table checks."""

from __future__ import annotations

import openpyxl
import pytest
from conftest import KPIS_ZH, SAMPLE, write_engagement
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import engagement, paths
from helpers.errors import InputError

KPIS_EN = """\
Department,Job title,KPI name,Weight (%),Direction
Sales,Account manager,Revenue attainment,40,higher is better
Sales,Account manager,Collections rate,30,higher
Sales,Account manager,CSAT,30,higher
"""


def notes(result, lang="en") -> list[str]:
    return [p.render(lang) for p in result.problems if p.severity == "note"]


def errors(result, lang="en") -> list[str]:
    return [p.render(lang) for p in result.errors]


@pytest.mark.parametrize(
    ("encoding", "prefix", "label"),
    [("utf-8", b"", "UTF-8"), ("utf-8", b"\xef\xbb\xbf", "UTF-8 BOM"), ("gbk", b"", "GBK")],
)
def test_csv_encodings_are_detected_and_stated(tmp_path, encoding, prefix, label):
    data = prefix + KPIS_ZH.encode(encoding)
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": data})
    result = engagement.validate(folder)
    assert result.ok, errors(result)
    kpis = result.engagement.tables["current_kpis"]
    assert list(kpis["indicator"]) == ["销售额完成率", "回款率", "客户满意度"]
    assert f"inputs/current_kpis.csv: encoding detected: {label}." in notes(result)


def test_english_headers_map_to_the_same_columns(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS_EN})
    kpis = engagement.load(folder).tables["current_kpis"]
    assert list(kpis["unit"]) == ["Sales"] * 3
    assert list(kpis["position"]) == ["Account manager"] * 3
    assert list(kpis["polarity"]) == ["higher"] * 3
    assert list(kpis["weight"]) == [40.0, 30.0, 30.0]


def test_chinese_file_name_is_accepted(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/现行指标.csv": KPIS_ZH})
    assert engagement.load(folder).has("current_kpis")


@pytest.mark.parametrize(
    ("weights", "convention"),
    [(("40", "30", "30"), "points of 100 (30 = 30 %)"),
     (("40%", "30%", "30%"), "percentages (30% = 30 %)"),
     (("0.4", "0.3", "0.3"), "fractions (0.3 = 30 %)")],
)
def test_weight_conventions_are_detected_per_file(tmp_path, weights, convention):
    rows = "\n".join(f"销售部,销售经理,指标{i},{w}" for i, w in enumerate(weights))
    folder = write_engagement(tmp_path / "e",
                              {"inputs/current_kpis.csv": f"部门,岗位,指标名称,权重\n{rows}\n"})
    result = engagement.validate(folder)
    assert list(result.engagement.tables["current_kpis"]["weight"]) == pytest.approx([40, 30, 30])
    assert f"inputs/current_kpis.csv: weights read as {convention}." in notes(result)


def test_mixed_weight_conventions_name_the_odd_rows(tmp_path):
    csv = "部门,岗位,指标名称,权重\n销售部,甲,a,40%\n销售部,甲,b,30%\n销售部,甲,c,0.3\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    assert errors(engagement.validate(folder)) == [
        'inputs/current_kpis.csv, row 4, column D "权重": weights are written in two ways in one '
        'file ("0.3" differs from most rows). Fix: write the whole column one way: 30, 30% or 0.3.'
    ]


def test_every_problem_is_found_in_one_pass(tmp_path):
    csv = ("部门,岗位,指标名称,权重,指标方向\n"
           "销售部,销售经理,销售额完成率,四十,越高越好\n"
           ",销售经理,回款率,30,向上\n")
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    with pytest.raises(InputError) as caught:
        engagement.load(folder, lang="en")
    lines = str(caught.value).splitlines()
    assert lines == [
        'inputs/current_kpis.csv, row 2, column D "权重": expected a number, found "四十". '
        "Fix: write a number such as 92.5 (a % sign is allowed).",
        'inputs/current_kpis.csv, row 3, column A "部门": a required cell is empty. '
        "Fix: fill it in or delete the whole row.",
        'inputs/current_kpis.csv, row 3, column E "指标方向": "向上" is not recognised, expected '
        "one of: 越高越好 (higher) / 越低越好 (lower) / 区间 (range). Fix: use one of these.",
    ]


def test_problems_render_in_chinese(tmp_path):
    csv = "部门,岗位,指标名称,权重\n销售部,销售经理,销售额完成率,abc\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    with pytest.raises(InputError) as caught:
        engagement.load(folder)
    assert caught.value.render("zh") == (
        "inputs/current_kpis.csv 第 2 行 D 列“权重”:应为数字,实际为“abc”。"
        "修改:填写数字,如 92.5(可带 %)。"
    )


def test_workbook_input_with_chinese_sheet_names(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "现行指标"
    sheet.append(["部门", "岗位", "指标名称", "权重"])
    sheet.append(["销售部", "销售经理", "销售额完成率", 0.6])
    sheet.append(["销售部", "销售经理", "回款率", 0.4])
    folder = write_engagement(tmp_path / "e", {})
    (folder / "inputs").mkdir()
    book.save(folder / "inputs" / "workbook.xlsx")
    loaded = engagement.load(folder)
    kpis = loaded.tables["current_kpis"]
    assert list(kpis["weight"]) == pytest.approx([60, 40])
    assert loaded.sources["current_kpis"] == "inputs/workbook.xlsx › 现行指标"
    assert list(kpis.index) == [2, 3]


def test_rows_keep_their_spreadsheet_numbers(tmp_path):
    csv = "部门,岗位,指标名称,权重\n\n销售部,甲,a,50\n销售部,甲,b,50\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    assert list(engagement.load(folder).tables["current_kpis"].index) == [3, 4]


def test_references_between_tables(tmp_path):
    folder = write_engagement(tmp_path / "e", {
        "inputs/current_kpis.csv": KPIS_ZH,
        "inputs/employees.csv": "工号,部门,岗位\nE1,销售部,销售经理\nE2,销售部,销售总监\n",
        "inputs/actuals.csv": "工号,期间,指标名称,实际值\nE1,2025Q1,回款率,95%\n"
                              "E9,2025Q1,回款率,90\nE9,2025Q2,回款率,91\n",
    })
    result = engagement.validate(folder)
    assert errors(result) == [
        'inputs/actuals.csv, row 3, column A "工号": employee id "E9" is not in the employees '
        "table (it appears in 2 row(s)). Fix: add the employee there or correct the id."
    ]
    warnings = [p.render("en") for p in result.problems if p.severity == "warning"]
    assert any('position "销售总监"' in w and "row 3" in w for w in warnings)


def test_percent_actuals_are_percentage_points(tmp_path):
    folder = write_engagement(tmp_path / "e", {
        "inputs/current_kpis.csv": KPIS_ZH,
        "inputs/actuals.csv": "工号,期间,指标名称,实际值\nE1,2025Q1,回款率,95%\n",
    })
    assert engagement.load(folder).tables["actuals"]["actual"].iloc[0] == 95.0


def test_missing_required_table_and_column(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/employees.csv": "工号,部门\nE1,销售部\n"})
    assert errors(engagement.validate(folder)) == [
        "inputs/employees.csv, row 1: the required column position is missing (accepted names: "
        "岗位 / position / 职位 / position / role). Fix: add this column.".replace(
            "岗位 / position / 职位 / position / role", "岗位 / position / 职位 / role"),
        "inputs/: the required input table current_kpis (现行指标) is missing. Fix: provide "
        "inputs/current_kpis.csv or a sheet named current_kpis in workbook.xlsx.",
    ]


def test_profile_is_validated(tmp_path):
    profile = "client: X\nlanguage: fr\nindustry: saas\nbusiness_model: saas\nstage: 成长期\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS_ZH}, profile)
    assert errors(engagement.validate(folder)) == [
        'engagement.yaml: "language" is "fr", expected one of: zh, en. '
        "Fix: use one of these (Chinese names are accepted too)."
    ]
    assert engagement.validate(folder).engagement is None or True


def test_chinese_profile_values_become_codes(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS_ZH},
                              "client: X\nlanguage: 中文\nindustry: 制造业\n"
                              "business_model: 按单制造\nstage: 成长期\nmarket: 存量市场\n")
    profile = engagement.load(folder).profile
    assert (profile["language"], profile["industry"], profile["stage"], profile["market"]) == (
        "zh", "manufacturing", "growth", "stock")


def test_yaml_syntax_error_names_the_line(tmp_path):
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS_ZH},
                              "client: X\nlanguage: zh\n  industry: : saas\n")
    [problem] = engagement.validate(folder).errors
    assert problem.file == "engagement.yaml" and problem.row == 3


def test_duplicate_key_rows(tmp_path):
    csv = "部门,岗位,指标名称,权重\n销售部,甲,a,50\n销售部,甲,a,50\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    assert errors(engagement.validate(folder)) == [
        "inputs/current_kpis.csv, row 3: duplicates row 2 (position + indicator = 甲 / a). "
        "Fix: merge or delete the duplicate rows."
    ]


def test_client_text_is_kept_verbatim(tmp_path):
    csv = '部门,岗位,指标名称,权重\n销售部,"=cmd|\' /C calc\'!A0",<script>x</script>,100\n'
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": csv})
    kpis = engagement.load(folder).tables["current_kpis"]
    assert kpis["position"].iloc[0] == "=cmd|' /C calc'!A0"
    assert kpis["indicator"].iloc[0] == "<script>x</script>"


def test_sample_engagement_is_valid():
    result = engagement.validate(SAMPLE)
    assert result.ok, errors(result)
    loaded = result.engagement
    assert loaded.profile["synthetic"] is True
    for table in ("current_kpis", "survey", "journey", "employees", "actuals", "outcomes"):
        assert loaded.has(table), table
    assert set(loaded.hashes()) >= {"engagement.yaml", "inputs/current_kpis.csv"}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=8),
       st.sampled_from(["points", "percent", "fraction"]))
def test_weights_become_points_whatever_the_convention(tmp_path_factory, points, convention):
    """Property: the same weights written three ways load as the same points of 100."""
    def written(p):
        return {"points": str(p), "percent": f"{p}%", "fraction": str(p / 100)}[convention]
    if convention == "fraction" and max(points) > 100:
        return
    if convention == "points" and max(points) <= 1:
        return  # 1 point alone is read as the fraction 1.0; documented ambiguity
    rows = "\n".join(f"部门,岗位,指标{i},{written(p)}" for i, p in enumerate(points))
    folder = write_engagement(tmp_path_factory.mktemp("w"),
                              {"inputs/current_kpis.csv": f"部门,岗位,指标名称,权重\n{rows}\n"})
    weights = engagement.load(folder).tables["current_kpis"]["weight"]
    assert list(weights) == pytest.approx(points)


@pytest.mark.parametrize("sample", paths.sample_engagements(), ids=lambda p: p.name)
def test_sample_generator_reproduces_the_committed_files(sample, tmp_path):
    """Samples are generated by a seeded script; regenerating must give the same files
    (byte for byte, except workbooks: their cells must be equal)."""
    import shutil
    import subprocess
    import sys

    target = tmp_path / sample.name
    target.mkdir()
    shutil.copy(sample / "generate.py", target / "generate.py")
    shutil.copy(sample.parent / "_synth.py", tmp_path / "_synth.py")
    subprocess.run([sys.executable, str(target / "generate.py")], check=True,
                   capture_output=True)
    committed = sorted(p.relative_to(sample) for p in sample.rglob("*")
                       if p.is_file() and p.name != "generate.py" and "__pycache__" not in p.parts)
    for relative in committed:
        if relative.suffix == ".xlsx":
            assert workbook_cells(target / relative) == workbook_cells(sample / relative)
        else:
            assert (target / relative).read_bytes() == (sample / relative).read_bytes(), relative


def workbook_cells(path) -> dict:
    book = openpyxl.load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


def test_policy_name_and_overrides_are_checked(tmp_path):
    profile = ("client: X\nlanguage: zh\nindustry: saas\nbusiness_model: saas\nstage: growth\n"
               "policy_overrides:\n  weights:\n    item: {max: 25}\n    itme: {max: 25}\n")
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": KPIS_ZH}, profile)
    assert errors(engagement.validate(folder)) == [
        'engagement.yaml: "weights.itme" in policy_overrides is not a key of policy "default". '
        "Fix: check spelling and nesting against templates/policies/default.yaml."]
    folder = write_engagement(tmp_path / "f", {"inputs/current_kpis.csv": KPIS_ZH},
                              profile.split("policy_overrides")[0] + "policy: strict\n")
    assert errors(engagement.validate(folder)) == [
        'engagement.yaml: policy "strict" does not exist; known policies: default. '
        "Fix: use one of these or add the file to templates/policies/."]
