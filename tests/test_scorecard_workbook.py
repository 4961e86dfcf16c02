"""The client's scorecard workbook (helpers.scorecard_workbook): its live Excel formulas,
recalculated by the pure-Python ``formulas`` engine, agree with helpers.scoring.engine.

Sources: METHOD §7 (rules, defaults, "S also requires score ≥ target") and §9 (pilot
rescaling of measured weights); the hand-computed cases apply those formulas by hand.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from helpers import engagement as engagement_module
from helpers import i18n, paths, weighting
from helpers import policy as policy_files
from helpers import scorecard_workbook as workbook
from helpers.errors import InputError
from helpers.scoring import engine, grades, pilot, rules
from helpers.weighting import evidence

SAMPLE = paths.DATA_SAMPLES / "xingyun_saas"
UNIT, POSITION = "测试部", "规则测试岗"
#: (key, library_id, name_zh, weight) of the hand-built position, one item per rule.
RULE_ITEMS = [
    ("sales.collection_rate", "sales.collection_rate", "回款率", 20.0),             # ratio .8/1.1
    ("customer_success.complaint_rate", "customer_success.complaint_rate", "客户投诉率",
     15.0),                                                                          # lower_better
    ("customer_success.net_revenue_retention", "customer_success.net_revenue_retention",
     "净收入留存率", 15.0),                                                           # TTS .8/1.2
    ("sales.account_revenue_growth", "sales.account_revenue_growth", "客户收入增长率",
     10.0),                                                                          # mixed_sign
    ("customer_success.health_score", "customer_success.health_score", "客户健康度",
     10.0),                                                                          # banded
    ("banking.managed_customer_complaints", "banking.managed_customer_complaints",
     "管户客户有效投诉件数", 15.0),                                                     # deduction
    ("current:客户回访及时率", None, "客户回访及时率", 15.0),                             # no card
    ("customer_success.referral_count", "customer_success.referral_count", "转介绍客户数",
     10.0),                                                                          # addition
    ("banking.major_complaints", "banking.major_complaints", "重大客户投诉次数", 10.0),  # demote
    ("banking.suitability_breaches", "banking.suitability_breaches", "适当性违规次数",
     10.0),                                                                          # grade_cap
    ("banking.aml_violations", "banking.aml_violations", "反洗钱违规次数", 10.0),       # total_zero
]
KEYS = [key for key, *_ in RULE_ITEMS]
LIBRARY_IDS = {key: library_id for key, library_id, *_ in RULE_ITEMS}


def weights_frame(rows: list[tuple]) -> pd.DataFrame:
    """A stage-04 weights frame from (unit, position, key, library_id, name_zh, weight)."""
    frame = pd.DataFrame(rows, columns=["unit", "position", "key", "library_id", "name_zh",
                                        "weight"])
    frame["name_en"] = None
    frame["order"] = frame.groupby(["unit", "position"]).cumcount() + 1
    return frame


def hand_built(rows: list[tuple]) -> SimpleNamespace:
    return SimpleNamespace(weights=weights_frame(rows))


# --- recalculation ----------------------------------------------------------------------------


def recalculate(book, folder: Path, name: str):
    """Save ``book``, recalculate it with ``formulas`` and return value(sheet, cell)."""
    import formulas

    path = workbook.xlsx.save_atomically(book, folder / name)
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()

    def value(sheet: str, cell: str):
        found = solution[f"'[{name}]{sheet.upper()}'!{cell}"].value[0, 0]
        return None if found == "" else found

    return value


def entry_layout(sheet) -> dict:
    """Where the entry table's cells are: read from the sheet as a client would."""
    key_column = workbook.CARD_COLUMNS.index("key") + 1
    keys, row = [], workbook.CARD_HEADER_ROW + 1
    while sheet.cell(row, key_column).value:
        keys.append(sheet.cell(row, key_column).value)
        row += 1
    employee_label = i18n.t("scorecard_workbook.col.employee_id", "zh")
    header = next(r for r in range(1, sheet.max_row + 1)
                  if sheet.cell(r, 1).value == employee_label)
    labels = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
    first_actual = len(workbook.EMPLOYEE_COLUMNS) + 1
    return {"keys": keys, "header": header,
            "actual": {k: first_actual + 2 * i for i, k in enumerate(keys)},
            "points": {k: first_actual + 2 * len(keys) + i for i, k in enumerate(keys)},
            "total": labels[i18n.t("scorecard_workbook.col.total", "zh")],
            "grade": labels[i18n.t("scorecard_workbook.col.grade", "zh")]}


