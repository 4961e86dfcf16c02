"""Workshop exercise 5: compare the current and the proposed scorecard on last year's actuals
(METHOD §7–9; seed 000 §三.3, seed 002 §四.1).

The pilot of stage 05 (:func:`helpers.scoring.stage.run`, which computes stage 04's weights
when no artifacts exist) replays last year's actuals through both scorecards. Participants see,
for one unit, each employee's totals and grades under both schemes, the share of each
scheme's weight last year's data measures, and the employee's customer outcomes — but not the
alignment statistics. They predict four things (:data:`QUESTIONS`)::

    answer = {"comparable": 12, "grade_changes": 7, "biggest_gain": "E0019",
              "better_aligned": "proposed"}

- ``comparable``: how many employees can be compared — both schemes measure at least the
  policy's ``pilot.min_coverage`` of their weight (:func:`helpers.scoring.pilot.min_coverage`).
- ``grade_changes``: how many comparable employees get another grade under the proposal.
- ``biggest_gain``: the comparable employee whose total rises most (proposed − current),
  by employee id, name or row number.
- ``better_aligned``: which scheme's scores follow the chosen customer outcome better —
  ``"proposed"``, ``"current"`` or ``"neither"``. Alignment is Spearman's rank correlation
  between the annual total and the employee's annual mean outcome, oriented so that higher is
  better for the customer (Spearman, C. 1904, "The proof and measurement of association
  between two things", *Am. J. Psychol.* 15(1): 72–101; :func:`helpers.scoring.pilot.align`),
  over the unit's comparable employees with that outcome. A scheme is *better aligned* only
  when its ρ exceeds the other's by more than ``pilot.alignment_min_gain``, its own two-sided
  p-value is below the significance level α (policy ``pilot.alignment_alpha``; the
  conventional 5 % of Fisher, R. A. 1925, *Statistical Methods for Research Workers*, §20,
  when the policy is silent) and n reaches ``pilot.alignment_min_n``; otherwise ``"neither"``:
  the data cannot tell the schemes apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers import i18n
from helpers.scoring import pilot, stage
from helpers.scoring.present import outcome_name
from helpers.workshop.feedback import Feedback, Note

EXERCISE = "schemes"
QUESTIONS = ("comparable", "grade_changes", "biggest_gain", "better_aligned")
CHOICES = ("proposed", "current", "neither")
SIGNIFICANCE = 0.05  # Fisher (1925) §20; policy pilot.alignment_alpha overrides it
SHOWN_DECIMALS = 1  # totals are shown with one decimal: gains this close count as ties
_CACHE: dict[tuple[str, str], stage.ScoringResult] = {}


@dataclass
class SchemesTask:
    """What participants look at: one row per employee of ``unit`` with a pilot score
    (``employees``), the outcome codes shown, and the policy values the questions use."""

    unit: str
    outcome: str
    employees: pd.DataFrame
    outcomes: list[str]
    min_coverage: float
    min_n: int
    alpha: float
    min_gain: float


@dataclass(frozen=True)
class Alignment:
    """Rank correlations of both schemes with one outcome over the comparable employees
    of a unit, their p-values and the schemes' mean totals over the same employees."""

    outcome: str
    n: int
    rho_current: float
    rho_proposed: float
    p_current: float
    p_proposed: float
    mean_current: float
    mean_proposed: float
    employees: list[str] = field(default_factory=list)


# --- the pilot --------------------------------------------------------------------------------


def pilot_result(engagement, policy: dict) -> stage.ScoringResult:
    """Stage 05's pilot for the engagement (weights of stage 04 computed, no artifacts),
    kept for the session so task, solution and check compute it once."""
    key = (str(engagement.path), json.dumps(policy, sort_keys=True, default=str))
    if key not in _CACHE:
        _CACHE[key] = stage.run(engagement, policy, engagement.language, None)
    return _CACHE[key]


