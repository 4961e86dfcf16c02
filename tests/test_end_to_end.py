"""`orient run` and `orient batch` end to end on the sample engagement: offline HTML, PDF text,
manifest, language switch, atomic outputs on failure, batch past a broken engagement."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import SAMPLE
from pypdf import PdfReader

from helpers import cli, glossary, paths, report, runner
from helpers.errors import StageError

HEADINGS_ZH = ["00 项目概况与情境判断", "情境判断:客户导向应达到的程度", "输入数据概览",
               "01 现行考核诊断", "考核表的结构问题", "六维画像:内部导向还是客户导向",
               "02 客户价值链", "没有指标盯着的关键时刻", "03 指标池与指标选择", "指标说明书",
               "04 权重设计", "敏感性:排名与等级是否稳定", "05 评分与试点模拟",
               "与客户结果的一致性", "执行摘要", "试点计划"]
HEADINGS_EN = ["00 Engagement profile and scenario fit", "Input data overview",
               "01 Diagnosis of the current scorecards", "Structural problems of the scorecards",
               "04 Weights", "Sensitivity: are ranks and grades stable?",
               "05 Scoring and pilot simulation", "Alignment with customer outcomes",
               "Executive summary", "Pilot plan"]
BROKEN = Path(__file__).parent / "broken_inputs" / "bad_cells"


@pytest.fixture(scope="module")
def zh_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "xingyun_saas"
    assert cli.main(["run", str(SAMPLE), "--out", str(out)]) == cli.EXIT_OK
    return out


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_html_report_is_offline_and_complete(zh_run):
    html = (zh_run / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html), "external script in the report"
    assert not re.search(r"<link[^>]+href=[\"']https?:", html), "external stylesheet"
    for heading in HEADINGS_ZH:
        assert heading in html
    assert "星云软件(合成示例)" in html
    assert html.count("<svg") >= 3, "charts must be inline static SVG"
    assert '<html lang="zh">' in html
    assert "Traceback" not in html and "In&nbsp;[" not in html
    assert "Overview" not in html, "English narrative leaked into the Chinese report"
    titles = report.chapter_titles(html)
    assert titles[0] == "执行摘要", "the summary opens the report"
    assert titles[1:] == sorted(titles[1:]), "the stage chapters follow in order"


def test_client_tables_have_no_index_column(zh_run):
    html = (zh_run / "report.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="orient-table"[^>]*>.*?</table>', html, re.S)
    assert tables
    for table in tables:
        first_header = re.search(r"<th[^>]*>(.*?)</th>", table).group(1)
        assert first_header.strip() not in ("", "row", "index")


def test_pdf_has_the_chinese_headings_and_the_cover(zh_run):
    text = pdf_text(zh_run / "report.pdf")
    for heading in HEADINGS_ZH:
        assert heading in text
    first_page = PdfReader(zh_run / "report.pdf").pages[0].extract_text()
    assert "客户导向绩效诊断与设计报告" in first_page and "2026-11-21" in first_page
    assert "合成示例数据" in first_page


def test_pdf_embeds_a_cjk_font(zh_run):
    reader = PdfReader(zh_run / "report.pdf")
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            fonts.add(str(font.get("/BaseFont")))
    assert any("CJK" in f or "Noto" in f or "Han" in f for f in fonts), fonts


def test_manifest_is_complete(zh_run):
    manifest = json.loads((zh_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engagement"] == "xingyun_saas"
    expected_inputs = {str(p.relative_to(SAMPLE)) for p in SAMPLE.glob("inputs/*.csv")}
    assert set(manifest["inputs"]) == expected_inputs | {"engagement.yaml"}
    digest = hashlib.sha256((SAMPLE / "engagement.yaml").read_bytes()).hexdigest()
    assert manifest["inputs"]["engagement.yaml"] == digest
    assert manifest["parameters"]["lang"] == "zh"
    assert set(manifest["seconds"]) >= {"00_intake", "report_html", "report_pdf", "total"}
    assert all(v > 0 for v in manifest["seconds"].values())
    assert {"python", "pandas", "altair", "papermill", "nbconvert", "weasyprint"} <= set(
        manifest["versions"])
    assert (zh_run / "artifacts" / "intake" / "values.json").exists()
    assert (zh_run / "notebooks" / "00_intake.ipynb").exists()


def test_english_report_from_a_chinese_engagement(tmp_path):
    out = tmp_path / "en"
    assert cli.main(["run", str(SAMPLE), "--out", str(out), "--lang", "en", "--to", "html"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    for heading in HEADINGS_EN:
        assert heading in html
    for heading in HEADINGS_ZH:
        assert heading not in html
    assert "Xingyun Software (synthetic sample)" in html
    assert "Recommended customer-orientation index" in html
    assert not (out / "report.pdf").exists()
    for page in (html, (out / "cardbook.html").read_text(encoding="utf-8")):
        assert unmarked_chinese(page) == []


def unmarked_chinese(page: str) -> list[str]:
    """Text nodes of a page (scripts and styles left out) holding Chinese without the
    glossary's mark: client names an English report failed to translate or to mark."""
    body = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    nodes = re.findall(r">([^<>]+)<", body)
    return [node for node in nodes if glossary.has_chinese(node) and glossary.MARK not in node]


