"""Pilot simulation and alignment (METHOD §9; seed 000 §三.3, seed 002 §四.1).

Last year's actuals are replayed through two *schemes*, the current scorecards and the
proposed weights, each given as rows ``unit, position, key, name_zh, library_id, polarity,
weight`` (weight in points of 100):

- *Matching.* An actual belongs to a scheme item of the employee's position when its indicator
  name, normalised, is a name of the item (:func:`helpers.weighting.evidence.item_names`: the
  client name of a ``current:`` key, the item's names, its library card's names and aliases).
  The item is scored by its card's rule and parameters, else by ratio (lower-is-better when
  its polarity says so) — :func:`helpers.weighting.evidence.item_rule`. Both schemes are scored by
  the same rules, so differences come from the choice and weight of indicators only.
- *Not measured.* A weighted item without a usable actual in an employee-period (no actual,
  or a target its rule cannot use: ratio with T ≤ 0, interpolation, mixed-sign or banded with
  T = 0) is not measured. The measured items' weights are rescaled to sum to 100
  (W' = W·100/ΣW_measured), so the total stays on the 0–100(+bonus) scale; ``coverage`` =
  ΣW_measured / ΣW_weighted items of the position is reported beside. An employee-period with
  nothing measured is not scored.
- *Current weights.* Client scorecards do not always sum to 100 per position; they are
  rescaled to 100 (W·100/ΣW) before anything else.
- *Annual score* = mean over the scored periods of the engine's total
  (:func:`helpers.scoring.engine.annual`); grades by the policy's absolute bands, "S also
  requires score ≥ target" (:func:`helpers.scoring.grades.s_rule`), then veto limits
  (:mod:`helpers.scoring.grades`). ``moved`` = grade steps gained under the proposed
  scheme (+1: one grade better, −2: two grades worse).
- *Alignment* = Spearman's rank correlation between the annual score and the employee's
  annual mean customer outcome (Spearman, C. 1904, "The proof and measurement of association
  between two things", *Am. J. Psychol.* 15(1): 72–101), with the two-sided p-value of
  :func:`scipy.stats.spearmanr` (t-distribution approximation). Outcomes are oriented so that
  higher is better for the customer (complaints and churn sign-flipped; templates/method/
  pilot.yaml). Both schemes are correlated on the same employees (scored under both and with
  the outcome), so ρ(proposed) − ρ(current) compares like with like. Verdict: ``too_few``
  when n < the minimum or ρ is undefined; ``raised`` when the difference exceeds the minimum
  gain; else ``not_raised`` — reported as it is.
- *Comparable employees.* New indicators often have no history, so the proposed scheme may be
  measured on a small part of its weight. An employee is *comparable* when both schemes'
  mean coverage is at least the policy's ``pilot.min_coverage`` (default 0.5: at least half
  of each scorecard's weight measured). Grade distribution, movers, bonus exposure and the
  primary alignment use comparable employees only; alignment over every employee scored
  under both schemes is reported beside (``population`` "all") as a check, never instead.
- *Measurement* per proposed item: the share of its position's employee-periods with a usable
  actual — the indicators to start measuring before a live pilot.
- *Bonus exposure* (profile ``bonus_pool``): each scheme splits the pool in proportion to the
  annual total score, exposure_i = pool · total_i / Σ_j total_j, summed per unit.
- *Lifecycle milestones* (seed 004 里程碑奖金制; policy ``pilot.lifecycle_milestones``): for
  employees of customer-facing units, a stage is reached when the annual mean score fraction of
  the stage's deciding indicators (templates/scorecards/lifecycle_milestones.yaml) that the
  employee's actuals carry is ≥ ``lifecycle.reached_fraction`` (the target met); released share
  = Σ weights of reached stages / Σ all stage weights. Stages without such actuals are "not
  evidenced" and release nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from helpers import artifacts, library, method_templates, paths, yamlio
from helpers import policy as policy_files
from helpers.diagnosis import scorecard
from helpers.errors import InputError, Problem
from helpers.scoring import engine, grades, rules
from helpers.weighting import evidence

SETTINGS_FILE = paths.TEMPLATES / "method" / "pilot.yaml"
SCHEME_COLUMNS = ["unit", "position", "key", "name_zh", "library_id", "polarity", "weight"]
SCHEMES = ("current", "proposed")
PARAMETERS = ("floor", "cap", "p_b", "p_x", "points_per_event", "points_per_unit")
EMPLOYEE_PERIOD = ["employee_id", "period"]


@dataclass
class PilotResult(artifacts.SavedResult):
    """Scores and grades under both schemes, who moves, alignment with customer outcomes,
    bonus exposure, lifecycle releases, coverage per employee-period and a summary."""

    scores: pd.DataFrame
    distribution: pd.DataFrame
    movers: pd.DataFrame
    alignment: pd.DataFrame
    bonus: pd.DataFrame
    lifecycle: pd.DataFrame
    coverage: pd.DataFrame
    measurement: pd.DataFrame
    summary: dict


def settings() -> dict:
    """The method tables of ``templates/method/pilot.yaml``."""
    return yamlio.load_file(SETTINGS_FILE)


# --- schemes ----------------------------------------------------------------------------------


def current_scheme(engagement, policy: dict, decided: dict[str, str] | None = None,
                   ) -> pd.DataFrame:
    """The current scorecards as a scheme; each position's weights rescaled to sum to 100."""
    card = scorecard.build(engagement, policy, decided)
    scheme = pd.DataFrame({
        "unit": card["unit"], "position": card["position"],
        "key": evidence.CURRENT_PREFIX + card["indicator"].astype(str),
        "name_zh": card["indicator"], "library_id": card["library_id"],
        "polarity": card["polarity"],
        "weight": pd.to_numeric(card["weight"], errors="coerce").fillna(0.0),
    }).drop_duplicates(["unit", "position", "key"]).reset_index(drop=True)
    total = scheme.groupby(["unit", "position"], sort=False)["weight"].transform("sum")
    scheme["weight"] = np.where(total > 0, scheme["weight"] * 100.0 / total.where(total > 0), 0.0)
    return scheme


