"""Team comparison (issue 10): where the workshop teams agree and where they differ.

Each team saved its decisions in ``<folder>/<team>/decisions/`` (:mod:`helpers.workshop.answers`)
in the files a consultant's decisions use; a team may have saved any subset of them:

- ``classification.csv`` (exercise 1, :func:`helpers.decisions.read_classification`): per
  indicator the teams' orientations, the majority, the share of teams agreeing with it, and
  Fleiss' kappa over the indicators every classifying team rated (:func:`fleiss_kappa`).
- ``selection.yaml`` (exercise 3, :func:`helpers.kpi_pool.selection.read_selection`): per
  position the indicators chosen as core and by how many teams; Jaccard's similarity of each
  pair of teams' core sets (:func:`jaccard`).
- ``weights.yaml`` (exercise 4, :func:`helpers.weighting.choices.read`): method ``ahp`` turns
  the judgements into weights with :func:`helpers.weighting.pairwise.ahp` (missing judgements
  completed by the policy's method), method ``direct`` gives them in percent. Per position ×
  indicator the mean, min, max and spread (max − min) across the teams that weighted the
  position — an indicator a team left out counts as 0 % for that team — and each team's CR.

Malformed files are reported with the readers' own :class:`~helpers.errors.Problem` codes,
the file named with its team (``team_2/decisions/selection.yaml``); the other files are
still compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import yaml

from helpers import charts, decisions, i18n, library, paths
from helpers import policy as policy_files
from helpers.errors import InputError, Problem
from helpers.kpi_pool import selection as pool_selection
from helpers.weighting import choices, evidence, pairwise
from helpers.workshop import answers

PARTS = ("classification", "selection", "weights")
FILES = {"classification": decisions.CLASSIFICATION, "selection": pool_selection.SELECTION,
         "weights": choices.FILE}
READERS = {"classification": decisions.read_classification,
           "selection": pool_selection.read_selection, "weights": choices.read}
WEIGHED_METHODS = ("ahp", "direct")
#: Landis, J. R. & Koch, G. G. (1977), "The measurement of observer agreement for categorical
#: data", Biometrics 33(1): 159–174, p. 165: lower bounds of the agreement bands of kappa.
KAPPA_BANDS = ((0.81, "almost_perfect"), (0.61, "substantial"), (0.41, "moderate"),
               (0.21, "fair"), (0.0, "slight"))


@dataclass
class Team:
    """One team's saved decisions (None: the file was not saved or could not be read)."""

    name: str
    folder: Path
    classification: dict[str, str] | None = None
    selection: dict[str, dict[str, list[str]]] | None = None
    weights: dict[str, dict] | None = None

    def has(self, part: str) -> bool:
        return getattr(self, part) is not None


@dataclass
class Comparison:
    """Everything the team-comparison notebook shows (module docstring)."""

    folder: Path
    teams: list[str]
    saved: pd.DataFrame
    votes: pd.DataFrame
    classification: pd.DataFrame
    kappa: dict
    core: pd.DataFrame
    selection: pd.DataFrame
    jaccard: pd.DataFrame
    team_weights: pd.DataFrame
    weights: pd.DataFrame
    consistency: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------


def _named(problems: list[Problem], team: str) -> list[Problem]:
    return [replace(p, file=f"{team}/{p.file}") for p in problems]


def _read_part(folder: Path, part: str) -> tuple[object, list[Problem]]:
    display = f"decisions/{FILES[part]}"
    try:
        return READERS[part](folder), []
    except InputError as error:
        return None, error.problems
    except UnicodeDecodeError:
        return None, [Problem(display, "yaml_encoding")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem(display, "yaml_syntax",
                              params={"detail": getattr(error, "problem", None) or "YAML"},
                              row=mark.line + 1 if mark else None)]