def absolute_with_s_rule(totals, policy: dict) -> np.ndarray:
    """Reference grades: absolute bands, then "S also requires score ≥ target" (METHOD §7)."""
    found = grades.absolute(totals, policy=policy)
    ladder = grades.ladder(policy)
    short = np.round(np.asarray(totals, float), grades.DIGITS) < (
        policy["scoring"]["grades"]["s_requires_score_at_least"])
    return np.where((found == ladder[0]) & short, ladder[1], found)


@pytest.fixture(scope="module")
def sample():
    engagement = engagement_module.load(SAMPLE)
    policy = policy_files.for_engagement(engagement.profile)
    result = weighting.run(engagement, policy, "zh")
    return engagement, policy, result


@pytest.fixture(scope="module")
def sample_book(sample):
    engagement, policy, result = sample
    return workbook.build(engagement, policy, result, "zh")


@pytest.fixture(scope="module")
def sample_recalculated(sample, tmp_path_factory):
    """One period of the sample's actuals typed into the workbook (staff rows only, to keep
    the formula engine fast), recalculated, beside the engine's scores of the same rows."""
    engagement, policy, result = sample
    book = workbook.build(engagement, policy, result, "zh", spare_rows=0)
    scheme = pilot.proposed_scheme(result, pilot.current_scheme(engagement, policy))
    long = pilot.scheme_long(engagement, scheme, policy)
    rows = long[long["period"] == sorted(long["period"].unique())[-1]]
    located = {}
    for sheet in book.worksheets[2:]:
        layout = entry_layout(sheet)
        for row in range(layout["header"] + 1, sheet.max_row + 1):
            located[sheet.cell(row, 1).value] = (sheet, row, layout)
    for item in rows.itertuples():
        sheet, row, layout = located[item.employee_id]
        column = layout["actual"][item.indicator]
        counted = item.rule in workbook.COUNT_RULES and not np.isnan(item.events)
        sheet.cell(row, column).value = float(item.events if counted else item.actual)
        sheet.cell(row, column + 1).value = None if np.isnan(item.target) else float(item.target)
    value = recalculate(book, tmp_path_factory.mktemp("sample"), "sample.xlsx")
    scored = engine.score(rows.drop(columns=["name_zh", "coverage"]), policy)
    return located, value, scored.totals, rows


def test_recalculated_totals_and_grades_match_the_engine(sample, sample_recalculated):
    """Every filled employee's total (to 0.01) and grade (exactly) as the engine gives them
    on the pilot's long rows of the same period (METHOD §7, §9)."""
    _, policy, _ = sample
    located, value, totals, rows = sample_recalculated
    expected_grades = absolute_with_s_rule(totals["total"], policy)
    compared = 0
    for employee, total, grade in zip(totals["employee_id"], totals["total"], expected_grades,
                                      strict=True):
        sheet, row, layout = located[employee]
        found = value(sheet.title, f"{get_column_letter(layout['total'])}{row}")
        assert found == pytest.approx(total, abs=0.01), (employee, sheet.title)
        assert value(sheet.title, f"{get_column_letter(layout['grade'])}{row}") == grade
        compared += 1
    assert compared >= 20
    assert {"ratio", "lower_better", "threshold_target_stretch", "banded"} <= set(rows["rule"])


def test_unfilled_rows_have_no_total(sample_recalculated):
    """An employee with nothing measured in the period is not scored (pilot: left out)."""
    located, value, totals, _ = sample_recalculated
    unscored = set(located) - set(totals["employee_id"]) - {None}
    for employee in unscored:
        sheet, row, layout = located[employee]
        assert value(sheet.title, f"{get_column_letter(layout['total'])}{row}") is None


# --- hand-built position: every rule ----------------------------------------------------------


@pytest.fixture(scope="module")
def rule_book(sample, tmp_path_factory):
    """The hand-built position, cases typed into spare rows (as for new staff), recalculated."""
    engagement, policy, _ = sample
    rows = [(UNIT, POSITION, key, library_id, name, weight)
            for key, library_id, name, weight in RULE_ITEMS]
    book = workbook.build(engagement, policy, hand_built(rows), "zh",
                          spare_rows=len(HAND_CASES) + len(random_cases()))
    sheet = book.worksheets[2]
    layout = entry_layout(sheet)
    cases = [*HAND_CASES, *random_cases()]
    for offset, (inputs, *_) in enumerate(cases):
        row = layout["header"] + 1 + offset
        workbook.xlsx.set_text(sheet.cell(row, 1), f"N{offset:03d}")
        for key, (actual, target) in inputs.items():
            sheet.cell(row, layout["actual"][key]).value = actual
            sheet.cell(row, layout["actual"][key] + 1).value = target
    value = recalculate(book, tmp_path_factory.mktemp("rules"), "rules.xlsx")
    return sheet, layout, value, cases