def proposed_scheme(weighting_result, current: pd.DataFrame | None = None) -> pd.DataFrame:
    """The proposed weights as a scheme. Positions without a feasible solution (weight NaN)
    are left out. Polarity: the library card's, else the client's (``current`` scheme rows
    with the same key), else None (scored by ratio)."""
    weights = weighting_result.weights
    weights = weights[pd.to_numeric(weights["weight"], errors="coerce").notna()]
    cards = library.load().cards
    polarity = weights["library_id"].map(cards["polarity"]) if len(weights) else None
    scheme = pd.DataFrame({
        "unit": weights["unit"], "position": weights["position"], "key": weights["key"],
        "name_zh": weights["name_zh"], "library_id": weights["library_id"],
        "polarity": polarity, "weight": weights["weight"].astype(float),
    }, columns=SCHEME_COLUMNS).reset_index(drop=True)
    if current is not None and len(scheme):
        client = current[["unit", "position", "key", "polarity"]].drop_duplicates(
            ["unit", "position", "key"]).rename(columns={"polarity": "client"})
        scheme = scheme.merge(client, on=["unit", "position", "key"], how="left")
        scheme["polarity"] = scheme["polarity"].fillna(scheme.pop("client"))
    return scheme


# --- long table -------------------------------------------------------------------------------


def _check_scheme(scheme: pd.DataFrame) -> None:
    missing = [name for name in SCHEME_COLUMNS if name not in scheme.columns]
    if missing:
        raise InputError([Problem("scheme", "pilot_scheme_missing_columns",
                                  params={"columns": ", ".join(missing),
                                          "required": ", ".join(SCHEME_COLUMNS)})])