def read_teams(folder: str | Path, strict: bool = False) -> tuple[list[Team], list[Problem]]:
    """Every team folder of ``folder`` (:func:`helpers.workshop.answers.teams_in`) with the
    files it saved, and the problems of the files that could not be read. ``strict``: raise
    :class:`~helpers.errors.InputError` listing them instead."""
    teams, problems = [], []
    for path in answers.teams_in(folder):
        team = Team(path.name, path)
        for part in PARTS:
            if not (path / "decisions" / FILES[part]).exists():
                continue
            value, found = _read_part(path, part)
            setattr(team, part, value)
            problems += _named(found, path.name)
        teams.append(team)
    if strict and problems:
        raise InputError(problems)
    return teams, problems


# --- classification ---------------------------------------------------------------------------


def fleiss_kappa(counts) -> float:
    """Fleiss' kappa of ``counts[i, j]`` = raters who put subject i in category j, every
    subject rated by the same n ≥ 2 raters (Fleiss, J. L. 1971, "Measuring nominal scale
    agreement among many raters", *Psychological Bulletin* 76(5): 378–382):

    p_j = Σ_i n_ij / (N·n);  P_i = (Σ_j n_ij² − n) / (n(n − 1));
    κ = (P̄ − P̄_e) / (1 − P̄_e) with P̄ = mean P_i and P̄_e = Σ_j p_j².

    NaN when every rating falls in one category (P̄_e = 1: agreement by chance is certain).
    """
    table = np.asarray(counts, dtype=float)
    raters = table.sum(axis=1) if table.ndim == 2 else np.array([])
    if table.ndim != 2 or len(table) == 0 or not np.allclose(raters, raters[0]) or raters[0] < 2:
        msg = ("counts must be a non-empty subjects × categories table whose rows all sum to "
               f"the same number of raters (at least 2); row sums found: {raters.tolist()}")
        raise ValueError(msg)
    n = raters[0]
    shares = table.sum(axis=0) / table.sum()
    agreement = ((table ** 2).sum(axis=1) - n) / (n * (n - 1))
    chance = float((shares ** 2).sum())
    if np.isclose(chance, 1.0):
        return float("nan")
    return float((agreement.mean() - chance) / (1 - chance))


def kappa_band(kappa: float | None) -> str | None:
    """Landis & Koch (1977) band of a kappa value: poor below 0, then slight … almost perfect."""
    if kappa is None or np.isnan(kappa):
        return None
    return next((band for low, band in KAPPA_BANDS if kappa >= low), "poor")


def _votes(teams: list[Team]) -> pd.DataFrame:
    rows = [(name, team.name, code) for team in teams if team.classification
            for name, code in team.classification.items()]
    return pd.DataFrame(rows, columns=["indicator", "team", "orientation"])


def _counts(votes: pd.DataFrame) -> pd.DataFrame:
    return pd.crosstab(votes["indicator"], votes["orientation"]).reindex(
        columns=list(decisions.ORIENTATIONS), fill_value=0)


def classification_summary(votes: pd.DataFrame) -> pd.DataFrame:
    """Per indicator: teams that classified it, the majority orientation(s), how many teams
    chose it and their share; sorted from the least to the most agreement."""
    columns = ["indicator", "teams", "majority", "agree", "share", "tied"]
    if votes.empty:
        return pd.DataFrame(columns=columns)
    counts = _counts(votes)
    most = counts.max(axis=1)
    top = counts.eq(most, axis=0)
    majority = top.dot(pd.Index(counts.columns) + " ").str.split()
    frame = pd.DataFrame({"indicator": counts.index, "teams": counts.sum(axis=1).to_numpy(),
                          "majority": majority.to_numpy(), "agree": most.to_numpy(),
                          "tied": (top.sum(axis=1) > 1).to_numpy()})
    frame["share"] = frame["agree"] / frame["teams"]
    return frame.sort_values(["share", "indicator"], kind="mergesort")[columns].reset_index(
        drop=True)


