"""Exercise 4 — AHP pairwise judgements: find and fix the judgement that makes a matrix
inconsistent (METHOD §6 weighting).

The task compares the first :data:`SIZE` proposed core indicators of one position
(:func:`helpers.workshop.screening.proposal`, ranked by value tier, then tier score, then the
pool's order) with a GIVEN set of judgements built as follows:

1. a perfectly consistent set from that priority order: the indicator at rank ``k`` (0-based)
   of ``n`` gets the value ``STEP ** (n − 1 − k)``, and each judgement is the ratio of two
   values, so every judgement is on Saaty's scale and CR = 0 (Saaty, T.L. 1980, *The Analytic
   Hierarchy Process*, McGraw-Hill: a matrix with ``a_ij = w_i / w_j`` is consistent);
2. one judgement reversed (``x`` → ``1/x``): the first pair in reading order that does not
   involve the top indicator and whose reversal pushes CR above the policy's threshold
   (``weights.ahp.consistency_ratio_max``), so the stated top priority stays visible.

The checker computes priorities, CI and CR with :func:`helpers.weighting.pairwise.ahp`
(principal eigenvector; CR = CI / RI, Saaty 1980), points at the judgement most out of line by
Saaty's perturbation ``ε_ij = a_ij · w_j / w_i``
(:func:`helpers.weighting.pairwise.worst_judgements`; Saaty, T.L. 2003, "Decision-making with
the AHP: why is the principal eigenvector necessary", *EJOR* 145(1), 85–91), and says which
value would fit: the ratio ``w_i / w_j`` derived from the OTHER judgements alone (that
judgement left out and completed by Harker's method, Harker, P.T. 1987, "Incomplete pairwise
comparisons in the analytic hierarchy process", *Mathematical Modelling* 9(11), 837–848),
rounded to the nearest value of Saaty's scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers import i18n, library
from helpers.errors import InputError, Problem
from helpers.kpi_pool import selection as pool_selection
from helpers.weighting import choices, pairwise
from helpers.workshop import screening
from helpers.workshop.feedback import Feedback, Note

EXERCISE = "workshop_judgements"
#: Indicators compared in the exercise (the first of the position's proposed core).
SIZE = 4
#: Fewest indicators worth the exercise: for n ≤ 2 every reciprocal matrix is consistent
#: (CR = 0, Saaty 1980), so there is nothing to fix.
MIN_SIZE = 3
#: Ratio between neighbours of the priority order in the consistent set the task starts from.
STEP = 2
#: How far a typed decimal may be from a scale value (``0.33`` for 1/3, ``0.14`` for 1/7).
DECIMAL_SLACK = 0.05
SEPARATOR = "|"
TIER_ORDER = {"A": 0, "B": 1, "C": 2}


@dataclass
class JudgementTask:
    """The indicators (``no`` 1..n in priority order), the consistent set the exercise was built
    from, the reversed pair and the AHP settings of the policy."""

    unit: str
    position: str
    indicators: pd.DataFrame
    consistent: dict[tuple[int, int], float]
    reversed_pair: tuple[int, int]
    ahp_settings: dict

    @property
    def label(self) -> str:
        return pool_selection.position_label(self.unit, self.position)

    @property
    def size(self) -> int:
        return len(self.indicators)

    def given(self) -> dict[tuple[int, int], float]:
        """The judgements handed to the team: the consistent set with one pair reversed."""
        return {pair: 1 / value if pair == self.reversed_pair else value
                for pair, value in self.consistent.items()}


def _msg(key: str, lang: str, **params) -> str:
    return i18n.t(f"{EXERCISE}.{key}", lang, **params)


def _settings(policy: dict) -> dict:
    spec = policy["weights"]["ahp"]
    return {"ri_table": spec["ri_table"], "cr_max": spec["consistency_ratio_max"],
            "tolerance": spec["reciprocal_tolerance"], "missing": spec["missing_judgements"]}


def _ahp(values: dict[tuple[int, int], float | None], n: int, settings: dict
         ) -> pairwise.AHPResult:
    """AHP of judgements ``{(i, j): a_ij}`` (0-based, None = missing)."""
    matrix: list[list[float | None]] = [[1.0 if i == j else None for j in range(n)]
                                        for i in range(n)]
    for (i, j), value in values.items():
        if value is not None:
            matrix[i][j], matrix[j][i] = value, 1 / value
    return pairwise.ahp(matrix, settings["ri_table"], labels=[str(k) for k in range(n)],
                        missing=settings["missing"], cr_max=settings["cr_max"],
                        tolerance=settings["tolerance"])


def _priority(core: pd.DataFrame) -> pd.DataFrame:
    """Tier A first, then higher tier score, then the pool's order (stable)."""
    order = pd.DataFrame({"tier": core["tier"].map(TIER_ORDER).fillna(len(TIER_ORDER)),
                          "score": -core["tier_score"].astype(float)}, index=core.index)
    return core.loc[order.sort_values(["tier", "score"], kind="stable").index]