def alignment_settings(policy: dict) -> dict:
    """min_n, min_gain (pilot.yaml, overridden by policy ``pilot``), α and min_coverage."""
    spec, method = policy.get("pilot") or {}, pilot.settings()["alignment"]
    return {"min_n": int(spec.get("alignment_min_n", method["min_n"])),
            "min_gain": float(spec.get("alignment_min_gain", method["min_gain"])),
            "alpha": float(spec.get("alignment_alpha", SIGNIFICANCE)),
            "min_coverage": pilot.min_coverage(policy)}


def _outcome_code(policy: dict, outcome: str | None) -> str:
    """``outcome``, else the first of policy ``pilot.alignment_outcomes``; a code of
    templates/method/pilot.yaml."""
    listed = (policy.get("pilot") or {}).get("alignment_outcomes") or ["nps"]
    code = outcome or listed[0]
    known = pilot.settings()["outcomes"]
    if code not in known:
        msg = f"outcome {code!r} is not an outcome code; choose one of: {', '.join(known)}"
        raise ValueError(msg)
    return code


def units(engagement, policy: dict) -> list[str]:
    """Units with at least one comparable employee (the choices for ``unit``)."""
    scores = pilot_result(engagement, policy).scores
    return list(dict.fromkeys(scores.loc[scores["comparable"], "unit"]))


def _raw_outcomes(engagement) -> pd.DataFrame:
    """Employee × outcome code: the annual mean of the employee's own rows as the client
    wrote them (complaints stay counts); codes from :func:`helpers.scoring.pilot.outcome_table`."""
    oriented = pilot.outcome_table(engagement)
    rows = engagement.tables.get("outcomes")
    if rows is None or oriented.empty:
        return pd.DataFrame(columns=["employee_id"])
    codes = (oriented.assign(metric=oriented["source"].str.split(", ")).explode("metric")
             .drop_duplicates("metric").set_index("metric")["code"])
    own = rows[rows["employee_id"].notna()].assign(
        employee_id=lambda f: f["employee_id"].astype(str),
        code=lambda f: f["metric"].astype(str).map(codes),
        value=lambda f: pd.to_numeric(f["value"], errors="coerce"))
    means = own.dropna(subset=["code"]).groupby(["employee_id", "code"])["value"].mean()
    return means.unstack("code").reset_index()


def _unit_scores(engagement, policy: dict, unit: str) -> pd.DataFrame:
    scores = pilot_result(engagement, policy).scores
    found = scores[scores["unit"] == unit]
    if not found["comparable"].any():
        known = ", ".join(units(engagement, policy))
        msg = (f"unit {unit!r} has no employee both scorecards can compare "
               f"(pilot.min_coverage); choose one of: {known}")
        raise ValueError(msg)
    names = engagement.tables["employees"].assign(
        employee_id=lambda f: f["employee_id"].astype(str))[["employee_id", "name"]]
    return found.merge(names, on="employee_id", how="left").reset_index(drop=True)


# --- task -------------------------------------------------------------------------------------


def task(engagement, policy: dict, lang: str, unit: str, outcome: str | None = None
         ) -> SchemesTask:
    """The unit's employees under both schemes, with their customer outcomes (no ρ)."""
    settings = alignment_settings(policy)
    scores = _unit_scores(engagement, policy, unit)
    outcomes = _raw_outcomes(engagement)
    listed = (policy.get("pilot") or {}).get("alignment_outcomes") or []
    shown = [code for code in dict.fromkeys([*listed, _outcome_code(policy, outcome)])
             if code in outcomes.columns]
    frame = scores.merge(outcomes[["employee_id", *shown]], on="employee_id", how="left")
    frame.insert(0, "no", np.arange(1, len(frame) + 1))
    columns = ["no", "employee_id", "name", "position", "current_total", "current_grade",
               "proposed_total", "proposed_grade", "coverage_current", "coverage_proposed",
               *shown]
    return SchemesTask(unit=unit, outcome=_outcome_code(policy, outcome),
                       employees=frame[columns], outcomes=shown,
                       min_coverage=settings["min_coverage"], min_n=settings["min_n"],
                       alpha=settings["alpha"], min_gain=settings["min_gain"])


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"workshop_{EXERCISE}.{key}", lang, **params)


