"""``orient new``: helpers.scaffold.new_engagement."""

from __future__ import annotations

import csv
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from helpers import engagement, scaffold, schema

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layout(tmp_path, lang):
    folder = scaffold.new_engagement("acme", tmp_path, industry="saas", lang=lang)
    assert folder == (tmp_path / "acme").resolve()
    assert (folder / "engagement.yaml").is_file()
    assert (folder / "README.md").is_file()
    assert (folder / "decisions" / ".gitkeep").is_file()
    assert sorted(p.stem for p in (folder / "inputs").iterdir()) == sorted(schema.tables())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_files_hold_only_the_header_in_the_chosen_language_with_bom(tmp_path, lang):
    folder = scaffold.new_engagement("acme", tmp_path, lang=lang)
    for name, table in schema.tables().items():
        data = (folder / "inputs" / f"{name}.csv").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), name
        rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
        assert rows == [[column.label(lang) for column in table.columns.values()]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fresh_folder_only_lacks_current_kpis_rows(tmp_path, lang):
    folder = scaffold.new_engagement("acme", tmp_path, industry="manufacturing", lang=lang)
    result = engagement.validate(folder)
    assert [(p.code, p.params) for p in result.errors] == [
        ("no_rows", {"table": "current_kpis"})
    ]
    assert not [p for p in result.problems if p.severity == "warning"]
    profile = result.engagement.profile
    assert profile["client"] == "acme"
    assert profile["language"] == lang
    assert profile["industry"] == "manufacturing"
    assert profile["business_model"] == "manufacturing"
    assert profile["stage"] == scaffold.SUGGESTED_STAGE


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_profile_lists_every_field_with_its_codes(tmp_path, lang):
    folder = scaffold.new_engagement("acme", tmp_path, lang=lang)
    text = (folder / "engagement.yaml").read_text(encoding="utf-8")
    for key, spec in schema.profile_fields().items():
        assert re.search(rf"^{key}:", text, re.MULTILINE), key
        for code in spec.get("choices", {}):
            assert code in text, (key, code)
        for sub in spec.get("keys", {}):
            assert re.search(rf"^#\s+{sub}:", text, re.MULTILINE), (key, sub)
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    if lang == "zh":
        assert "必填" in comments and "请核对" in text
    else:
        assert "required" in comments and "review" in text
        assert not CJK.search(text)


def test_every_suggested_business_model_is_a_profile_code():
    fields = schema.profile_fields()
    assert set(scaffold.SUGGESTED_BUSINESS_MODEL) == set(fields["industry"]["choices"])
    assert set(scaffold.SUGGESTED_BUSINESS_MODEL.values()) <= set(
        fields["business_model"]["choices"]
    )
    assert scaffold.SUGGESTED_STAGE in fields["stage"]["choices"]


def test_industry_may_be_given_by_its_chinese_name(tmp_path):
    folder = scaffold.new_engagement("acme", tmp_path, industry="制造业")
    profile = yaml.safe_load((folder / "engagement.yaml").read_text(encoding="utf-8"))
    assert profile["industry"] == "manufacturing"


def test_unknown_industry_lists_the_codes_and_creates_nothing(tmp_path):
    with pytest.raises(ValueError, match="unknown industry 'aviation'") as caught:
        scaffold.new_engagement("acme", tmp_path, industry="aviation")
    for code in schema.profile_fields()["industry"]["choices"]:
        assert code in str(caught.value)
    assert not (tmp_path / "acme").exists()


def test_unknown_language_is_refused(tmp_path):
    with pytest.raises(ValueError, match="language must be one of zh, en"):
        scaffold.new_engagement("acme", tmp_path, lang="fr")
    assert not (tmp_path / "acme").exists()


def test_existing_folder_is_refused_and_left_alone(tmp_path):
    existing = tmp_path / "acme"
    existing.mkdir()
    (existing / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists") as caught:
        scaffold.new_engagement("acme", tmp_path)
    assert str(existing.resolve()) in str(caught.value)
    assert [p.name for p in existing.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("name", ["../escape", "a/../../escape", "/tmp/absolute"])
def test_names_outside_the_parent_are_refused(tmp_path, name):
    parent = tmp_path / "clients"
    parent.mkdir()
    with pytest.raises(ValueError, match="outside"):
        scaffold.new_engagement(name, parent)
    assert not (tmp_path / "escape").exists()


@pytest.mark.parametrize("name", ["", "  ", "."])
def test_empty_names_are_refused(tmp_path, name):
    with pytest.raises(ValueError, match="name"):
        scaffold.new_engagement(name, tmp_path)


def test_nested_name_inside_the_parent_names_the_client_by_its_last_part(tmp_path):
    folder = scaffold.new_engagement("clients/acme", tmp_path)
    assert folder == (tmp_path / "clients" / "acme").resolve()
    assert engagement.validate(folder).engagement.profile["client"] == "acme"


def test_missing_parent_is_created(tmp_path):
    folder = scaffold.new_engagement("acme", tmp_path / "clients" / "2024")
    assert folder.is_dir()


@pytest.mark.parametrize("name", ["=cmd|' -C calc'!A0", "a: b # c", "yes", "007", "星云 SaaS"])
def test_client_name_reads_back_as_the_same_text(tmp_path, name):
    folder = scaffold.new_engagement(name, tmp_path)
    result = engagement.validate(folder)
    assert result.engagement.profile["client"] == name


@given(st.text(max_size=40))
def test_yaml_string_round_trips_any_text(text):
    assert yaml.safe_load(f"key: {scaffold.yaml_string(text)}  # remark")["key"] == text


def test_failure_half_way_removes_the_new_folder(tmp_path, monkeypatch):
    def broken(folder, lang):
        raise OSError("disk full")

    monkeypatch.setattr(scaffold, "write_header_csvs", broken)
    with pytest.raises(OSError, match="disk full"):
        scaffold.new_engagement("acme", tmp_path)
    assert not (tmp_path / "acme").exists()