def _reversal(consistent: dict, n: int, settings: dict) -> tuple[int, int]:
    """The pair to reverse (module doc, step 2)."""
    pairs = sorted(consistent, key=lambda p: (p[0] == 0, p))
    for pair in pairs:
        trial = dict(consistent) | {pair: 1 / consistent[pair]}
        if _ahp(trial, n, settings).cr > settings["cr_max"]:
            return pair
    return pairs[-1]


def task(engagement, policy: dict, lang: str, *, unit: str, position: str) -> JudgementTask:
    """The indicators and the given inconsistent judgements of ``unit`` · ``position``."""
    pool = screening.task(engagement, policy, lang, unit=unit, position=position).pool
    core = _priority(pool[pool["role"] == "core"]).head(SIZE)
    if len(core) < MIN_SIZE:
        raise InputError([Problem("parameters", f"{EXERCISE}_too_few", params={
            "position": pool_selection.position_label(unit, position), "found": len(core),
            "least": MIN_SIZE})], lang)
    indicators = core.drop(columns=["no"]).reset_index(drop=True)
    indicators.insert(0, "no", range(1, len(indicators) + 1))
    n = len(indicators)
    values = [float(STEP) ** (n - 1 - k) for k in range(n)]
    consistent = {(i, j): values[i] / values[j] for i in range(n) for j in range(i + 1, n)}
    settings = _settings(policy)
    return JudgementTask(unit, position, indicators, consistent,
                         _reversal(consistent, n, settings), settings)


# --- what participants see -------------------------------------------------------------------


def _names(work: JudgementTask, lang: str) -> list[str]:
    column = work.indicators[f"name_{lang}"].fillna(work.indicators["name_zh"])
    return [str(name) for name in column]


def pair_text(work: JudgementTask, i: int, j: int, lang: str) -> str:
    """``"<name i> | <name j>"`` as participants type it."""
    names = _names(work, lang)
    return f"{names[i]} {SEPARATOR} {names[j]}"


def meaning(value: float, first: str, second: str, lang: str) -> str:
    """A judgement in words, on Saaty's 1–9 scale (Saaty 1980, Table 1.1)."""
    degree = round(value if value >= 1 else 1 / value)
    if degree <= 1:
        return _msg("words.equal", lang, a=first, b=second)
    a, b = (first, second) if value >= 1 else (second, first)
    return _msg("words.more", lang, a=a, b=b, degree=_msg(f"degree.d{degree}", lang))


def starter(work: JudgementTask, lang: str) -> dict[str, str]:
    """The given judgements in the answer's form (names in ``lang``)."""
    return {pair_text(work, i, j, lang): pairwise.format_judgement(value)
            for (i, j), value in work.given().items()}