def classification_kappa(votes: pd.DataFrame, teams: list[Team]) -> dict:
    """Fleiss' kappa over the indicators every classifying team rated."""
    raters = sum(team.has("classification") for team in teams)
    if votes.empty or raters < 2:
        return {"kappa": None, "indicators": 0, "teams": raters, "band": None}
    counts = _counts(votes)
    complete = counts[counts.sum(axis=1) == raters]
    kappa = fleiss_kappa(complete.to_numpy()) if len(complete) else None
    kappa = None if kappa is None or np.isnan(kappa) else kappa
    return {"kappa": kappa, "indicators": len(complete), "teams": raters,
            "band": kappa_band(kappa)}


# --- selection --------------------------------------------------------------------------------


def jaccard(first, second) -> float:
    """|A ∩ B| / |A ∪ B| (Jaccard, P. 1912, "The distribution of the flora in the alpine
    zone", *New Phytologist* 11(2): 37–50); NaN when both sets are empty."""
    a, b = set(first), set(second)
    return len(a & b) / len(a | b) if a | b else float("nan")


def _positions(teams: list[Team]) -> pd.DataFrame:
    """(position, team) for every position a team saved a selection for."""
    rows = [(position, team.name) for team in teams if team.selection
            for position in team.selection]
    return pd.DataFrame(rows, columns=["position", "team"])


def _core(teams: list[Team]) -> pd.DataFrame:
    rows = [(position, key, team.name) for team in teams if team.selection
            for position, lists in team.selection.items() for key in lists.get("core", [])]
    return pd.DataFrame(rows, columns=["position", "key", "team"]).drop_duplicates()


