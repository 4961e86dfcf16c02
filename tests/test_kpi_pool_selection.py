"""Value tiers, priority quadrant and per-position selection of the KPI pool (METHOD §5–6),
on hand-built candidate frames (contract: helpers.kpi_pool) and on the samples' current
scorecards."""

from __future__ import annotations

import pandas as pd
import pytest
import vl_convert  # noqa: F401  (the chart must render offline)
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import charts, engagement, policy, yamlio
from helpers.diagnosis import scorecard
from helpers.errors import InputError
from helpers.kpi_pool import selection, tiers

POLICY = policy.load()
TABLES = tiers.tables()


def candidate(key, *, unit="销售部", position="销售经理", orientation="business",
              origin=("library_department",), departments=("sales",), journey_stages=(),
              data_availability="system", kind="result", qqtc="quantity", passed=True,
              failed_at=None, **extra) -> dict:
    """One candidate row of the contract plus the funnel's ``passed`` / ``failed_at``."""
    row = {
        "unit": unit, "position": position, "key": key, "library_id": None,
        "name_zh": key, "name_en": key, "origin": list(origin), "current_weight": None,
        "orientation": orientation, "kind": kind, "qqtc": qqtc, "horizon": "short",
        "polarity": "higher", "unit_of_measure": "percent", "period": "monthly",
        "data_availability": data_availability, "formula": "a/b", "data_source": "CRM",
        "definition": key, "departments": list(departments),
        "journey_stages": list(journey_stages), "file": None, "row": None,
        "passed": passed, "failed_at": failed_at,
    }
    row.update(extra)
    return row


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def with_policy(**kpi_pool) -> dict:
    return policy.load(overrides={"kpi_pool": kpi_pool})


# --- factor tables --------------------------------------------------------------------------


@pytest.mark.parametrize("orientation", ["customer", "business", "internal", "capability",
                                         "risk", None])
def test_customer_value_follows_the_orientation_table(orientation):
    scored = tiers.score(frame(candidate("k", orientation=orientation)), POLICY)
    expected = TABLES["customer_value"][orientation or "unknown"]
    assert scored.at[0, "customer_value"] == expected


def test_perceptibility_adds_journey_and_origin_bonuses_and_caps():
    spec = TABLES["perceptibility"]
    plain = candidate("a", orientation="internal")
    staged = candidate("b", orientation="internal", journey_stages=["use"])
    moment = candidate("c", orientation="internal", journey_stages=["use"],
                       origin=["uncovered_moment"])
    full = candidate("d", orientation="customer", journey_stages=["use"],
                     origin=["journey", "uncovered_moment"])
    scored = tiers.score(frame(plain, staged, moment, full), POLICY)
    base = spec["orientation"]["internal"]
    assert scored["perceptibility"].tolist() == pytest.approx([
        base, base + spec["journey_stage_bonus"],
        base + spec["journey_stage_bonus"] + spec["origin_bonus"]["uncovered_moment"],
        spec["cap"]])


def test_controllability_own_department_current_other():
    table = TABLES["controllability"]
    own = candidate("own", departments=["sales"])
    current = candidate("cur", departments=["hr"], origin=["current"])
    other = candidate("oth", departments=["hr"])
    scored = tiers.score(frame(own, current, other), POLICY)
    assert scored["controllability"].tolist() == [table["own_department"], table["current"],
                                                  table["other"]]
    assert tiers.position_codes(frame(own))[("销售部", "销售经理")] == {"sales"}


@pytest.mark.parametrize("availability", ["system", "manual", "none", None])
def test_data_availability_table(availability):
    scored = tiers.score(frame(candidate("k", data_availability=availability)), POLICY)
    assert scored.at[0, "data_availability_score"] == \
        TABLES["data_availability"][availability or "unknown"]


def test_tier_score_is_the_weighted_sum():
    scored = tiers.score(frame(candidate("k", orientation="customer", journey_stages=["use"])),
                         POLICY)
    weights = POLICY["kpi_pool"]["tiers"]["weights"]
    row = scored.iloc[0]
    expected = 100 * (weights["customer_value"] * row["customer_value"]
                      + weights["perceptibility"] * row["perceptibility"]
                      + weights["controllability"] * row["controllability"]
                      + weights["data_availability"] * row["data_availability_score"])
    assert row["tier_score"] == pytest.approx(expected)


