"""Stage 02 journey frame, RACI rules (METHOD §3) and decisions/journey.csv.

RACI rules are checked on journeys built by hand (each rule fires, and does not fire at its
boundary); the template fallback on engagements without a journey table; and on the three
samples every RACI defect their README lists is found at the stated row, and nothing else."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from conftest import KPIS_ZH, MINIMAL_PROFILE, write_engagement
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import engagement, i18n, method_templates, paths, policy, schema
from helpers.errors import InputError
from helpers.value_chain import journey, raci

POLICY = policy.load()
MAX_C = POLICY["value_chain"]["raci"]["max_consulted"]
UNITS = ["销售部", "客户成功部", "客户服务中心", "研发产品部", "财务部"]


def tp(row: int = 2, *, R=("销售部",), A=("客户成功部",), C=(), I=(), source="client",  # noqa: E741
       touchpoint_id=None) -> dict:
    """One hand-built touchpoint of a journey frame (a valid RACI by default)."""
    return {
        "touchpoint_id": touchpoint_id or f"row-{row}", "stage": "使用", "stage_code": "use",
        "touchpoint": f"触点{row}", "touchpoint_en": f"touchpoint {row}", "customer_cares": "",
        "importance": 4.0, "performance": 2.0, "R": list(R), "A": list(A), "C": list(C),
        "I": list(I), "indicators": [], "source": source,
        "file": "inputs/journey.csv" if source == "client" else "templates/journeys/saas.yaml",
        "row": row if source == "client" else None,
    }


def frame(*touchpoints: dict) -> pd.DataFrame:
    built = pd.DataFrame(list(touchpoints), columns=journey.JOURNEY_COLUMNS)
    built["row"] = built["row"].astype("Int64")
    return built


def found(journey_frame: pd.DataFrame, units=None, pol=POLICY) -> list[tuple[str, object]]:
    findings = raci.raci_findings(journey_frame, pol, units)
    assert list(findings.columns) == raci.COLUMNS
    return list(zip(findings["rule"], findings["row"], strict=True))


# --- RACI rules, one by one ---------------------------------------------------------------


def test_a_valid_touchpoint_has_no_finding():
    assert found(frame(tp(C=["财务部"], I=["研发产品部"])), UNITS) == []


def test_no_accountable_is_high():
    findings = raci.raci_findings(frame(tp(A=[])), POLICY)
    assert list(findings["rule"]) == ["no_accountable"]
    assert findings.at[0, "severity"] == "high"
    assert "销售部" in findings.at[0, "evidence_zh"]


def test_exactly_one_accountable_passes_and_two_fail():
    assert found(frame(tp(A=["客户成功部"]))) == []
    findings = raci.raci_findings(frame(tp(7, A=["销售部", "财务部"], R=["研发产品部"])), POLICY)
    assert list(findings["rule"]) == ["several_accountable"]
    assert findings.at[0, "severity"] == "high"
    assert findings.at[0, "departments"] == ["销售部", "财务部"]
    assert "2" in findings.at[0, "evidence_en"]


def test_no_responsible_says_that_a_is_then_r():
    findings = raci.raci_findings(frame(tp(15, R=[], A=["研发产品部"])), POLICY)
    assert list(findings["rule"]) == ["no_responsible"]
    assert findings.at[0, "severity"] == "medium"
    assert findings.at[0, "row"] == 15
    assert "A(研发产品部)兼任 R" in findings.at[0, "evidence_zh"]
    assert "(研发产品部) is then also R" in findings.at[0, "evidence_en"]


def test_one_responsible_passes():
    assert found(frame(tp(R=["销售部"]))) == []


def test_consulted_at_the_policy_maximum_passes_and_one_more_fails():
    at_max = [f"部门{n}" for n in range(MAX_C)]
    assert found(frame(tp(C=at_max))) == []
    findings = raci.raci_findings(frame(tp(13, C=[*at_max, "财务部"])), POLICY)
    assert list(findings["rule"]) == ["too_many_consulted"]
    assert findings.at[0, "severity"] == "low"
    assert f"{MAX_C + 1} 个部门" in findings.at[0, "evidence_zh"]


def test_consulted_limit_comes_from_the_policy():
    strict = policy.load(overrides={"value_chain": {"raci": {"max_consulted": 1}}})
    assert found(frame(tp(C=["财务部"])), pol=strict) == []
    assert found(frame(tp(C=["财务部", "研发产品部"])), pol=strict) == [("too_many_consulted", 2)]


def test_one_department_with_two_letters_is_medium():
    findings = raci.raci_findings(frame(tp(21, R=["财务部"], A=["客户成功部"],
                                           C=["财务部", "客户服务中心"])), POLICY)
    assert list(findings["rule"]) == ["several_letters"]
    assert findings.at[0, "severity"] == "medium"
    assert findings.at[0, "departments"] == ["财务部"]
    assert findings.at[0, "evidence_zh"] == "财务部 同时是 R、C"
    assert "keep the strongest, R" in findings.at[0, "recommendation_en"]


def test_a_department_listed_twice_under_one_letter_counts_as_two_letters():
    assert found(frame(tp(R=["销售部", "销售部"]))) == [("several_letters", 2)]


def test_department_names_are_compared_normalised():
    assert found(frame(tp(R=["财务部"], I=["财务 部"]))) == [("several_letters", 2)]
    assert found(frame(tp(R=["财务 部"])), UNITS) == []


def test_unknown_department_on_a_client_journey_suggests_the_closest_unit():
    findings = raci.raci_findings(frame(tp(R=["客户成功"])), POLICY, UNITS)
    assert list(findings["rule"]) == ["unknown_department"]
    assert findings.at[0, "severity"] == "low"
    assert "客户成功部" in findings.at[0, "evidence_zh"]


def test_unknown_department_is_not_checked_without_units_or_on_a_template():
    assert found(frame(tp(R=["不存在部"]))) == []
    template = tp(R=["不存在部"], source="template", touchpoint_id="saas.billing")
    assert found(frame(template), UNITS) == []


def test_units_default_to_the_frame_attrs():
    built = frame(tp(R=["不存在部"]))
    built.attrs["units"] = UNITS
    assert found(built) == [("unknown_department", 2)]


def test_several_rules_on_one_touchpoint_are_ordered_by_severity():
    built = frame(tp(2), tp(3, R=[], A=[], C=[f"部门{n}" for n in range(MAX_C + 1)]),
                  tp(4, A=["销售部", "财务部"], R=["财务部"]))
    assert found(built) == [("no_accountable", 3), ("several_accountable", 4),
                            ("no_responsible", 3), ("several_letters", 4),
                            ("too_many_consulted", 3)]


def test_template_findings_name_the_template_and_touchpoint():
    built = frame(tp(R=[], source="template", touchpoint_id="saas.billing"))
    findings = raci.raci_findings(built, POLICY)
    assert findings.at[0, "evidence_en"].startswith("template saas, touchpoint saas.billing: ")
    assert findings.at[0, "evidence_zh"].startswith("模板 saas,触点 saas.billing:")
    assert pd.isna(findings.at[0, "row"])
    assert findings.at[0, "file"] == "templates/journeys/saas.yaml"


def test_an_empty_journey_has_no_findings():
    findings = raci.raci_findings(frame(), POLICY)
    assert findings.empty and list(findings.columns) == raci.COLUMNS


def test_raci_matrix_shows_each_departments_letters():
    matrix = raci.raci_matrix(frame(tp(2, R=["财务部"], C=["财务部", "销售部"]),
                                    tp(3, R=["研发产品部"], A=["销售部"])))
    assert list(matrix.index) == ["row-2", "row-3"]
    assert list(matrix.columns) == ["财务部", "客户成功部", "销售部", "研发产品部"]
    assert matrix.loc["row-2", "财务部"] == "R/C"
    assert matrix.loc["row-2", "销售部"] == "C"
    assert matrix.loc["row-3", "财务部"] == ""
    assert matrix.loc["row-3", "销售部"] == "A"


# --- stage codes --------------------------------------------------------------------------


@pytest.mark.parametrize(("stage", "code"), [
    ("认知", "awareness"), ("了解阶段", "awareness"), ("购买决策", "consideration"),
    ("方案评估", "consideration"), ("试用", "consideration"), ("签约", "order"),
    ("下单/签约", "order"), ("交付", "delivery"), ("上线实施", "delivery"),
    ("上线验收", "onboarding"), ("使用", "use"), ("服务与续约", "service_renewal"),
    ("续费", "service_renewal"), ("推荐/流失", "advocacy_churn"),
    ("续约/流失", "advocacy_churn"), ("Awareness", "awareness"), ("Renewal", "service_renewal"),
    ("Everyday use", "use"), ("Purchase", "order"), ("something else", None), ("", None),
    ("warehouse", None),
])
def test_stage_codes(stage, code):
    assert journey.stage_code(stage) == code


# --- template fallback and department mapping ---------------------------------------------


BUSINESS_MODELS = list(schema.profile_fields()["business_model"]["choices"])


def profile_with(business_model: str) -> str:
    return MINIMAL_PROFILE.replace("business_model: saas", f"business_model: {business_model}")


@pytest.mark.parametrize("business_model", BUSINESS_MODELS)
def test_engagement_without_journey_uses_a_template(tmp_path, business_model):
    folder = write_engagement(tmp_path / business_model, {"inputs/current_kpis.csv": KPIS_ZH},
                              profile_with(business_model))
    loaded = engagement.load(folder)
    built = journey.from_engagement(loaded, "zh")
    origin = journey.journey_origin(loaded)
    template = journey.TEMPLATE_FALLBACKS.get(business_model, business_model)
    assert origin.template == template and built.attrs["template"] == template
    assert origin.fallback == (business_model in journey.TEMPLATE_FALLBACKS)
    points = method_templates.touchpoints(template)
    assert list(built["touchpoint_id"]) == list(points["id"])
    assert list(built.columns) == journey.JOURNEY_COLUMNS
    assert (built["source"] == "template").all()
    assert built["performance"].isna().all()
    assert list(built["importance"]) == [float(i) for i in points["typical_importance"]]
    assert built["row"].isna().all()
    assert (built["file"] == f"templates/journeys/{template}.yaml").all()
    stages = {stage["code"] for stage in method_templates.journey(template)["stages"]}
    assert set(built["stage_code"]) <= stages
    for lang in i18n.LANGUAGES:
        sentence = origin.sentence(lang)
        assert template in sentence
        if origin.fallback:
            assert i18n.t(f"journey.fallback.{business_model}", lang) in sentence


def test_every_fallback_borrows_an_existing_template():
    templates = method_templates.journeys()
    assert set(journey.TEMPLATE_FALLBACKS.values()) <= set(templates)
    assert set(BUSINESS_MODELS) <= {*templates, *journey.TEMPLATE_FALLBACKS}


def test_unknown_business_model_has_no_template():
    with pytest.raises(KeyError, match="no journey template"):
        journey.template_for("space_tourism")


def test_template_departments_become_the_clients_units(tmp_path):
    kpis = KPIS_ZH + "客户服务中心,客服专员,一次解决率,100,越高越好\n"
    folder = write_engagement(tmp_path / "e", {"inputs/current_kpis.csv": kpis})
    loaded = engagement.load(folder)
    built = journey.from_engagement(loaded, "zh")
    support = built.set_index("touchpoint_id").loc["saas.support_ticket"]
    assert support["A"] == ["客户服务中心"]          # customer_service, keyword 客户服务
    purchase = built.set_index("touchpoint_id").loc["saas.purchase"]
    assert purchase["A"] == ["销售部"] and purchase["R"] == ["财务"]  # finance: no unit, label
    mapping = journey.department_mapping(journey.client_units(loaded), "saas", "zh")
    assert list(mapping.columns) == journey.MAPPING_COLUMNS
    by_code = mapping.set_index("code")
    assert by_code.at["sales", "unit"] == "销售部"
    assert by_code.at["finance", "unit"] is None and by_code.at["finance", "department"] == "财务"
    assert list(mapping["code"]) == list(dict.fromkeys(mapping["code"]))


def test_mapping_prefers_the_unit_the_keyword_covers_best():
    mapping = journey.department_mapping(["渠道销售部", "销售部", "研发产品部"], "saas", "zh")
    by_code = mapping.set_index("code")
    assert by_code.at["sales", "unit"] == "销售部"
    assert by_code.at["rnd", "unit"] == "研发产品部"
    assert by_code.at["product", "unit"] == "研发产品部"


def test_mapping_matches_english_units_as_whole_words():
    mapping = journey.department_mapping(["Sales", "Customer Success Team", "Presales"],
                                         "saas", "en")
    by_code = mapping.set_index("code")
    assert by_code.at["sales", "unit"] == "Sales"
    assert by_code.at["customer_success", "unit"] == "Customer Success Team"
    assert by_code.at["marketing", "department"] == "marketing"


def test_two_codes_on_one_unit_keep_the_strongest_letter():
    mapping = journey.department_mapping(["研发产品部"], "saas", "zh")
    built = journey.template_journey("saas", "zh", mapping).set_index("touchpoint_id")
    requests = built.loc["saas.feature_requests"]  # R: rnd, A: product → both 研发产品部
    assert requests["A"] == ["研发产品部"] and requests["R"] == []
    for _, item in built.iterrows():
        names = [n for letter in journey.RACI_LETTERS for n in item[letter]]
        assert len(names) == len(set(names))


def test_template_names_follow_the_language():
    zh = journey.template_journey("saas", "zh")
    en = journey.template_journey("saas", "en")
    assert zh.at[0, "stage"] == "认知" and en.at[0, "stage"] == "Awareness"
    assert list(zh["touchpoint_en"]) == list(en["touchpoint"])
    assert en.at[0, "A"] == ["marketing"]


def test_client_journey_keeps_the_clients_words(sample_copy):
    loaded = engagement.load(sample_copy)
    built = journey.from_engagement(loaded)
    assert built.attrs["source"] == "client" and built.attrs["template"] is None
    first = built.iloc[0]
    assert first["touchpoint_id"] == "row-2" and first["row"] == 2
    assert first["stage_code"] == "awareness"
    assert first["touchpoint_en"] == first["touchpoint"]
    assert first["file"] == "inputs/journey.csv"
    assert all(isinstance(v, list) for v in built["C"])


# --- decisions/journey.csv ----------------------------------------------------------------


def decisions(*rows: tuple[str, str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=journey.DECISION_COLUMNS)


def test_decisions_round_trip_and_replay(tmp_path):
    edits = decisions(("row-2", "raci", "a", "财务部", "add"),
                      ("row-2", "indicator", "", "一次解决率", "add"),
                      ("row-3", "raci", "C", "财务部", "remove"))
    path = journey.write_journey_decisions(tmp_path, edits)
    assert path == tmp_path / "decisions" / "journey.csv"
    read = journey.read_journey_decisions(tmp_path)
    assert list(read.index) == [2, 3, 4]
    assert list(read["letter"]) == ["A", "", "C"]
    built = frame(tp(2), tp(3, C=["财务部", "销售部"]))
    replayed = journey.apply_decisions(built, read)
    assert replayed.at[0, "A"] == ["客户成功部", "财务部"]
    assert replayed.at[0, "indicators"] == ["一次解决率"]
    assert replayed.at[1, "C"] == ["销售部"]
    assert built.at[1, "C"] == ["财务部", "销售部"], "the input journey is not changed"


def test_no_decisions_file_means_no_edits(tmp_path):
    read = journey.read_journey_decisions(tmp_path)
    assert read.empty and list(read.columns) == journey.DECISION_COLUMNS
    built = frame(tp(2))
    assert journey.apply_decisions(built, read).equals(built)


def write_raw(tmp_path, text: str):
    (tmp_path / "decisions").mkdir(exist_ok=True)
    (tmp_path / "decisions" / "journey.csv").write_text(text, encoding="utf-8")


def test_bad_decision_rows_name_file_row_column_and_fix(tmp_path):
    write_raw(tmp_path, "touchpoint_id,kind,letter,value,action\n"
                        "row-2,raci,X,财务部,add\n"
                        "row-2,other,,财务部,add\n"
                        ",indicator,,,delete\n")
    with pytest.raises(InputError) as caught:
        journey.read_journey_decisions(tmp_path)
    where = [(p.file, p.row, p.column, p.code) for p in caught.value.problems]
    assert where == [
        ("decisions/journey.csv", 2, "letter", "journey_decision_letter"),
        ("decisions/journey.csv", 3, "kind", "not_a_choice"),
        ("decisions/journey.csv", 4, "touchpoint_id", "required_empty"),
        ("decisions/journey.csv", 4, "value", "required_empty"),
        ("decisions/journey.csv", 4, "action", "not_a_choice"),
    ]
    text = caught.value.render("en")
    assert "decisions/journey.csv, row 2, column C \"letter\"" in text
    assert "Fix: write R, A, C or I" in text
    assert "expected one of: add / remove" in caught.value.render("en")
    assert "修改" in caught.value.render("zh")


def test_a_missing_decision_column_is_an_error(tmp_path):
    write_raw(tmp_path, "touchpoint_id,kind,value,action\nrow-2,indicator,x,add\n")
    with pytest.raises(InputError, match="letter"):
        journey.read_journey_decisions(tmp_path)


def test_an_edit_of_an_unknown_touchpoint_is_an_error(tmp_path):
    write_raw(tmp_path, "touchpoint_id,kind,letter,value,action\n"
                        "row-2,indicator,,x,add\nrow-99,raci,R,财务部,add\n")
    edits = journey.read_journey_decisions(tmp_path)
    with pytest.raises(InputError) as caught:
        journey.apply_decisions(frame(tp(2)), edits)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.code) == (3, "touchpoint_id",
                                                            "journey_unknown_touchpoint")
    assert "row-99" in caught.value.render("en") and "row-2" in caught.value.render("en")


def test_writing_refuses_bad_rows(tmp_path):
    with pytest.raises(InputError):
        journey.write_journey_decisions(tmp_path, decisions(("row-2", "raci", "", "x", "add")))
    assert not (tmp_path / "decisions" / "journey.csv").exists()


def test_later_edits_win():
    built = frame(tp(2))
    edits = decisions(("row-2", "raci", "C", "财务部", "add"),
                      ("row-2", "raci", "C", "财务部", "remove"),
                      ("row-2", "raci", "R", "销售部", "remove"),
                      ("row-2", "raci", "R", "销售部", "add"))
    replayed = journey.apply_decisions(built, edits)
    assert replayed.at[0, "C"] == [] and replayed.at[0, "R"] == ["销售部"]


EDIT = st.tuples(st.sampled_from(["row-2", "row-3"]),
                 st.sampled_from(["raci", "indicator"]),
                 st.sampled_from(list(journey.RACI_LETTERS)),
                 st.sampled_from(["销售部", "财务部", "研发产品部", "客户成功部"]),
                 st.sampled_from(journey.DECISION_ACTIONS))


@settings(max_examples=150, deadline=None)
@given(st.lists(EDIT, max_size=12))
def test_replaying_twice_equals_replaying_once(edits):
    built = frame(tp(2, C=["财务部"]), tp(3, R=["销售部", "研发产品部"]))
    once = journey.apply_decisions(built, decisions(*edits))
    twice = journey.apply_decisions(once, decisions(*edits))
    pd.testing.assert_frame_equal(once, twice)
    last = {}  # the last edit of each (touchpoint, cell, value) decides whether it is there
    for touchpoint_id, kind, letter, value, action in edits:
        column = letter if kind == "raci" else "indicators"
        last[(touchpoint_id, column, value)] = action
    rows = {"row-2": 0, "row-3": 1}
    for (touchpoint_id, column, value), action in last.items():
        assert (value in once.at[rows[touchpoint_id], column]) == (action == "add")


# --- the samples --------------------------------------------------------------------------


SAMPLES = paths.sample_engagements()
README_RULES = {"A不唯一": "several_accountable", "没有R": "no_responsible",
                "C超过3个": "too_many_consulted", "同一部门两个角色": "several_letters"}
README_LINE = re.compile(r"^\| RACI: (\S+) \| (.+?) \| (\d+) \|", re.MULTILINE)


def readme_defects(folder) -> set[tuple[str, str, int]]:
    """(rule, file, row) of the RACI defects in the Chinese table of a sample's README."""
    text = (folder / "README.md").read_text(encoding="utf-8").split("\n---\n")[0]
    return {(README_RULES[label], file, int(row)) for label, file, row in README_LINE.findall(text)}