def _percent(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0%}"


def _number(value, digits: int = SHOWN_DECIMALS) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.{digits}f}"


def task_table(task: SchemesTask, lang: str) -> pd.DataFrame:
    """The task's rows with localized headers; totals with one decimal, shares in %."""
    frame = task.employees
    table = {_t(f"col.{c}", lang): frame[c] for c in ("no", "employee_id", "name", "position")}
    for scheme in pilot.SCHEMES:
        table[_t(f"col.{scheme}_total", lang)] = frame[f"{scheme}_total"].map(_number)
        table[_t(f"col.{scheme}_grade", lang)] = frame[f"{scheme}_grade"].fillna("–")
    for scheme in pilot.SCHEMES:
        table[_t(f"col.coverage_{scheme}", lang)] = frame[f"coverage_{scheme}"].map(_percent)
    for code in task.outcomes:
        name = outcome_name(code, lang)
        table[name[:1].upper() + name[1:]] = frame[code].map(_number)
    return pd.DataFrame(table)


def task_lines(task: SchemesTask, lang: str) -> list[str]:
    """The questions with the policy values they depend on, and how outcomes read."""
    lines = [_t("task.intro", lang, unit=task.unit, count=len(task.employees)),
             _t("task.comparable", lang, least=_percent(task.min_coverage)),
             _t("task.grade_changes", lang), _t("task.biggest_gain", lang),
             _t("task.better_aligned", lang, outcome=outcome_name(task.outcome, lang),
                alpha=task.alpha, min_n=task.min_n)]
    lower = [outcome_name(c, lang) for c in task.outcomes
             if pilot.settings()["outcomes"].get(c, {}).get("sign", 1) < 0]
    if lower:
        lines.append(_t("task.lower_better", lang, outcomes=("、" if lang == "zh" else ", ")
                        .join(lower)))
    return lines


# --- solution ---------------------------------------------------------------------------------


def _gains(scores: pd.DataFrame) -> pd.Series:
    return scores["proposed_total"] - scores["current_total"]


def unit_alignment(engagement, policy: dict, unit: str, outcome: str | None = None
                   ) -> Alignment:
    """Spearman's ρ of both schemes with ``outcome`` over the unit's comparable employees
    (:func:`helpers.scoring.pilot.align`), with the mean totals of the same employees."""
    code = _outcome_code(policy, outcome)
    scores = _unit_scores(engagement, policy, unit)
    comparable = scores[scores["comparable"]]
    outcomes = pilot.outcome_table(engagement)
    found = pilot.align(comparable, outcomes, policy, codes=[code])
    paired = comparable.merge(outcomes[outcomes["code"] == code], on="employee_id")
    if found.empty:
        return Alignment(code, 0, np.nan, np.nan, np.nan, np.nan, np.nan, np.nan)
    by = found.set_index("scheme")
    return Alignment(
        outcome=code, n=int(by["n"].iloc[0]),
        rho_current=float(by.at["current", "rho"]), rho_proposed=float(by.at["proposed", "rho"]),
        p_current=float(by.at["current", "p"]), p_proposed=float(by.at["proposed", "p"]),
        mean_current=float(paired["current_total"].mean()),
        mean_proposed=float(paired["proposed_total"].mean()),
        employees=paired["employee_id"].tolist())


def better_aligned(found: Alignment, policy: dict) -> str:
    """``proposed`` / ``current`` when that scheme's ρ is higher by more than the minimum
    gain, significant at α and n ≥ min_n; else ``neither`` (module docstring)."""
    settings = alignment_settings(policy)
    if found.n < settings["min_n"] or np.isnan(found.rho_current - found.rho_proposed):
        return "neither"
    gain = found.rho_proposed - found.rho_current
    if gain > settings["min_gain"] and found.p_proposed < settings["alpha"]:
        return "proposed"
    if -gain > settings["min_gain"] and found.p_current < settings["alpha"]:
        return "current"
    return "neither"


