"""Method templates (journeys, scorecards, lifecycle, conflicts, value propositions): every
file passes the schema, the METHOD §6 template weights hold, and the checks catch broken
templates built in tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import library, method_templates, paths, policy

LIB = library.load()
POLICY = policy.load("default")
FOLDERS = (method_templates.JOURNEYS, method_templates.SCORECARDS, method_templates.METHOD)
BUSINESS_MODELS = {"b2b_solution", "saas", "manufacturing", "retail", "banking"}
SCORECARD_IDS = {"bank_relationship_manager", "b2b_account_manager", "fmcg_channel_manager",
                 "customer_service_agent", "it_department_pool", "hr_business_partner",
                 "rnd_engineer", "delivery_project_manager", "service_oriented_sales"}


@pytest.mark.parametrize("path", method_templates.template_files(),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_template_file_passes_the_schema(path):
    assert method_templates.validate_file(path) == []


def test_validate_all_is_clean_and_covers_every_folder():
    files = method_templates.template_files()
    assert {p.parent.name for p in files} == set(FOLDERS)
    assert method_templates.validate_all() == []


# --- journeys (METHOD §3) ---------------------------------------------------------------


def test_one_journey_per_business_model_with_10_to_16_touchpoints():
    journeys = method_templates.journeys()
    assert set(journeys) == BUSINESS_MODELS
    for model, journey in journeys.items():
        assert journey["business_model"] == model
        assert 10 <= len(journey["touchpoints"]) <= 16, model


def test_every_touchpoint_has_1_to_4_indicators_mostly_customer_ones():
    orientation = LIB.cards["orientation"]
    for model, journey in method_templates.journeys().items():
        linked = [i for t in journey["touchpoints"] for i in t["indicators"]]
        assert all(1 <= len(t["indicators"]) <= 4 for t in journey["touchpoints"]), model
        customer = sum(orientation[i] == "customer" for i in linked)
        assert customer / len(linked) >= 0.5, model


def test_touchpoint_table_flattens_raci():
    table = method_templates.touchpoints("manufacturing")
    assert {"R", "A", "C", "I", "stage", "indicators"} <= set(table.columns)
    assert table["A"].map(len).eq(1).all()
    with pytest.raises(KeyError, match="known"):
        method_templates.journey("space_tourism")


def test_loaders_return_copies():
    first = method_templates.journey("saas")
    first["touchpoints"].clear()
    assert method_templates.journey("saas")["touchpoints"]


@pytest.mark.parametrize(("raci", "expected"), [
    ({"R": ["sales"], "A": ["sales", "delivery"]}, "exactly one A"),
    ({"R": [], "A": "sales"}, "at least one R"),
    ({"R": ["it"], "A": "sales", "C": ["hr", "finance", "quality", "product"]}, "at most 3"),
    ({"R": ["sales"], "A": "sales"}, "more than one RACI letter"),
    ({"R": ["legal"], "A": "sales"}, "'legal' is not one of"),
    ({"R": ["it"], "A": "sales", "X": ["hr"]}, "not one of R, A, C, I"),
])
def test_raci_rules(raci, expected):
    departments = LIB.vocabulary["department"]
    max_consulted = POLICY["value_chain"]["raci"]["max_consulted"]
    problems = method_templates.raci_problems(raci, departments, max_consulted)
    assert any(expected in p for p in problems), problems


# --- scorecards (METHOD §5, §6) ---------------------------------------------------------


def _dimension_weights(scorecard_id: str) -> dict[str, int]:
    scorecard = method_templates.scorecards()[scorecard_id]
    return {d["code"]: d["weight"] for d in scorecard["dimensions"]}


def test_scorecard_set_is_complete():
    assert set(method_templates.scorecards()) == SCORECARD_IDS


@pytest.mark.parametrize(("scorecard_id", "weights"), [
    ("bank_relationship_manager", {"result": 50, "process": 30, "capability_compliance": 20}),
    ("b2b_account_manager", {"result": 40, "process": 40, "capability_collaboration": 20}),
    ("fmcg_channel_manager", {"result": 60, "process": 40}),
    ("service_oriented_sales", {"profit": 50, "satisfaction": 30, "renewal": 20}),
])
def test_dimension_weights_are_those_of_method_section_6(scorecard_id, weights):
    assert _dimension_weights(scorecard_id) == weights


def test_lifecycle_model_is_signing_20_delivery_30_service_30_renewal_20():
    stages = method_templates.lifecycle()["stages"]
    assert [(s["code"], s["weight"]) for s in stages] == [
        ("signing", 20), ("delivery", 30), ("service", 30), ("renewal", 20)]
    assert all(s["release_zh"] and s["release_en"] and s["indicators"] for s in stages)


def test_it_pool_keeps_the_seed_tiers():
    entries = {e["id"]: e["tier"] for e in
               method_templates.scorecards()["it_department_pool"]["indicators"]}
    assert {k: entries[k] for k in (
        "it.system_availability", "it.request_response_time", "it.internal_customer_satisfaction",
        "it.release_plan_completion_rate", "it.risk_warning_contingency_coverage")} == {
        "it.system_availability": "A", "it.request_response_time": "A",
        "it.internal_customer_satisfaction": "A", "it.release_plan_completion_rate": "B",
        "it.risk_warning_contingency_coverage": "B"}


def test_customer_weight_and_customer_rating_limits_hold():
    orientation = LIB.cards["orientation"]
    rating_ids = set(method_templates.scorecard_vocabulary()["customer_rating_indicators"])
    for scorecard_id, scorecard in method_templates.scorecards().items():
        entries = scorecard["indicators"]
        customer = sum(e["weight"] for e in entries if orientation[e["id"]] == "customer")
        rating = sum(e["weight"] for e in entries if e["id"] in rating_ids)
        if scorecard["customer_facing"]:
            assert customer >= POLICY["weights"]["customer_share_min_customer_facing"], \
                scorecard_id
        assert rating <= POLICY["weights"]["customer_rating_max"], scorecard_id
        assert all(e["weight"] == 0 for e in entries if e["veto"]), scorecard_id


def test_scorecard_table_adds_library_names():
    table = method_templates.scorecard_indicators("service_oriented_sales")
    assert table["weight"].sum() == 100
    assert table["name_zh"].notna().all()


# --- conflicts and value propositions (METHOD §2.5, §3) ---------------------------------


def test_conflicts_cover_the_method_pairs():
    table = method_templates.conflicts()
    assert len(table) >= 10
    pairs = [(set(a), set(b)) for a, b in zip(table["a"], table["b"], strict=True)]
    wanted = [
        ("hr.labour_cost_ratio", "hr.recruitment_timeliness"),
        ("supply_chain.purchase_cost_reduction", "supply_chain.supplier_quality_pass_rate"),
        ("customer_service.average_handle_time", "customer_service.first_contact_resolution"),
        ("customer_service.cost_per_contact", "customer_service.service_level"),
        ("sales.revenue_attainment", "sales.gross_margin"),
        ("channel.regional_sales_growth", "channel.sell_out_to_sell_in_ratio"),
        ("rnd.release_on_time_rate", "rnd.defect_escape_rate"),
        ("sales.contract_value", "sales.collection_rate"),
        ("sales.new_customers", "customer_success.renewal_rate"),
    ]
    for one, other in wanted:
        assert any(one in a and other in b for a, b in pairs), (one, other)


def test_value_propositions_match_the_profile_codes():
    table = method_templates.value_propositions()
    profile = yaml.safe_load(paths.PROFILE_SCHEMA.read_text(encoding="utf-8"))
    assert set(table.index) == set(profile["fields"]["value_propositions"]["choices"])
    assert table["indicators"].map(len).ge(3).all()


# --- broken templates in tmp_path -------------------------------------------------------


@pytest.fixture
def templates_copy(tmp_path) -> Path:
    """A writable copy of the method template folders."""
    for folder in FOLDERS:
        shutil.copytree(paths.TEMPLATES / folder, tmp_path / folder)
    return tmp_path


def _edit(root: Path, relative: str, change) -> None:
    path = root / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def _problems_about(root: Path, text: str) -> list[str]:
    return [p for p in method_templates.validate_all(root) if text in p]


def test_copy_is_clean(templates_copy):
    assert method_templates.validate_all(templates_copy) == []


def test_unknown_library_id_is_caught(templates_copy):
    _edit(templates_copy, "journeys/retail.yaml",
          lambda d: d["touchpoints"][0]["indicators"].append("retail.happiness_index"))
    found = _problems_about(templates_copy, "'retail.happiness_index' is not a library id")
    assert found and found[0].startswith("journeys/retail.yaml: touchpoint retail.")


def test_unknown_library_id_in_a_scorecard_is_caught(templates_copy):
    def rename(data):
        data["indicators"][0]["id"] = "sales.vibes"
    _edit(templates_copy, "scorecards/b2b_account_manager.yaml", rename)
    assert _problems_about(templates_copy, "'sales.vibes' is not a library id")


def test_two_accountable_departments_are_caught(templates_copy):
    def two_as(data):
        data["touchpoints"][2]["raci"]["A"] = ["rnd", "quality"]
        data["touchpoints"][2]["raci"]["R"] = ["manufacturing"]
    _edit(templates_copy, "journeys/manufacturing.yaml", two_as)
    assert _problems_about(templates_copy, "raci needs exactly one A, found 2")


def test_weights_not_summing_to_100_are_caught(templates_copy):
    def heavier(data):
        data["indicators"][0]["weight"] += 5
    _edit(templates_copy, "scorecards/bank_relationship_manager.yaml", heavier)
    assert _problems_about(templates_copy, "indicator weights sum to 105, not 100")
    assert _problems_about(templates_copy, "indicator weights of dimension result sum to 55")


def test_off_grid_and_out_of_bound_weights_are_caught(templates_copy):
    def odd(data):
        data["indicators"][0]["weight"] = 32
        data["indicators"][1]["weight"] = 7
    _edit(templates_copy, "scorecards/rnd_engineer.yaml", odd)
    assert _problems_about(templates_copy, "weight 32 must be 5–30 in steps of 5")
    assert _problems_about(templates_copy, "weight 7 must be 5–30 in steps of 5")


def test_veto_with_weight_and_customer_rating_over_the_cap_are_caught(templates_copy):
    def bad(data):
        entries = {e["id"]: e for e in data["indicators"]}
        entries["banking.suitability_breaches"]["weight"] = 5
        entries["banking.managed_customer_satisfaction"]["weight"] = 20
        entries["banking.aum_growth"]["weight"] = 10
    _edit(templates_copy, "scorecards/bank_relationship_manager.yaml", bad)
    assert _problems_about(templates_copy, "veto and tier C items must weigh 0")
    assert _problems_about(templates_copy, "customer's own ratings weigh 20, at most 15")


def test_customer_weight_below_the_minimum_is_caught(templates_copy):
    def less_customer(data):
        entries = {e["id"]: e for e in data["indicators"]}
        entries["sales.poc_success_rate"]["weight"] = 10
        entries["customer_success.success_plan_execution"]["weight"] = 30
    _edit(templates_copy, "scorecards/b2b_account_manager.yaml", less_customer)
    assert _problems_about(templates_copy, "customer indicators weigh 20, a customer-facing")


def test_lifecycle_weights_must_match_the_policy(templates_copy):
    def shift(data):
        data["stages"][0]["weight"], data["stages"][1]["weight"] = 30, 20
    _edit(templates_copy, "scorecards/lifecycle_milestones.yaml", shift)
    assert _problems_about(templates_copy, "differ from policy pilot.lifecycle_milestones")


def test_unknown_codes_are_caught(templates_copy):
    def codes(data):
        data["touchpoints"][0]["stage"] = "teleportation"
        data["stages"][0]["code"] = "daydreaming"
    _edit(templates_copy, "journeys/saas.yaml", codes)
    assert _problems_about(templates_copy, "stage code 'daydreaming' is not one of")
    assert _problems_about(templates_copy, "stage 'teleportation' is not a stage of this journey")


def test_broken_conflict_and_value_proposition_are_caught(templates_copy):
    _edit(templates_copy, "method/conflicts.yaml",
          lambda d: d["conflicts"][0]["b"].append(d["conflicts"][0]["a"][0]))
    _edit(templates_copy, "method/value_propositions.yaml",
          lambda d: d["value_propositions"].pop())
    assert _problems_about(templates_copy, "is on both sides")
    assert _problems_about(templates_copy, "profile value proposition expertise has no entry")