# --- tier boundaries ------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "tier"), [(70, "A"), (69.999, "B"), (45, "B"),
                                             (44.999, "C"), (100, "A"), (0, "C")])
def test_tier_boundaries(score, tier):
    assert tiers.tier_of(score, POLICY) == tier


def test_a_min_reached_exactly_by_a_sum_gives_a():
    """Weights chosen so the sum is a_min up to floating-point noise."""
    weights = {"customer_value": 0.1, "perceptibility": 0.2, "controllability": 0.3,
               "data_availability": 0.4}
    custom = policy.load(overrides={"kpi_pool": {"tiers": {"weights": weights, "a_min": 60,
                                                            "b_min": 40}}})
    # customer_value(internal)=0.3, perceptibility=0.1, controllability 1.0, data 1.0
    row = candidate("k", orientation="internal")
    scored = tiers.score(frame(row), custom)
    raw = 100 * (0.1 * 0.3 + 0.2 * 0.1 + 0.3 * 1.0 + 0.4 * 1.0)
    custom["kpi_pool"]["tiers"]["a_min"] = raw
    assert tiers.score(frame(row), custom).at[0, "tier"] == "A"
    assert scored.at[0, "tier_score"] == pytest.approx(75.0)


# --- execution cost and quadrant ------------------------------------------------------------


def test_execution_cost_from_data_availability_kind_and_qqtc():
    spec = TABLES["execution_cost"]
    levels = POLICY["kpi_pool"]["data_availability_cost"]
    row = candidate("k", data_availability="manual", kind="process", qqtc="quality")
    cost = tiers.score(frame(row), POLICY).at[0, "execution_cost"]
    assert cost == pytest.approx(spec["level"][levels["manual"]] + spec["kind"]["process"]
                                 + spec["qqtc"]["quality"])


@pytest.mark.parametrize(("value_at", "cost_at", "quadrant"), [
    (1.0, 0.2, "quick_win"),    # value exactly at the threshold counts as high
    (1.01, 0.2, "fill_in"),
    (1.0, 0.19, "strategic"),   # cost above low_cost_at_most is high
    (1.01, 0.19, "deprioritise"),
])
def test_quadrant_split_at_the_thresholds(value_at, cost_at, quadrant):
    custom = with_policy(priority_quadrant={"high_value_at_least": value_at,
                                            "low_cost_at_most": cost_at})
    # customer value 1.0; system + result + quantity → cost 0.2
    scored = tiers.score(frame(candidate("k", orientation="customer")), custom)
    assert scored.at[0, "execution_cost"] == pytest.approx(0.2)
    assert scored.at[0, "quadrant"] == quadrant


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quadrant_chart_renders(lang):
    scored = tiers.score(frame(candidate("a", orientation="customer"),
                               candidate("b", data_availability="none", kind="process")), POLICY)
    chart = tiers.quadrant_chart(scored, lang)
    svg = charts.svg(chart.to_dict())
    assert "<svg" in svg and tiers.quadrant_label("quick_win", lang) in svg


# --- selection on hand-built pools ----------------------------------------------------------


def selection_rules(violations: pd.DataFrame) -> list[str]:
    """The KPI-pool rules broken (the weight-policy counting rules are tested on their own)."""
    return [r for r in violations["rule"] if not r.startswith("weight_")]


def roles(proposal: pd.DataFrame) -> dict[str, str]:
    return dict(zip(proposal["key"], proposal["role"], strict=True))


def test_core_takes_tier_a_first_and_meets_customer_quota():
    rows = [candidate(f"biz{i}", orientation="business", journey_stages=["order"],
                      kind="result" if i < 3 else "process") for i in range(6)]
    rows += [candidate("cust", orientation="customer", data_availability="manual",
                       departments=["hr"])]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    core = proposal[proposal["role"] == "core"]
    assert len(core) == POLICY["kpi_pool"]["core_per_position"]["max"]
    assert "cust" in set(core["key"])
    assert proposal.loc[proposal["key"] == "cust", "reason"].item() in ("core_tier",
                                                                         "core_customer")
    assert selection.policy_check(proposal, POLICY).empty
    assert (proposal["rationale_zh"].str.len() > 0).all()


