"""The five-question filter funnel (METHOD §5; seed 002 §一.3 and its five-question figure).

Each candidate is asked, in order (``templates/method/kpi_pool.yaml`` ``funnel.questions``):

1. ``relevance`` — strategic relevance: a current indicator, or linked to a journey touchpoint,
   value proposition or uncovered moment of truth, or of customer / business orientation;
2. ``measurability`` — a formula and a data source exist;
3. ``controllability`` — the position's unit maps to one of the card's departments (current
   and custom indicators pass: the client or consultant put them there);
4. ``data_cost`` — the policy's ``data_availability_cost`` of its data availability is not a
   rejected cost (``high``: no data yet);
5. ``consistency`` — not a duplicate (same normalised name) of a candidate already kept on the
   position, and not on the pushing side (``a``) of a known conflict
   (``method_templates.conflicts()``) without a side-``b`` or shared indicator among the
   position's candidates that passed 1–4 (the within-position rule of
   :mod:`helpers.diagnosis.conflicts`).

A candidate stops at the first question it fails; the reason is kept in zh and en.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from helpers import charts, i18n, library, method_templates
from helpers.kpi_pool.candidates import position_departments, settings

SCREEN_COLUMNS = ["passed", "failed_at", "reason_zh", "reason_en"]
COUNT_COLUMNS = ["question", "remaining", "rejected"]
START = "candidates"


def _filled(value) -> bool:
    return not (value is None or (isinstance(value, float) and pd.isna(value))
                or (isinstance(value, str) and not value.strip()))


def _reasons(key: str, **params) -> tuple[str, str]:
    """The reason in every language; a parameter may be a function of the language, so codes
    are shown with their labels (never raw keys in a report)."""
    return tuple(i18n.t(f"pool_funnel.reason.{key}", lang,
                        **{k: v(lang) if callable(v) else v for k, v in params.items()})
                 for lang in i18n.LANGUAGES)


def _labels(vocabulary: str, codes, lang: str) -> str:
    lib = library.load()
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(lib.label(vocabulary, c, lang) for c in codes) or "-"


def _card_names(ids, lang: str) -> str:
    cards = library.load().cards
    joiner = "、" if lang == "zh" else ", "
    return joiner.join(cards.at[i, f"name_{lang}"] if i in cards.index else str(i)
                       for i in ids) or "-"


def relevance(candidate) -> tuple[str, str] | None:
    """Question 1: None when strategically relevant, else the reasons (zh, en)."""
    rules = settings()["funnel"]
    if set(candidate["origin"]) & set(rules["linking_origins"]):
        return None
    if candidate["orientation"] in rules["relevant_orientations"]:
        return None
    orientation = candidate["orientation"]
    return _reasons("relevance", orientation=lambda lang: i18n.label(
        f"diagnosis.orientation.{orientation}", lang, str(orientation or "-")))


def measurability(candidate) -> tuple[str, str] | None:
    """Question 2: a formula and a data source exist."""
    missing = [f for f in ("formula", "data_source") if not _filled(candidate[f])]
    return _reasons(f"measurability_{'_'.join(missing)}") if missing else None


def controllability(candidate, codes: list[str]) -> tuple[str, str] | None:
    """Question 3: the unit's department codes meet the card's departments (``codes``: the
    position's codes, see :func:`helpers.kpi_pool.candidates.position_departments`)."""
    if set(candidate["origin"]) & set(settings()["funnel"]["placed_origins"]):
        return None
    if set(candidate["departments"]) & set(codes):
        return None
    departments = list(candidate["departments"])
    return _reasons("controllability",
                    departments=lambda lang: _labels("department", departments, lang))


def data_cost(candidate, policy: dict) -> tuple[str, str] | None:
    """Question 4: the policy's cost of the candidate's data availability is not rejected."""
    costs = policy["kpi_pool"]["data_availability_cost"]
    cost = costs.get(candidate["data_availability"])
    if cost in settings()["funnel"]["rejected_costs"]:
        availability = candidate["data_availability"]
        return _reasons("data_cost",
                        availability=lambda lang: _labels("data_availability", [availability],
                                                          lang),
                        cost=lambda lang: i18n.t(f"checks.severity.{cost}", lang))
    return None


def conflict_partners(library_id: str | None) -> list[set[str]]:
    """For each known conflict with ``library_id`` on its side ``a`` (the side that pushes:
    cost, speed, volume): the ids that balance it, side ``b`` and the shared ones. A side-b
    indicator alone needs no balance, as in :mod:`helpers.diagnosis.conflicts`."""
    if not library_id:
        return []
    partners = []
    for _, pair in method_templates.conflicts().iterrows():
        shared = pair.get("shared")
        if library_id in pair["a"]:
            partners.append(set(pair["b"]) | set(shared if isinstance(shared, list) else []))
    return partners


def consistency(candidate, kept_names: set[str], available: set[str]
                ) -> tuple[str, str] | None:
    """Question 5: no duplicate name among the kept; no conflict side left unbalanced."""
    name = library.normalise(candidate["name_zh"])
    if name in kept_names:
        return _reasons("duplicate", name=lambda lang: candidate[f"name_{lang}"]
                        or candidate["name_zh"])
    for partners in conflict_partners(candidate["library_id"]):
        if not partners & available:
            names = sorted(partners)
            return _reasons("conflict", partners=lambda lang, ids=names: _card_names(ids, lang))
    return None


def position_codes(candidates: pd.DataFrame) -> dict[tuple[str, str], list[str]]:
    """Department codes of every position, as the candidates were drawn
    (:func:`helpers.kpi_pool.candidates.position_departments`, with the library ids of the
    unit's current indicators)."""
    current = candidates[candidates["origin"].map(lambda o: "current" in o)]
    unit_ids = {u: [i for i in rows["library_id"] if i]
                for u, rows in current.groupby("unit", sort=False)}
    pairs = candidates[["unit", "position"]].drop_duplicates().itertuples(index=False)
    return {(u, p): position_departments(u, p, unit_ids.get(u, [])) for u, p in pairs}


def screen_position(rows: pd.DataFrame, policy: dict, codes: list[str]) -> pd.DataFrame:
    """Questions 1–4 row by row, then question 5 over the position's survivors in frame
    order (current indicators come first, so a library duplicate of one fails); ``codes``:
    the position's department codes."""
    result = pd.DataFrame(index=rows.index, columns=SCREEN_COLUMNS, dtype=object)
    checks = [("relevance", relevance), ("measurability", measurability),
              ("controllability", lambda c: controllability(c, codes)),
              ("data_cost", lambda c: data_cost(c, policy))]
    for index, candidate in rows.iterrows():
        result.loc[index] = [True, None, None, None]
        for question, check in checks:
            reasons = check(candidate)
            if reasons:
                result.loc[index] = [False, question, *reasons]
                break
    survivors = rows[result["passed"].astype(bool)]
    available = {i for i in survivors["library_id"] if i}
    kept: set[str] = set()
    for index, candidate in survivors.iterrows():
        reasons = consistency(candidate, kept, available)
        if reasons:
            result.loc[index] = [False, "consistency", *reasons]
        else:
            kept.add(library.normalise(candidate["name_zh"]))
    return result


def screen(candidates: pd.DataFrame, policy: dict) -> pd.DataFrame:
    """The candidate frame with ``passed``, ``failed_at`` (question code or None),
    ``reason_zh`` and ``reason_en`` (METHOD §5, seed 002)."""
    codes = position_codes(candidates)
    parts = [screen_position(rows, policy, codes[ident]) for ident, rows in
             candidates.groupby(["unit", "position"], sort=False)]
    found = pd.concat(parts) if parts else pd.DataFrame(columns=SCREEN_COLUMNS)
    frame = candidates.join(found)
    frame["passed"] = frame["passed"].astype(bool)
    return frame


def funnel_counts(screened: pd.DataFrame) -> pd.DataFrame:
    """One row for all candidates, then one per question: candidates remaining after it and
    rejected by it (columns ``question``, ``remaining``, ``rejected``)."""
    remaining = len(screened)
    rows = [{"question": START, "remaining": remaining, "rejected": 0}]
    for question in settings()["funnel"]["questions"]:
        rejected = int((screened["failed_at"] == question).sum())
        remaining -= rejected
        rows.append({"question": question, "remaining": remaining, "rejected": rejected})
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def funnel_chart(counts: pd.DataFrame, lang: str) -> alt.Chart:
    """Horizontal funnel: one bar per step (all candidates, then each question) with the
    candidates remaining after it; the label says how many the question rejected."""
    frame = counts.copy()
    frame["label"] = [
        i18n.t("pool_funnel.chart.label", lang, step=n,
               question=i18n.t(f"pool_funnel.question.{q}", lang), rejected=r)
        for n, (q, r) in enumerate(zip(frame["question"], frame["rejected"], strict=True))]
    return alt.Chart(frame).mark_bar(color=charts.ACCENT).encode(
        y=alt.Y("label:N", sort=list(frame["label"]), title=None),
        x=alt.X("remaining:Q", title=i18n.t("pool_funnel.chart.x", lang)),
        tooltip=[alt.Tooltip("label:N", title=i18n.t("pool_funnel.chart.step", lang)),
                 alt.Tooltip("remaining:Q", title=i18n.t("pool_funnel.chart.x", lang))],
    ).properties(title=i18n.t("pool_funnel.chart.title", lang), width=420)