def _items(scheme: pd.DataFrame) -> pd.DataFrame:
    """One row per scheme item with its rule, parameters and weighted flag (one pass over the
    scheme's rows, never over actuals)."""
    found = [evidence.item_rule(row) for _, row in scheme.iterrows()]
    items = scheme[SCHEME_COLUMNS].reset_index(drop=True).copy()
    items["rule"] = [rule for rule, _ in found]
    for name in PARAMETERS:
        items[name] = [params.get(name, np.nan) for _, params in found]
    items["bands"] = [params.get("bands") for _, params in found]
    items["veto_variant"] = [params.get("variant") for _, params in found]
    weight = pd.to_numeric(items["weight"], errors="coerce").fillna(0.0)
    items["weighted"] = (items["rule"].isin(rules.WEIGHTED_RULES)
                         | ((items["rule"] == "deduction") & (weight > 0)))
    items["weight"] = np.where(items["weighted"], weight, 0.0)
    return items


def _names(items: pd.DataFrame) -> pd.DataFrame:
    """(unit, position, name) → item key: every normalised name an actual may use."""
    names = [evidence.item_names(row) for _, row in items.iterrows()]
    frame = items[["unit", "position", "key"]].assign(name=names).explode("name")
    return frame.dropna(subset=["name"]).drop_duplicates(["unit", "position", "name"])


def _matched(engagement, items: pd.DataFrame) -> pd.DataFrame:
    """Actuals joined to the scheme item of the employee's position they measure."""
    employees = engagement.tables["employees"][["employee_id", "department", "position"]]
    actuals = engagement.tables["actuals"].merge(employees, on="employee_id", how="inner")
    actuals = actuals.assign(name=actuals["indicator"].astype(str).map(library.normalise))
    joined = actuals.merge(_names(items), left_on=["department", "position", "name"],
                           right_on=["unit", "position", "name"], how="inner")
    joined = joined.drop_duplicates([*EMPLOYEE_PERIOD, "key"])
    return joined.merge(items.drop(columns=["name_zh"]), on=["unit", "position", "key"])


def _usable(rows: pd.DataFrame) -> np.ndarray:
    """Rows the rule can score (module docstring: what counts as *not measured*)."""
    rule = rows["rule"].to_numpy(dtype=object)
    actual = pd.to_numeric(rows["actual"], errors="coerce").to_numpy(dtype=float)
    target = pd.to_numeric(rows["target"], errors="coerce").to_numpy(dtype=float)
    events = pd.to_numeric(rows["events"], errors="coerce").to_numpy(dtype=float)
    counted = np.isin(rule, ["deduction", "addition", "veto"])
    has_count = ~np.isnan(np.where(np.isnan(events), actual, events))
    needs_target = np.isin(rule, rules.TARGET_RULES)
    bad_target = (needs_target & np.isnan(target)) | ((rule == "ratio") & (target <= 0))
    bad_target |= np.isin(rule, ["threshold_target_stretch", "mixed_sign", "banded"]) & (
        target == 0)
    return np.where(counted, has_count, ~np.isnan(actual) & ~bad_target)


