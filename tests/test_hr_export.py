"""Export of stage 04's weights to Frappe HRMS (KRA + Appraisal Template CSV files for Data
Import): one template per feasible position, weights adding up to 100, every goal's KRA in the
KRA file, the importer's headers, formula-safe client text, skipped positions listed."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import engagement as engagement_module
from helpers import hr_export, paths, policy, weighting
from helpers.errors import InputError

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def sample_result():
    found = engagement_module.load(paths.DATA_SAMPLES / "xingyun_saas")
    return weighting.run(found, policy.for_engagement(found.profile), "zh")


def hand_built(rows: list[tuple], positions: pd.DataFrame | None = None):
    """A stage 04 result from ``(unit, position, key, name_zh, name_en, weight)`` rows."""
    weights = pd.DataFrame(rows, columns=["unit", "position", "key", "name_zh", "name_en",
                                          "weight"])
    weights["order"] = weights.groupby(["unit", "position"]).cumcount() + 1
    weights["library_id"] = weights["key"]
    empty = pd.DataFrame()
    return weighting.WeightingResult(weights=weights, positions=empty if positions is None
                                     else positions, binding=empty, judgements=empty,
                                     sensitivity=empty, summary={})


def goals_of(table: pd.DataFrame) -> pd.DataFrame:
    """The template rows with each goal's template title filled in (as Frappe groups them)."""
    title = table["Appraisal Template Title"].replace("", np.nan).ffill()
    return table.assign(template=title)


