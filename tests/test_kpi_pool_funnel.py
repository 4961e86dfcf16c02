"""KPI pool candidates, the five-question funnel and SMART / QQTC (METHOD §5; seed 002)."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_engagement

from helpers import charts, engagement, library, method_templates, paths, policy, value_chain
from helpers.diagnosis import scorecard
from helpers.errors import InputError
from helpers.kpi_pool import candidates, funnel, smart

POLICY = policy.load("default")
CARDS = library.load().cards
CORE_MIN = POLICY["kpi_pool"]["core_per_position"]["min"]


def card(card_id: str, origin=("library_department",), **changes) -> dict:
    """A candidate record drawn from a library card, fields overridable."""
    record = candidates.card_row(CARDS.loc[card_id], "销售部", "销售经理", list(origin))
    return record | changes


def screened(*records, codes=("sales",)) -> pd.DataFrame:
    frame = candidates.as_frame(list(records))
    return frame.join(funnel.screen_position(frame, POLICY, list(codes)))


# --- question 1: strategic relevance ----------------------------------------------------


def test_internal_card_without_link_fails_relevance():
    out = screened(card("sales.visit_completion"))
    assert out.loc[0, "failed_at"] == "relevance"
    assert "internal" in out.loc[0, "reason_en"] and out.loc[0, "reason_zh"]


@pytest.mark.parametrize("origin", ["journey", "value_proposition", "uncovered_moment",
                                    "current"])
def test_a_link_makes_an_internal_card_relevant(origin):
    out = screened(card("sales.visit_completion", origin=[origin]))
    assert out.loc[0, "failed_at"] != "relevance"


def test_business_orientation_is_relevant_without_link():
    assert CARDS.loc["sales.gross_margin", "orientation"] == "business"
    out = screened(card("sales.gross_margin"))
    assert out.loc[0, "failed_at"] is None and bool(out.loc[0, "passed"])


# --- question 2: measurability ----------------------------------------------------------


@pytest.mark.parametrize("field", ["formula", "data_source"])
def test_missing_formula_or_source_fails_measurability(field):
    out = screened(card("sales.gross_margin", **{field: " "}))
    assert out.loc[0, "failed_at"] == "measurability"
    assert out.loc[0, "reason_en"] == f"no {field.replace('_', ' ')}"


# --- question 3: controllability --------------------------------------------------------


def test_card_of_another_department_fails_controllability():
    assert "sales" not in CARDS.loc["it.system_availability", "departments"]
    out = screened(card("it.system_availability", origin=["journey"]))
    assert out.loc[0, "failed_at"] == "controllability"


def test_one_shared_department_is_enough_and_current_always_passes():
    shared = screened(card("it.system_availability", origin=["journey"]), codes=["it"])
    current = screened(card("it.system_availability", origin=["current"]))
    assert shared.loc[0, "passed"] and current.loc[0, "passed"]


# --- question 4: cost of data -----------------------------------------------------------


def test_no_data_fails_and_manual_data_passes():
    costs = POLICY["kpi_pool"]["data_availability_cost"]
    assert costs["none"] == "high" and costs["manual"] != "high"
    none = screened(card("sales.gross_margin", data_availability="none"))
    manual = screened(card("sales.gross_margin", data_availability="manual"))
    assert none.loc[0, "failed_at"] == "data_cost"
    assert manual.loc[0, "passed"]


# --- question 5: overall consistency ----------------------------------------------------


def test_second_candidate_with_the_same_normalised_name_is_a_duplicate():
    first = card("sales.gross_margin", origin=["current"])
    second = card("sales.gross_margin", key="custom:x", library_id=None,
                  name_zh=f" {first['name_zh']} ", origin=["custom"])
    out = screened(first, second)
    assert out.loc[0, "passed"] and out.loc[1, "failed_at"] == "consistency"
    assert first["name_zh"] in out.loc[1, "reason_zh"]


def test_pushing_side_of_a_conflict_needs_its_balance_on_the_position():
    pair = method_templates.conflicts().loc["handle_time_vs_first_contact_resolution"]
    push, balance = pair["a"][0], pair["b"][0]
    rows = [card(push, origin=["current"]), card(balance, origin=["current"])]
    alone = screened(rows[0], codes=["customer_service"])
    balanced = screened(*rows, codes=["customer_service"])
    assert alone.loc[0, "failed_at"] == "consistency"
    assert balanced["passed"].all()
    # the balancing side alone needs nothing
    assert screened(rows[1], codes=["customer_service"]).loc[0, "passed"]


def test_a_balance_rejected_earlier_does_not_count():
    pair = method_templates.conflicts().loc["handle_time_vs_first_contact_resolution"]
    rows = [card(pair["a"][0], origin=["current"]),
            card(pair["b"][0], origin=["current"], data_availability="none")]
    out = screened(*rows, codes=["customer_service"])
    assert list(out["failed_at"]) == ["consistency", "data_cost"]


# --- candidates -------------------------------------------------------------------------


def test_duplicates_on_a_position_merge_and_unite_origins():
    merged = candidates.merge([card("sales.gross_margin", origin=["current"], target=None),
                               card("sales.gross_margin", origin=["journey"], target="30%"),
                               card("sales.gross_margin", origin=["current"])])
    assert len(merged) == 1
    assert merged[0]["origin"] == ["current", "journey"] and merged[0]["target"] == "30%"


def test_same_key_on_two_positions_is_kept_twice():
    other = card("sales.gross_margin") | {"position": "销售总监"}
    assert len(candidates.merge([card("sales.gross_margin"), other])) == 2


def test_rank_orders_origin_strength():
    order = ["current", "uncovered_moment", "journey", "value_proposition",
             "library_department"]
    keys = [candidates.rank_key([o], ["sales"], ["sales"]) for o in order]
    assert keys == sorted(keys)


def test_unit_names_map_to_department_codes():
    assert candidates.name_departments("客户服务中心") == ["customer_service"]
    assert candidates.position_departments("公司金融部", "公司业务助理", []) == []
    assert candidates.position_departments(
        "公司金融部", "公司业务助理", ["banking.deposit_daily_average"]) != []


# --- custom indicators ------------------------------------------------------------------

POSITIONS = {("销售部", "销售经理")}
GOOD = {"unit": "销售部", "position": "销售经理", "name_zh": "方案采纳率",
        "name_en": "Proposal adoption", "orientation": "customer", "formula": "a÷b",
        "data_source": "CRM", "period": "quarterly"}


@pytest.mark.parametrize(("entry", "code", "field"), [
    ({k: v for k, v in GOOD.items() if k != "formula"}, "pool_funnel_custom_missing",
     "formula"),
    (GOOD | {"orientation": "vague"}, "pool_funnel_custom_code", "orientation"),
    (GOOD | {"period": "sometimes"}, "pool_funnel_custom_code", "period"),
    (GOOD | {"colour": "red"}, "pool_funnel_custom_unknown", "colour"),
    (GOOD | {"position": "不存在"}, "pool_funnel_custom_position", "position"),
])
def test_custom_entry_problems_name_entry_and_field(entry, code, field):
    found = candidates.custom_problems(2, entry, POSITIONS)
    assert [(p.code, p.params["field"], p.params["entry"]) for p in found] == [(code, field, 2)]
    assert found[0].file == candidates.CUSTOM_DISPLAY
    assert found[0].render("en") and found[0].render("zh")


def test_read_custom_raises_input_error_and_accepts_good_entries(tmp_path):
    root = write_engagement(tmp_path / "e", {"decisions/custom_indicators.yaml":
                                             "- {unit: 销售部}\n"})
    with pytest.raises(InputError, match="custom_indicators.yaml"):
        candidates.read_custom(root, POSITIONS)
    (root / "decisions/custom_indicators.yaml").write_text(
        "- " + str(GOOD).replace("'", '"') + "\n", encoding="utf-8")
    assert candidates.read_custom(root, POSITIONS) == [GOOD]
    assert candidates.read_custom(tmp_path / "none", POSITIONS) == []


# --- SMART and QQTC ---------------------------------------------------------------------


def test_smart_fields_decide_each_criterion():
    client = card("sales.gross_margin", key="current:x", library_id=None, origin=["current"],
                  definition=None, unit_of_measure=None, period=None, target="95%")
    out = smart.smart_checklist(candidates.as_frame([card("sales.gross_margin"), client]))
    assert out.loc[0, list(smart.CRITERIA)].all()
    assert out.loc[0, "attainable_field"] == "scoring"
    assert out.loc[1, ["specific", "measurable", "time_bound"]].tolist() == [False] * 3
    assert out.loc[1, "attainable"] and out.loc[1, "attainable_field"] == "target"
    assert out.loc[1, "measurable_field"] == "formula+unit"
    assert out.loc[1, "relevant_field"] == "strategic_relevance"


def test_qqtc_coverage_counts_and_lists_missing():
    frame = candidates.as_frame([card("sales.gross_margin", qqtc="quality"),
                                 card("sales.revenue_attainment", qqtc="quantity"),
                                 card("sales.win_rate", qqtc="quality")])
    out = smart.qqtc_coverage(frame)
    assert out.loc[0, ["quantity", "quality", "time", "cost"]].tolist() == [1, 2, 0, 0]
    assert out.loc[0, "missing"] == ["time", "cost"]


# --- counts and chart -------------------------------------------------------------------


def test_funnel_counts_and_chart_render():
    out = screened(card("sales.gross_margin"), card("sales.visit_completion"),
                   card("sales.revenue_attainment", formula=""))
    counts = funnel.funnel_counts(out)
    assert counts["remaining"].tolist() == [3, 2, 1, 1, 1, 1]
    assert counts["rejected"].sum() == 2
    for lang in ("zh", "en"):
        chart = funnel.funnel_chart(counts, lang)
        assert "<svg" in charts.svg(chart.to_dict())


# --- the samples ------------------------------------------------------------------------


@pytest.mark.parametrize("sample", paths.sample_engagements(), ids=lambda p: p.name)
def test_samples_every_rejection_has_a_reason_and_positions_keep_enough(sample):
    loaded = engagement.load(sample)
    rules = policy.for_engagement(loaded.profile)
    classified = scorecard.build(loaded, rules)
    pool = candidates.generate(loaded, rules, classified, value_chain.run(loaded, rules, "zh"))
    out = funnel.screen(pool, rules)
    assert set(out["unit"] + "/" + out["position"]) == set(
        classified["unit"] + "/" + classified["position"])
    assert not pool.duplicated(["unit", "position", "key"]).any()
    rejected = out[~out["passed"]]
    assert rejected["failed_at"].notna().all()
    assert (rejected["reason_zh"].str.len() > 0).all()
    assert (rejected["reason_en"].str.len() > 0).all()
    assert out.loc[out["passed"], "failed_at"].isna().all()
    kept = out[out["passed"]].groupby(["unit", "position"]).size()
    assert len(kept) == out.groupby(["unit", "position"]).ngroups
    assert kept.min() >= CORE_MIN
    limit = candidates.settings()["candidates"]["library_per_position"]
    placed = {"current", "custom", "internal_customer"}
    drawn = pool[pool["origin"].map(lambda o: not placed & set(o))]
    assert drawn.groupby(["unit", "position"]).size().max() <= limit
