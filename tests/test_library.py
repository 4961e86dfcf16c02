"""The KPI library: schema of every card, coverage, search, CLI and export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import yaml

from helpers import cli, library, paths

LIB = library.load()
SEED_INDICATORS = yaml.safe_load(
    (Path(__file__).parent / "data" / "seed_indicators.yaml").read_text(encoding="utf-8"))


def test_library_has_at_least_200_full_cards():
    assert len(LIB.cards) >= 200
    for field, kind in library.CARD_FIELDS:
        if not kind.startswith("codes?"):
            assert LIB.cards[field].map(lambda v: v not in (None, "", [])).all(), field


@pytest.mark.parametrize("path", sorted(library.LIBRARY.glob("[!_]*.yaml")), ids=lambda p: p.name)
def test_every_domain_file_passes_the_schema(path):
    assert library.validate_file(path) == []


def test_schema_rejects_a_bad_card():
    card = LIB.card(LIB.cards.index[0])
    bad = {**card, "orientation": "customer-ish", "unit": None, "colour": "red",
           "scoring": {"rule": "ratio", "params": {"p_x": 1.2}}}
    bad.pop("domain")
    problems = library.validate_card(bad, LIB.vocabulary, card["domain"])
    assert any("orientation 'customer-ish'" in p for p in problems)
    assert "field unit is missing or empty" in problems
    assert "unknown field colour" in problems
    assert any("not used by rule ratio" in p for p in problems)


def test_domains_cover_the_issue_list():
    departments = set(LIB.cards["departments"].explode())
    for needed in ("sales", "customer_success", "customer_service", "delivery", "rnd", "it",
                   "supply_chain", "manufacturing", "quality", "hr", "finance", "marketing",
                   "retail_store", "relationship_banking", "channel"):
        assert needed in departments, needed


def test_every_orientation_is_represented_with_internal_ones_clients_use():
    counts = LIB.cards["orientation"].value_counts()
    assert set(counts.index) == set(LIB.vocabulary["orientation"])
    assert counts["internal"] >= 30


@pytest.mark.parametrize("entry", SEED_INDICATORS, ids=lambda e: f"{e['seed']}-{e['name']}")
def test_every_seed_named_indicator_is_found_by_name_or_alias(entry):
    wanted = library.normalise(entry["name"])
    found = library.search(entry["name"], LIB)
    assert not found.empty, entry["name"]
    first = found.iloc[0]
    assert wanted in {library.normalise(n) for n in library.names_of(first)}, (
        entry["name"], first["name_zh"])


def test_search_for_renewal_lists_the_renewal_indicators_with_both_names(capsys):
    assert cli.main(["library", "search", "续约"]) == 0
    out = capsys.readouterr().out
    renewal = LIB.cards[LIB.cards.apply(
        lambda c: any("续约" in n for n in library.names_of(c)), axis=1)]
    assert len(renewal) >= 2
    for _, card in renewal.iterrows():
        assert card["name_zh"] in out and card["name_en"] in out


def test_search_ranks_exact_alias_first():
    assert library.search("FCR", LIB).index[0] == "customer_service.first_contact_resolution"
    assert library.search("aht", LIB).index[0] == "customer_service.average_handle_time"


def test_filter_by_department_industry_orientation_and_stage():
    cards = library.filter_cards(LIB, department="customer_service", orientation="customer",
                                 journey_stage="use", industry="saas")
    assert "customer_service.first_contact_resolution" in cards.index
    assert (cards["orientation"] == "customer").all()


def test_stats_cli_counts_departments_orientations_industries(capsys):
    assert cli.main(["library", "--stats", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"The library holds {len(LIB.cards)} indicators." in out
    for heading in ("| department |", "| orientation |", "| industry |"):
        assert heading in out


def test_export_is_browsable_and_keeps_text_as_text(tmp_path):
    target = tmp_path / "library.xlsx"
    assert cli.main(["library", "--export", str(target)]) == 0
    book = openpyxl.load_workbook(target)
    sheet = book["指标库"]
    assert sheet.max_row == len(LIB.cards) + 1
    assert sheet["B1"].value == "指标名称" and sheet.freeze_panes == "D2"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert "代码说明" in book.sheetnames


def test_library_reference_doc_is_up_to_date():
    documented = (paths.REPO_ROOT / "docs" / "library.md").read_text(encoding="utf-8")
    assert library.stats_markdown("en") in documented, "run `make docs`"
