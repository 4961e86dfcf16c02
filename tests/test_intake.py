"""Stage 00: scenario fit (METHOD §2.3) and verdict bands from the policy file."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import intake, policy, schema

POLICY = policy.load("default")


def recommend(**profile):
    return intake.recommend_band(intake.scenario_factors(profile, POLICY), POLICY)


def test_saas_in_a_saturated_competitive_market_is_customer_led():
    rec = recommend(business_model="saas", competition="high", product_homogeneity="high",
                    market="stock", stage="growth")
    assert (rec["band"], rec["low"], rec["high"], rec["net"]) == ("customer_led", 55, 75, 5)


def test_mature_mass_production_is_internal_led():
    rec = recommend(business_model="mass_production", process_maturity="high",
                    compliance_level="very_high", competition="low")
    assert rec == {"band": "internal_led", "low": 30, "high": 45, "net": -3,
                   "customer_points": 0, "internal_points": 3}


def test_mass_production_needs_mature_processes_to_count():
    rec = recommend(business_model="mass_production", process_maturity="low")
    assert rec["internal_points"] == 0 and rec["band"] == "balanced"


def test_start_up_saas_is_customer_leaning():
    rec = recommend(business_model="saas", stage="startup")
    assert (rec["net"], rec["band"]) == (1, "customer_leaning")


def test_no_factor_gives_the_balanced_band():
    rec = recommend()
    assert (rec["net"], rec["band"], rec["low"], rec["high"]) == (0, "balanced", 35, 55)


def test_policy_overrides_change_the_points():
    custom = policy.load("default", {"scenario_fit": {"factors": [
        {"id": "service_business", "when": {"business_model": ["saas"]},
         "toward": "customer", "points": 4}]}})
    rec = intake.recommend_band(intake.scenario_factors({"business_model": "saas"}, custom), custom)
    assert rec["net"] == 4 and rec["band"] == "customer_led"


@pytest.mark.parametrize(("index", "verdict"), [(0, "internal"), (29.9, "internal"),
                                                (30, "transitional"), (54.9, "transitional"),
                                                (55, "customer"), (100, "customer")])
def test_verdict_bands(index, verdict):
    assert intake.verdict(index, POLICY) == verdict


def choice(field):
    return st.sampled_from([None, *schema.profile_fields()[field]["choices"]])


profiles = st.fixed_dictionaries({f: choice(f) for f in (
    "business_model", "stage", "market", "competition", "product_homogeneity",
    "compliance_level", "process_maturity")})


@given(profiles, profiles)
def test_more_customer_pressure_never_lowers_the_band(first, second):
    """Property: bands are ordered, so a higher net score never gives a lower range."""
    lower, higher = sorted([recommend(**{k: v for k, v in p.items() if v})
                            for p in (first, second)], key=lambda r: r["net"])
    assert lower["low"] <= higher["low"] and lower["high"] <= higher["high"]
    assert 0 <= lower["low"] < lower["high"] <= 100


def test_every_factor_and_band_has_zh_and_en_text():
    from helpers import i18n

    for lang in ("zh", "en"):
        for factor in POLICY["scenario_fit"]["factors"]:
            assert i18n.has(f"scenario.factor.{factor['id']}.reason", lang)
        for band in POLICY["scenario_fit"]["bands"]:
            assert i18n.has(f"scenario.band.{band['code']}", lang)


def test_factor_fields_exist_in_the_profile_schema():
    fields = schema.profile_fields()
    for factor in POLICY["scenario_fit"]["factors"]:
        for field, values in factor["when"].items():
            assert set(values) <= set(fields[field]["choices"]), (factor["id"], field)