#: (inputs {key: (actual, target)}, expected total, expected grade, what it checks).
HAND_CASES = [
    ({KEYS[0]: (130, 100)}, 110.0, "S", "ratio above the cap: 1.3 → cap 1.1"),
    ({KEYS[0]: (70, 100)}, 0.0, "D", "ratio below the floor 0.8 → 0"),
    ({KEYS[0]: (95, 100)}, 95.0, "A", "ratio 0.95; S needs 100 → A"),
    ({KEYS[1]: (3, 0)}, 94.0, "A", "lower_better T = 0: 1 − 2·3/100"),
    ({KEYS[1]: (60, 0)}, 0.0, "D", "lower_better T = 0: 1 − 2·60/100 < floor 0 → 0"),
    ({KEYS[1]: (8, 10)}, 120.0, "S", "lower_better 1 − (8 − 10)/10 = 1.2"),
    ({KEYS[2]: (75, 100)}, 0.0, "D", "threshold/target/stretch: A < B = 80 → 0"),
    ({KEYS[2]: (90, 100)}, 90.0, "A", "between B and T: 0.8 + 10/20·0.2 = 0.9"),
    ({KEYS[2]: (110, 100)}, 110.0, "S", "between T and X: 1 + 10/20·0.2 = 1.1"),
    ({KEYS[2]: (130, 100)}, 120.0, "S", "above X = 120 → p_X 1.2"),
    ({KEYS[0]: (100, 100), KEYS[2]: (90, 100)}, 100 * (20 + 15 * 0.9) / 35, "A",
     "rescaled to 100: (20·1 + 15·0.9)/35 = 95.71; band S, but S needs 100 → A"),
    ({KEYS[3]: (-5, -10)}, 120.0, "S", "mixed sign: 1 + 5/10 = 1.5 → cap 1.2"),
    ({KEYS[4]: (90, 100)}, 60.0, "C", "banded 0.9 → band 0.875 → 0.6"),
    ({KEYS[4]: (1.0, None)}, 100.0, "S", "banded without a target: attainment = actual"),
    ({KEYS[5]: (3, None)}, 94.0, "A", "deduction: 100 − 2·3"),
    ({KEYS[6]: (130, 100)}, 120.0, "S", "no card: ratio with the policy cap 1.2"),
    ({KEYS[0]: (100, 100), KEYS[7]: (10, None)}, 105.0, "S", "bonus min(1·10, 5) = 5"),
    ({KEYS[0]: (100, 100), KEYS[10]: (1, None)}, 0.0, "D", "veto total_zero"),
    ({KEYS[0]: (100, 100), KEYS[9]: (1, None)}, 100.0, "B", "veto grade_cap → B"),
    ({KEYS[0]: (100, 100), KEYS[8]: (2, None)}, 100.0, "A", "veto grade_demote S → A"),
    ({KEYS[0]: (100, 100), KEYS[8]: (1, None), KEYS[9]: (1, None)}, 100.0, "B",
     "grade_cap is stronger than grade_demote"),
    ({KEYS[0]: (100, 100), KEYS[8]: (0, None)}, 100.0, "S", "a zero count fires no veto"),
    ({KEYS[7]: (3, None)}, None, None, "nothing weighted measured: no total"),
    ({KEYS[0]: (100, 0)}, None, None, "ratio with T = 0 is not measured"),
]


def random_cases() -> list[tuple]:
    """Seeded cases over every rule, to cross-check against the engine."""
    generator = np.random.default_rng(20261121)
    cases = []
    for _ in range(24):
        inputs = {}
        for key in KEYS:
            if generator.random() < 0.45:
                continue
            rule, _ = evidence.item_rule({"key": key, "library_id": LIBRARY_IDS[key],
                                          "polarity": None})
            if rule in workbook.COUNT_RULES:
                inputs[key] = (float(generator.integers(0, 3)), None)
            else:
                target = 0.0 if rule == "lower_better" and generator.random() < 0.3 else (
                    float(generator.choice([-20.0, 50.0, 100.0])) if rule == "mixed_sign"
                    else 100.0)
                inputs[key] = (round(float(generator.uniform(0.5, 1.5)) * (target or 10), 2),
                               target)
        cases.append((inputs, "engine", "engine", "random"))
    return cases