def scheme_long(engagement, scheme: pd.DataFrame, policy: dict | None = None) -> pd.DataFrame:
    """The engine's long table for one scheme (module docstring).

    Columns: employee_id, period, indicator (= item key), name_zh, weight (points of 100
    after rescaling the measured items), scheme_weight (as given), rule, actual, target,
    events, the rule parameters, and ``coverage`` = measured weight share of the
    employee-period (the same on each of its rows). Employee-periods with nothing measured
    are left out.
    """
    _check_scheme(scheme)
    policy = policy if policy is not None else policy_files.load()
    items = _items(scheme)
    rows = _matched(engagement, items)
    rows = rows[_usable(rows)].reset_index(drop=True)
    position_weight = items.groupby(["unit", "position"])["weight"].sum().rename("planned")
    rows = rows.join(position_weight, on=["unit", "position"])
    measured = rows.groupby(EMPLOYEE_PERIOD, sort=False)["weight"].transform("sum")
    rows = rows[measured > 0].assign(measured=measured[measured > 0])
    long = pd.DataFrame({
        "employee_id": rows["employee_id"], "period": rows["period"],
        "indicator": rows["key"], "name_zh": rows["indicator"],
        "weight": rows["weight"] * 100.0 / rows["measured"], "scheme_weight": rows["weight"],
        "rule": rows["rule"], "actual": rows["actual"], "target": rows["target"],
        "events": rows["events"],
        **{name: rows[name].astype(float) for name in PARAMETERS},
        "veto_variant": rows["veto_variant"],
        "coverage": rows["measured"] / rows["planned"],
    }).reset_index(drop=True)
    if (rows["rule"] == "banded").any():
        long["bands"] = rows["bands"].to_numpy()
    return long


def measurement(engagement, scheme: pd.DataFrame, long: pd.DataFrame) -> pd.DataFrame:
    """Per scheme item: its weight, the employee-periods of its position (with any actual)
    and the share of them in which the item has a usable actual (``long`` from
    :func:`scheme_long`)."""
    employees = engagement.tables["employees"][["employee_id", "department", "position"]]
    actuals = engagement.tables["actuals"][EMPLOYEE_PERIOD].drop_duplicates()
    periods = actuals.merge(employees, on="employee_id").groupby(
        ["department", "position"]).size().rename("periods")
    placed = long[[*EMPLOYEE_PERIOD, "indicator"]].merge(employees, on="employee_id")
    measured = placed.groupby(["department", "position", "indicator"]).size().rename(
        "measured_periods")
    items = _items(scheme)
    items = items[items["weighted"]]
    frame = items[["unit", "position", "key", "name_zh", "library_id", "rule", "weight"]].join(
        periods, on=["unit", "position"]).join(measured, on=["unit", "position", "key"])
    frame[["periods", "measured_periods"]] = frame[["periods", "measured_periods"]].fillna(0)
    frame["measured_share"] = np.where(frame["periods"] > 0, frame["measured_periods"]
                                       / frame["periods"].where(frame["periods"] > 0), 0.0)
    return frame.reset_index(drop=True)


# --- scoring ----------------------------------------------------------------------------------