@pytest.mark.parametrize("folder", SAMPLES, ids=[s.name for s in SAMPLES])
def test_samples_raci_defects_are_found_at_the_readme_rows(folder):
    loaded = engagement.load(folder)
    built = journey.from_engagement(loaded)
    findings = raci.raci_findings(built, policy.for_engagement(loaded.profile))
    expected = readme_defects(folder)
    assert len(expected) == 4
    got = set(zip(findings["rule"], findings["file"], findings["row"].astype(int), strict=True))
    assert got == expected
    rows = set(loaded.tables["journey"].index)
    assert set(findings["row"]) <= rows


def test_xingyun_defects_in_detail():
    loaded = engagement.load(paths.DATA_SAMPLES / "xingyun_saas")
    findings = raci.raci_findings(journey.from_engagement(loaded), POLICY).set_index("row")
    assert findings.at[7, "departments"] == ["销售部", "交付实施部"]
    assert findings.at[15, "rule"] == "no_responsible"
    assert len(findings.at[13, "departments"]) == 4
    assert findings.at[21, "evidence_zh"] == "财务部 同时是 R、C"
    assert findings.at[21, "touchpoint"] == "账单与发票问题处理"


@pytest.mark.parametrize("folder", SAMPLES, ids=[s.name for s in SAMPLES])
def test_samples_stages_all_get_a_code(folder):
    built = journey.from_engagement(engagement.load(folder))
    assert built["stage_code"].notna().all(), built.loc[built["stage_code"].isna(), "stage"]
    assert not any(math.isnan(v) for v in built["performance"])
