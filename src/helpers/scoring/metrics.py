"""Customer metrics with their exact formulas (METHOD §8).

Conventions:

- Survey metrics take the answers of one group (an employee's accounts, a team, a period);
  empty answers (NaN) are non-responses and are left out. An answer outside the scale raises
  :class:`helpers.errors.InputError`.
- Count metrics take counts as scalars or arrays (element-wise, numpy broadcasting) and return a
  float or an array. Negative counts, or a part larger than its whole (renewed > due), raise
  InputError.
- A zero denominator (no respondents, no customers at the start, nothing due) gives NaN, read
  as "not measurable for this group", never an exception: a report shows it as a gap.
- Rates are shares in [0, 1] (CSAT, retention, churn, renewal, repurchase, FCR, SLA); NPS is in
  points from −100 to 100 (a difference of two percentages); CES is a mean on its scale;
  health is 0–100.
- Scale limits and bands are policy values (``customer_metrics``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from helpers import policy as policy_files
from helpers.errors import InputError, Problem

SOURCE = "outcomes"


def _settings(policy: dict | None) -> dict:
    return (policy if policy is not None else policy_files.load())["customer_metrics"]


def _result(values: np.ndarray):
    """A float for scalar input, else the array."""
    return float(values) if np.ndim(values) == 0 else values


def _ratio(part: np.ndarray, whole: np.ndarray):
    out = np.full(np.broadcast(part, whole).shape, np.nan)
    np.divide(part, whole, out=out, where=whole != 0)
    return _result(out)


def _answers(values, low: float, high: float, metric: str, source: str) -> np.ndarray:
    """Answers without non-responses; InputError when one lies outside [low, high]."""
    answers = np.asarray(pd.to_numeric(pd.Series(np.ravel(values), dtype=object),
                                       errors="coerce"), dtype=float)
    raw = pd.Series(np.ravel(values), dtype=object)
    unreadable = np.isnan(answers) & raw.notna().to_numpy()
    outside = (answers < low) | (answers > high) | unreadable
    if outside.any():
        first = raw.to_numpy()[np.argmax(outside)]
        raise InputError([Problem(source, "metric_out_of_range", params={
            "metric": metric, "low": f"{low:g}", "high": f"{high:g}", "value": str(first),
            "count": int(outside.sum())})])
    return answers[~np.isnan(answers)]


def _counts(metric: str, source: str, **named) -> list[np.ndarray]:
    """Count arguments as float arrays; InputError for a negative or missing one."""
    arrays = [np.asarray(value, dtype=float) for value in named.values()]
    for name, values in zip(named, arrays, strict=True):
        bad = np.isnan(values) | (values < 0)
        if bad.any():
            value = np.ravel(values)[np.argmax(np.ravel(bad))]
            raise InputError([Problem(source, "metric_negative", params={
                "metric": metric, "name": name, "value": f"{value:g}"})])
    return arrays


def _part_of_whole(metric: str, source: str, part: str, whole: str, part_values: np.ndarray,
                   whole_values: np.ndarray) -> None:
    bad = np.ravel(np.broadcast_to(part_values > whole_values,
                                   np.broadcast(part_values, whole_values).shape))
    if bad.any():
        first = int(np.argmax(bad))
        shape = np.broadcast(part_values, whole_values).shape
        raise InputError([Problem(source, "metric_part_exceeds_whole", params={
            "metric": metric, "part": part, "whole": whole,
            "part_value": f"{np.ravel(np.broadcast_to(part_values, shape))[first]:g}",
            "whole_value": f"{np.ravel(np.broadcast_to(whole_values, shape))[first]:g}"})])


def nps(scores, policy: dict | None = None, *, source: str = SOURCE) -> float:
    """Net Promoter Score = % promoters (≥ 9) − % detractors (≤ 6) on the 0–10 scale, in points
    from −100 to 100; thresholds from policy ``customer_metrics.nps``.

    Reichheld, F. F. (2003), "The One Number You Need to Grow", Harvard Business Review
    81(12): 46–54. NaN when nobody answered.
    """
    settings = _settings(policy)["nps"]
    answers = _answers(scores, 0, settings["scale_max"], "NPS", source)
    if len(answers) == 0:
        return float("nan")
    promoters = np.mean(answers >= settings["promoter_min"])
    detractors = np.mean(answers <= settings["detractor_max"])
    return float(100.0 * (promoters - detractors))


def csat(scores, policy: dict | None = None, *, source: str = SOURCE) -> float:
    """CSAT = share of answers 4–5 on the 1–5 scale (policy ``customer_metrics.csat``:
    ``satisfied_min``, ``scale_max``), in [0, 1]. NaN when nobody answered (METHOD §8)."""
    settings = _settings(policy)["csat"]
    answers = _answers(scores, 1, settings["scale_max"], "CSAT", source)
    if len(answers) == 0:
        return float("nan")
    return float(np.mean(answers >= settings["satisfied_min"]))


def ces(scores, policy: dict | None = None, *, source: str = SOURCE) -> float:
    """Customer Effort Score = mean answer on the 1–7 scale (policy ``customer_metrics.ces``).

    Dixon, Freeman & Toman (2010), "Stop Trying to Delight Your Customers", Harvard Business
    Review 88(7/8); the 1–7 agreement scale of CES 2.0. NaN when nobody answered.
    """
    settings = _settings(policy)["ces"]
    answers = _answers(scores, 1, settings["scale_max"], "CES", source)
    return float(np.mean(answers)) if len(answers) else float("nan")


def retention(end, new, start, *, source: str = SOURCE):
    """Customer retention rate = (E − N) / S: E customers at the end of the period, N new
    customers acquired during it, S customers at its start (METHOD §8; the standard
    ((E − N)/S)·100 % definition). NaN where S = 0; InputError when N > E."""
    e, n, s = _counts("retention", source, end=end, new=new, start=start)
    _part_of_whole("retention", source, "new", "end", n, e)
    return _ratio(e - n, s)


def churn(lost, start, *, source: str = SOURCE):
    """Churn rate = customers lost during the period / customers at its start (METHOD §8)."""
    lost_, s = _counts("churn", source, lost=lost, start=start)
    _part_of_whole("churn", source, "lost", "start", lost_, s)
    return _ratio(lost_, s)


def renewal(renewed, due, *, source: str = SOURCE):
    """Renewal rate = contracts renewed / contracts due for renewal in the period (METHOD §8)."""
    r, d = _counts("renewal", source, renewed=renewed, due=due)
    _part_of_whole("renewal", source, "renewed", "due", r, d)
    return _ratio(r, d)


def repurchase(repeat_customers, paying_customers, *, source: str = SOURCE):
    """Repurchase rate = customers with ≥ 2 purchases / paying customers (≥ 1 purchase) in the
    period (METHOD §8)."""
    r, p = _counts("repurchase", source, repeat_customers=repeat_customers,
                   paying_customers=paying_customers)
    _part_of_whole("repurchase", source, "repeat_customers", "paying_customers", r, p)
    return _ratio(r, p)


def repurchase_from_counts(purchases, *, source: str = SOURCE) -> float:
    """:func:`repurchase` from each customer's number of purchases in the period (customers with
    0 purchases are not paying customers and do not count)."""
    (counts,) = _counts("repurchase", source, purchases=np.ravel(purchases))
    return float(_ratio(np.sum(counts >= 2), np.sum(counts >= 1)))


def clv(average_order_value, frequency, lifespan, margin, *, source: str = SOURCE):
    """Simple customer lifetime value = average order value × purchase frequency (orders per
    period) × lifespan (periods) × gross margin (a share) (METHOD §8; the "simple CLV"
    of e.g. Gupta & Lehmann (2005), *Managing Customers as Investments*, without discounting)."""
    aov, f, life = _counts("CLV", source, average_order_value=average_order_value,
                           frequency=frequency, lifespan=lifespan)
    return _result(aov * f * life * np.asarray(margin, dtype=float))


def fcr(first_contact_resolved, resolved, reopened=0, *, source: str = SOURCE):
    """First-contact resolution = cases resolved at the first contact with no further contact /
    all resolved cases (METHOD §8). ``first_contact_resolved`` counts cases closed at the
    first contact; ``reopened`` counts those of them later reopened (a further contact), which
    are excluded from the numerator but stay in ``resolved``. NaN where nothing was resolved."""
    first, total, again = _counts("FCR", source, first_contact_resolved=first_contact_resolved,
                                  resolved=resolved, reopened=reopened)
    _part_of_whole("FCR", source, "reopened", "first_contact_resolved", again, first)
    _part_of_whole("FCR", source, "first_contact_resolved", "resolved", first, total)
    return _ratio(first - again, total)


def sla(within, total, *, source: str = SOURCE):
    """SLA attainment = cases handled within the agreed target time / all cases (METHOD §8)."""
    w, t = _counts("SLA", source, within=within, total=total)
    _part_of_whole("SLA", source, "within", "total", w, t)
    return _ratio(w, t)


def health_band(scores, policy: dict | None = None) -> np.ndarray:
    """red below ``red_below`` (*default* 70, seed 004: triggers an improvement plan), amber
    below ``amber_below`` (85), else green; None for a missing score. Scores are rounded to
    6 decimals first, so float noise such as 84.99999999999999 counts as 85."""
    settings = _settings(policy)["health"]
    values = np.round(np.asarray(scores, dtype=float), 6)
    band = np.where(values < settings["red_below"], "red",
                    np.where(values < settings["amber_below"], "amber", "green")).astype(object)
    return np.where(np.isnan(values), None, band)


def health(sub_scores, weights: Mapping[str, float], policy: dict | None = None, *,
           source: str = SOURCE):
    """Customer health score = Σ wᵢ·sᵢ / Σ wᵢ over 0–100 sub-scores, and its band (METHOD §8).

    ``sub_scores``: a mapping (one account) → ``(score, band)``; or a DataFrame with one column
    per weight name (one row per account) → DataFrame ``health``, ``band``. A missing sub-score
    is left out and the other weights re-normalised; no sub-score at all → NaN, band None.
    """
    names = list(weights)
    w = np.asarray([weights[name] for name in names], dtype=float)
    if (w < 0).any() or not w.sum() > 0 or np.isnan(w).any():
        raise InputError([Problem(source, "metric_bad_weights",
                                  params={"weights": ", ".join(f"{k}={v}" for k, v in
                                                               weights.items())})])
    one = isinstance(sub_scores, Mapping)
    frame = pd.DataFrame([sub_scores]) if one else sub_scores
    missing = [name for name in names if name not in frame.columns]
    if missing:
        raise InputError([Problem(source, "metric_missing_sub_scores",
                                  params={"names": ", ".join(missing)})])
    values = frame[names].to_numpy(dtype=float)
    _answers(values, 0, 100, "health", source)
    present = ~np.isnan(values)
    weight_present = present @ w
    out = np.full(len(values), np.nan)
    np.divide(np.nan_to_num(values) @ w, weight_present, out=out, where=weight_present > 0)
    band = health_band(out, policy)
    if one:
        return float(out[0]), band[0]
    return pd.DataFrame({"health": out, "band": band}, index=frame.index)