def engine_long(inputs: dict, policy: dict) -> pd.DataFrame:
    """The pilot's long rows for one case: rules and parameters from the cards, weights of the
    measured weighted items rescaled to 100 (METHOD §9)."""
    rows = []
    for key, library_id, _, weight in RULE_ITEMS:
        if key not in inputs:
            continue
        rule, params = evidence.item_rule({"key": key, "library_id": library_id,
                                           "polarity": None})
        actual, target = inputs[key]
        weighted = rule in rules.WEIGHTED_RULES or (rule == "deduction" and weight > 0)
        rows.append({"employee_id": "x", "period": "p", "indicator": key, "rule": rule,
                     "weight": weight if weighted else 0.0, "actual": actual,
                     "target": np.nan if target is None else target,
                     **{name: params.get(name, np.nan) for name in pilot.PARAMETERS},
                     "bands": params.get("bands"), "veto_variant": params.get("variant")})
    long = pd.DataFrame(rows)
    usable = pilot._usable(long.assign(events=np.nan))
    long = long[usable]
    long["weight"] = long["weight"] * 100.0 / long["weight"].sum()
    return long


def test_hand_computed_rules_through_the_formula_engine(rule_book):
    """METHOD §7 by hand: ratio floor and cap, lower-is-better at T = 0 (deduction form,
    2 points per unit), threshold (p_B 0.8) / target / stretch (p_X 1.2), mixed sign, banded,
    deduction, bonus, the four veto outcomes and the S rule (S needs a total ≥ 100)."""
    sheet, layout, value, cases = rule_book
    for offset, (_, total, grade, what) in enumerate(cases[:len(HAND_CASES)]):
        row = layout["header"] + 1 + offset
        found = value(sheet.title, f"{get_column_letter(layout['total'])}{row}")
        if total is None:
            assert found is None, what
        else:
            assert found == pytest.approx(total, abs=1e-6), what
        assert value(sheet.title, f"{get_column_letter(layout['grade'])}{row}") == grade, what


def test_every_rule_agrees_with_the_engine_on_random_cases(sample, rule_book):
    """Seeded random cases over all eight rules: the workbook's total and grade equal the
    engine's (with veto grade limits, helpers.scoring.grades.apply_limits)."""
    _, policy, _ = sample
    sheet, layout, value, cases = rule_book
    checked = 0
    for offset, (inputs, *_) in enumerate(cases):
        if offset < len(HAND_CASES):
            continue
        row = layout["header"] + 1 + offset
        found = value(sheet.title, f"{get_column_letter(layout['total'])}{row}")
        long = engine_long(inputs, policy)
        if not (long["weight"] > 0).any():
            assert found is None
            continue
        totals = engine.score(long, policy).totals
        expected = grades.apply_limits(absolute_with_s_rule(totals["total"], policy),
                                       totals["grade_limit"].astype(object), policy)
        assert found == pytest.approx(totals["total"].iloc[0], abs=0.01), inputs
        assert value(sheet.title, f"{get_column_letter(layout['grade'])}{row}") == expected[0]
        checked += 1
    assert checked >= 15


def test_policy_sheet_drives_the_grades(rule_book):
    """The grade formulas read the policy sheet's bands (a changed band changes the grade)."""
    sheet, layout, _, _ = rule_book
    grade = sheet.cell(layout["header"] + 1, layout["grade"]).value
    policy_title = i18n.t("scorecard_workbook.sheet.policy", "zh")
    assert f"'{policy_title}'!$B$5:$B$9" in grade and f"'{policy_title}'!$A$5:$A$9" in grade


# --- text, protection, layout ------------------------------------------------------------------


