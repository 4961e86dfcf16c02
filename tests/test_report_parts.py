"""Report building blocks: language filter, client tables, chart set-up, font guard."""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest
from conftest import SAMPLE

from helpers import charts, cli, display, fonts
from helpers.errors import FontMissingError
from helpers.preprocessors import LanguageFilter, RemoveStderr


def notebook_with_tags():
    md = nbformat.v4.new_markdown_cell
    return nbformat.v4.new_notebook(cells=[
        md("# 标题", metadata={"tags": ["lang-zh"]}),
        md("# Title", metadata={"tags": ["lang-en"]}),
        md("both"),
        md("consultant only", metadata={"tags": ["report-skip"]}),
    ])


@pytest.mark.parametrize(("keep", "left"),
                         [("zh", ["# 标题", "both"]), ("en", ["# Title", "both"])])
def test_language_filter_keeps_one_language(keep, left):
    nb, _ = LanguageFilter(keep=keep).preprocess(notebook_with_tags(), {})
    assert [c.source for c in nb.cells] == left


def test_stderr_never_reaches_the_client():
    cell = nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("stream", name="stderr", text="FutureWarning: ..."),
        nbformat.v4.new_output("stream", name="stdout", text="ok"),
    ])
    cell, _ = RemoveStderr().preprocess_cell(cell, {}, 0)
    assert [o.name for o in cell.outputs] == ["stdout"]


def test_client_table_escapes_text_and_has_no_index():
    frame = pd.DataFrame({"指标": ["<script>alert(1)</script>", "=1+1"], "权重": [30.0, 12.5]},
                         index=[7, 9])
    html = display.table_html(frame)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert ">7<" not in html and ">9<" not in html
    assert '<th class="text">指标</th><th class="num">权重</th>' in html
    assert '<td class="num">30</td>' in html and '<td class="num">12.5</td>' in html


def test_chart_theme_sets_the_cjk_font():
    charts.setup()
    spec = charts.diverging_bars(pd.DataFrame({"f": ["甲", "乙"], "p": [2, -1], "d": ["+", "-"]}),
                                 "f", "p", "d", "标题", ["+", "-"], ["#000", "#111"]).to_dict()
    assert "Noto Sans CJK SC" in spec["config"]["font"]
    assert spec["encoding"]["x"]["axis"]["values"] == [-1, 0, 1, 2]


def test_renderer_gives_svg_and_the_spec():
    bundle = charts.orient_renderer({"$schema": "https://vega.github.io/schema/vega-lite/v6.json",
                                     "data": {"values": [{"a": "客户", "b": 1}]},
                                     "mark": "bar", "encoding": {"x": {"field": "a"}}})
    assert bundle["image/svg+xml"].lstrip().startswith("<svg")
    assert "客户" in bundle["image/svg+xml"]
    assert charts.VEGALITE_MIMETYPE in bundle


def test_chinese_pdf_without_a_cjk_font_stops_with_an_instruction(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(fonts, "has_cjk_font", lambda: False)
    with pytest.raises(FontMissingError, match="fonts-noto-cjk"):
        fonts.require_cjk_font()
    status = cli.main(["run", str(SAMPLE), "--out", str(tmp_path / "o")])
    assert status == cli.EXIT_ENVIRONMENT
    assert "apt-get install fonts-noto-cjk" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_cjk_detection():
    assert fonts.contains_cjk("客户 NPS") and not fonts.contains_cjk("NPS only")
