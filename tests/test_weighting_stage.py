"""Stage 04 on the samples: every position gets policy-compliant weights; saved choices replay;
bad decisions files are refused with the position named; the editors' live feedback."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import engagement as engagement_module
from helpers import i18n, paths, policy, weighting
from helpers.errors import InputError
from helpers.weighting import choices, editor, items, present, sensitivity, solver

SAMPLES = ["xingyun_saas", "lanshan_bank", "qingtian_foods"]


@pytest.fixture(scope="module", params=SAMPLES)
def sample_result(request):
    found = engagement_module.load(paths.DATA_SAMPLES / request.param)
    rules = policy.for_engagement(found.profile)
    return found, rules, weighting.run(found, rules, "zh")


def test_every_position_gets_policy_compliant_weights(sample_result):
    found, rules, result = sample_result
    facing = set(found.profile.get("customer_facing_units") or [])
    assert result.summary["infeasible"] == 0
    for (unit, position), rows in result.weights.groupby(["unit", "position"]):
        frame = rows.rename(columns={"name_zh": "name"})[list(solver.ITEM_COLUMNS) + ["name"]]
        assert rows["weight"].sum() == pytest.approx(100), (unit, position)
        assert solver.is_compliant(rows["weight"].to_numpy(), frame, rules, unit in facing)


def test_shares_and_sensitivity_are_within_bounds(sample_result):
    _, _, result = sample_result
    positions = result.positions
    total = positions["result_share"] + positions["process_capability_share"]
    assert np.allclose(total, 100)
    done = result.sensitivity[result.sensitivity["perturbations"] > 0]
    assert len(done) >= 3
    assert done["tau_min"].between(-1, 1).all() and (done["tau_min"] <= done["tau_median"]).all()
    assert done["grade_changed_max"].between(0, 1).all()


def test_result_round_trips_through_artifacts(sample_result, tmp_path):
    _, _, result = sample_result
    result.save(tmp_path)
    loaded = weighting.WeightingResult.load(tmp_path)
    assert loaded.summary == result.summary
    assert loaded.weights["weight"].tolist() == result.weights["weight"].tolist()


def test_xingyun_replays_the_saved_ahp_judgements():
    found = engagement_module.load(paths.DATA_SAMPLES / "xingyun_saas")
    result = weighting.run(found, policy.for_engagement(found.profile), "zh")
    row = result.positions[result.positions["position"] == "客户成功经理"].iloc[0]
    assert row["method"] == "ahp" and row["replayed"]
    # the sample's judgements contradict each other on purpose (README of the sample)
    assert row["ahp_cr"] > 0.10 and not row["ahp_consistent"]
    worst = result.judgements[result.judgements["position"] == "客户成功经理"].iloc[0]
    assert {worst["row"], worst["column"]} == {"rnd.key_feature_adoption_rate",
                                               "sales.visit_completion"}


def copy_with_weights(sample_copy, text: str):
    (sample_copy / "decisions").mkdir(exist_ok=True)
    (sample_copy / "decisions" / "weights.yaml").write_text(text, encoding="utf-8")
    return engagement_module.load(sample_copy)


def test_direct_weights_replay_and_are_solved_within_policy(sample_copy):
    found = engagement_module.load(sample_copy)
    rules = policy.for_engagement(found.profile)
    first = weighting.run(found, rules, "zh")
    rows = first.weights[first.weights["position"] == "客服专员"]
    keys = rows["key"].tolist()
    text = "客户服务中心 · 客服专员:\n  method: direct\n  weights:\n" + "".join(
        f"    {k}: {w}\n" for k, w in zip(keys, [60, 10, 10, 10, 10], strict=True))
    again = weighting.run(copy_with_weights(sample_copy, text), rules, "zh")
    mine = again.weights[again.weights["position"] == "客服专员"]
    assert mine["method"].iloc[0] == "direct"
    assert mine["preferred"].tolist() == [60, 10, 10, 10, 10]
    assert mine["weight"].max() == rules["weights"]["item"]["max"]


def test_a_choice_naming_old_indicators_falls_back_with_a_note(sample_copy):
    text = "客户服务中心 · 客服专员:\n  method: ahp\n  judgements:\n    \"a.b | c.d\": 3\n"
    found = copy_with_weights(sample_copy, text)
    result = weighting.run(found, policy.for_engagement(found.profile), "zh")
    row = result.positions[result.positions["position"] == "客服专员"].iloc[0]
    assert row["method"] == "default" and row["note"] == "keys_changed"
    lines = present.method_lines(result.positions, "en")
    assert any("客服专员" in line and "no longer" in line for line in lines)


@pytest.mark.parametrize(("text", "code"), [
    ("- a\n", "weights_not_a_mapping"),
    ("销售部 · 销售总监: 3\n", "weights_bad_position"),
    ("销售部 · 销售总监: {method: magic}\n", "weights_unknown_method"),
    ("销售部 · 销售总监: {method: ahp, colour: red}\n", "weights_unknown_field"),
    ("销售部 · 销售总监: {method: ahp, judgements: {\"a | b\": \"x/0\"}}\n",
     "weights_bad_judgement"),
    ("销售部 · 销售总监: {method: ahp, judgements: {\"a b\": 3}}\n", "weights_bad_pair"),
    ("销售部 · 销售总监: {method: direct, weights: {a: -5}}\n", "weights_bad_weight"),
])
def test_bad_weights_file_is_refused_naming_the_position(sample_copy, text, code):
    (sample_copy / "decisions").mkdir(exist_ok=True)
    (sample_copy / "decisions" / "weights.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        choices.read(sample_copy)
    assert [p.code for p in caught.value.problems] == [code]
    assert caught.value.problems[0].file == "decisions/weights.yaml"
    message = caught.value.render("en")
    assert "Fix" in message and ("销售部 · 销售总监" in message or code == "weights_not_a_mapping")


def test_choices_write_then_read_round_trip(tmp_path):
    saved = {"销售部 · 销售总监": {"method": "ahp", "judgements": {"a | b": "1/3"}}}
    choices.write(tmp_path, saved)
    assert choices.read(tmp_path) == saved


def test_sensitivity_grades_follow_the_policy_bands():
    """Bands S ≥ 95, A ≥ 85, …; S also needs the target score 100 (METHOD §7), so 95 is A."""
    rules = policy.load()
    assert sensitivity.grades(np.array([100, 95, 94.9, 85, 60, 59.9]), rules).tolist() == \
        ["S", "A", "A", "A", "C", "D"]


def test_ahp_feedback_names_the_contradicting_judgement():
    keys, names = ["a", "b", "c"], ["甲", "乙", "丙"]
    judgements = {"a | b": "3", "b | c": "3", "a | c": "1/3"}
    line, worst = editor.ahp_feedback(keys, names, judgements, policy.load(), "zh")
    assert "不一致" in line
    assert "甲 / 丙" in worst or "乙 / 丙" in worst or "甲 / 乙" in worst
    line, _ = editor.ahp_feedback(keys, names, {"a | b": "2", "b | c": "2", "a | c": "4"},
                                  policy.load(), "en")
    assert "CR = 0.000" in line and "consistent" in line


def test_slider_feedback_reports_total_and_broken_rules():
    rules = policy.load()
    frame = pd.DataFrame({"key": list("abcd"), "name": list("abcd"),
                          "group": ["result", "result", "process_capability",
                                    "process_capability"],
                          "customer": [True, False, False, False], "rating": [False] * 4})
    assert editor.slider_feedback([30, 25, 25, 20], frame, rules, True, "en").endswith(
        i18n.t("weighting.editor.ok", "en"))
    broken = editor.slider_feedback([40, 25, 25, 20], frame, rules, True, "en")
    assert "Total 110%" in broken and "\"a\" at most 30%" in broken


def test_items_frame_marks_customer_ratings():
    rows = pd.DataFrame({"key": ["sales.key_account_satisfaction", "x"],
                         "library_id": ["sales.key_account_satisfaction", None],
                         "name_zh": ["重点客户满意度", "自定义"], "name_en": [None, None],
                         "kind": ["result", "process"], "orientation": ["customer", "internal"]})
    frame = items.items_frame(rows, policy.load())
    assert frame["rating"].tolist() == [True, False]
    assert frame["group"].tolist() == ["result", "process_capability"]


def test_editors_save_choices_that_the_next_run_replays(sample_copy, tmp_path):
    """The JupyterLab editors (widgets built without a kernel): moving a pairwise slider updates
    the CR line; saving writes decisions/weights.yaml; the next batch run replays it."""
    from helpers.context import StageContext

    found = engagement_module.load(sample_copy)
    rules = policy.for_engagement(found.profile)
    result = weighting.run(found, rules, "zh")
    ctx = StageContext(found, rules, "zh", tmp_path, True)
    box = editor.ahp_editor(ctx, result, "客户服务中心", "客服专员")
    first = next(iter(box.sliders.values()))
    first.value = 3.0
    assert "CR = " in box.status.value
    box.save()
    sliders = editor.slider_editor(ctx, result, "销售部", "销售总监")
    sliders.sliders[0].value = 60
    assert "30%" in sliders.check.value
    sliders.sliders[0].value = 30
    sliders.save()
    saved = choices.read(sample_copy)
    assert saved["客户服务中心 · 客服专员"]["method"] == "ahp"
    assert saved["销售部 · 销售总监"]["method"] == "direct"
    again = weighting.run(engagement_module.load(sample_copy), rules, "zh")
    methods = dict(zip(again.positions["position"], again.positions["method"], strict=True))
    assert methods["客服专员"] == "ahp" and methods["销售总监"] == "direct"
    assert again.summary["replayed"] == 3  # the sample's own choice plus the two saved here
