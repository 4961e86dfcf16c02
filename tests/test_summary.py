"""Executive summary (06): helpers.summary on the samples, its figures against the stages'
own results, the pilot plan's periods, and the chapter's text in both languages."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from helpers import engagement as engagement_module
from helpers import paths, policy, summary
from helpers.diagnosis import shares
from helpers.summary import advice, figures, present

SAMPLES = ["xingyun_saas", "lanshan_bank", "qingtian_foods"]


@pytest.fixture(scope="module", params=SAMPLES)
def summarised(request, tmp_path_factory):
    data = engagement_module.load(paths.DATA_SAMPLES / request.param)
    rules = policy.for_engagement(data.profile)
    folder = tmp_path_factory.mktemp(request.param)
    result = summary.run(data, rules, data.language, folder)
    result.save(folder / "summary")
    return data, rules, result, folder


def test_next_periods_roll_over_years():
    assert advice.next_periods("2025Q4", 2) == ["2026Q1", "2026Q2"]
    assert advice.next_periods("2025 q2", 1) == ["2025Q3"]
    assert advice.next_periods("2025-11", 3) == ["2025-12", "2026-01", "2026-02"]
    assert advice.next_periods("上半年", 1) == []


def test_pilot_starts_after_the_report_date_when_the_actuals_are_older():
    dated = SimpleNamespace(profile={"report": {"date": "2026-11-21"}})
    assert advice.period_of(dt.date(2026, 11, 21), "2025Q4") == "2026Q4"
    assert advice._start_after("2025Q4", dated) == "2026Q4"
    assert advice._start_after("2027Q1", dated) == "2027Q1"
    assert advice._start_after("2026-12", dated) == "2026-12"


def test_summary_reloads(summarised):
    _, _, result, folder = summarised
    loaded = summary.SummaryResult.load(folder / "summary")
    assert loaded.figures == result.figures
    assert loaded.recommendations == result.recommendations


def test_before_figures_are_the_diagnosis_and_after_use_the_same_formula(summarised):
    data, rules, result, folder = summarised
    from helpers import diagnosis, scoring

    found = diagnosis.run(data, rules)
    orientation = result.figures["orientation"]
    assert orientation["index_before"] == pytest.approx(found.summary["orientation_index"])
    weights = scoring.weights_for(data, rules, data.language, folder).weights
    card = figures.proposed_scorecard(weights)
    by_position = shares.position_shares(card, rules)
    manual = 100 * (by_position["customer_share_weight"]
                    + 0.5 * by_position["business_share_weight"]).mean()
    assert orientation["index_after"] == pytest.approx(manual)
    assert 0 <= orientation["customer_share_after"] <= 1


def test_moments_after_never_exceed_the_moments(summarised):
    _, _, result, _ = summarised
    moments = result.figures["moments"]
    assert 0 <= moments["uncovered_after"] <= moments["moments"]
    assert moments["uncovered_before"] == len(moments["uncovered_before_names"])


def test_recommendations_follow_the_figures(summarised):
    _, _, result, _ = summarised
    codes = [item["code"] for item in result.recommendations]
    gap = result.figures["orientation"]["gap_after"]
    expected = ("orientation_below" if gap > 0 else "orientation_within" if gap == 0
                else "orientation_above")
    assert codes[0] == expected
    verdicts = {f["verdict"] for f in result.figures["alignment"].values()}
    for verdict in verdicts:
        assert f"alignment_{verdict}" in codes
    assert ("moments" in codes) == bool(result.figures["moments"]["still_uncovered"])


def test_pilot_team_is_customer_facing_and_period_is_after_the_report_date(summarised):
    data, _, result, _ = summarised
    plan = result.plan
    facing = set(data.profile["customer_facing_units"])
    assert plan["teams"], "every sample has a customer-facing team to pilot"
    assert {team["unit"] for team in plan["teams"]} <= facing
    assert plan["periods"] and plan["periods"][0] > plan["last_period"]
    assert plan["periods"][0] >= "2027"      # the report is dated 2026-11-21 (2026Q4)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapter_text_is_complete_in_both_languages(summarised, lang):
    _, _, result, _ = summarised
    lines = [*present.recommendation_lines(result, lang), *present.plan_lines(result.plan, lang)]
    table = present.before_after_table(result, lang)
    text = " ".join(lines + [str(c) for c in table.columns]
                    + [t[0] for t in present.headline_figures(result, lang)])
    assert not re.search(r"\b(summary|pilot|checks)\.[a-z_]+", text)
    assert "{" not in text
    assert len(table) >= 3
    if lang == "en":
        assert not re.search(r"[\u4e00-\u9fff]", " ".join(table.iloc[:, 0]))
