"""Stage 03 on the samples: every position gets a selection that passes the policy, every
rejected candidate says why in words (no raw codes), the card book escapes client text."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import engagement, kpi_pool, paths, policy
from helpers.kpi_pool import cardbook, selection

SAMPLES = paths.sample_engagements()
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)+\b")


@pytest.fixture(scope="module", params=SAMPLES, ids=[s.name for s in SAMPLES])
def case(request):
    loaded = engagement.load(request.param)
    rules = policy.for_engagement(loaded.profile)
    return loaded, rules, kpi_pool.run(loaded, rules, loaded.language)


def test_every_position_gets_a_selection_that_passes_the_policy(case):
    loaded, rules, result = case
    positions = set(zip(loaded.tables["current_kpis"]["unit"],
                        loaded.tables["current_kpis"]["position"], strict=True))
    chosen = result.selection
    assert set(zip(chosen["unit"], chosen["position"], strict=True)) == positions
    assert result.violations.empty, result.violations
    assert selection.policy_check(chosen, rules).empty
    core = chosen[chosen["role"] == "core"].groupby(["unit", "position"]).size()
    bounds = rules["kpi_pool"]["core_per_position"]
    assert core.between(bounds["min"], bounds["max"]).all()


def test_every_rejected_candidate_gives_its_reason_in_words(case):
    _, _, result = case
    rejected = result.candidates[~result.candidates["passed"]]
    assert len(rejected)
    for column in ("reason_zh", "reason_en"):
        assert rejected[column].str.len().gt(0).all()
        assert not rejected[column].str.contains(RAW_CODE).any(), rejected[column]
    assert set(rejected["failed_at"]) <= {"relevance", "measurability", "controllability",
                                          "data_cost", "consistency"}


def test_card_book_escapes_client_text():
    row = pd.Series({"key": "current:<b>", "library_id": None, "name_zh": "<script>x</script>",
                     "name_en": "=cmd", "definition": "<img src=x onerror=alert(1)>",
                     "orientation": "internal", "unit": "部", "position": "岗", "role": "core"})
    html = cardbook.cardbook_html(pd.DataFrame([row]), "zh")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