def test_core_is_balanced_so_weights_can_meet_the_dimension_bands():
    """METHOD §6: with items capped at 30 %, a 40 % band needs two indicators; tier-A results
    alone would leave the process + capability band empty, so the best process candidates
    replace the lowest-ranked results."""
    rows = [candidate(f"res{i}", orientation="customer") for i in range(5)]
    rows += [candidate(f"proc{i}", orientation="internal", kind="process") for i in range(3)]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    core = proposal[proposal["role"] == "core"]
    assert (core["kind"] == "process").sum() == 2
    assert set(core.loc[core["kind"] == "process", "reason"]) == {"core_balance"}
    assert selection.policy_check(proposal, POLICY).empty
    without = selection.propose(tiers.score(frame(*rows[:5]), POLICY), POLICY)
    violations = selection.policy_check(without, POLICY)
    assert violations["rule"].tolist() == ["weight_too_few_in_group"]
    assert "process and capability" in violations.at[0, "text_en"]


def test_few_candidates_fill_to_minimum_or_flag():
    rows = [candidate("cust", orientation="customer"),
            candidate("low", orientation="capability", data_availability="none",
                      departments=["hr"])]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    assert set(proposal.loc[proposal["role"] == "core", "key"]) == {"cust", "low"}
    assert proposal.loc[proposal["key"] == "low", "reason"].item() == "core_fill"
    violations = selection.policy_check(proposal, POLICY)
    assert selection_rules(violations) == ["too_few_core"]


def test_no_customer_candidate_is_flagged():
    rows = [candidate(f"biz{i}") for i in range(4)]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    violations = selection.policy_check(proposal, POLICY)
    assert selection_rules(violations) == ["too_few_customer"]
    assert "1" in violations.at[0, "text_en"]


def test_failed_candidates_are_dropped_with_their_question():
    rows = [candidate("c1", orientation="customer"),
            candidate("bad", orientation="customer", passed=False, failed_at="measurability")]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    dropped = proposal[proposal["key"] == "bad"].iloc[0]
    assert dropped["role"] == "dropped" and dropped["reason"] == "failed"
    assert "可衡量性" in dropped["rationale_zh"] and "measurability" in dropped["rationale_en"]


def test_total_capped_at_max_per_position_and_surplus_is_observed():
    rows = [candidate(f"k{i:02d}", orientation="customer") for i in range(10)]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    counts = proposal["role"].value_counts()
    assert counts["core"] == POLICY["kpi_pool"]["core_per_position"]["max"]
    assert counts["core"] + counts["observe"] == POLICY["kpi_pool"]["max_per_position"]
    assert counts["dropped"] == 10 - POLICY["kpi_pool"]["max_per_position"]
    assert set(proposal.loc[proposal["role"] == "dropped", "reason"]) == {"over_cap"}


def test_ties_prefer_current_then_key():
    rows = [candidate("z", orientation="customer", origin=["current"], departments=["sales"]),
            *[candidate(k, orientation="customer") for k in ("a", "b", "c", "d", "e")]]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    # current with own department scores the same as the others (max of the two) → first
    core = proposal[proposal["role"] == "core"]["key"].tolist()
    assert core == ["z", "a", "b", "c", "d"]
    again = selection.propose(tiers.score(frame(*reversed(rows)), POLICY), POLICY)
    assert sorted(again.loc[again["role"] == "core", "key"]) == sorted(core)


def test_current_indicator_kept_when_it_scores_well():
    rows = [candidate("cur", orientation="business", origin=["current"], departments=[],
                      journey_stages=["order"]),
            *[candidate(f"lib{i}", orientation="internal") for i in range(6)],
            candidate("cust", orientation="customer")]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    assert roles(proposal)["cur"] == "core"