def test_interactive_charts_inline_the_vega_bundle_once(tmp_path):
    out = tmp_path / "i"
    status = cli.main(["run", str(SAMPLE), "--out", str(out), "--to", "html",
                       "--interactive-charts"])
    assert status == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert html.count("vegaEmbed") >= 1 and html.count('class="orient-vega-spec"') >= 3


FAILING_NOTEBOOK = nbformat.v4.new_notebook(cells=[
    nbformat.v4.new_code_cell('engagement = ""\nartifacts = ""\nlang = ""\ninteractive = True',
                              metadata={"tags": ["parameters"]}),
    nbformat.v4.new_code_cell('raise RuntimeError("stage exploded on purpose")'),
], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                            "language": "python"}})


def test_failed_stage_keeps_the_previous_report(zh_run, tmp_path, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(zh_run, out)
    before = {name: (out / name).read_bytes() for name in ("report.html", "report.pdf",
                                                            "manifest.json")}
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(FAILING_NOTEBOOK, notebooks / "00_intake.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", notebooks)
    with pytest.raises(StageError, match="stage exploded on purpose"):
        runner.run_engagement(SAMPLE, out=out, log=lambda *_: None)
    for name, content in before.items():
        assert (out / name).read_bytes() == content, name
    kept = out / "failed" / "00_intake.ipynb"
    assert kept.exists()
    assert "stage exploded on purpose" in kept.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".out.tmp-*")), "staging folder left behind"


def test_batch_continues_past_a_broken_engagement(tmp_path, capsys):
    status = cli.main(["batch", str(SAMPLE), str(BROKEN), "--out", str(tmp_path),
                       "--to", "html", "--jobs", "2"])
    printed = capsys.readouterr().out
    assert status != 0
    assert (tmp_path / "xingyun_saas" / "report.html").exists()
    assert not (tmp_path / "bad_cells").exists()
    assert re.search(r"xingyun_saas\s+ok", printed)
    assert re.search(r"bad_cells\s+bad input", printed)
    assert "1 of 2 engagements succeeded" in printed
    assert str(tmp_path / "xingyun_saas" / "report.html") in printed


def test_unknown_stage_is_a_usage_error(tmp_path, capsys):
    status = cli.main(["run", str(SAMPLE), "--out", str(tmp_path / "o"), "--stages", "09"])
    assert status == cli.EXIT_INPUT
    assert "unknown stage 09; available stages: 00_intake" in capsys.readouterr().err


def test_run_delivers_the_card_book_the_workbook_and_the_hr_export(zh_run):
    """Issue 9: the card book (HTML, PDF), the scorecard workbook and the Frappe files."""
    from openpyxl import load_workbook

    book = load_workbook(zh_run / "scorecard.xlsx")
    assert len(book.sheetnames) >= 3
    assert "指标说明书" in pdf_text(zh_run / "cardbook.pdf")
    assert "指标说明书" in (zh_run / "cardbook.html").read_text(encoding="utf-8")
    templates = (zh_run / "hr_export" / "frappe_2_appraisal_template.csv").read_text("utf-8")
    assert templates.startswith("Appraisal Template Title")
    manifest = json.loads((zh_run / "manifest.json").read_text(encoding="utf-8"))
    assert "deliverables" in manifest["seconds"]