def solution(engagement, policy: dict, unit: str, outcome: str | None = None) -> dict:
    """The answer the checker accepts, in the form participants type it."""
    scores = _unit_scores(engagement, policy, unit)
    comparable = scores[scores["comparable"]]
    moved = comparable["moved"].fillna(0) != 0
    gains = _gains(comparable)
    best = comparable.loc[gains.idxmax(), "employee_id"] if len(comparable) else ""
    return {"comparable": len(comparable), "grade_changes": int(moved.sum()),
            "biggest_gain": best,
            "better_aligned": better_aligned(
                unit_alignment(engagement, policy, unit, outcome), policy)}


def solution_table(engagement, policy: dict, lang: str, unit: str,
                   outcome: str | None = None) -> pd.DataFrame:
    """For facilitators: each question, its answer and a one-line reason."""
    answer = solution(engagement, policy, unit, outcome)
    facts = _facts(engagement, policy, unit, outcome, lang)
    reasons = {"comparable": _t("reason.comparable", lang, **facts),
               "grade_changes": _t("reason.grade_changes", lang, **facts),
               "biggest_gain": _t("reason.biggest_gain", lang, **facts),
               "better_aligned": _t(f"reason.{answer['better_aligned']}", lang, **facts)}
    return pd.DataFrame({
        _t("col.question", lang): [_t(f"question.{q}", lang) for q in QUESTIONS],
        _t("col.answer", lang): [str(answer[q]) for q in QUESTIONS],
        _t("col.reason", lang): [reasons[q] for q in QUESTIONS]})


def _facts(engagement, policy: dict, unit: str, outcome: str | None, lang: str) -> dict:
    """Every figure a message may name (one dict, so zh and en share the placeholders)."""
    settings = alignment_settings(policy)
    scores = _unit_scores(engagement, policy, unit)
    both = scores.dropna(subset=["current_total", "proposed_total"])
    comparable = scores[scores["comparable"]]
    gains = _gains(comparable)
    found = unit_alignment(engagement, policy, unit, outcome)
    best = comparable.loc[gains.idxmax()] if len(comparable) else None
    worst = comparable.loc[gains.idxmin()] if len(comparable) else None
    return {
        "unit": unit, "outcome": outcome_name(found.outcome, lang), "rows": len(scores),
        "scored": len(both), "comparable": len(comparable), "least": _percent(
            settings["min_coverage"]), "alpha": settings["alpha"], "min_n": settings["min_n"],
        "changes": int((comparable["moved"].fillna(0) != 0).sum()),
        "changes_all": int((both["moved"].fillna(0) != 0).sum()),
        "best": _who(best), "best_gain": _signed(gains.max() if len(gains) else None),
        "worst": _who(worst), "worst_gain": _signed(gains.min() if len(gains) else None),
        "n": found.n, "rho_current": _number(found.rho_current, 2),
        "rho_proposed": _number(found.rho_proposed, 2),
        "p_current": _number(found.p_current, 3), "p_proposed": _number(found.p_proposed, 3),
        "mean_current": _number(found.mean_current), "mean_proposed": _number(
            found.mean_proposed)}


def _who(row) -> str:
    if row is None:
        return "–"
    name = row.get("name")
    return f"{row['employee_id']} {name}" if isinstance(name, str) and name else row[
        "employee_id"]


def _signed(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):+.{SHOWN_DECIMALS}f}"


# --- check ------------------------------------------------------------------------------------