def task_table(work: JudgementTask, lang: str) -> pd.DataFrame:
    """The indicators compared: number, name, orientation, kind."""
    rows = work.indicators
    lib = library.load()
    return pd.DataFrame({
        _msg("col.no", lang): rows["no"],
        _msg("col.indicator", lang): _names(work, lang),
        _msg("col.orientation", lang): [i18n.t(f"diagnosis.orientation.{o}", lang)
                                        for o in rows["orientation"]],
        _msg("col.kind", lang): [lib.label("kind", k, lang) if k in lib.vocabulary["kind"]
                                 else str(k) for k in rows["kind"]],
    })


def judgements_table(work: JudgementTask, lang: str) -> pd.DataFrame:
    """The given judgements with what each one says in words."""
    names = _names(work, lang)
    given = work.given()
    return pd.DataFrame({
        _msg("col.pair", lang): [pair_text(work, i, j, lang) for i, j in given],
        _msg("col.value", lang): [pairwise.format_judgement(v) for v in given.values()],
        _msg("col.meaning", lang): [meaning(v, names[i], names[j], lang)
                                    for (i, j), v in given.items()],
    })


# --- the answer the checker accepts ----------------------------------------------------------


def solution(engagement, policy: dict, lang: str | None = None, *, unit: str, position: str
             ) -> dict[str, str]:
    """The consistent set the exercise was built from (the reversed judgement restored)."""
    lang = lang or engagement.language
    work = task(engagement, policy, lang, unit=unit, position=position)
    return {pair_text(work, i, j, lang): pairwise.format_judgement(value)
            for (i, j), value in work.consistent.items()}


def solution_table(engagement, policy: dict, lang: str, *, unit: str, position: str
                   ) -> pd.DataFrame:
    """Each pair: given value, solution value and why."""
    work = task(engagement, policy, lang, unit=unit, position=position)
    given = work.given()
    reasons = []
    for pair, value in work.consistent.items():
        shown = pairwise.format_judgement(value)
        reasons.append(_msg("reason.changed", lang, given=pairwise.format_judgement(given[pair]),
                            value=shown) if pair == work.reversed_pair
                       else _msg("reason.unchanged", lang))
    return pd.DataFrame({
        _msg("col.pair", lang): [pair_text(work, i, j, lang) for i, j in work.consistent],
        _msg("col.given", lang): [pairwise.format_judgement(v) for v in given.values()],
        _msg("col.solution", lang): [pairwise.format_judgement(v)
                                     for v in work.consistent.values()],
        _msg("col.why", lang): reasons,
    })


# --- reading the answer ----------------------------------------------------------------------


@dataclass
class _Reading:
    """Judgements read from an answer: ``values`` ``{(i, j): a_ij}`` with the pair as typed
    (``typed``), and mistake notes on what could not be read."""

    values: dict[tuple[int, int], float]
    typed: dict[tuple[int, int], str]
    notes: list[Note]
    unreadable: bool = False
    flipped: set[tuple[int, int]] = field(default_factory=set)
    attempted: set[tuple[int, int]] = field(default_factory=set)

    def oriented(self, pair: tuple[int, int], value: float) -> float:
        """A value of ``a_ij`` (i < j) in the orientation the pair was typed."""
        return 1 / value if pair in self.flipped else value


def _lookup(work: JudgementTask) -> dict[str, int]:
    found: dict[str, int] = {}
    for k, row in enumerate(work.indicators.to_dict("records")):
        for text in (row["key"], row["name_en"], row["name_zh"], str(row["no"])):
            if isinstance(text, str) and text.strip():
                found[text.strip()] = k
    return found


def saaty_value(value) -> float | None:
    """The Saaty scale value a typed judgement means (``"1/3"``, ``0.33`` → 1/3), or None
    when it is not on the scale 1/9 … 9."""
    try:
        number = pairwise.parse_judgement(value)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    if number is None or not math.isfinite(number) or number <= 0:
        return None
    whole = number if number >= 1 else 1 / number
    if round(whole) < 1 or round(whole) > 9 or abs(whole - round(whole)) > DECIMAL_SLACK:
        return None
    return float(round(whole)) if number >= 1 else 1 / round(whole)