def test_policy_check_too_many_core_and_over_max():
    rows = [candidate(f"k{i}", orientation="customer") for i in range(10)]
    chosen = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    chosen["role"] = "core"
    assert selection_rules(selection.policy_check(chosen, POLICY)) == ["too_many_core",
                                                                      "over_max"]


# --- decisions/selection.yaml ---------------------------------------------------------------


def two_positions():
    rows = [candidate(f"s{i}", orientation="customer" if i < 2 else "business")
            for i in range(6)]
    rows += [candidate(f"h{i}", unit="人力资源部", position="HRBP", departments=["hr"],
                       orientation="customer" if i == 0 else "internal") for i in range(4)]
    return selection.propose(tiers.score(frame(*rows), POLICY), POLICY)


def test_write_read_apply_round_trip(tmp_path):
    proposal = two_positions()
    selection.write_selection(tmp_path, proposal)
    saved = selection.read_selection(tmp_path)
    assert set(saved) == {"销售部 · 销售经理", "人力资源部 · HRBP"}
    replayed = selection.apply_selection(proposal, saved)
    assert replayed["role"].tolist() == proposal["role"].tolist()
    assert replayed["rationale_en"].tolist() == proposal["rationale_en"].tolist()


def test_replay_changes_roles_and_rationale(tmp_path):
    proposal = two_positions()
    saved = {"人力资源部 · HRBP": {"core": ["h0", "h1", "h2"], "observe": []}}
    replayed = selection.apply_selection(proposal, saved)
    hr = replayed[replayed["unit"] == "人力资源部"].set_index("key")
    assert hr["role"].to_dict() == {"h0": "core", "h1": "core", "h2": "core", "h3": "dropped"}
    assert hr.at["h3", "reason"] == "consultant_dropped"
    assert "decisions/selection.yaml" in hr.at["h3", "rationale_en"]
    sales = replayed[replayed["unit"] == "销售部"]
    assert sales["role"].tolist() == proposal[proposal["unit"] == "销售部"]["role"].tolist()
    again = selection.apply_selection(replayed, saved)
    assert again["role"].tolist() == replayed["role"].tolist()


def test_unknown_key_and_position_are_errors():
    proposal = two_positions()
    with pytest.raises(InputError) as caught:
        selection.apply_selection(proposal, {"人力资源部 · HRBP": {"core": ["nope"]},
                                             "财务部 · 会计": {"core": []}})
    text = caught.value.render("en")
    assert "decisions/selection.yaml" in text and "nope" in text and "HRBP" in text
    assert "财务部 · 会计" in text and "Fix:" in text


@pytest.mark.parametrize(("content", "needle"), [
    ("- a\n- b\n", "core and observe"),
    ("销售部 · 销售经理: [a]\n", "销售部 · 销售经理"),
    ("销售部 · 销售经理: {core: [a], extra: [b]}\n", "extra"),
    ("销售部 · 销售经理: {core: a}\n", "core must be a list"),
    ("销售部 · 销售经理: {core: [a], observe: [a]}\n", "both as core and as observe"),
])
def test_selection_yaml_validation(tmp_path, content, needle):
    path = selection.selection_path(tmp_path)
    path.parent.mkdir()
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        selection.read_selection(tmp_path)
    text = caught.value.render("en")
    assert "decisions/selection.yaml" in text and needle in text and "Fix:" in text
    assert caught.value.render("zh")


def test_missing_file_reads_empty(tmp_path):
    assert selection.read_selection(tmp_path) == {}


def test_written_file_is_plain_yaml(tmp_path):
    path = selection.write_selection(tmp_path, two_positions())
    with open(path, encoding="utf-8") as handle:
        data = yamlio.load(handle)
    assert data["人力资源部 · HRBP"]["core"][0] == "h0"


# --- property: core count within bounds -----------------------------------------------------

ORIENTATIONS = ["customer", "business", "internal", "capability", "risk"]
pools = st.lists(st.tuples(st.sampled_from(ORIENTATIONS),
                           st.sampled_from(["system", "manual", "none"]),
                           st.booleans(), st.lists(st.sampled_from(["use", "order"]),
                                                   max_size=2)),
                 min_size=0, max_size=14)