def check(answer, engagement, policy: dict, lang: str, unit: str,
          outcome: str | None = None) -> Feedback:
    """One note per question (:data:`QUESTIONS`); specific notes for the common mistakes:
    alignment judged from mean totals, a rise of ρ that is not significant or rests on too
    few employees, employees below ``pilot.min_coverage`` counted as comparable, and the
    largest loss named as the largest gain."""
    feedback = Feedback(exercise=EXERCISE, lang=lang, out_of=len(QUESTIONS))
    if not isinstance(answer, dict):
        feedback.notes.append(Note("mistake", _typed(answer), _t(
            "note.not_a_mapping", lang, keys=", ".join(QUESTIONS))))
        return feedback
    facts = _facts(engagement, policy, unit, outcome, lang)
    scores = _unit_scores(engagement, policy, unit)
    expected = solution(engagement, policy, unit, outcome)
    graders = {"comparable": _check_comparable, "grade_changes": _check_changes,
               "biggest_gain": _check_gain, "better_aligned": _check_aligned}
    context = {"facts": facts, "scores": scores, "expected": expected, "lang": lang,
               "found": unit_alignment(engagement, policy, unit, outcome), "policy": policy}
    for question in QUESTIONS:
        note = _missing(question, answer.get(question), lang) or graders[question](
            answer[question], context)
        feedback.notes.append(note)
    feedback.notes += [Note("hint", _typed(k), _t("note.unknown_key", lang,
                                                   known=", ".join(QUESTIONS)))
                       for k in answer if k not in QUESTIONS]
    feedback.score = sum(n.verdict == "correct" for n in feedback.notes)
    if all(_missing(q, answer.get(q), lang) for q in QUESTIONS):
        feedback.notes.append(Note("hint", "", _t("note.start_here", lang)))
    return feedback