def _read(answer, work: JudgementTask, lang: str) -> _Reading:
    if not isinstance(answer, dict):
        note = Note("mistake", screening.typed_text(answer), _msg("note.not_a_mapping", lang))
        return _Reading({}, {}, [note], unreadable=True)
    reading = _Reading({}, {}, [])
    lookup = _lookup(work)
    names = _names(work, lang)
    for key, value in answer.items():
        _read_entry(key, value, reading, lookup, names, work, lang)
    return reading


def _read_entry(key, value, reading: _Reading, lookup, names, work, lang) -> None:
    subject = screening.typed_text(key)
    parts = [p.strip() for p in key.split(SEPARATOR)] if isinstance(key, str) else []
    if len(parts) != 2:
        reading.notes.append(Note("mistake", subject, _msg(
            "note.bad_pair", lang, example=pair_text(work, 0, 1, lang))))
        reading.unreadable = True
        return
    unknown = [p for p in parts if p not in lookup]
    if unknown:
        reading.notes.append(Note("mistake", subject, _msg(
            "note.unknown_name", lang, name=unknown[0], names=_joined(names, lang))))
        reading.unreadable = True
        return
    i, j = (lookup[p] for p in parts)
    pair = (min(i, j), max(i, j))
    if i == j or pair in reading.attempted:
        reading.notes.append(Note("mistake", subject, _msg(
            "note.same_name" if i == j else "note.pair_twice", lang)))
        return
    number = saaty_value(value)
    reading.attempted.add(pair)
    if number is None:
        reading.notes.append(Note("mistake", subject, _msg(
            "note.bad_value", lang, value=screening.typed_text(value))))
        reading.unreadable = True
        return
    reading.values[pair] = number if i < j else 1 / number
    reading.typed[pair] = subject
    if i > j:
        reading.flipped.add(pair)


