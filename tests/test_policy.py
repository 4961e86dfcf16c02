"""The default policy holds every METHOD default, consistent with itself."""

import pytest
import yaml

from helpers import paths, policy

POLICY = policy.load("default")
SURVEY = yaml.safe_load((paths.TEMPLATES / "survey" / "self_check.yaml").read_text("utf-8"))


@pytest.mark.parametrize("section", ["orientation", "scenario_fit", "structural_checks", "survey",
                                     "kpi_green_customer_red", "value_chain", "kpi_pool",
                                     "weights", "scoring", "customer_metrics", "pilot"])
def test_every_method_section_has_its_defaults(section):
    assert POLICY[section]


def test_method_defaults_match_the_spec():
    """Spot-check the numbers METHOD.md states (§2, §2.4, §6, §7, §8, §9)."""
    assert [v["below"] for v in POLICY["orientation"]["verdicts"]][:2] == [30, 55]
    assert POLICY["structural_checks"]["single_weight"] == {"max": 30, "hard_max": 60,
                                                            "severity": "high"}
    assert POLICY["weights"]["item"] == {"min": 5, "max": 30} and POLICY["weights"]["grid"] == 5
    assert POLICY["weights"]["customer_share_min_customer_facing"] == 30
    assert POLICY["weights"]["customer_rating_max"] == 15
    assert POLICY["weights"]["ahp"]["consistency_ratio_max"] == 0.10
    assert POLICY["scoring"]["interpolation"] == {"p_b": 0.8, "p_x": 1.2}
    assert POLICY["scoring"]["total_cap"] == 120
    assert POLICY["customer_metrics"]["health"]["red_below"] == 70


def test_distributions_sum_to_100():
    assert sum(POLICY["scoring"]["grades"]["forced_distribution"].values()) == 100
    assert sum(POLICY["pilot"]["lifecycle_milestones"].values()) == 100
    assert sum(POLICY["kpi_pool"]["tiers"]["weights"].values()) == pytest.approx(1.0)


def test_bands_are_ordered():
    verdicts = [v["below"] for v in POLICY["orientation"]["verdicts"]]
    assert verdicts == sorted(verdicts)
    grades = [g["min"] for g in POLICY["scoring"]["grades"]["absolute"]]
    assert grades == sorted(grades, reverse=True) and grades[-1] == 0
    bands = POLICY["scenario_fit"]["bands"]
    assert [b["min_net"] for b in bands] == sorted((b["min_net"] for b in bands), reverse=True)


def test_overrides_merge_without_touching_the_rest():
    merged = policy.load("default", {"weights": {"item": {"max": 25}}})
    assert merged["weights"]["item"] == {"min": 5, "max": 25}
    assert merged["weights"]["grid"] == 5
    assert policy.load("default")["weights"]["item"]["max"] == 30


def test_unknown_policy_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="known policies: default"):
        policy.load("nonexistent")


def test_survey_checks_and_questionnaire():
    assert [c["title_zh"] for c in SURVEY["checks"]] == [
        "客户相关指标占比", "绩效沟通话题结构", "部门KPI冲突频率", "客户不满但KPI合格"]
    items = SURVEY["questionnaire"]["items"]
    counts = {d: sum(i["dimension"] == d for i in items)
              for d in SURVEY["questionnaire"]["dimensions"]}
    assert counts == {"customer_orientation": 6, "competitor_orientation": 4,
                      "interfunctional_coordination": 5}
    assert all(i["zh"] and i["en"] for i in items)
    assert len({i["id"] for i in items}) == 15
