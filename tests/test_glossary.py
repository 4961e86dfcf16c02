"""English names for a Chinese engagement's client text (issue 9: "--lang en produces a fully
English report from a Chinese engagement: indicator names from the library's English fields,
unknown names kept and marked; no mixed-language chart labels")."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import charts, cli, display, engagement, glossary, library

SAMPLE_TERMS = {"客户成功部": "Customer Success", "销售部": "Sales", "销售": "sales"}


@pytest.fixture(autouse=True)
def no_active_glossary():
    glossary.activate(None)
    yield
    glossary.activate(None)


def test_known_terms_are_replaced_as_whole_words_only():
    names = glossary.Glossary(SAMPLE_TERMS)
    assert names.translate("客户成功部") == "Customer Success"
    assert names.translate("客户成功部 · 销售部") == "Customer Success · Sales"
    assert names.translate("销售部、客户成功部") == "Sales, Customer Success"
    # "销售" is a term, but inside the unknown name "销售总监" it must not be replaced
    assert names.translate("销售总监") == "销售总监" + glossary.MARK
    assert names.untranslated == {"销售总监"}


def test_unknown_names_are_kept_and_marked_inside_english_sentences():
    names = glossary.Glossary(SAMPLE_TERMS)
    text = names.translate("Pilot team: 客户成功部 · 中型客户组, from 2027Q1")
    assert text == "Pilot team: Customer Success · 中型客户组†, from 2027Q1"


def test_client_prose_is_kept_whole_and_marked_once():
    names = glossary.Glossary(SAMPLE_TERMS)
    prose = "考核期内收回的到期货款 / 本期到期应收额 × 100%(按季度)"
    assert names.translate(prose) == prose + glossary.MARK


def test_text_without_chinese_and_other_values_are_unchanged():
    names = glossary.Glossary(SAMPLE_TERMS)
    for value in ("Sales", 3.5, None, ["销售部"], "", "NPS 42"):
        assert names.translate(value) == value


@given(st.text(alphabet="销售部客户成功总监组 ·,abc", max_size=30))
def test_every_chinese_character_left_is_marked(text):
    """Property: after translation, each remaining run of Chinese text carries the mark."""
    out = glossary.Glossary(SAMPLE_TERMS).translate(text)
    for run in re.finditer(r"[\u4e00-\u9fff]+", out):
        assert glossary.MARK in out[run.end():run.end() + 40]


@given(st.text(alphabet="销售部客户成功总监组功 ·,、abc†", max_size=30))
def test_translating_twice_changes_nothing_more(text):
    names = glossary.Glossary(SAMPLE_TERMS)
    once = names.translate(text)
    assert names.translate(once) == once


def test_a_marked_run_is_not_marked_again():
    names = glossary.Glossary(SAMPLE_TERMS)
    assert names.translate("功 功a") == "功 功†a"
    assert names.translate("功 功†a") == "功 功†a"


def test_library_names_translate_but_everyday_aliases_do_not():
    cards = library.load().cards
    card = cards.loc["sales.revenue_attainment"]
    names = glossary.Glossary(glossary.library_terms())
    assert names.translate(card["name_zh"]) == card["name_en"]
    short_aliases = [a for a in card["aliases"] if len(a) <= 2]
    for alias in short_aliases:
        assert names.translate(alias) != card["name_en"]


def test_client_indicators_matched_exactly_get_the_cards_english_name():
    """xingyun's 销售额完成率 is matched by the diagnosis to sales.revenue_attainment."""
    cards = library.load().cards
    terms = glossary.matched_indicator_terms(["销售额完成率", "完全没有的指标名"])
    assert terms == {"销售额完成率": cards.at["sales.revenue_attainment", "name_en"]}


def test_the_engagements_own_glossary_wins(sample_copy):
    (sample_copy / "inputs" / "glossary.csv").write_text(
        "term,english\n销售额完成率,Revenue vs target (client wording)\n客户成功部,CS\n",
        encoding="utf-8")
    names = glossary.for_engagement(engagement.load(sample_copy))
    assert names.translate("销售额完成率") == "Revenue vs target (client wording)"
    assert names.translate("客户成功部 · 续费专员").startswith("CS · ")


def test_only_english_reports_of_chinese_engagements_get_a_glossary(sample_copy):
    loaded = engagement.load(sample_copy)
    assert glossary.for_report(loaded, "zh") is None
    assert isinstance(glossary.for_report(loaded, "en"), glossary.Glossary)


def test_missing_terms_and_the_template_to_fill(sample_copy, tmp_path, capsys):
    glossary_file = sample_copy / "inputs" / "glossary.csv"
    glossary_file.unlink(missing_ok=True)
    loaded = engagement.load(sample_copy)
    missing = glossary.missing_terms(loaded)
    assert "客户成功部" in missing and "销售额完成率" not in missing  # the library names it
    target = tmp_path / "glossary.csv"
    assert cli.main(["glossary", str(sample_copy), "--write", str(target)]) == 0
    rows = target.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "term,english" and len(rows) == len(missing) + 1
    filled = "term,english\n" + "".join(f'"{t}",EN {n}\n' for n, t in enumerate(missing))
    glossary_file.write_text(filled, encoding="utf-8")
    assert glossary.missing_terms(engagement.load(sample_copy)) == []
    assert cli.main(["glossary", str(sample_copy)]) == 0
    assert "0 client terms" in capsys.readouterr().err


def test_display_translates_and_still_escapes(capsys):
    import pandas as pd

    glossary.activate(glossary.Glossary(SAMPLE_TERMS))
    html = display.table_html(pd.DataFrame({"unit": ["销售部", "<b>华东</b>"], "n": [1, 2]}),
                              headers={"unit": "Unit"})
    assert "<td class=\"text\">Sales</td>" in html
    assert "&lt;b&gt;华东†&lt;/b&gt;" in html


def test_chart_specs_are_translated_consistently():
    """Data values and an explicit sort order change together, so the chart keeps its order."""
    glossary.activate(glossary.Glossary(SAMPLE_TERMS))
    spec = {"datasets": {"d": [{"unit": "销售部"}, {"unit": "客户成功部"}]},
            "encoding": {"y": {"field": "unit", "sort": ["客户成功部", "销售部"]}}}
    out = glossary.translate_tree(spec)
    assert out["datasets"]["d"] == [{"unit": "Sales"}, {"unit": "Customer Success"}]
    assert out["encoding"]["y"]["sort"] == ["Customer Success", "Sales"]
    rendered = charts.orient_renderer(
        {"data": {"values": [{"u": "销售部", "v": 1}]}, "mark": "bar",
         "encoding": {"x": {"field": "v", "type": "quantitative"},
                      "y": {"field": "u", "type": "nominal"}}})
    assert ">Sales<" in rendered["image/svg+xml"]
    assert "销售部" not in rendered["image/svg+xml"]


def test_html_is_translated_node_by_node_and_stays_escaped():
    glossary.activate(glossary.Glossary({**SAMPLE_TERMS, "研发部": "R&D"}))
    markup = ('<div title="销售部"><p>研发部</p><p>这是一段客户原文,没有英文。再一段。</p>'
              '<p>&lt;script&gt;销售部</p></div>')
    out = glossary.translate_html(markup)
    assert '<div title="销售部">' in out  # attributes untouched
    assert "<p>R&amp;D</p>" in out
    assert "<p>这是一段客户原文,没有英文。再一段。†</p>" in out
    assert "<p>&lt;script&gt;Sales</p>" in out