def scheme_scores(engagement, scheme: pd.DataFrame, policy: dict, name: str,
                   ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per employee: annual total and grade of one scheme; per employee-period: coverage;
    and the scheme's long table."""
    long = scheme_long(engagement, scheme, policy)
    coverage = long.groupby(EMPLOYEE_PERIOD, sort=False)["coverage"].first().rename(name)
    if long.empty:
        empty = pd.DataFrame(columns=["employee_id", f"{name}_total", f"{name}_grade",
                                      f"coverage_{name}"])
        return empty, coverage.reset_index(), long
    result = engine.score(long.drop(columns=["name_zh", "coverage"]), policy,
                          source=f"pilot:{name}")
    annual = engine.annual(result.totals, policy)
    banded = grades.s_rule(grades.absolute(annual["total"], policy=policy), annual["total"],
                           policy)
    graded = grades.apply_limits(banded,
                                 annual["grade_limit"].astype(object), policy)
    frame = pd.DataFrame({
        "employee_id": annual["employee_id"].astype(str), f"{name}_total": annual["total"],
        f"{name}_grade": graded,
        f"coverage_{name}": coverage.groupby(level=0, sort=False).mean().reindex(
            annual["employee_id"]).to_numpy(),
    })
    return frame, coverage.reset_index(), long


def _scores(engagement, frames: dict[str, pd.DataFrame], policy: dict) -> pd.DataFrame:
    employees = engagement.tables["employees"]
    with_actuals = set(engagement.tables["actuals"]["employee_id"].astype(str))
    scores = pd.DataFrame({
        "employee_id": employees["employee_id"].astype(str).to_numpy(),
        "unit": employees["department"].to_numpy(), "position": employees["position"].to_numpy(),
        "team": employees["team"].to_numpy(),
    })
    scores = scores[scores["employee_id"].isin(with_actuals)]
    for frame in frames.values():
        scores = scores.merge(frame, on="employee_id", how="left")
    order = {grade: index for index, grade in enumerate(grades.ladder(policy))}
    before = scores["current_grade"].map(order).astype(float)
    after = scores["proposed_grade"].map(order).astype(float)
    scores["moved"] = pd.array(before - after, dtype="Int64")
    least = min_coverage(policy)
    scores["comparable"] = (scores["current_total"].notna() & scores["proposed_total"].notna()
                            & (scores["coverage_current"] >= least)
                            & (scores["coverage_proposed"] >= least))
    columns = ["employee_id", "unit", "position", "team", "current_total", "proposed_total",
               "current_grade", "proposed_grade", "coverage_current", "coverage_proposed",
               "moved", "comparable"]
    return scores[columns].reset_index(drop=True)


def min_coverage(policy: dict) -> float:
    """Policy ``pilot.min_coverage``: the least measured weight share of both schemes for an
    employee to be compared (module docstring); 0.5 when the policy is silent."""
    return float((policy.get("pilot") or {}).get("min_coverage", 0.5))


def _distribution(scores: pd.DataFrame, policy: dict) -> pd.DataFrame:
    ladder = grades.ladder(policy)
    counts = {scheme: scores[f"{scheme}_grade"].value_counts().reindex(ladder, fill_value=0)
              for scheme in SCHEMES}
    frame = pd.DataFrame({"grade": ladder, **{s: c.to_numpy() for s, c in counts.items()}})
    frame["change"] = frame["proposed"] - frame["current"]
    return frame


def _movers(scores: pd.DataFrame) -> pd.DataFrame:
    moved = scores[scores["comparable"] & (scores["moved"].fillna(0) != 0)]
    steps = moved["moved"].astype(int).abs()
    return (moved.assign(steps=steps)
            .sort_values(["steps", "employee_id"], ascending=[False, True], kind="mergesort")
            .drop(columns="steps").reset_index(drop=True))


# --- alignment --------------------------------------------------------------------------------


def _metric_codes(names: pd.Series) -> pd.DataFrame:
    """Client metric name → (code, sign) through the pilot.yaml table; unknown → NaN."""
    table = settings()["outcomes"]
    unique = pd.Series(names.dropna().astype(str).unique())
    normal = unique.map(library.normalise)
    code = pd.Series(np.nan, index=unique.index, dtype=object)
    sign = pd.Series(np.nan, index=unique.index)
    for field in ("aliases", "keywords"):
        for metric, spec in table.items():
            for prefix, sign_key in (("", "sign"), ("mirrored_", "mirrored_sign")):
                words = [library.normalise(str(w)) for w in spec.get(prefix + field) or []]
                hit = (normal.isin(words) if field == "aliases"
                       else normal.map(lambda n, w=words: any(x in n for x in w)))
                fresh = hit & code.isna()
                code[fresh], sign[fresh] = metric, spec.get(sign_key, 1)
    return pd.DataFrame({"metric": unique, "code": code, "sign": sign})


def outcome_table(engagement) -> pd.DataFrame:
    """Per employee and outcome code: the annual mean of the employee's own outcome rows,
    oriented (× sign) so that higher is better for the customer. Unit-level rows (no
    employee id) and metrics the pilot.yaml table does not know are left out."""
    outcomes = engagement.tables.get("outcomes")
    if outcomes is None or outcomes.empty:
        return pd.DataFrame(columns=["employee_id", "code", "value", "source"])
    own = outcomes[outcomes["employee_id"].notna()]
    own = own.merge(_metric_codes(own["metric"].astype(str)), left_on=own["metric"].astype(str),
                    right_on="metric", suffixes=("", "_name")).dropna(subset=["code"])
    own = own.assign(employee_id=own["employee_id"].astype(str),
                     oriented=pd.to_numeric(own["value"], errors="coerce") * own["sign"])
    grouped = own.groupby(["employee_id", "code"], sort=False)
    table = grouped["oriented"].mean().rename("value").reset_index()
    table["source"] = grouped["metric"].agg(lambda s: ", ".join(sorted(set(s)))).to_numpy()
    return table


def _alignment_settings(policy: dict) -> tuple[int, float]:
    pilot, method = policy.get("pilot") or {}, settings()["alignment"]
    return (int(pilot.get("alignment_min_n", method["min_n"])),
            float(pilot.get("alignment_min_gain", method["min_gain"])))


def _spearman(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """ρ and two-sided p (scipy.stats.spearmanr); NaN when n < 3 or a side is constant."""
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return np.nan, np.nan
    found = stats.spearmanr(x, y)
    return float(found.statistic), float(found.pvalue)


def align(scores: pd.DataFrame, outcomes: pd.DataFrame, policy: dict | None = None,
          codes: list[str] | None = None) -> pd.DataFrame:
    """Rows (code, scheme): n, ρ, p, difference ρ(proposed) − ρ(current) and the verdict.

    ``scores``: employee_id, current_total, proposed_total. ``outcomes``: employee_id, code,
    value (oriented, :func:`outcome_table`). ``codes``: the outcome codes in report order
    (default: policy ``pilot.alignment_outcomes`` then pilot.yaml ``additional_outcomes``).
    Codes the data lacks get no row.
    """
    policy = policy if policy is not None else policy_files.load()
    min_n, min_gain = _alignment_settings(policy)
    if codes is None:
        codes = list(dict.fromkeys([*(policy.get("pilot") or {}).get("alignment_outcomes", []),
                                    *settings().get("additional_outcomes", [])]))
    listed = set((policy.get("pilot") or {}).get("alignment_outcomes", []))
    both = scores.dropna(subset=["current_total", "proposed_total"])
    rows = []
    for code in codes:
        pairs = both.merge(outcomes[outcomes["code"] == code], on="employee_id")
        if pairs.empty:
            continue
        found = {s: _spearman(pairs[f"{s}_total"].to_numpy(float),
                              pairs["value"].to_numpy(float)) for s in SCHEMES}
        difference = found["proposed"][0] - found["current"][0]
        verdict = ("too_few" if len(pairs) < min_n or np.isnan(difference)
                   else "raised" if difference > min_gain else "not_raised")
        source = pairs["source"].iloc[0] if "source" in pairs else code
        rows += [{"code": code, "scheme": s, "n": len(pairs), "rho": found[s][0],
                  "p": found[s][1], "difference": difference, "verdict": verdict,
                  "listed": code in listed, "source": source} for s in SCHEMES]
    return pd.DataFrame(rows, columns=["code", "scheme", "n", "rho", "p", "difference",
                                       "verdict", "listed", "source"])


# --- bonus and lifecycle ----------------------------------------------------------------------


def _bonus_pool(engagement) -> float | None:
    pool = (getattr(engagement, "profile", None) or {}).get("bonus_pool")
    if pool is None:
        return None
    if isinstance(pool, bool) or not isinstance(pool, int | float) or not pool >= 0:
        raise InputError([Problem("engagement.yaml", "pilot_bad_bonus_pool",
                                  params={"value": pool})])
    return float(pool)


def bonus_exposure(scores: pd.DataFrame, pool: float | None) -> pd.DataFrame:
    """Per unit: the pool's share under each scheme, pool · total_i / Σ total (empty frame
    without a pool). An employee a scheme cannot score gets nothing under it."""
    columns = ["unit", "employees", "current", "proposed", "change"]
    if pool is None or scores.empty:
        return pd.DataFrame(columns=columns)
    work = scores[["unit"]].copy()
    for scheme in SCHEMES:
        total = scores[f"{scheme}_total"].fillna(0.0)
        work[scheme] = pool * total / total.sum() if total.sum() > 0 else 0.0
    frame = work.groupby("unit", sort=False).agg(employees=("unit", "size"),
                                                 current=("current", "sum"),
                                                 proposed=("proposed", "sum")).reset_index()
    frame["change"] = frame["proposed"] - frame["current"]
    return frame[columns]


def _card_names() -> pd.DataFrame:
    """Normalised name → library id for every card's names and aliases."""
    cards = library.load().cards
    names = pd.Series([library.names_of(card) for _, card in cards.iterrows()],
                      index=cards.index).explode().dropna()
    frame = pd.DataFrame({"name": names.map(library.normalise).to_numpy(),
                          "library_id": names.index})
    return frame.drop_duplicates("name")


def _milestone_fractions(engagement, policy: dict, stages: pd.DataFrame) -> pd.DataFrame:
    """Per employee of a customer-facing unit and stage: annual mean fraction of the stage's
    deciding indicators."""
    facing = set(engagement.profile.get("customer_facing_units") or [])
    employees = engagement.tables["employees"]
    staff = employees.loc[employees["department"].isin(facing), ["employee_id", "department"]]
    actuals = engagement.tables["actuals"].merge(staff, on="employee_id")
    actuals = actuals.assign(name=actuals["indicator"].astype(str).map(library.normalise))
    actuals = actuals.merge(_card_names(), on="name").merge(stages, on="library_id")
    cards = library.load().cards
    actuals["rule"] = actuals["library_id"].map(cards["scoring"].map(lambda s: s["rule"]))
    actuals = actuals[actuals["rule"].isin(rules.TARGET_RULES)]
    actuals = actuals[_usable(actuals)]
    params = actuals["library_id"].map(cards["scoring"].map(lambda s: s.get("params") or {}))
    fraction = rules.item_fraction(
        actuals["rule"].to_numpy(object), actuals["actual"].to_numpy(float),
        actuals["target"].to_numpy(float), weight=100.0,
        **{name: params.map(lambda p, n=name: p.get(n, np.nan)).to_numpy(float)
           for name in ("floor", "cap", "p_b", "p_x")}, policy=policy)
    actuals = actuals.assign(fraction=fraction, employee_id=actuals["employee_id"].astype(str))
    return (actuals.groupby(["employee_id", "department", "stage"], sort=False)["fraction"]
            .mean().reset_index())


def lifecycle_release(engagement, policy: dict) -> tuple[pd.DataFrame, str | None]:
    """Per employee of a customer-facing unit: each stage reached (True/False, NaN when not
    evidenced) and the released share; or an empty frame and the reason."""
    weights = (policy.get("pilot") or {}).get("lifecycle_milestones") or {}
    model = method_templates.lifecycle()
    stages = pd.DataFrame([(stage["code"], library_id) for stage in model["stages"]
                           for library_id in stage.get("indicators") or []],
                          columns=["stage", "library_id"])
    stages = stages[stages["stage"].isin(weights)]
    if stages.empty or not (engagement.profile.get("customer_facing_units") or []):
        return pd.DataFrame(), "no_model_or_units"
    fractions = _milestone_fractions(engagement, policy, stages)
    if fractions.empty:
        return pd.DataFrame(), "no_milestone_actuals"
    threshold = settings()["lifecycle"]["reached_fraction"]
    reached = fractions.assign(reached=fractions["fraction"] >= threshold).pivot(
        index=["employee_id", "department"], columns="stage", values="reached",
    ).reindex(columns=list(weights))
    weight = pd.Series(weights, dtype=float)
    frame = reached.reset_index().rename(columns={"department": "unit"})
    values = reached.astype(float)
    frame["evidenced"] = values.notna().mul(weight).sum(axis=1).to_numpy() / weight.sum()
    frame["released"] = values.fillna(0.0).mul(weight).sum(axis=1).to_numpy() / weight.sum()
    return frame, None


# --- the stage ----------------------------------------------------------------------------------


def simulate(engagement, policy: dict | None, weighting_result,
             decided: dict[str, str] | None = None) -> PilotResult:
    """Replay the actuals through the current and the proposed scheme (module docstring)."""
    policy = policy if policy is not None else policy_files.load()
    current = current_scheme(engagement, policy, decided)
    schemes = {"current": current, "proposed": proposed_scheme(weighting_result, current)}
    found = {name: scheme_scores(engagement, scheme, policy, name)
             for name, scheme in schemes.items()}
    scores = _scores(engagement, {name: parts[0] for name, parts in found.items()}, policy)
    coverage = found["current"][1].merge(found["proposed"][1], on=EMPLOYEE_PERIOD, how="outer")
    comparable = scores[scores["comparable"]]
    lifecycle, reason = lifecycle_release(engagement, policy)
    result = PilotResult(
        scores=scores, distribution=_distribution(comparable, policy), movers=_movers(scores),
        alignment=_alignments(scores, outcome_table(engagement), policy),
        bonus=bonus_exposure(comparable, _bonus_pool(engagement)),
        lifecycle=lifecycle, coverage=coverage,
        measurement=measurement(engagement, schemes["proposed"], found["proposed"][2]),
        summary={})
    result.summary = _summary(result, reason, policy)
    return result


def _alignments(scores: pd.DataFrame, outcomes: pd.DataFrame, policy: dict) -> pd.DataFrame:
    """:func:`align` over comparable employees (primary) and over all scored under both."""
    frames = [align(scores[scores["comparable"]], outcomes, policy).assign(
                  population="comparable"),
              align(scores, outcomes, policy).assign(population="all")]
    return pd.concat(frames, ignore_index=True)


def _headline(alignment: pd.DataFrame) -> dict:
    headline = {}
    for code, rows in alignment.groupby("code", sort=False):
        by = rows.set_index("scheme")
        headline[code] = {"n": int(by["n"].iloc[0]), "verdict": str(by["verdict"].iloc[0]),
                          "difference": _number(by["difference"].iloc[0]),
                          **{f"rho_{s}": _number(by.at[s, "rho"]) for s in SCHEMES},
                          **{f"p_{s}": _number(by.at[s, "p"]) for s in SCHEMES}}
    return headline


def _summary(result: PilotResult, lifecycle_reason: str | None, policy: dict) -> dict:
    scores, alignment = result.scores, result.alignment
    both = scores.dropna(subset=["current_grade", "proposed_grade"])
    comparable = int(scores["comparable"].sum())
    planned = result.measurement["weight"].sum()
    return {
        "employees": len(scores),
        "scored_current": int(scores["current_total"].notna().sum()),
        "scored_proposed": int(scores["proposed_total"].notna().sum()),
        "scored_both": len(both), "comparable": comparable,
        "min_coverage": min_coverage(policy), "movers": len(result.movers),
        "share_moved": len(result.movers) / comparable if comparable else None,
        "coverage_current": _number(scores["coverage_current"].mean()),
        "coverage_proposed": _number(scores["coverage_proposed"].mean()),
        "measured_weight_share": _number(
            (result.measurement["weight"] * result.measurement["measured_share"]).sum()
            / planned) if planned else None,
        "never_measured": int((result.measurement["measured_periods"] == 0).sum()),
        "alignment": _headline(alignment[alignment["population"] == "comparable"]),
        "alignment_all": _headline(alignment[alignment["population"] == "all"]),
        "bonus_pool": bool(len(result.bonus)),
        "lifecycle_employees": len(result.lifecycle),
        "lifecycle_reason": lifecycle_reason,
    }


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