def _joined(items, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


# --- grading ---------------------------------------------------------------------------------


def _nearest(value: float) -> float:
    scale = pairwise.saaty_scale()
    return float(scale[np.abs(np.log(scale) - math.log(value)).argmin()])


def fitting_value(values: dict[tuple[int, int], float], pair: tuple[int, int], n: int,
                  settings: dict) -> float:
    """``w_i / w_j`` from the other judgements alone (this one left out, Harker 1987),
    rounded to the nearest value of Saaty's scale."""
    result = _ahp(dict(values) | {pair: None}, n, settings)
    i, j = pair
    return _nearest(float(result.weights[i] / result.weights[j]))


def _worst(result: pairwise.AHPResult) -> list[tuple[int, int]]:
    """The judgements most out of line (ties at the top kept)."""
    frame = pairwise.worst_judgements(result, top=result.n * (result.n - 1) // 2)
    top = frame["error"].iloc[0]
    tied = frame[np.isclose(frame["error"], top)]
    return [(int(r), int(c)) for r, c in zip(tied["row"], tied["column"], strict=True)]


def _pair_note(pair, reading: _Reading, work: JudgementTask, lang: str, flagged: bool
               ) -> Note:
    typed = reading.typed[pair]
    first, second = (p.strip() for p in typed.split(SEPARATOR))
    value = reading.oriented(pair, reading.values[pair])
    shown = pairwise.format_judgement(value)
    said = meaning(value, first, second, lang)
    if not flagged:
        return Note("correct", typed, _msg("note.pair_ok", lang, meaning=said, value=shown))
    fits = reading.oriented(pair, fitting_value(reading.values, pair, work.size,
                                                work.ahp_settings))
    reciprocal = value != 1 and _nearest(1 / value) == fits
    return Note("mistake", typed, _msg(
        "note.reciprocal" if reciprocal else "note.worst", lang, given=shown, meaning=said,
        consistent=pairwise.format_judgement(fits),
        consistent_meaning=meaning(fits, first, second, lang), pair=typed))


def _weights_text(result: pairwise.AHPResult, work: JudgementTask, lang: str) -> str:
    names = _names(work, lang)
    order = np.argsort(-result.weights, kind="stable")
    return _joined([f"{names[k]} {result.weights[k]:.0%}" for k in order], lang)


def check(answer, engagement, policy: dict, lang: str, *, unit: str, position: str
          ) -> Feedback:
    """Grade each judgement and the consistency ratio (module doc); hints when the fix moved
    the top priority."""
    work = task(engagement, policy, lang, unit=unit, position=position)
    reading = _read(answer, work, lang)
    notes = list(reading.notes)
    missing = [p for p in work.consistent if p not in reading.attempted]
    notes += [Note("missing", pair_text(work, i, j, lang), _msg(
        "note.missing_pair", lang, pair=pair_text(work, i, j, lang), count=len(work.consistent),
        n=work.size)) for i, j in missing]
    subject = _msg("subject.consistency", lang)
    if missing or reading.unreadable or len(reading.values) < len(work.consistent):
        notes += [_pair_note(p, reading, work, lang, False) for p in work.consistent
                  if p in reading.values]
        notes.append(Note("missing", subject, _msg("note.incomplete", lang)))
        return _feedback(notes, lang)
    result = _ahp(reading.values, work.size, work.ahp_settings)
    flagged = set() if result.consistent else set(_worst(result))
    notes += [_pair_note(p, reading, work, lang, p in flagged) for p in work.consistent]
    numbers = {"cr": f"{result.cr:.3f}", "cr_max": f"{work.ahp_settings['cr_max']:g}",
               "weights": _weights_text(result, work, lang)}
    notes.append(Note("correct" if result.consistent else "mistake", subject,
                      _msg(f"note.{'consistent' if result.consistent else 'inconsistent'}",
                           lang, **numbers)))
    if result.consistent:
        notes += _priority_hint(result, work, lang)
    return _feedback(notes, lang)


def _priority_hint(result: pairwise.AHPResult, work: JudgementTask, lang: str) -> list[Note]:
    """"Consistent, but is that still what you believe?" when the top indicator changed."""
    given = _ahp(work.given(), work.size, work.ahp_settings)
    old, new = int(np.argmax(given.weights)), int(np.argmax(result.weights))
    if old == new:
        return []
    names = _names(work, lang)
    return [Note("hint", "", _msg("note.priority_changed", lang, old_top=names[old],
                                  new_top=names[new]))]


def _feedback(notes: list[Note], lang: str) -> Feedback:
    graded = [n for n in notes if n.verdict != "hint"]
    return Feedback(EXERCISE, lang, notes, score=sum(n.verdict == "correct" for n in graded),
                    out_of=len(graded))


# --- saving ----------------------------------------------------------------------------------


def as_weights(answer, work: JudgementTask) -> dict[str, dict]:
    """The answer in the format of ``decisions/weights.yaml``:
    ``{"<unit> · <position>": {"method": "ahp", "judgements": {"<key a> | <key b>": "3"}}}``
    (candidate keys, row over column). Raises :class:`InputError` naming what could not be
    read; pairs not given stay missing (completed by the AHP's named method)."""
    reading = _read(answer, work, "en")
    if reading.notes:
        raise InputError([Problem("answer", f"{EXERCISE}_unsaved", params={
            "items": ", ".join(n.subject for n in reading.notes)})])
    keys = work.indicators["key"].astype(str).tolist()
    judgements = {f"{keys[i]}{choices.PAIR_SEPARATOR}{keys[j]}": pairwise.format_judgement(v)
                  for (i, j), v in sorted(reading.values.items())}
    return {work.label: {"method": "ahp", "judgements": judgements}}