def selection_summary(core: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Per position and core indicator: how many of the teams that saved the position chose
    it, their share and names; sorted by position, then most chosen first."""
    columns = ["position", "key", "chosen", "teams", "share", "chosen_by"]
    if core.empty:
        return pd.DataFrame(columns=columns)
    saved = positions.groupby("position")["team"].nunique().rename("teams")
    frame = core.groupby(["position", "key"], sort=False).agg(
        chosen=("team", "nunique"), chosen_by=("team", lambda t: ", ".join(sorted(t))))
    frame = frame.join(saved, on="position").reset_index()
    frame["share"] = frame["chosen"] / frame["teams"]
    return frame.sort_values(["position", "chosen", "key"], ascending=[True, False, True],
                             kind="mergesort")[columns].reset_index(drop=True)


def jaccard_pairs(core: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Per position and pair of teams that both saved it: Jaccard similarity of core sets,
    |A ∩ B| / (|A| + |B| − |A ∩ B|)."""
    columns = ["position", "team_a", "team_b", "jaccard"]
    pairs = positions.merge(positions, on="position", suffixes=("_a", "_b"))
    pairs = pairs[pairs["team_a"] < pairs["team_b"]]
    if pairs.empty:
        return pd.DataFrame(columns=columns)
    sizes = core.groupby(["position", "team"]).size()
    shared = core.merge(core, on=["position", "key"], suffixes=("_a", "_b")).groupby(
        ["position", "team_a", "team_b"]).size().rename("shared")
    pairs = pairs.join(shared, on=["position", "team_a", "team_b"])
    size_a = sizes.reindex(pd.MultiIndex.from_frame(pairs[["position", "team_a"]])).fillna(0)
    size_b = sizes.reindex(pd.MultiIndex.from_frame(pairs[["position", "team_b"]])).fillna(0)
    shared_count = pairs["shared"].fillna(0).to_numpy()
    union = size_a.to_numpy() + size_b.to_numpy() - shared_count
    pairs["jaccard"] = np.where(union > 0, shared_count / np.where(union > 0, union, 1), np.nan)
    return pairs[columns].reset_index(drop=True)


def jaccard_matrix(pairs: pd.DataFrame, teams: list[str]) -> pd.DataFrame:
    """Team × team: mean Jaccard similarity over the positions both saved (1 on the diagonal)."""
    mean = pairs.groupby(["team_a", "team_b"])["jaccard"].mean()
    both = pd.concat([mean, mean.rename_axis(["team_b", "team_a"]).reorder_levels(
        ["team_a", "team_b"])])
    matrix = both.unstack("team_b").reindex(index=teams, columns=teams).astype(float)
    values = matrix.to_numpy(copy=True)
    np.fill_diagonal(values, 1.0)
    return pd.DataFrame(values, index=teams, columns=teams)


# --- weights ----------------------------------------------------------------------------------


def _judgement_keys(judgements: dict) -> list[str]:
    keys = [part.strip() for pair in judgements for part in
            str(pair).split(choices.PAIR_SEPARATOR)]
    return list(dict.fromkeys(keys))


def _position_weights(entry: dict, spec: dict, source: str) -> tuple[dict, dict]:
    """(key → weight in %, consistency facts) of one saved position: ``direct`` weights
    rescaled to 100; ``ahp`` priorities of the judgement matrix (principal eigenvector, CR =
    CI / RI; Saaty, T. L. 1980, *The Analytic Hierarchy Process*) by
    :func:`helpers.weighting.pairwise.ahp`; other methods need the KPI pool and are left out."""
    method = entry.get("method", "default")
    facts = {"method": method, "n": np.nan, "cr": np.nan, "consistent": None}
    if method == "direct" and entry.get("weights"):
        given = {str(k): float(v) for k, v in entry["weights"].items()}
        total = sum(given.values())
        weights = {k: 100.0 * v / total for k, v in given.items()} if total > 0 else {}
        return weights, {**facts, "n": len(given)}
    if method == "ahp" and entry.get("judgements"):
        keys = _judgement_keys(entry["judgements"])
        result = pairwise.ahp(choices.judgement_matrix(keys, entry["judgements"]),
                              spec["ri_table"], labels=keys, source=source,
                              missing=spec["missing_judgements"],
                              cr_max=spec["consistency_ratio_max"])
        weights = dict(zip(keys, 100.0 * result.weights, strict=True))
        return weights, {**facts, "n": result.n, "cr": result.cr,
                         "consistent": result.consistent}
    return {}, facts


def _weights(teams: list[Team], policy: dict) -> tuple[pd.DataFrame, pd.DataFrame,
                                                       list[Problem]]:
    spec = policy["weights"]["ahp"]
    weights, facts, problems = [], [], []
    for team in (t for t in teams if t.weights):
        for position, entry in team.weights.items():
            try:
                found, figures = _position_weights(entry, spec, choices.DISPLAY)
            except InputError as error:
                problems += _named(error.problems, team.name)
                continue
            facts.append({"team": team.name, "position": position, **figures})
            weights += [(position, key, team.name, value) for key, value in found.items()]
    return (pd.DataFrame(weights, columns=["position", "key", "team", "weight"]),
            pd.DataFrame(facts, columns=["team", "position", "method", "n", "cr",
                                         "consistent"]), problems)


def filled_weights(team_weights: pd.DataFrame) -> pd.DataFrame:
    """Every (position, key, team) of the teams that weighted the position: the team's
    weight, 0 % where it left the indicator out (``weighted`` False)."""
    columns = ["position", "key", "team", "weight", "weighted"]
    if team_weights.empty:
        return pd.DataFrame(columns=columns)
    keys = team_weights[["position", "key"]].drop_duplicates()
    teams = team_weights[["position", "team"]].drop_duplicates()
    grid = keys.merge(teams, on="position").merge(team_weights, how="left",
                                                  on=["position", "key", "team"])
    grid["weighted"] = grid["weight"].notna()
    grid["weight"] = grid["weight"].fillna(0.0)
    return grid[columns]


def weights_summary(filled: pd.DataFrame) -> pd.DataFrame:
    """Per position × indicator across the teams that weighted the position (0 % for a team
    that left the indicator out): mean, min, max and spread = max − min; widest spread first."""
    columns = ["position", "key", "teams", "mean", "min", "max", "spread"]
    if filled.empty:
        return pd.DataFrame(columns=columns)
    frame = filled.groupby(["position", "key"])["weight"].agg(
        teams="size", mean="mean", min="min", max="max").reset_index()
    frame["spread"] = frame["max"] - frame["min"]
    return frame.sort_values(["spread", "position", "key"], ascending=[False, True, True],
                             kind="mergesort")[columns].reset_index(drop=True)


# --- the comparison ---------------------------------------------------------------------------


def compare(folder: str | Path, policy: dict | None = None, strict: bool = False
            ) -> Comparison:
    """Read every team of ``folder`` (relative to the working directory, else to the
    repository: :func:`helpers.paths.resolve`) and compare what they saved (module
    docstring)."""
    policy = policy if policy is not None else policy_files.load()
    folder = paths.resolve(folder)
    teams, problems = read_teams(folder, strict=strict)
    votes = _votes(teams)
    core, positions = _core(teams), _positions(teams)
    given, consistency, weight_problems = _weights(teams, policy)
    team_weights = filled_weights(given)
    if strict and weight_problems:
        raise InputError(weight_problems)
    saved = pd.DataFrame([{"team": t.name, **{p: t.has(p) for p in PARTS}} for t in teams],
                         columns=["team", *PARTS])
    return Comparison(
        folder=Path(folder), teams=[t.name for t in teams], saved=saved, votes=votes,
        classification=classification_summary(votes),
        kappa=classification_kappa(votes, teams), core=core,
        selection=selection_summary(core, positions),
        jaccard=jaccard_pairs(core, positions), team_weights=team_weights,
        weights=weights_summary(team_weights), consistency=consistency,
        problems=problems + weight_problems)


# --- presentation -----------------------------------------------------------------------------


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"workshop_teams.{key}", lang, **params)