def test_client_text_starting_with_equals_stays_text(sample):
    """A position and an indicator named like formulas are stored as text cells."""
    engagement, policy, _ = sample
    evil = '=HYPERLINK("http://example.invalid","x")'
    rows = [("=1+1", evil, "current:" + evil, None, evil, 60.0),
            ("=1+1", evil, "current:=SUM(1,2)", None, "=SUM(1,2)", 40.0)]
    book = workbook.build(engagement, policy, hand_built(rows), "zh", spare_rows=1)
    sheet = book.worksheets[2]
    assert sheet.cell(workbook.TITLE_ROW, 1).value == f"=1+1 · {evil}"
    assert sheet.cell(workbook.TITLE_ROW, 1).data_type == "s"
    names = [sheet.cell(workbook.CARD_HEADER_ROW + i, 2) for i in (1, 2)]
    assert [c.value for c in names] == [evil, "=SUM(1,2)"]
    assert all(c.data_type == "s" for c in names)
    library = book.worksheets[1]
    texts = [c for row in library.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert texts and all(c.data_type == "s" for c in texts)
    assert not set("\\/?*:[]") & set(sheet.title) and len(sheet.title) <= 31


def test_formula_cells_locked_inputs_unlocked(sample_book):
    """Sheet protection on; every formula cell locked; ACTUAL / TARGET cells unlocked."""
    for sheet in sample_book.worksheets[2:]:
        assert sheet.protection.sheet
        layout = entry_layout(sheet)
        formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        assert formulas and all(c.protection.locked for c in formulas)
        for row in range(layout["header"] + 1, sheet.max_row + 1):
            for column in layout["actual"].values():
                assert not sheet.cell(row, column).protection.locked
                assert not sheet.cell(row, column + 1).protection.locked
        assert sheet.max_row - layout["header"] >= workbook.SPARE_ROWS


def test_targets_prefilled_from_the_latest_actuals(sample, sample_book):
    """The TARGET cell holds the employee's latest target of that indicator."""
    engagement, policy, result = sample
    scheme = pilot.proposed_scheme(result, pilot.current_scheme(engagement, policy))
    long = pilot.scheme_long(engagement, scheme, policy).dropna(subset=["target"])
    latest = long.sort_values("period").drop_duplicates(["employee_id", "indicator"],
                                                        keep="last")
    sheets = {}
    for sheet in sample_book.worksheets[2:]:
        layout = entry_layout(sheet)
        for row in range(layout["header"] + 1, sheet.max_row + 1):
            sheets[sheet.cell(row, 1).value] = (sheet, row, layout)
    checked = 0
    for item in latest.head(200).itertuples():
        sheet, row, layout = sheets[item.employee_id]
        assert sheet.cell(row, layout["actual"][item.indicator] + 1).value == item.target
        checked += 1
    assert checked >= 50


def test_sheet_titles_unique_and_skipped_positions_listed(sample):
    engagement, policy, _ = sample
    long_name = "客户成功/续费[专员]:" + "很长" * 20
    rows = [("甲部", "经理", "current:a", None, "甲", 100.0),
            ("乙部", "经理", "current:a", None, "甲", 100.0),
            ("丙部", "经理", "current:a", None, "甲", 100.0),
            ("甲部", long_name, "current:a", None, "甲", 100.0),
            ("丁部", "无解岗", "current:a", None, "甲", np.nan)]
    book = workbook.build(engagement, policy, hand_built(rows), "en", spare_rows=0)
    titles = book.sheetnames
    assert titles[:2] == ["Policy", "Library"]
    assert len({t.casefold() for t in titles}) == len(titles) == 6
    assert all(len(t) <= 31 and not set("\\/?*:[]") & set(t) for t in titles)
    listed = [c.value for row in book["Policy"].iter_rows() for c in row]
    assert "丁部 · 无解岗" in listed


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), max_size=12))
def test_sheet_titles_are_always_valid(pairs):
    """Property: any unit and position names give unique titles Excel accepts (≤ 31
    characters, none of \\ / ? * : [ ], no leading or trailing apostrophe, not empty)."""
    names = workbook._Names("zh")
    titles = [names.position(unit, position) for unit, position in pairs]
    assert len({t.casefold() for t in titles}) == len(titles)
    assert {t.casefold() for t in titles}.isdisjoint({names.policy.casefold(),
                                                      names.library.casefold(), "history"})
    for title in titles:
        assert 0 < len(title) <= 31 and not set("\\/?*:[]") & set(title)
        assert not title.startswith("'") and not title.endswith("'")


def test_missing_weight_columns_are_reported(sample):
    engagement, policy, _ = sample
    broken = SimpleNamespace(weights=pd.DataFrame({"unit": ["甲"], "position": ["乙"]}))
    with pytest.raises(InputError) as raised:
        workbook.build(engagement, policy, broken, "en")
    assert raised.value.problems[0].code == "scorecard_workbook_missing_columns"
    assert "weight" in raised.value.render("en")


def test_write_saves_a_workbook(sample, tmp_path):
    engagement, policy, _ = sample
    rows = [(UNIT, POSITION, key, library_id, name, weight)
            for key, library_id, name, weight in RULE_ITEMS[:3]]
    target = workbook.write(engagement, policy, hand_built(rows), tmp_path / "card.xlsx", "en")
    book = load_workbook(target)
    assert book.sheetnames == ["Policy", "Library", POSITION]
    assert book[POSITION].cell(workbook.CARD_HEADER_ROW, 2).value == "Indicator"
