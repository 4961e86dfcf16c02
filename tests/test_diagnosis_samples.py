"""On every sample: each diagnosis finding points at real rows of the client's input, and the
headline measures are coherent."""

from __future__ import annotations

import pytest

from helpers import diagnosis, engagement, paths, policy

SAMPLES = paths.sample_engagements()


@pytest.fixture(scope="module", params=SAMPLES, ids=[s.name for s in SAMPLES])
def case(request):
    loaded = engagement.load(request.param)
    return loaded, diagnosis.run(loaded, policy.for_engagement(loaded.profile))


def test_structural_findings_point_at_input_rows(case):
    loaded, result = case
    rows = set(loaded.tables["current_kpis"].index)
    assert len(result.findings)
    for finding in result.findings.itertuples():
        assert finding.rows and set(finding.rows) <= rows, finding
        assert finding.file == loaded.sources["current_kpis"]


def test_conflicts_point_at_input_rows(case):
    loaded, result = case
    rows = set(loaded.tables["current_kpis"].index)
    for conflict in result.conflicts.itertuples():
        assert set(conflict.rows_a) | set(conflict.rows_b) <= rows


def test_survey_and_kgcr_findings_point_at_input_rows(case):
    loaded, result = case
    survey_rows = set(loaded.tables["survey"].index)
    for finding in result.survey.findings.itertuples():
        assert set(finding.rows) <= survey_rows
    outcome_rows = set(loaded.tables["outcomes"].index)
    flagged = result.kgcr[result.kgcr["flagged"]]
    assert len(flagged) >= 1, "every sample has a KPI-green-customer-red unit"
    for record in flagged.itertuples():
        assert set(record.rows) <= outcome_rows


def test_headline_measures_are_coherent(case):
    _, result = case
    s = result.summary
    assert 0 <= s["customer_share_weight"] <= s["outward_share_weight"] <= 1
    assert 0 <= s["orientation_index"] <= 100
    assert s["verdict"] != "customer", "the samples are deliberately internal-leaning"
    assert s["gap"] > 0
    assert result.scorecard["orientation"].eq("unknown").mean() <= 0.05