def orientation_label(code: str, lang: str) -> str:
    return i18n.label(f"diagnosis.orientation.{code}", lang, code)


def key_name(key: str, lang: str) -> str:
    """An indicator key's name: the library card's, else the client's wording after the
    ``current:`` / ``custom:`` prefix."""
    cards = library.load().cards
    if key in cards.index:
        return str(cards.at[key, f"name_{lang}"] or cards.at[key, "name_zh"])
    for prefix in (evidence.CURRENT_PREFIX, "custom:"):
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def _percent(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0%}"


def _points(value) -> str:
    return "–" if value is None or pd.isna(value) else f"{float(value):.0f}%"


def status_lines(comparison: Comparison, lang: str) -> list[str]:
    """What was found: no team, or per team the files it saved and the ones it did not;
    then every problem, rendered in ``lang``."""
    if not comparison.teams:
        return [_t("status.none", lang, folder=str(comparison.folder))]
    lines = []
    for row in comparison.saved.itertuples(index=False):
        have = [_t(f"part.{p}", lang) for p in PARTS if getattr(row, p)]
        lack = [_t(f"part.{p}", lang) for p in PARTS if not getattr(row, p)]
        lines.append(_t("status.team", lang, team=row.team,
                        saved=_join(have, lang) or _t("status.nothing", lang),
                        missing=_join(lack, lang) or "–"))
    return lines + [_t("status.problem", lang, text=p.render(lang))
                    for p in comparison.problems]