def _typed(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _missing(question: str, value, lang: str) -> Note | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return Note("missing", _t(f"question.{question}", lang),
                    _t(f"note.missing.{question}", lang))
    return None


def _count(value) -> int | None:
    """A whole number as typed (int, integral float or digits); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _not_a_count(value, lang: str) -> Note:
    return Note("mistake", _typed(value), _t("note.not_a_number", lang))


def _below(scores: pd.DataFrame) -> pd.DataFrame:
    """Employees scored under both schemes that are not comparable (a coverage < least)."""
    both = scores.dropna(subset=["current_total", "proposed_total"])
    return both[~both["comparable"]]


def _below_text(rows: pd.DataFrame, lang: str, limit: int = 4) -> str:
    shown = [_t("note.below_item", lang, who=r.employee_id, current=_percent(r.coverage_current),
                proposed=_percent(r.coverage_proposed))
             for r in rows.head(limit).itertuples()]
    more = len(rows) - limit
    return ("; " if lang == "en" else ";").join(shown) + (
        _t("note.and_more", lang, count=more) if more > 0 else "")


def _check_comparable(value, context: dict) -> Note:
    lang, facts, scores = context["lang"], context["facts"], context["scores"]
    subject = _t("question.comparable", lang)
    given = _count(value)
    if given is None:
        return _not_a_count(value, lang)
    if given == context["expected"]["comparable"]:
        return Note("correct", subject, _t("note.comparable.correct", lang, **facts))
    if given in (facts["scored"], facts["rows"]):
        below = _below_text(_below(scores), lang)
        return Note("mistake", subject, _t("note.comparable.coverage", lang, given=given,
                                           below=below, **facts))
    return Note("mistake", subject, _t("note.comparable.wrong", lang, given=given, **facts))


def _check_changes(value, context: dict) -> Note:
    lang, facts, scores = context["lang"], context["facts"], context["scores"]
    subject = _t("question.grade_changes", lang)
    given = _count(value)
    if given is None:
        return _not_a_count(value, lang)
    if given == context["expected"]["grade_changes"]:
        return Note("correct", subject, _t("note.grade_changes.correct", lang, **facts))
    below = _below(scores)
    moved_below = below[below["moved"].fillna(0) != 0]
    if given == facts["changes_all"] and len(moved_below):
        return Note("mistake", subject, _t("note.grade_changes.coverage", lang, given=given,
                                           below=_below_text(moved_below, lang), **facts))
    return Note("mistake", subject, _t("note.grade_changes.wrong", lang, given=given, **facts))


def _employee(value, scores: pd.DataFrame) -> pd.Series | None:
    """The row a participant names: employee id (any case), name, or the ``no`` column."""
    number = _count(value)
    if number is not None and 1 <= number <= len(scores) and not (
            isinstance(value, str) and value.strip().upper().startswith("E")):
        return scores.iloc[number - 1]
    if not isinstance(value, str):
        return None
    text = value.strip()
    hit = scores[(scores["employee_id"].str.upper() == text.upper())
                 | (scores["name"].astype(str) == text)]
    return hit.iloc[0] if len(hit) else None


def _check_gain(value, context: dict) -> Note:
    lang, facts, scores = context["lang"], context["facts"], context["scores"]
    row = _employee(value, scores)
    if row is None:
        return Note("mistake", _typed(value), _t("note.unknown_employee", lang, **facts))
    subject = _t("question.biggest_gain", lang)
    comparable = scores[scores["comparable"]]
    gains = _gains(comparable)
    gain = row["proposed_total"] - row["current_total"]
    who = {"who": _who(row), "gain": _signed(gain)}
    if len(gains) and row["comparable"] and gain >= gains.max() - 10 ** -SHOWN_DECIMALS:
        return Note("correct", subject, _t("note.biggest_gain.correct", lang, **facts))
    if not row["comparable"]:
        return Note("mistake", subject, _t("note.biggest_gain.coverage", lang,
                                           current=_percent(row["coverage_current"]),
                                           proposed=_percent(row["coverage_proposed"]),
                                           **who, **facts))
    if len(gains) and gain < 0 and gain <= gains.min() + 10 ** -SHOWN_DECIMALS:
        return Note("mistake", subject, _t("note.biggest_gain.sign", lang, **who, **facts))
    return Note("mistake", subject, _t("note.biggest_gain.wrong", lang, **who, **facts))


def _choice(value) -> str | None:
    text = str(value).strip().lower() if isinstance(value, str) else None
    return text if text in CHOICES else None


def _check_aligned(value, context: dict) -> Note:
    lang, facts, found = context["lang"], context["facts"], context["found"]
    given = _choice(value)
    if given is None:
        return Note("mistake", _typed(value), _t("note.not_a_choice", lang,
                                                 choices=", ".join(CHOICES)))
    subject = _t("question.better_aligned", lang)
    expected = context["expected"]["better_aligned"]
    if given == expected:
        return Note("correct", subject, _t(f"note.better_aligned.correct_{given}", lang,
                                           **facts))
    named = expected if given == "neither" else given
    other = "current" if named == "proposed" else "proposed"
    figures = {"scheme": _t(f"scheme.{named}", lang), "other": _t(f"scheme.{other}", lang),
               "code": named, "rho": facts[f"rho_{named}"], "rho_other": facts[f"rho_{other}"],
               "p": facts[f"p_{named}"], "mean": facts[f"mean_{named}"],
               "mean_other": facts[f"mean_{other}"]}
    key = _aligned_mistake(given, found, context["policy"])
    return Note("mistake", subject, _t(key, lang, **figures, **facts))


def _aligned_mistake(given: str, found: Alignment, policy: dict) -> str:
    """The catalog key of the note that explains a wrong ``better_aligned``."""
    settings = alignment_settings(policy)
    rho = {"current": found.rho_current, "proposed": found.rho_proposed}
    mean = {"current": found.mean_current, "proposed": found.mean_proposed}
    if given == "neither":
        return "note.better_aligned.significant"
    other = "current" if given == "proposed" else "proposed"
    if rho[given] - rho[other] > settings["min_gain"]:
        return ("note.better_aligned.too_few" if found.n < settings["min_n"]
                else "note.better_aligned.not_significant")
    if mean[given] > mean[other]:
        return "note.better_aligned.mean"
    if found.n < settings["min_n"] or np.isnan(rho[given] - rho[other]):
        return "note.better_aligned.too_few"
    return "note.better_aligned.wrong"