def read_back(path) -> list[list[str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_every_feasible_position_has_one_template(sample_result):
    tables = hr_export.frappe_tables(sample_result, "zh")
    feasible = sample_result.positions[sample_result.positions["feasible"]]
    expected = {f"{u} · {p}" for u, p in zip(feasible["unit"], feasible["position"], strict=True)}
    titles = tables["appraisal_template"]["Appraisal Template Title"]
    titles = titles[titles != ""]
    assert titles.is_unique and set(titles) == expected
    assert tables["skipped"].empty


def test_goals_add_up_to_100_and_follow_stage_04(sample_result):
    """Frappe HRMS appraisal_template.py validate_total_weightage: flt(total, 2) == 100."""
    goals = goals_of(hr_export.frappe_tables(sample_result, "zh")["appraisal_template"])
    totals = goals.groupby("template")["Weightage (%) (KRAs)"].sum()
    assert (totals.round(2) == 100).all()
    first = sample_result.weights[sample_result.weights["position"] == "销售总监"]
    exported = goals[goals["template"] == "销售部 · 销售总监"]
    assert exported["KRA (KRAs)"].tolist() == first["name_zh"].tolist()
    assert exported["Weightage (%) (KRAs)"].tolist() == first["weight"].tolist()


def test_every_goal_links_to_a_kra_in_the_kra_file(sample_result):
    tables = hr_export.frappe_tables(sample_result, "zh")
    kras = tables["kra"]["Title"]
    assert kras.is_unique and kras.str.len().max() <= 140
    assert set(tables["appraisal_template"]["KRA (KRAs)"]) == set(kras)
    # an indicator shared by many positions is one KRA record
    assert (kras == "投诉24小时方案给出率").sum() == 1


def test_csv_headers_are_the_importers(sample_result, tmp_path):
    """Headers as frappe/frappe frappe/core/doctype/data_import/exporter.py Exporter.add_header
    writes them ("Label", child "Label (Table Label)") and importer.py
    build_fields_dict_for_column_matching maps them back; labels from frappe/hrms
    hrms/hr/doctype/kra/kra.json, appraisal_template/appraisal_template.json and
    appraisal_template_goal/appraisal_template_goal.json."""
    written = hr_export.write_frappe(sample_result, tmp_path, "zh")
    assert [p.name for p in written] == ["frappe_1_kra.csv", "frappe_2_appraisal_template.csv"]
    kra, template = (read_back(p) for p in written)
    assert kra[0] == ["Title", "Description"]
    assert template[0] == ["Appraisal Template Title", "KRA (KRAs)", "Weightage (%) (KRAs)"]
    assert template[1] == ["销售部 · 销售总监", "投诉24小时方案给出率", "30"]
    assert template[2] == ["", "客户投诉率", "25"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in written]


def test_saved_and_reloaded_result_exports_the_same(sample_result, tmp_path):
    """weights_for() may load stage 04 from its artifacts (CSV: empty text becomes NaN)."""
    sample_result.save(tmp_path / "weighting")
    loaded = weighting.WeightingResult.load(tmp_path / "weighting")
    for lang in ("zh", "en"):
        fresh, again = (hr_export.frappe_tables(r, lang) for r in (sample_result, loaded))
        for name in ("kra", "appraisal_template", "skipped"):
            pd.testing.assert_frame_equal(fresh[name], again[name], check_dtype=False)


def test_english_titles_with_lang_en(sample_result):
    tables = hr_export.frappe_tables(sample_result, "en")
    kras = set(tables["kra"]["Title"])
    assert {"Customer satisfaction (CSAT)", "Net revenue retention (NRR)"} <= kras
    assert "客户满意度" not in kras
    csat = tables["kra"].set_index("Title").loc["Customer satisfaction (CSAT)", "Description"]
    assert csat == "Orient indicator customer_success.csat; Chinese name: 客户满意度"
    # the position names are the client's own and stay as written
    assert "销售部 · 销售总监" in set(tables["appraisal_template"]["Appraisal Template Title"])


def test_formula_titles_are_neutralised(tmp_path):
    """OWASP "CSV Injection": a cell starting with = + - @ gets a leading single quote; the
    KRA record and the goal's link carry the same text, so the link still resolves."""
    result = hand_built([
        ("销售部", "销售经理", "custom.a", "=SUM(A1)", None, 40.0),
        ("销售部", "销售经理", "custom.b", "+cmd|' /C calc'!A0", None, 30.0),
        ("销售部", "销售经理", "custom.c", "-2+3", None, 20.0),
        ("销售部", "销售经理", "custom.d", "@SUM(1)", None, 10.0),
    ])
    tables = hr_export.frappe_tables(result, "zh")
    titles = tables["kra"]["Title"].tolist()
    assert titles == ["'=SUM(A1)", "'+cmd|' /C calc'!A0", "'-2+3", "'@SUM(1)"]
    assert tables["appraisal_template"]["KRA (KRAs)"].tolist() == titles
    kra_file, _ = hr_export.write_frappe(result, tmp_path, "zh")
    cells = [cell for row in read_back(kra_file)[1:] for cell in row]
    assert not any(cell.startswith(TRIGGERS) for cell in cells)


def test_commas_quotes_and_line_breaks_are_quoted(tmp_path):
    """RFC 4180 §2.6–2.7: fields with commas, quotes or line breaks are quoted; the file reads
    back to the same cells."""
    result = hand_built([
        ("销售部", "销售经理", "custom.a", '回款率, "含税"', 'Collection, "gross"\nrate', 60.0),
        ("销售部", "销售经理", "custom.b", "新客户数", "New customers", 40.0),
    ])
    kra_file, template_file = hr_export.write_frappe(result, tmp_path, "zh")
    rows = read_back(kra_file)
    assert rows[1][0] == '回款率, "含税"'
    assert rows[1][1].endswith('Collection, "gross"\nrate')
    assert read_back(template_file)[1][1] == '回款率, "含税"'


def test_position_without_weights_is_skipped_and_listed(tmp_path):
    positions = pd.DataFrame({"unit": ["销售部", "市场部"], "position": ["销售经理", "市场经理"],
                              "conflict_zh": ["", "客户指标至少 60%"],
                              "conflict_en": ["", "customer indicators at least 60%"]})
    result = hand_built([
        ("销售部", "销售经理", "sales.a", "回款率", "Collection rate", 50.0),
        ("销售部", "销售经理", "sales.b", "新客户数", "New customers", 50.0),
        ("市场部", "市场经理", "marketing.a", "线索转化率", "Lead conversion", np.nan),
        ("市场部", "市场经理", "marketing.b", "有效线索数", "Qualified leads", np.nan),
    ], positions)
    tables = hr_export.frappe_tables(result, "en")
    titles = set(tables["appraisal_template"]["Appraisal Template Title"])
    assert titles == {"销售部 · 销售经理", ""}
    assert "Lead conversion" not in set(tables["kra"]["Title"])
    skipped = tables["skipped"]
    assert skipped[["unit", "position"]].values.tolist() == [["市场部", "市场经理"]]
    assert skipped["reason"].tolist() == ["customer indicators at least 60%"]
    assert len(hr_export.write_frappe(result, tmp_path, "en")) == 2


def test_nothing_to_export_is_refused(tmp_path):
    result = hand_built([("市场部", "市场经理", "marketing.a", "线索转化率", None, np.nan)])
    assert hr_export.frappe_tables(result, "zh")["skipped"]["reason"].tolist() == [
        "没有同时满足全部政策规则的权重(见权重章节)"]
    with pytest.raises(InputError) as raised:
        hr_export.write_frappe(result, tmp_path, "zh")
    assert [p.code for p in raised.value.problems] == ["hr_export_no_positions"]
    assert not list(tmp_path.iterdir())


def test_a_result_without_positions_exports_nothing(tmp_path):
    empty = pd.DataFrame(columns=["unit", "position"])
    result = weighting.WeightingResult(weights=empty, positions=empty, binding=empty,
                                       judgements=empty, sensitivity=empty, summary={})
    tables = hr_export.frappe_tables(result, "en")
    assert all(tables[name].empty for name in ("kra", "appraisal_template", "skipped"))
    assert list(tables["kra"].columns) == hr_export.KRA_COLUMNS
    with pytest.raises(InputError, match="no position has weights"):
        hr_export.write_frappe(result, tmp_path, "en")


def test_weights_not_adding_up_to_100_are_refused():
    result = hand_built([
        ("销售部", "销售经理", "sales.a", "回款率", "Collection rate", 50.0),
        ("销售部", "销售经理", "sales.b", "新客户数", "New customers", 40.0),
    ])
    with pytest.raises(InputError) as raised:
        hr_export.frappe_tables(result, "en")
    assert [p.code for p in raised.value.problems] == ["hr_export_weights_total"]
    assert "add up to 90%" in raised.value.render("en")
    assert "合计 90%" in raised.value.render("zh")


def test_one_kra_twice_in_a_template_is_refused():
    result = hand_built([
        ("销售部", "销售经理", "sales.a", "回款率", "Collection rate", 50.0),
        ("销售部", "销售经理", "current:回款率", "回款率", None, 50.0),
    ])
    with pytest.raises(InputError) as raised:
        hr_export.frappe_tables(result, "zh")
    assert [p.code for p in raised.value.problems] == ["hr_export_duplicate_kra"]


def test_two_positions_under_one_title_are_refused():
    result = hand_built([
        ("销售部", "销售 经理", "sales.a", "回款率", None, 100.0),
        ("销售部", "销售  经理", "sales.a", "回款率", None, 100.0),
    ])
    with pytest.raises(InputError) as raised:
        hr_export.frappe_tables(result, "zh")
    assert [p.code for p in raised.value.problems] == ["hr_export_duplicate_template"]


def test_titles_differing_only_in_case_share_one_kra():
    """Frappe names a KRA by its title; MariaDB's default collation ignores case, so "Answer
    rate" and "answer rate" would collide on insert."""
    result = hand_built([
        ("客服", "主管", "cs.a", "接通率", "Answer rate", 100.0),
        ("客服", "专员", "cs.b", "接通率", "answer rate", 100.0),
    ])
    tables = hr_export.frappe_tables(result, "en")
    assert tables["kra"]["Title"].tolist() == ["Answer rate"]
    assert tables["appraisal_template"]["KRA (KRAs)"].tolist() == ["Answer rate"] * 2


def test_names_frappe_refuses_are_made_valid():
    """frappe/model/naming.py validate_name refuses < and >; names are at most 140 characters
    (frappe/database/database.py VARCHAR_LEN)."""
    long = "客户" * 100
    result = hand_built([
        ("销售部", "销售经理", "sales.a", "投诉率<5%", None, 50.0),
        ("销售部", "销售经理", "sales.b", long, None, 50.0),
    ])
    titles = hr_export.frappe_tables(result, "zh")["kra"]["Title"].tolist()
    assert titles[0] == "投诉率＜5%"
    assert len(titles[1]) == 140 and titles[1].endswith("…")


@settings(max_examples=60, deadline=None)
@given(names=st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=6, unique=True),
       data=st.data())
def test_any_title_becomes_a_valid_formula_safe_name(names, data):
    cuts = sorted(data.draw(st.lists(st.integers(1, 19), min_size=len(names) - 1,
                                     max_size=len(names) - 1, unique=True)))
    weights = np.diff([0, *cuts, 20]) * 5.0
    result = hand_built([("部门", "岗位", f"k{i}", name, None, weight)
                         for i, (name, weight) in enumerate(zip(names, weights, strict=True))])
    try:
        tables = hr_export.frappe_tables(result, "zh")
    except InputError as error:       # two names that clean to the same title
        assert {p.code for p in error.problems} == {"hr_export_duplicate_kra"}
        return
    titles = tables["kra"]["Title"]
    assert (titles.str.len() <= 140).all()
    assert not titles.str.startswith(TRIGGERS).any()
    assert not titles.str.contains("[<>\n\r\t]").any()
    assert tables["appraisal_template"]["Weightage (%) (KRAs)"].sum() == pytest.approx(100)