def _join(items: list[str], lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(items)


def missing_line(part: str, lang: str) -> str:
    """What to show where a part (:data:`PARTS`) has nothing to compare."""
    return _t(f"empty.{part}", lang)


def empty_lines(comparison: Comparison, part: str, lang: str) -> list[str]:
    """[:func:`missing_line`] when no team saved a readable ``part``, else []."""
    found = {"classification": comparison.votes, "selection": comparison.selection,
             "weights": comparison.team_weights}[part]
    return [] if len(found) else [missing_line(part, lang)]


def kappa_line(comparison: Comparison, lang: str) -> str:
    """Fleiss' kappa in words, or why it cannot be computed."""
    found = comparison.kappa
    if found["kappa"] is None:
        return _t("kappa.none", lang, teams=found["teams"])
    return _t("kappa.line", lang, kappa=f"{found['kappa']:.2f}",
              band=_t(f"band.{found['band']}", lang), indicators=found["indicators"],
              teams=found["teams"])


def classification_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Per indicator (least agreement first): each team's orientation, the majority, share."""
    summary = comparison.classification
    if summary.empty:
        return pd.DataFrame()
    wide = comparison.votes.pivot(index="indicator", columns="team", values="orientation")
    wide = wide.reindex(index=summary["indicator"],
                        columns=[t for t in comparison.teams if t in wide.columns])
    wide = wide.reset_index(drop=True)
    table = {_t("col.no", lang): np.arange(1, len(summary) + 1),
             _t("col.indicator", lang): summary["indicator"]}
    for team in wide.columns:
        table[team] = wide[team].map(lambda c: orientation_label(c, lang) if isinstance(
            c, str) else "–")
    table[_t("col.majority", lang)] = summary["majority"].map(
        lambda codes: " / ".join(orientation_label(c, lang) for c in codes))
    table[_t("col.share", lang)] = summary["share"].map(_percent)
    return pd.DataFrame(table)


def selection_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Per position: each core indicator, how many teams chose it, and which."""
    summary = comparison.selection
    if summary.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        _t("col.position", lang): summary["position"],
        _t("col.indicator", lang): summary["key"].map(lambda k: key_name(k, lang)),
        _t("col.chosen", lang): [f"{c}/{t}" for c, t in zip(summary["chosen"],
                                                            summary["teams"], strict=True)],
        _t("col.chosen_by", lang): summary["chosen_by"]})


def jaccard_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Team × team mean Jaccard similarity of core sets (positions both saved)."""
    saved = comparison.saved
    with_selection = list(saved.loc[saved["selection"].astype(bool), "team"])
    if len(with_selection) < 2:
        return pd.DataFrame()
    matrix = jaccard_matrix(comparison.jaccard, with_selection)
    table = matrix.map(lambda v: "–" if pd.isna(v) else f"{v:.2f}")
    return table.reset_index(names=_t("col.team", lang))


def weights_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Per position × indicator (widest spread first): mean, min, max, spread in %."""
    summary = comparison.weights
    if summary.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        _t("col.position", lang): summary["position"],
        _t("col.indicator", lang): summary["key"].map(lambda k: key_name(k, lang)),
        _t("col.teams", lang): summary["teams"],
        **{_t(f"col.{c}", lang): summary[c].map(_points)
           for c in ("mean", "min", "max", "spread")}})


def consistency_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """Per team and position: the weighting method, the number of indicators and the CR."""
    facts = comparison.consistency
    if facts.empty:
        return pd.DataFrame()
    verdict = facts["consistent"].map({True: i18n.t("common.yes", lang),
                                       False: i18n.t("common.no", lang)}).fillna("–")
    return pd.DataFrame({
        _t("col.team", lang): facts["team"], _t("col.position", lang): facts["position"],
        _t("col.method", lang): facts["method"].map(
            lambda m: i18n.label(f"workshop_teams.method.{m}", lang, m)),
        _t("col.indicators", lang): facts["n"].map(lambda n: "–" if pd.isna(n) else int(n)),
        "CR": facts["cr"].map(lambda v: "–" if pd.isna(v) else f"{v:.3f}"),
        _t("col.consistent", lang): verdict})


def prompts(comparison: Comparison, lang: str, top: int = 3) -> list[str]:
    """Discussion prompts for the trainer: the ``top`` items where teams disagree most in
    each part, and every team whose judgements are inconsistent."""
    lines = []
    split = comparison.classification[comparison.classification["share"] < 1].head(top)
    for row in split.itertuples(index=False):
        votes = comparison.votes[comparison.votes["indicator"] == row.indicator]
        counts = votes["orientation"].value_counts()
        lines.append(_t("prompt.classification", lang, indicator=row.indicator,
                        votes=_join([f"{orientation_label(c, lang)} {n}"
                                     for c, n in counts.items()], lang)))
    chosen = comparison.selection
    split = chosen[chosen["chosen"] < chosen["teams"]].assign(
        balance=lambda f: (f["share"] - 0.5).abs()).sort_values("balance", kind="mergesort")
    lines += [_t("prompt.selection", lang, position=r.position, indicator=key_name(r.key, lang),
                 chosen=r.chosen, teams=r.teams, chosen_by=r.chosen_by)
              for r in split.head(top).itertuples(index=False)]
    spread = comparison.weights[comparison.weights["spread"] > 0].head(top)
    lines += [_t("prompt.weights", lang, position=r.position, indicator=key_name(r.key, lang),
                 low=_points(r.min), high=_points(r.max), mean=_points(r.mean))
              for r in spread.itertuples(index=False)]
    facts = comparison.consistency
    lines += [_t("prompt.cr", lang, team=r.team, position=r.position, cr=f"{r.cr:.3f}")
              for r in facts[facts["consistent"].eq(False)].itertuples(index=False)]
    return lines


# --- charts -----------------------------------------------------------------------------------


def orientation_heatmap(comparison: Comparison, lang: str) -> alt.Chart | None:
    """Team × indicator cells coloured by orientation, least agreement at the top."""
    votes = comparison.votes
    if votes.empty:
        return None
    order = list(comparison.classification["indicator"])
    codes = [c for c in charts.ORIENTATION_COLOURS if c in set(votes["orientation"])]
    data = votes.assign(label=votes["orientation"].map(lambda c: orientation_label(c, lang))
                        ).drop(columns="orientation")
    team, indicator = _t("chart.team", lang), _t("chart.indicator", lang)
    data = data.rename(columns={"team": team, "indicator": indicator})
    return (
        alt.Chart(data, title=_t("chart.heatmap", lang))
        .mark_rect(stroke="white")
        .encode(
            x=alt.X(f"{team}:N", sort=comparison.teams, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{indicator}:N", sort=order, axis=alt.Axis(labelLimit=240)),
            color=alt.Color("label:N", title=_t("chart.orientation", lang),
                            scale=alt.Scale(domain=[orientation_label(c, lang) for c in codes],
                                            range=[charts.ORIENTATION_COLOURS[c]
                                                   for c in codes])),
            tooltip=[team, indicator, alt.Tooltip("label:N", title=_t("chart.orientation",
                                                                        lang))])
        .properties(width=max(160, 70 * len(comparison.teams)), height=max(80, 18 * len(order)))
    )


def weights_chart(comparison: Comparison, lang: str) -> alt.LayerChart | None:
    """Per position · indicator: the range of the teams' weights (rule) and each team's
    weight (dot), widest spread at the top."""
    if comparison.team_weights.empty:
        return None
    summary = comparison.weights.assign(
        item=lambda f: f["position"] + " · " + f["key"].map(lambda k: key_name(k, lang)))
    dots = comparison.team_weights.merge(summary[["position", "key", "item"]],
                                         on=["position", "key"])
    weight, team = _t("chart.weight", lang), _t("chart.team", lang)
    order = list(summary["item"])
    y = alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelLimit=420))
    ranges = alt.Chart(summary).mark_rule(color=charts.MUTED, strokeWidth=2).encode(
        y=y, x=alt.X("min:Q", title=weight), x2="max:Q")
    points = alt.Chart(dots.rename(columns={"team": team})).mark_circle(size=70).encode(
        y=y, x=alt.X("weight:Q", title=weight),
        color=alt.Color(f"{team}:N", sort=comparison.teams),
        tooltip=[team, alt.Tooltip("weight:Q", format=".0f", title=weight)])
    return (ranges + points).properties(title=_t("chart.weights", lang), width=420,
                                        height=max(80, 20 * len(order)))
