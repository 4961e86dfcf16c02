"""Stage 02 end to end on the samples: uncovered moments of truth and RACI problems point at
verifiable journey rows; saved journey edits are replayed by batch runs."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import engagement, paths, policy, value_chain
from helpers.value_chain import journey

#: From each sample's README: the uncovered moments of truth and the rows of RACI defects.
EXPECTED = {
    "xingyun_saas": ({9, 17}, {7, 13, 15, 21}),
    "lanshan_bank": ({5, 9, 14}, {7, 9, 16, 21}),
    "qingtian_foods": ({7, 17}, {5, 12, 16, 18}),
}


@pytest.mark.parametrize("sample", paths.sample_engagements(), ids=lambda p: p.name)
def test_samples_show_the_readme_gaps_at_their_rows(sample):
    loaded = engagement.load(sample)
    result = value_chain.run(loaded, policy.for_engagement(loaded.profile), "zh")
    uncovered, raci_rows = EXPECTED[sample.name]
    moments = result.moments
    assert set(moments.loc[moments["uncovered_moment"], "row"].astype(int)) == uncovered
    assert set(result.raci_findings["row"].astype(int)) == raci_rows
    rows_of = {loaded.sources["journey"]: set(loaded.tables["journey"].index),
               loaded.sources["current_kpis"]: set(loaded.tables["current_kpis"].index)}
    for finding in result.coverage.findings.itertuples():
        assert set(finding.rows) <= rows_of[finding.file], finding


def test_saved_journey_edits_are_replayed(sample_copy):
    loaded = engagement.load(sample_copy)
    rules = policy.for_engagement(loaded.profile)
    before = value_chain.run(loaded, rules, "zh")
    assert "row-17" in set(before.moments.loc[before.moments["uncovered_moment"], "touchpoint_id"])
    edits = pd.DataFrame([{"touchpoint_id": "row-17", "kind": "indicator", "letter": "",
                           "value": "一次解决率", "action": "add"}])
    journey.write_journey_decisions(sample_copy, edits)
    after = value_chain.run(engagement.load(sample_copy), rules, "zh")
    row = after.moments.set_index("touchpoint_id").loc["row-17"]
    assert bool(row["covered"]) and not bool(row["uncovered_moment"])
    assert len(after.edits) == 1
