"""Customer metrics (METHOD §8), exact formulas on published and hand-computed numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import policy
from helpers.errors import InputError
from helpers.scoring import metrics

POLICY = policy.load()


def code(error: pytest.ExceptionInfo) -> str:
    return error.value.problems[0].code


# --- survey metrics -------------------------------------------------------------------------


def test_nps_published_example():
    """DELA annual report 2018, glossary "Net Promotor Score": 30 % promoters (9–10) and 20 %
    detractors (0–6) give an NPS of +10 (Reichheld 2003 definition)."""
    answers = [9] * 15 + [10] * 15 + [0, 3, 5, 6] * 5 + [7, 8] * 25
    assert metrics.nps(answers, POLICY) == pytest.approx(10.0, abs=1e-3)


def test_nps_hand_example_and_non_responses():
    """[10, 9, 8, 7, 6, 0]: promoters 2/6, detractors 2/6 → 0; NaN answers are skipped."""
    assert metrics.nps([10, 9, 8, 7, 6, 0, np.nan], POLICY) == pytest.approx(0.0)
    assert metrics.nps([10, 10, 6], POLICY) == pytest.approx(100 * (2 / 3 - 1 / 3))
    assert np.isnan(metrics.nps([], POLICY))


def test_nps_refuses_answers_off_the_scale():
    with pytest.raises(InputError) as error:
        metrics.nps([9, 11, "ten"], POLICY)
    assert code(error) == "metric_out_of_range"
    assert error.value.problems[0].params["count"] == 2


def test_csat_is_the_share_of_four_and_five():
    """METHOD §8: [5, 4, 3, 2, 1, 5] → 3/6."""
    assert metrics.csat([5, 4, 3, 2, 1, 5], POLICY) == pytest.approx(0.5)
    assert np.isnan(metrics.csat([np.nan], POLICY))


def test_ces_is_the_mean_on_one_to_seven():
    assert metrics.ces([1, 2, 3, 7], POLICY) == pytest.approx(3.25)
    with pytest.raises(InputError):
        metrics.ces([8], POLICY)


# --- count metrics --------------------------------------------------------------------------


def test_retention_formula():
    """((E − N)/S), exprimere.net FAQ "Retention rate": S 200 at the start, N 40 new, E 180 at the
    end → (180 − 40)/200 = 0.70."""
    assert metrics.retention(180, 40, 200) == pytest.approx(0.70)


def test_retention_is_vectorised_and_nan_without_customers_at_the_start():
    got = metrics.retention([180, 10], [40, 0], [200, 0])
    assert got[0] == pytest.approx(0.7) and np.isnan(got[1])


def test_retention_refuses_more_new_customers_than_at_the_end():
    with pytest.raises(InputError) as error:
        metrics.retention(10, 20, 50)
    assert code(error) == "metric_part_exceeds_whole"


def test_churn_renewal_repurchase_sla():
    assert metrics.churn(30, 200) == pytest.approx(0.15)
    assert metrics.renewal(45, 50) == pytest.approx(0.9)
    assert metrics.repurchase(120, 400) == pytest.approx(0.3)
    assert metrics.sla(95, 100) == pytest.approx(0.95)
    assert np.isnan(metrics.renewal(0, 0))


def test_repurchase_from_purchase_counts():
    """Counts [0, 1, 2, 3, 1]: paying 4 (≥ 1), repeat 2 (≥ 2) → 0.5."""
    assert metrics.repurchase_from_counts([0, 1, 2, 3, 1]) == pytest.approx(0.5)


def test_counts_must_be_non_negative_and_parts_within_wholes():
    with pytest.raises(InputError) as error:
        metrics.churn(-1, 10)
    assert code(error) == "metric_negative"
    with pytest.raises(InputError) as error:
        metrics.renewal(60, 50)
    assert code(error) == "metric_part_exceeds_whole"


def test_clv_simple():
    """Average order 200 × 4 orders a year × 3 years × 25 % margin = 600."""
    assert metrics.clv(200, 4, 3, 0.25) == pytest.approx(600)
    assert metrics.clv([200, 100], [4, 2], 3, 0.5) == pytest.approx([1200, 300])


def test_fcr_excludes_reopened_cases():
    """80 of 100 resolved cases closed at first contact, 5 of them reopened → 75/100."""
    assert metrics.fcr(80, 100, 5) == pytest.approx(0.75)
    with pytest.raises(InputError):
        metrics.fcr(80, 100, 90)


# --- health ---------------------------------------------------------------------------------


WEIGHTS = {"usage": 0.5, "support": 0.3, "nps": 0.2}


def test_health_score_and_band():
    """0.5·80 + 0.3·60 + 0.2·50 = 68 → red (below 70: improvement plan, seed 004)."""
    score, band = metrics.health({"usage": 80, "support": 60, "nps": 50}, WEIGHTS, POLICY)
    assert score == pytest.approx(68) and band == "red"


def test_health_frame_renormalises_missing_sub_scores_and_bands_at_the_edges():
    """Row 2 lacks support: (0.5·80 + 0.2·100)/0.7 = 85.714 → green; 70 → amber; 85 → green."""
    frame = pd.DataFrame({"usage": [70, 80, 85, np.nan], "support": [70, np.nan, 85, np.nan],
                          "nps": [70, 100, 85, np.nan]})
    got = metrics.health(frame, WEIGHTS, POLICY)
    assert got["health"].tolist()[:3] == pytest.approx([70, 85.714, 85], abs=1e-3)
    assert got["band"].tolist()[:3] == ["amber", "green", "green"]
    assert np.isnan(got["health"].iloc[3]) and pd.isna(got["band"].iloc[3])


def test_health_refuses_bad_weights_and_missing_columns():
    with pytest.raises(InputError) as error:
        metrics.health({"usage": 80}, {"usage": -1}, POLICY)
    assert code(error) == "metric_bad_weights"
    with pytest.raises(InputError) as error:
        metrics.health({"usage": 80}, WEIGHTS, POLICY)
    assert code(error) == "metric_missing_sub_scores"


@given(st.lists(st.integers(0, 10), min_size=1, max_size=60))
def test_nps_lies_between_minus_and_plus_100(answers):
    assert -100 <= metrics.nps(answers, POLICY) <= 100