@settings(max_examples=60, deadline=None)
@given(pools)
def test_core_count_within_bounds_when_enough_pass(pool):
    rows = [candidate(f"k{i}", orientation=o, data_availability=d, passed=p,
                      failed_at=None if p else "consistency", journey_stages=j)
            for i, (o, d, p, j) in enumerate(pool)]
    if not rows:
        return
    spec = POLICY["kpi_pool"]
    proposal = selection.propose(tiers.score(frame(*rows), POLICY), POLICY)
    passed = sum(p for _, _, p, _ in pool)
    core = proposal[proposal["role"] == "core"]
    kept = proposal[proposal["role"] != "dropped"]
    assert len(core) <= spec["core_per_position"]["max"]
    assert len(kept) <= spec["max_per_position"]
    assert not (proposal["role"] != "dropped")[~proposal["passed"]].any()
    if passed >= spec["core_per_position"]["min"]:
        assert len(core) >= spec["core_per_position"]["min"]
    customers = sum(p and o == "customer" for o, _, p, _ in pool)
    wanted = min(customers, spec["customer_linked_per_position"]["recommended"])
    assert (core["orientation"] == "customer").sum() >= wanted


# --- the samples ----------------------------------------------------------------------------

SAMPLES = ["xingyun_saas", "lanshan_bank", "qingtian_foods"]


def sample_pool(name: str) -> tuple[pd.DataFrame, dict]:
    """Current indicators of the sample plus the library cards of each unit's departments,
    built by hand following the candidate contract; everything passes the funnel."""
    from helpers import library

    found = engagement.load(f"data_samples/{name}")
    rules = policy.for_engagement(found.profile)
    current = scorecard.build(found, rules)
    cards = library.load().cards
    rows = []
    for (unit, position), group in current.groupby(["unit", "position"], sort=False):
        for _, item in group.iterrows():
            card = cards.loc[item["library_id"]] if isinstance(item["library_id"], str) else None
            key = item["library_id"] if card is not None else f"current:{item['indicator']}"
            rows.append(candidate(
                key, unit=unit, position=position, orientation=item["orientation"],
                origin=["current"], kind=item["kind"], qqtc=item["qqtc"],
                journey_stages=item["journey_stages"] or [],
                departments=list(card["departments"]) if card is not None else [],
                data_availability=card["data_availability"] if card is not None else None,
                current_weight=item["weight"], name_zh=item["indicator"]))
        codes = tiers.position_codes(frame(*rows))[(unit, position)]
        mine = cards[[bool(set(d) & codes) for d in cards["departments"]]]
        taken = {r["key"] for r in rows if r["position"] == position and r["unit"] == unit}
        for card_id, card in mine.iterrows():
            if card_id not in taken:
                rows.append(candidate(
                    card_id, unit=unit, position=position, orientation=card["orientation"],
                    kind=card["kind"], qqtc=card["qqtc"], journey_stages=card["journey_stages"],
                    departments=card["departments"],
                    data_availability=card["data_availability"]))
    return frame(*rows).drop_duplicates(["unit", "position", "key"]), rules


@pytest.mark.parametrize("name", SAMPLES)
def test_samples_get_a_policy_compliant_selection(name):
    pool, rules = sample_pool(name)
    proposal = selection.propose(tiers.score(pool, rules), rules)
    violations = selection.policy_check(proposal, rules)
    spec = rules["kpi_pool"]
    for (unit, position), group in proposal.groupby(["unit", "position"]):
        enough = group["passed"].sum() >= spec["core_per_position"]["min"]
        customers = (group["passed"] & (group["orientation"] == "customer")).sum()
        flagged = set(selection_rules(violations[(violations["unit"] == unit)
                                                 & (violations["position"] == position)]))
        if enough and customers >= spec["customer_linked_per_position"]["min"]:
            assert not flagged, (unit, position, flagged)
    assert proposal.groupby(["unit", "position"]).ngroups == pool.groupby(
        ["unit", "position"]).ngroups
