"""Machinery shared by the synthetic sample generators ``data_samples/*/generate.py``.

SYNTHETIC DATA. The samples describe fictional companies; nothing here or in them describes a
real company or person.

Each generator keeps what is particular to its company: indicator cards, scorecards,
staffing, journey, survey, the formulas of its customer outcomes, the patterns its README.md
promises and its input format. This module holds what all of them do the same way: the
indicator card and the models that draw its actuals, staff tables and synthetic names,
latent employee traits, the per-quarter actuals, department outcome rows, locating the
METHOD §2.4 defects, and writing CSV files, engagement.yaml and README.md tables.

Every committed sample file must stay the same when its generator runs again, so a change
here changes all three samples: keep the order of the random draws, and check with
``pytest tests/test_engagement.py -k generator``. Only the standard library, numpy, pandas
and pyyaml are used.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

HIGHER, LOWER = "越高越好", "越低越好"
KPI_COLUMNS = ["部门", "岗位", "指标名称", "权重", "指标定义", "计算公式", "目标值",
               "指标方向", "数据来源", "考核周期", "数据责任人"]
CARD_FIELDS = ["指标定义", "计算公式", "数据来源", "考核周期", "数据责任人"]
JOURNEY_COLUMNS = ["旅程阶段", "触点", "客户在意的点", "重要性", "当前表现", "R", "A", "C", "I",
                   "关联指标"]
SURVEY_QUESTIONS = ["客户相关指标占比", "绩效沟通话题结构", "部门KPI冲突频率", "客户不满但KPI合格"]
# Latent employee traits: selling drive, customer care, diligence, and how the employee's
# accounts fare for reasons outside the scorecard.
TRAITS = ("push", "care", "work", "acct")
SCOPE_COLUMNS = {"department": "部门", "team": "团队"}
# The report block of every sample's engagement.yaml.
SAMPLE_REPORT = {"title": "客户导向绩效诊断与设计报告",
                 "title_en": "Customer-oriented performance diagnosis and design",
                 "consultant": "Orient 示例顾问团队",
                 "consultant_en": "Orient sample consulting team",
                 "date": "2026-11-21",
                 "confidential": True}


# ------------------------------------------------------------------------ indicator cards
@dataclass(frozen=True)
class Card:
    """One indicator card plus the model that draws its synthetic actuals.

    ``group`` (C customer, B business, I internal, K capability, R risk) and ``kind``
    (结果/过程/能力) are the sample's own labels, used only to locate the deliberate defects
    for README.md; they are not written to the inputs. ``text`` shows the target, with
    ``{t}`` standing for it.

    Models (z is the employee trait named by ``driver``, b the department's KPI boost):
      ``ratio``   actual = target × (mu ± (beta·z + b) + sd·ε), + for higher-is-better;
      ``gap``     percentages near a ceiling: hi − (hi − target)·exp(ln mu − (beta·z + b) + sd·ε);
      ``poisson`` count with mean mu·exp(−(beta·z + b));
      ``veto``    0/1 event with probability mu·exp(−beta·z);
      ``outcome`` not drawn: the generator copies a customer outcome of the same name.
    ``driver`` is push, care, work or none (z = 0).
    """

    definition: str
    formula: str
    polarity: str
    source: str
    period: str
    owner: str
    target: float
    text: str
    group: str
    kind: str
    model: str = "ratio"
    driver: str = "work"
    mu: float = 1.0
    sd: float = 0.06
    beta: float = 0.05
    lo: float = 0.0
    hi: float = 1e9
    dec: int = 1


def card(definition, formula, polarity, source, period, owner, target, text, group, kind,
         **model) -> Card:
    """Positional shorthand for the generators' card tables."""
    return Card(definition, formula, polarity, source, period, owner, target, text, group,
                kind, **model)


def scorecard_rows(positions: list, cards: dict[str, Card],
                   variants: dict[tuple[str, str], Card]) -> list[dict]:
    """One dict per (position, indicator): 部门, 岗位, 指标名称, weight ``points``, ``spec``.

    ``positions`` holds (department, position, [(indicator, points[, target])]); a card of
    ``variants`` keyed (indicator, department) replaces the common one in that department.
    """
    rows = []
    for department, position, items in positions:
        for name, points, *target in items:
            spec = variants.get((name, department), cards[name])
            if target:
                spec = replace(spec, target=float(target[0]))
            rows.append({"部门": department, "岗位": position, "指标名称": name,
                         "points": points, "spec": spec})
    return rows


def current_kpis_table(rows: list[dict], incomplete: dict[tuple[str, str], list[str]],
                       weight_cell: Callable[[int], object], blank: object) -> pd.DataFrame:
    """The current scorecards as the client keeps them (Chinese headers).

    ``weight_cell`` turns points into the sample's weight convention; the card fields that
    ``incomplete`` lists for (position, indicator) are set to ``blank``.
    """
    records = []
    for row in rows:
        spec = row["spec"]
        record = {"部门": row["部门"], "岗位": row["岗位"], "指标名称": row["指标名称"],
                  "权重": weight_cell(row["points"]), "指标定义": spec.definition,
                  "计算公式": spec.formula, "目标值": spec.text.format(t=f"{spec.target:g}"),
                  "指标方向": spec.polarity, "数据来源": spec.source, "考核周期": spec.period,
                  "数据责任人": spec.owner}
        for field in incomplete.get((row["岗位"], row["指标名称"]), []):
            record[field] = blank
        records.append(record)
    return pd.DataFrame(records, columns=KPI_COLUMNS)


def weight_share(rows: list[dict], group: str) -> float:
    """Percentage of all scorecard points that sits on indicators of ``group``."""
    points = pd.Series([r["points"] for r in rows], dtype=float)
    groups = pd.Series([r["spec"].group for r in rows])
    return points[groups == group].sum() / points.sum() * 100


# -------------------------------------------------------------------------------- staff
def staff_table(positions: list, staffing: dict[str, tuple[int, list[str]]],
                id_format: str) -> pd.DataFrame:
    """工号, 部门, 岗位, 团队 per employee; each position's staff fill its teams round-robin."""
    records = []
    for department, position, _ in positions:
        count, teams = staffing[position]
        records += [{"部门": department, "岗位": position, "团队": teams[k % len(teams)]}
                    for k in range(count)]
    frame = pd.DataFrame(records)
    frame.insert(0, "工号", [id_format.format(i) for i in range(1, len(frame) + 1)])
    return frame


def distinct_names(count: int, draw_name: Callable[[], str], excluded: set[str]) -> list[str]:
    """``count`` different names from ``draw_name``, none of them in ``excluded``."""
    names: list[str] = []
    while len(names) < count:
        name = draw_name()
        if name not in names and name not in excluded:
            names.append(name)
    return names


def name_with_two_given_chars(rng: np.random.Generator, surnames: str, given_chars: str) -> str:
    """A surname and two different given-name characters (the characters are drawn first)."""
    first, second = rng.choice(list(given_chars), size=2, replace=False)
    return str(rng.choice(list(surnames))) + first + second


def draw_traits(rng: np.random.Generator, staff: pd.DataFrame, lead_scope: dict[str, str],
                one_block: bool = False) -> pd.DataFrame:
    """Standard-normal :data:`TRAITS` per employee, indexed by 工号.

    Drawn trait by trait, or with ``one_block`` as one (employees × traits) block; the two
    orders give different samples. Leads then take their staff's mean, see :func:`blend_leads`.
    """
    n = len(staff)
    if one_block:
        traits = pd.DataFrame(rng.standard_normal((n, len(TRAITS))), columns=list(TRAITS),
                              index=staff["工号"])
    else:
        traits = pd.DataFrame({name: rng.standard_normal(n) for name in TRAITS},
                              index=staff["工号"])
    blend_leads(traits, staff, lead_scope)
    return traits


def blend_leads(traits: pd.DataFrame, staff: pd.DataFrame, lead_scope: dict[str, str]) -> None:
    """Give each lead the mean traits of the staff they lead plus 0.3 of their own.

    ``lead_scope`` maps a lead position to "department" or "team": whom its indicators total.
    Leads are left out of every mean, so the order of the updates does not matter.
    """
    lead = staff["岗位"].isin(list(lead_scope)).to_numpy()
    for emp in staff[lead].itertuples(index=False):
        scope = SCOPE_COLUMNS[lead_scope[emp.岗位]]
        led = (staff[scope] == getattr(emp, scope)).to_numpy() & ~lead
        traits.loc[emp.工号] = traits[led].mean() + 0.3 * traits.loc[emp.工号]


def pick_careless(rng: np.random.Generator, traits: pd.DataFrame, top: list[str],
                  pool: list[str], size: int, careless_care: float,
                  careless_acct: float) -> list[str]:
    """Draw ``size`` careless employees from ``pool`` and set the traits of the ``top`` ones.

    The careless get care ``careless_care − 0.4·|care|`` and acct ``careless_acct − |acct|``;
    the other top employees get positive care and acct, so the pattern does not rest on luck.
    Returns the careless ones, sorted.
    """
    careless = sorted(str(e) for e in rng.choice(pool, size=size, replace=False))
    for emp in top:
        care = abs(float(traits.at[emp, "care"]))
        acct = abs(float(traits.at[emp, "acct"]))
        if emp in careless:
            traits.at[emp, "care"] = careless_care - 0.4 * care
            traits.at[emp, "acct"] = careless_acct - acct
        else:
            traits.at[emp, "care"], traits.at[emp, "acct"] = 0.3 + care, acct
    return careless


def top_of(ranking: pd.Series, share: float) -> list[str]:
    """The first ``share`` of a ranking (rounded), as a list of its index."""
    return list(ranking.index[: int(round(share * len(ranking)))])


# ------------------------------------------------------------------------------ actuals
@dataclass(frozen=True)
class Simulation:
    """The quarters of a sample and how its departments drift over them.

    ``care_drift``: per department, the change of customer care per quarter;
    ``kpi_boost``: per department, the extra push per quarter on the actuals of cards
    whose group is in ``boosted_groups``.
    """

    periods: list[str]
    care_drift: dict[str, float]
    kpi_boost: dict[str, list[float]]
    boosted_groups: str


def care_in_quarter(traits: pd.DataFrame, emp: str, department: str, q: int,
                    sim: Simulation) -> float:
    """Customer care of ``emp`` in quarter index ``q``, with the department's drift."""
    return float(traits.at[emp, "care"]) + sim.care_drift.get(department, 0.0) * q


def poisson_quantile(lam: float, u: float) -> int:
    """Poisson(lam) quantile at ``u``: one uniform draw per value keeps runs reproducible."""
    k, p = 0, math.exp(-lam)
    cdf = p
    while u > cdf and k < 1000:
        k += 1
        p *= lam / k
        cdf += p
    return k


def simulate(spec: Card, z: float, boost: float, eps: float, uni: float) -> float:
    """One synthetic actual from the card's model (see :class:`Card`)."""
    shift = spec.beta * z + boost
    if spec.model == "ratio":
        sign = 1.0 if spec.polarity == HIGHER else -1.0
        value = spec.target * (spec.mu + sign * shift + spec.sd * eps)
    elif spec.model == "gap":
        value = spec.hi - (spec.hi - spec.target) * math.exp(math.log(spec.mu) - shift
                                                             + spec.sd * eps)
    elif spec.model == "poisson":
        value = float(poisson_quantile(spec.mu * math.exp(-shift), uni))
    elif spec.model == "veto":
        value = 1.0 if uni < spec.mu * math.exp(-spec.beta * z) else 0.0
    else:
        raise ValueError(f"unknown model {spec.model!r} of card {spec.definition!r}")
    return round(min(max(value, spec.lo), spec.hi), spec.dec)


def actual_entries(rng: np.random.Generator, staff: pd.DataFrame, rows: list[dict],
                   periods: list[str]) -> list[dict]:
    """One entry per employee × quarter × indicator of the position, with its noise draws."""
    by_position: dict[str, list[dict]] = {}
    for row in rows:
        by_position.setdefault(row["岗位"], []).append(row)
    entries = [{"工号": emp.工号, "部门": emp.部门, "岗位": emp.岗位, "q": q, "期间": period,
                "指标名称": row["指标名称"], "points": row["points"], "spec": row["spec"]}
               for emp in staff.itertuples(index=False)
               for q, period in enumerate(periods)
               for row in by_position[emp.岗位]]
    eps = rng.standard_normal(len(entries))
    uni = rng.random(len(entries))
    for entry, e, u in zip(entries, eps, uni, strict=True):
        entry["eps"], entry["uni"] = float(e), float(u)
    return entries


def fill_actuals(entries: list[dict], traits: pd.DataFrame, sim: Simulation,
                 names: set[str] | None = None) -> None:
    """Set ``实际值`` of every entry (or only of the indicators in ``names``).

    Cards modelled as ``outcome`` are left for the generator to copy.
    """
    for entry in entries:
        spec = entry["spec"]
        if (names is not None and entry["指标名称"] not in names) or spec.model == "outcome":
            continue
        emp, department, q = entry["工号"], entry["部门"], entry["q"]
        if spec.driver == "care":
            z = care_in_quarter(traits, emp, department, q, sim)
        elif spec.driver == "none":
            z = 0.0
        else:
            z = float(traits.at[emp, spec.driver])
        boosts = sim.kpi_boost.get(department)
        boost = boosts[q] if boosts and spec.group in sim.boosted_groups else 0.0
        entry["实际值"] = simulate(spec, z, boost, entry["eps"], entry["uni"])


def number_text(value: float, dec: int) -> str:
    """``value`` with ``dec`` decimals; whole numbers without a trailing '.0'."""
    if dec == 0 or float(value).is_integer():
        return str(int(round(value)))
    return f"{value:.{dec}f}"


def actuals_table(entries: list[dict], event_indicators: Iterable[str],
                  actual_cell: Callable[[float, int], object],
                  target_cell: Callable[[float], object]) -> pd.DataFrame:
    """工号, 期间, 指标名称, 实际值, 目标值, 事件数; 事件数 only on ``event_indicators``."""
    events = set(event_indicators)
    return pd.DataFrame([{"工号": e["工号"], "期间": e["期间"], "指标名称": e["指标名称"],
                          "实际值": actual_cell(e["实际值"], e["spec"].dec),
                          "目标值": target_cell(e["spec"].target),
                          "事件数": int(e["实际值"]) if e["指标名称"] in events else None}
                         for e in entries])


def actuals_csv_table(entries: list[dict], event_indicators: Iterable[str]) -> pd.DataFrame:
    """:func:`actuals_table` as CSV text: numbers without '.0', 事件数 a nullable integer."""
    frame = actuals_table(entries, event_indicators, number_text, lambda t: f"{t:g}")
    frame["事件数"] = frame["事件数"].astype("Int64")
    return frame


# ----------------------------------------------------------------------------- outcomes
def outcome_rows(staff: pd.DataFrame, traits: pd.DataFrame, sim: Simulation,
                 outcomes_of: Callable[[str, str, float, float], Iterable[tuple[str, object]]],
                 no_unit: object) -> pd.DataFrame:
    """One row per employee of ``staff`` × quarter × customer metric.

    ``outcomes_of(emp, period, care, acct)`` gives the (metric, value) pairs of one quarter
    and makes its own random draws; 部门 is ``no_unit`` on these employee rows.
    """
    records = []
    for emp in staff.itertuples(index=False):
        acct = float(traits.at[emp.工号, "acct"])
        for q, period in enumerate(sim.periods):
            care = care_in_quarter(traits, emp.工号, emp.部门, q, sim)
            pairs = outcomes_of(emp.工号, period, care, acct)
            records += [{"工号": emp.工号, "部门": no_unit, "期间": period, "客户指标": metric,
                         "数值": value} for metric, value in pairs]
    return pd.DataFrame(records)


def attainment(actual: float, target: float, polarity: str) -> float:
    """Attainment capped to [0, 1.2]; lower-is-better uses target ÷ actual."""
    if target == 0:
        return 1.0 if actual <= 0 else 0.0
    if polarity == HIGHER:
        ratio = actual / target
    else:
        ratio = target / actual if actual > 0 else 1.2
    return min(max(ratio, 0.0), 1.2)


def department_kpi(entries: list[dict]) -> pd.Series:
    """KPI达成率 by (部门, 期间): mean over employees of Σ w·min(attainment, 1.2) ÷ Σ w × 100.

    Zero-weight items drop out.
    """
    frame = pd.DataFrame([e for e in entries if e["points"] > 0])
    frame["weighted"] = [points * attainment(actual, spec.target, spec.polarity)
                         for points, actual, spec
                         in zip(frame["points"], frame["实际值"], frame["spec"], strict=True)]
    per_employee = frame.groupby(["部门", "工号", "期间"])[["weighted", "points"]].sum()
    score = per_employee["weighted"] / per_employee["points"] * 100
    return score.groupby(["部门", "期间"]).mean()


def department_mean(per_employee: pd.DataFrame, staff: pd.DataFrame, metric: str) -> pd.Series:
    """Mean of the employees' ``metric`` by (their department, 期间)."""
    rows = per_employee[per_employee["客户指标"] == metric]
    rows = rows.assign(value=rows["数值"].astype(float)).merge(
        staff[["工号", "部门"]].rename(columns={"部门": "unit"}), on="工号")
    return rows.groupby(["unit", "期间"])["value"].mean()


def department_rows(units: Iterable[str], periods: list[str], figures: dict[str, pd.Series],
                    cell: Callable[[float], object], no_id: object) -> pd.DataFrame:
    """Department rows of the outcomes: each unit × period × figure (Series by unit, period)."""
    return pd.DataFrame([{"工号": no_id, "部门": unit, "期间": period, "客户指标": metric,
                          "数值": cell(series[(unit, period)])}
                         for unit in units for period in periods
                         for metric, series in figures.items()])


def kpi_green_customer_red(kpi: np.ndarray, customer: np.ndarray) -> bool:
    """Whether KPI达成率 is ≥ 100 every quarter while the customer figure falls every quarter."""
    return bool((kpi >= 100).all() and (np.diff(customer) < 0).all())


# ---------------------------------------------------------------------- survey, journey
def survey_table(survey: list[tuple[str, str, str]]) -> pd.DataFrame:
    """The four self-check questions: (respondent, role, one answer per question) per manager."""
    return pd.DataFrame([{"答卷人": who, "角色": role, "题目": question, "回答": answer}
                         for who, role, answers in survey
                         for question, answer in zip(SURVEY_QUESTIONS, answers, strict=True)])


def names_in(cell) -> list[str]:
    """Names in a 、-separated cell (empty or missing cell -> no names)."""
    return [part for part in str(cell or "").split("、") if part]


def is_blank(value) -> bool:
    """Whether a card field was left empty ("" in CSV samples, None in workbooks)."""
    return value is None or value == ""


# ----------------------------------------------------------------------------- glossary
def glossary_table(terms: dict[str, str],
                   headers: tuple[str, str] = ("term", "english")) -> pd.DataFrame:
    """The optional input table ``glossary`` (templates/inputs/tables.yaml): one row per client
    term and its English name, sorted by term so every run writes the same file."""
    return pd.DataFrame(sorted(terms.items()), columns=list(headers))


def glossary_names(staff: pd.DataFrame, journey: pd.DataFrame, survey: pd.DataFrame,
                   profile: dict) -> list[str]:
    """The client's own names an English report shows that no library or journey template
    knows: departments, positions and teams (Chinese staff headers), touchpoints and what
    the customer cares about, survey roles, segments and strategy goals."""
    return [*staff["部门"], *staff["岗位"], *staff["团队"], *journey["触点"],
            *journey["客户在意的点"], *survey["角色"], *profile["segments"],
            *profile["strategy_goals"]]


def check_glossary(terms: dict[str, str], names: Iterable[str]) -> None:
    """Fail loudly when a Chinese client name the sample writes has no glossary entry."""
    missing = sorted({name for name in names
                      if name and any("\u4e00" <= char <= "\u9fff" for char in name)
                      and name not in terms})
    if missing:
        raise AssertionError(f"glossary lacks an English name for: {'、'.join(missing)}")


# ------------------------------------------------------------------------------ defects
@dataclass(frozen=True)
class ScorecardRules:
    """What the METHOD §2.4 checks need to know about one sample's scorecards.

    ``where`` names the file or sheet in the defect list; ``weight_text`` quotes points the
    way the sample writes weights; defect (g) applies where ``sells(department, position)``
    holds and the position has ``volume`` indicators but none of ``balance``.
    """

    where: str
    customer_facing: list[str]
    weight_text: Callable[[int], str]
    sells: Callable[[str, str], bool]
    volume: set[str]
    balance: set[str]
    volume_only_note: str


def scorecard_defects(kpis: pd.DataFrame, rows: list[dict], rules: ScorecardRules) -> list[tuple]:
    """Defects (a)–(h) of METHOD §2.4, by the sample's own labels.

    Returns (code, where, spreadsheet rows, note) tuples; the header is row 1.
    """
    table = kpis.assign(row=kpis.index + 2, points=[r["points"] for r in rows],
                        group=[r["spec"].group for r in rows], kind=[r["spec"].kind for r in rows])
    found = []
    for position, sheet in table.groupby("岗位", sort=False):
        found += position_defects(position, sheet, rules)
    return found + incomplete_cards(table, rules.where) + differing_definitions(table, rules.where)


def position_defects(position: str, sheet: pd.DataFrame, rules: ScorecardRules) -> list[tuple]:
    """Defects (a)–(e) and (g) of one position's scorecard."""
    found = []
    span = f"{sheet.row.min()}–{sheet.row.max()}"
    total, count, department = sheet["points"].sum(), len(sheet), sheet["部门"].iat[0]
    if total != 100:
        found.append(("a", rules.where, span, f"{position}: 权重合计 {rules.weight_text(total)}"))
    if not 3 <= count <= 8:
        found.append(("b", rules.where, span, f"{position}: {count} 个指标"))
    for r in sheet[sheet["points"] > 30].itertuples():
        found.append(("c", rules.where, str(r.row),
                      f"{position}·{r.指标名称}: 权重 {rules.weight_text(r.points)}"))
    if department in rules.customer_facing and not (sheet["group"] == "C").any():
        found.append(("d", rules.where, span, f"{position}: 面向客户岗位无客户指标"))
    result = sheet.loc[sheet["kind"] == "结果", "points"].sum() / total * 100
    if not 40 <= result <= 60:
        found.append(("e", rules.where, span, f"{position}: 结果类权重 {result:.0f}%"))
    names = set(sheet["指标名称"])
    if rules.sells(department, position) and names & rules.volume and not names & rules.balance:
        found.append(("g", rules.where, span, f"{position}: {rules.volume_only_note}"))
    return found


def incomplete_cards(table: pd.DataFrame, where: str) -> list[tuple]:
    """Defect (f): indicator cards with empty fields."""
    found = []
    for r in table.itertuples():
        empty = [f for f in CARD_FIELDS if is_blank(getattr(r, f))]
        if empty:
            found.append(("f", where, str(r.row), f"{r.岗位}·{r.指标名称}: 缺 {'、'.join(empty)}"))
    return found


def differing_definitions(table: pd.DataFrame, where: str) -> list[tuple]:
    """Defect (h): one indicator name defined differently in different departments."""
    found = []
    for name, same in table.groupby("指标名称", sort=False):
        defined = same[~same["指标定义"].map(is_blank)].drop_duplicates(["指标定义", "计算公式"])
        if len(defined) > 1 and defined["部门"].nunique() > 1:
            found.append(("h", where, "、".join(str(x) for x in same.row),
                          f"{name}: {'/'.join(same['部门'].unique())} 口径不同"))
    return found


def journey_defects(journey: pd.DataFrame, where: str,
                    raci_columns: dict[str, str] | None = None) -> list[tuple]:
    """RACI defects and uncovered moments of truth (importance − performance ≥ 3).

    ``raci_columns`` maps R, A, C and I to the journey's column names (default: the letters).
    """
    columns = raci_columns or {letter: letter for letter in "RACI"}
    found = []
    for number, touchpoint in enumerate(journey.to_dict("records"), start=2):
        raci = {letter: names_in(touchpoint[column]) for letter, column in columns.items()}
        found += touchpoint_defects(touchpoint, raci, where, str(number))
    return found


def touchpoint_defects(touchpoint: dict, raci: dict[str, list[str]], where: str,
                       row: str) -> list[tuple]:
    """The journey defects of one touchpoint, given its RACI departments."""
    name, found = touchpoint["触点"], []
    if len(raci["A"]) != 1:
        found.append(("raci-A", where, row, f"{name}: A 有 {len(raci['A'])} 个部门"))
    if not raci["R"]:
        found.append(("raci-R", where, row, f"{name}: 没有 R"))
    if len(raci["C"]) > 3:
        found.append(("raci-C", where, row, f"{name}: C 有 {len(raci['C'])} 个部门"))
    every = sum(raci.values(), [])
    for dept in sorted({d for d in every if every.count(d) > 1}):
        letters = "、".join(k for k in "RACI" if dept in raci[k])
        found.append(("raci-dup", where, row, f"{name}: {dept} 同时是 {letters}"))
    importance, performance = touchpoint["重要性"], touchpoint["当前表现"]
    if not touchpoint["关联指标"] and importance - performance >= 3:
        found.append(("mot", where, row,
                      f"{name}: 重要性 {importance}，表现 {performance}，无关联指标"))
    return found


def defect_labels(weights_total: tuple[str, str], single_weight: tuple[str, str],
                  volume_only: tuple[str, str]) -> dict[str, tuple[str, str]]:
    """(Chinese, English) label per defect code, in README order.

    The samples word (a), (c) and (g) for their own weight convention and business.
    """
    return {
        "a": weights_total,
        "b": ("(b) 指标数>8或<3", "(b) more than 8 or fewer than 3 indicators"),
        "c": single_weight,
        "d": ("(d) 面向客户岗位无客户指标",
              "(d) customer-facing position without customer indicator"),
        "e": ("(e) 结果类指标权重不在40–60%", "(e) result indicators outside 40–60 % of weight"),
        "f": ("(f) 指标卡不完整", "(f) incomplete indicator card"),
        "g": volume_only,
        "h": ("(h) 同名指标口径不同", "(h) same name, different definitions"),
        "raci-A": ("RACI: A不唯一", "RACI: more than one A"),
        "raci-R": ("RACI: 没有R", "RACI: no R"),
        "raci-C": ("RACI: C超过3个", "RACI: more than 3 C"),
        "raci-dup": ("RACI: 同一部门两个角色", "RACI: one department holds two letters"),
        "mot": ("关键时刻无指标覆盖", "moment of truth without indicator"),
    }


# ------------------------------------------------------------------------------ writing
def defect_table(defects: list[tuple], labels: dict[str, tuple[str, str]], lang: int,
                 where_prefix: str = "") -> str:
    """README table rows of the defects, by code in label order; ``lang`` 0 Chinese, 1 English."""
    order = list(labels)
    return "\n".join(f"| {labels[code][lang]} | {where_prefix}{where} | {rows} | {note} |"
                     for code, where, rows, note
                     in sorted(defects, key=lambda d: order.index(d[0])))


def csv_row_counts(tables: dict[str, pd.DataFrame]) -> str:
    """README table rows: each input CSV file and its number of rows."""
    return "\n".join(f"| inputs/{name}.csv | {len(frame)} |" for name, frame in tables.items())


def write_csv(folder: Path, name: str, frame: pd.DataFrame, encoding: str = "utf-8",
              line_end: str = "\n") -> None:
    """Write ``folder/name.csv`` without the index."""
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_csv(folder / f"{name}.csv", index=False, lineterminator=line_end, encoding=encoding)


def write_engagement(folder: Path, profile: dict, headcount: int, note: str) -> None:
    """Write ``folder/engagement.yaml``: the profile with its head count, ``note`` on top."""
    text = yaml.safe_dump(dict(profile, employees=headcount), allow_unicode=True,
                          sort_keys=False, width=100)
    (folder / "engagement.yaml").write_text(note + text, encoding="utf-8")
