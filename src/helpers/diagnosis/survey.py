"""Self-check survey and optional questionnaire (METHOD §2.1, seed 000 §三.1).

The four self-checks (``templates/survey/self_check.yaml``) are answered 高/中/低 by several
managers. Per check the kit reports the answer distribution, the median answer and the spread
between respondents; answers that span at least the policy's ``survey.disagreement_span``
levels are a finding that names the respondents on each side ("disagreement is itself a
finding"). Check 1 (share of customer indicators) is a perception: each answer maps to a share
through the policy's ``survey.perceived_share`` and is compared with the measured count share
of customer indicators, which the caller passes in.

The optional questionnaire follows the structure of Narver & Slater's MKTOR (15 items on a
1–k agreement scale, three dimensions; item texts are the kit's own): reverse-coded items score
k + 1 − x; a respondent's dimension score is the mean of its items; the overall score is the mean
of the dimensions; 0–100 = (mean − 1)/(k − 1) × 100. Cronbach's α per dimension
(Cronbach 1951): α = k/(k − 1) · (1 − Σ item variances / variance of the item total), sample
variances (ddof = 1), respondents with every item of the dimension answered; α below the
policy's ``survey.questionnaire.cronbach_alpha_warn_below`` is a finding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import altair as alt
import pandas as pd

from helpers import artifacts, charts, i18n, paths, yamlio
from helpers.library import normalise

TEMPLATE = paths.TEMPLATES / "survey" / "self_check.yaml"
LEVELS = ("low", "medium", "high")
#: Colours of the answer levels in the distribution chart (low → high).
LEVEL_COLOURS = ("#a3a3a3", "#d9d9d9", charts.ACCENT)
FINDING_COLUMNS = ["rule", "check", "file", "row", "rows", "high_side", "low_side",
                   "evidence_zh", "evidence_en"]
WARNING_COLUMNS = ["code", "file", "row", "respondent", "question", "message_zh", "message_en"]


@cache
def _template() -> dict:
    with open(TEMPLATE, encoding="utf-8") as handle:
        return yamlio.load(handle)


def checks() -> list[dict]:
    """The four self-checks of the template, in order."""
    return _template()["checks"]


def questionnaire_template() -> dict:
    """The optional questionnaire: scale, dimensions and items."""
    return _template()["questionnaire"]


@cache
def _accepted_texts() -> dict[str, str]:
    """Normalised question text → check or item id (ids, titles, questions, aliases)."""
    accepted = {}
    for check in checks():
        for text in (check["id"], check["title_zh"], check["title_en"], check["question_zh"],
                     check["question_en"], *check.get("aliases", [])):
            accepted[normalise(str(text))] = check["id"]
    for item in questionnaire_template()["items"]:
        for text in (item["id"], item["zh"], item["en"]):
            accepted[normalise(str(text))] = item["id"]
    return accepted


# --- matching ---------------------------------------------------------------------------


def match_questions(survey: pd.DataFrame) -> pd.Series:
    """Check or questionnaire-item id of each survey row, matched on the id, the zh/en title,
    the question text or an alias after normalisation; None when unknown. Same index."""
    accepted = _accepted_texts()
    found = [accepted.get(normalise(str(q))) if isinstance(q, str) else None
             for q in survey["question"]]
    return pd.Series(found, index=survey.index, dtype=object, name="matched")


def _warning(code: str, file: str, row, respondent, question, **params) -> dict:
    params = {"file": file, "row": row, "respondent": respondent, "question": question, **params}
    return {"code": code, "file": file, "row": row, "respondent": respondent,
            "question": question,
            "message_zh": i18n.t(f"survey.warning.{code}", "zh", **params),
            "message_en": i18n.t(f"survey.warning.{code}", "en", **params)}


def survey_warnings(engagement, policy: dict) -> pd.DataFrame:
    """Rows the aggregation leaves out, with file and row: unknown questions, answers of the
    wrong kind (a number on a 高/中/低 check, 高/中/低 or a value above k on a questionnaire
    item) and a second answer of one respondent to the same check or item."""
    survey = engagement.table("survey")
    file = engagement.sources.get("survey", "")
    matched = match_questions(survey)
    item_ids = {i["id"] for i in questionnaire_template()["items"]}
    scale_max = policy["survey"]["questionnaire"]["scale_max"]
    rows, seen = [], set()
    for row, record in survey.iterrows():
        target = matched[row]
        where = (file, int(row), record["respondent"], record["question"])
        answer = record["answer"]
        if target is None:
            rows.append(_warning("unknown_question", *where))
        elif target in item_ids and not _on_scale(answer, scale_max):
            rows.append(_warning("not_on_scale", *where, answer=answer, high=scale_max))
        elif target not in item_ids and answer not in LEVELS:
            rows.append(_warning("not_a_level", *where, answer=answer))
        elif (record["respondent"], target) in seen:
            rows.append(_warning("duplicate_answer", *where, target=target))
        else:
            seen.add((record["respondent"], target))
    return pd.DataFrame(rows, columns=WARNING_COLUMNS)


def _on_scale(answer, scale_max: int) -> bool:
    return str(answer).isdigit() and 1 <= int(answer) <= scale_max


def _valid_answers(engagement, policy: dict) -> pd.DataFrame:
    """Survey rows that count: matched, of the right kind, first answer per respondent."""
    survey = engagement.table("survey")
    warned = set(survey_warnings(engagement, policy)["row"])
    frame = survey.assign(target=match_questions(survey))
    return frame[~frame.index.isin(warned) & frame["target"].notna()]


# --- self-check -------------------------------------------------------------------------


@dataclass
class SelfCheckResult(artifacts.SavedResult):
    """Aggregated self-checks; ``save``/``load`` round-trip through a folder."""

    answers: pd.DataFrame
    checks: pd.DataFrame
    perceived: pd.DataFrame
    perception: dict
    findings: pd.DataFrame
    warnings: pd.DataFrame


def self_check(engagement, policy: dict, measured_customer_share_count: float
               ) -> SelfCheckResult:
    """The four self-checks: distribution, median, spread and disagreement per check, and
    check 1's perception against ``measured_customer_share_count`` (0–1)."""
    answers = check_answers(engagement, policy)
    table = check_table(answers, policy)
    perceived = perceived_shares(answers, measured_customer_share_count, policy)
    perception = perception_summary(perceived, measured_customer_share_count, policy)
    file = engagement.sources.get("survey", "")
    findings = [*disagreement_findings(answers, table, file),
                *perception_findings(perceived, perception, file, policy)]
    return SelfCheckResult(answers=answers, checks=table, perceived=perceived,
                           perception=perception,
                           findings=pd.DataFrame(findings, columns=FINDING_COLUMNS),
                           warnings=survey_warnings(engagement, policy))


def check_answers(engagement, policy: dict) -> pd.DataFrame:
    """One row per valid self-check answer (index = survey row): respondent, role, check,
    answer (low/medium/high) and its score from the policy's ``survey.answer_scores``."""
    scores = policy["survey"]["answer_scores"]
    ids = [c["id"] for c in checks()]
    valid = _valid_answers(engagement, policy)
    frame = valid[valid["target"].isin(ids)]
    return pd.DataFrame({
        "respondent": frame["respondent"], "role": frame["role"], "check": frame["target"],
        "answer": frame["answer"], "score": frame["answer"].map(scores).astype(float),
    }, index=frame.index)


def check_table(answers: pd.DataFrame, policy: dict) -> pd.DataFrame:
    """One row per check (template order): answer counts and shares per level, the median
    score and level, the spread in levels and whether it reaches the disagreement span."""
    span = policy["survey"]["disagreement_span"]
    rows = []
    for check in checks():
        given = answers[answers["check"] == check["id"]]
        row = {"check": check["id"], "n": len(given),
               "higher_is_more_customer_oriented": check["higher_is_more_customer_oriented"]}
        for level in LEVELS:
            row[level] = int((given["answer"] == level).sum())
        for level in LEVELS:
            row[f"share_{level}"] = row[level] / len(given) if len(given) else math.nan
        median = given["score"].median() if len(given) else math.nan
        spread = given["score"].max() - given["score"].min() if len(given) else math.nan
        row.update(median_score=median, median=median_level(median, policy), spread=spread,
                   disagreement=bool(len(given) and spread >= span))
        rows.append(row)
    return pd.DataFrame(rows)


def median_level(score: float, policy: dict) -> str:
    """Level code of a median score; a median between two levels joins them
    (``low_medium``, ``medium_high``); empty for no answers."""
    if isinstance(score, float) and math.isnan(score):
        return ""
    by_score = {v: k for k, v in policy["survey"]["answer_scores"].items()}
    if score in by_score:
        return by_score[score]
    below = max(v for v in by_score if v < score)
    above = min(v for v in by_score if v > score)
    return f"{by_score[below]}_{by_score[above]}"


def disagreement_findings(answers: pd.DataFrame, table: pd.DataFrame, file: str) -> list[dict]:
    """One finding per check whose answers span the disagreement span: the respondents who
    gave the highest answer against those who gave the lowest, with their rows."""
    found = []
    for check in table.loc[table["disagreement"], "check"]:
        given = answers[answers["check"] == check]
        high = given[given["score"] == given["score"].max()]
        low = given[given["score"] == given["score"].min()]
        rows = sorted(int(r) for r in [*high.index, *low.index])
        params = {"check": check, "high_side": high, "low_side": low}
        found.append({
            "rule": "disagreement", "check": check, "file": file, "row": rows[0], "rows": rows,
            "high_side": list(high["respondent"]), "low_side": list(low["respondent"]),
            "evidence_zh": _disagreement_text(params, "zh"),
            "evidence_en": _disagreement_text(params, "en"),
        })
    return found


def _people(frame: pd.DataFrame, lang: str) -> str:
    """Respondents with their roles, e.g. "M01(销售总监)、M12(财务经理)"."""
    names = [f"{r}({role})" if lang == "zh" and isinstance(role, str)
             else f"{r} ({role})" if isinstance(role, str) else str(r)
             for r, role in zip(frame["respondent"], frame["role"], strict=True)]
    return ("、" if lang == "zh" else ", ").join(names)


def _disagreement_text(params: dict, lang: str) -> str:
    high, low = params["high_side"], params["low_side"]
    return i18n.t("survey.finding.disagreement", lang,
                  check=check_title(params["check"], lang),
                  high=i18n.t(f"survey.level.{high['answer'].iloc[0]}", lang),
                  low=i18n.t(f"survey.level.{low['answer'].iloc[0]}", lang),
                  high_people=_people(high, lang), low_people=_people(low, lang))


# --- check 1: perception versus measurement ---------------------------------------------


def measured_level(share: float, policy: dict) -> str:
    """The answer level whose perceived share is nearest to a measured share (ties → the
    lower level)."""
    mapping = policy["survey"]["perceived_share"]
    ordered = sorted(mapping, key=lambda level: mapping[level])
    return min(ordered, key=lambda level: round(abs(mapping[level] - share), 9))


def perceived_shares(answers: pd.DataFrame, measured: float, policy: dict) -> pd.DataFrame:
    """Check-1 answers with the share each implies (policy ``survey.perceived_share``) and
    whether the respondent over- or underestimates the measured level."""
    mapping = policy["survey"]["perceived_share"]
    scores = policy["survey"]["answer_scores"]
    actual = measured_level(measured, policy)
    first = answers[answers["check"] == checks()[0]["id"]]
    versus = first["score"].map(
        lambda s: "over" if s > scores[actual] else "under" if s < scores[actual] else "match")
    return pd.DataFrame({
        "respondent": first["respondent"], "role": first["role"], "answer": first["answer"],
        "perceived_share": first["answer"].map(mapping).astype(float), "versus": versus,
    }, index=first.index)


def perception_summary(perceived: pd.DataFrame, measured: float, policy: dict) -> dict:
    """Mean and median perceived share, the measured share and level, and the counts of
    respondents above, at and below the measured level."""
    mean = float(perceived["perceived_share"].mean()) if len(perceived) else None
    median = float(perceived["perceived_share"].median()) if len(perceived) else None
    counts = perceived["versus"].value_counts()
    return {
        "measured_share": float(measured), "measured_level": measured_level(measured, policy),
        "respondents": len(perceived), "perceived_mean": mean, "perceived_median": median,
        "gap": None if mean is None else mean - float(measured),
        "over": int(counts.get("over", 0)), "match": int(counts.get("match", 0)),
        "under": int(counts.get("under", 0)),
    }


def perception_findings(perceived: pd.DataFrame, perception: dict, file: str,
                        policy: dict) -> list[dict]:
    """A finding when the median check-1 answer lies above (or below) the measured level:
    the managers' picture of the scorecards is not what the scorecards hold. It names the
    respondents on that side of the measured level."""
    if perceived.empty:
        return []
    scores = policy["survey"]["answer_scores"]
    median = perceived["answer"].map(scores).median()
    measured = scores[perception["measured_level"]]
    side = "over" if median > measured else "under" if median < measured else None
    if side is None:
        return []
    who = perceived[perceived["versus"] == side]
    rows = sorted(int(r) for r in who.index)
    params = {"count": len(who), "total": perception["respondents"],
              "perceived": perception["perceived_mean"], "measured": perception["measured_share"],
              "level": perception["measured_level"]}
    return [{
        "rule": f"perception_{side}", "check": checks()[0]["id"], "file": file,
        "row": rows[0], "rows": rows,
        "high_side": list(who["respondent"]) if side == "over" else [],
        "low_side": list(who["respondent"]) if side == "under" else [],
        **{f"evidence_{lang}": _perception_text(side, who, params, lang)
           for lang in i18n.LANGUAGES},
    }]


def _perception_text(side: str, who: pd.DataFrame, params: dict, lang: str) -> str:
    return i18n.t(f"survey.finding.perception_{side}", lang,
                  **{**params, "level": level_label(params["level"], lang)},
                  people=_people(who, lang))


# --- questionnaire ----------------------------------------------------------------------


@dataclass
class QuestionnaireResult(artifacts.SavedResult):
    """Questionnaire scores; ``save``/``load`` round-trip through a folder."""

    respondents: pd.DataFrame
    dimensions: pd.DataFrame
    items: pd.DataFrame
    findings: pd.DataFrame
    summary: dict


def questionnaire(engagement, policy: dict) -> QuestionnaireResult | None:
    """Dimension and overall scores, 0–100 scores and Cronbach's α per dimension; None when
    the survey holds no questionnaire item."""
    item_specs = {i["id"]: i for i in questionnaire_template()["items"]}
    valid = _valid_answers(engagement, policy)
    given = valid[valid["target"].isin(item_specs)]
    if given.empty:
        return None
    k = policy["survey"]["questionnaire"]["scale_max"]
    coded = item_scores(given, item_specs, k)
    wide = coded.pivot(index="respondent", columns="item", values="score")
    dimension_ids = [d for d in questionnaire_template()["dimensions"]
                     if any(item_specs[i]["dimension"] == d for i in wide.columns)]
    per_respondent = respondent_scores(wide, item_specs, dimension_ids, k)
    dimensions = dimension_table(wide, per_respondent, item_specs, dimension_ids, k, policy)
    file = engagement.sources.get("survey", "")
    overall = float(per_respondent["overall"].mean())
    return QuestionnaireResult(
        respondents=per_respondent.reset_index(),
        dimensions=dimensions,
        items=item_table(coded, item_specs),
        findings=pd.DataFrame(alpha_findings(dimensions, coded, file, policy),
                              columns=[*FINDING_COLUMNS[:5], "dimension", "alpha",
                                       "evidence_zh", "evidence_en"]),
        summary={"scale_max": k, "respondents": len(per_respondent), "overall": overall,
                 "overall_100": to_100(overall, k)},
    )


def item_scores(given: pd.DataFrame, item_specs: dict, k: int) -> pd.DataFrame:
    """One row per answered item: the raw answer and the score, reverse-coded k + 1 − x."""
    raw = given["answer"].astype(int)
    reverse = given["target"].map(lambda i: item_specs[i]["reverse"])
    return pd.DataFrame({
        "respondent": given["respondent"], "item": given["target"],
        "dimension": given["target"].map(lambda i: item_specs[i]["dimension"]),
        "raw": raw, "reverse": reverse, "score": raw.where(~reverse, k + 1 - raw),
    }, index=given.index)


def respondent_scores(wide: pd.DataFrame, item_specs: dict, dimension_ids: list[str],
                      k: int) -> pd.DataFrame:
    """Per respondent: each dimension = mean of its answered items; overall = mean of the
    dimensions; ``overall_100`` = (overall − 1)/(k − 1) × 100."""
    frame = pd.DataFrame(index=wide.index)
    for dimension in dimension_ids:
        items = [i for i in wide.columns if item_specs[i]["dimension"] == dimension]
        frame[dimension] = wide[items].mean(axis=1)
    frame["overall"] = frame[dimension_ids].mean(axis=1)
    frame["overall_100"] = frame["overall"].map(lambda m: to_100(m, k))
    return frame


def to_100(mean: float, k: int) -> float:
    """A 1–k mean on the 0–100 scale: (mean − 1)/(k − 1) × 100 (METHOD §2.1)."""
    return (mean - 1) / (k - 1) * 100


def cronbach_alpha(items: pd.DataFrame) -> float:
    """Cronbach's α of a respondents × items frame, complete rows only:
    k/(k − 1) · (1 − Σ var(item) / var(total)), sample variances (ddof = 1). NaN with fewer
    than two items or two complete respondents, or when the total does not vary."""
    complete = items.dropna()
    k = complete.shape[1]
    if k < 2 or len(complete) < 2:
        return math.nan
    total_variance = complete.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        return math.nan
    return k / (k - 1) * (1 - complete.var(ddof=1).sum() / total_variance)


def dimension_table(wide: pd.DataFrame, per_respondent: pd.DataFrame, item_specs: dict,
                    dimension_ids: list[str], k: int, policy: dict) -> pd.DataFrame:
    """One row per dimension: items, respondents, complete respondents, mean, 0–100 score,
    Cronbach's α and whether it is below the policy threshold."""
    threshold = policy["survey"]["questionnaire"]["cronbach_alpha_warn_below"]
    rows = []
    for dimension in dimension_ids:
        items = [i for i in wide.columns if item_specs[i]["dimension"] == dimension]
        alpha = cronbach_alpha(wide[items])
        mean = float(per_respondent[dimension].mean())
        rows.append({"dimension": dimension, "items": len(items),
                     "respondents": int(per_respondent[dimension].notna().sum()),
                     "complete": int(wide[items].dropna().shape[0]), "mean": mean,
                     "score_100": to_100(mean, k), "alpha": alpha,
                     "alpha_low": bool(not math.isnan(alpha) and alpha < threshold)})
    return pd.DataFrame(rows)


def item_table(coded: pd.DataFrame, item_specs: dict) -> pd.DataFrame:
    """One row per item: dimension, reverse-coded or not, answers and mean score (coded)."""
    grouped = coded.groupby("item", sort=False)["score"]
    order = [i for i in item_specs if i in grouped.groups]
    return pd.DataFrame({
        "item": order,
        "dimension": [item_specs[i]["dimension"] for i in order],
        "reverse": [item_specs[i]["reverse"] for i in order],
        "n": [int(grouped.get_group(i).size) for i in order],
        "mean": [float(grouped.get_group(i).mean()) for i in order],
    })


def alpha_findings(dimensions: pd.DataFrame, coded: pd.DataFrame, file: str,
                   policy: dict) -> list[dict]:
    """A finding per dimension whose α is below the policy threshold, naming its rows."""
    threshold = policy["survey"]["questionnaire"]["cronbach_alpha_warn_below"]
    found = []
    for record in dimensions[dimensions["alpha_low"]].itertuples():
        rows = sorted(int(r) for r in coded.index[coded["dimension"] == record.dimension])
        params = {"alpha": record.alpha, "threshold": threshold, "items": record.items,
                  "respondents": record.complete}
        found.append({
            "rule": "alpha_low", "check": "", "file": file, "row": rows[0], "rows": rows,
            "dimension": record.dimension, "alpha": record.alpha,
            **{f"evidence_{lang}": i18n.t("survey.finding.alpha_low", lang,
                                          dimension=dimension_label(record.dimension, lang),
                                          **params) for lang in i18n.LANGUAGES},
        })
    return found


# --- presentation -----------------------------------------------------------------------


def check_title(check_id: str, lang: str) -> str:
    """Title of a self-check in the report language (from the survey template)."""
    return next(c[f"title_{lang}"] for c in checks() if c["id"] == check_id)


def dimension_label(dimension: str, lang: str) -> str:
    """Label of a questionnaire dimension (from the survey template)."""
    return questionnaire_template()["dimensions"][dimension][lang]


def level_label(code: str, lang: str) -> str:
    """Label of an answer level or a median between two levels."""
    return i18n.t(f"survey.level.{code}", lang) if code else ""


def check_display_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The per-check table with translated headers, level labels and percentages."""
    def col(name: str) -> str:
        return i18n.t(f"survey.col.{name}", lang)

    return pd.DataFrame({
        col("check"): [check_title(c, lang) for c in table["check"]],
        col("n"): table["n"],
        **{level_label(level, lang): [f"{c}({s:.0%})" if lang == "zh" and c else
                                      f"{c} ({s:.0%})" if c else "0"
                                      for c, s in zip(table[level], table[f"share_{level}"],
                                                      strict=True)]
           for level in LEVELS},
        col("median"): [level_label(m, lang) for m in table["median"]],
        col("disagreement"): [i18n.t(f"common.{'yes' if d else 'no'}", lang)
                              for d in table["disagreement"]],
    })


def _direction_suffix(check: dict, lang: str) -> str:
    key = "up_good" if check["higher_is_more_customer_oriented"] else "up_bad"
    return i18n.t(f"survey.chart.{key}", lang)


def distribution_chart(table: pd.DataFrame, lang: str) -> alt.Chart | None:
    """Diverging stacked bars of the answer shares per check: low to the left, medium
    centred on zero, high to the right; None when no check was answered."""
    answered = table[table["n"] > 0]
    if answered.empty:
        return None
    specs = {c["id"]: c for c in checks()}
    segments = []
    for record in answered.itertuples():
        label = f"{check_title(record.check, lang)} {_direction_suffix(specs[record.check], lang)}"
        half = record.share_medium / 2
        bounds = {"low": (-half - record.share_low, -half), "medium": (-half, half),
                  "high": (half, half + record.share_high)}
        for level, (start, end) in bounds.items():
            segments.append({"check": label, "level": level_label(level, lang), "start": start,
                             "end": end, "count": getattr(record, level),
                             "share": getattr(record, f"share_{level}")})
    frame = pd.DataFrame(segments)
    levels = [level_label(level, lang) for level in LEVELS]
    return (
        alt.Chart(frame, title=i18n.t("survey.chart.distribution", lang))
        .mark_bar()
        .encode(
            y=alt.Y("check:N", sort=list(dict.fromkeys(frame["check"])), title=None,
                    axis=alt.Axis(labelLimit=320)),
            x=alt.X("start:Q", title=i18n.t("survey.chart.share_axis", lang),
                    scale=alt.Scale(domain=[-1, 1]),
                    axis=alt.Axis(values=[-1, -0.5, 0, 0.5, 1],
                                  labelExpr="format(abs(datum.value), '.0%')")),
            x2="end:Q",
            color=alt.Color("level:N", sort=levels, title=None,
                            scale=alt.Scale(domain=levels, range=list(LEVEL_COLOURS))),
            tooltip=["check", "level", "count", alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(width=440, height=alt.Step(28))
    )


def perception_chart(perceived: pd.DataFrame, perception: dict, lang: str) -> alt.Chart | None:
    """Each respondent's perceived share of customer indicators (check 1) as a dot, against
    a rule at the measured share; None without check-1 answers."""
    if perceived.empty:
        return None
    frame = perceived.assign(
        who=[f"{r}({role})" if lang == "zh" and isinstance(role, str) else
             f"{r} ({role})" if isinstance(role, str) else str(r)
             for r, role in zip(perceived["respondent"], perceived["role"], strict=True)],
        level=[level_label(a, lang) for a in perceived["answer"]])
    order = list(frame.sort_values("perceived_share", ascending=False)["who"])
    dots = alt.Chart(frame).mark_circle(size=90, color=charts.ACCENT).encode(
        x=alt.X("perceived_share:Q", title=i18n.t("survey.chart.perceived_axis", lang),
                scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
        y=alt.Y("who:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        tooltip=["who", "level", alt.Tooltip("perceived_share:Q", format=".0%")])
    measured = pd.DataFrame([{"share": perception["measured_share"],
                              "label": i18n.t("survey.chart.measured", lang,
                                              share=perception["measured_share"])}])
    rule = alt.Chart(measured).mark_rule(color=charts.WARNING, strokeWidth=2).encode(x="share:Q")
    text = alt.Chart(measured).mark_text(align="left", dx=4, dy=-6, color=charts.WARNING,
                                         baseline="bottom").encode(
        x="share:Q", y=alt.value(0), text="label:N")
    return (dots + rule + text).properties(
        width=420, height=alt.Step(18), title=i18n.t("survey.chart.perception", lang))


def headline_figures(result: SelfCheckResult, lang: str) -> list[tuple[str, str, str]]:
    """Tiles: respondents, checks with disagreement, perceived versus measured share."""
    perception = result.perception
    perceived = perception["perceived_mean"]
    return [
        (i18n.t("survey.headline.respondents", lang),
         str(result.answers["respondent"].nunique()), ""),
        (i18n.t("survey.headline.disagreements", lang),
         str(int(result.checks["disagreement"].sum())), f"/ {len(result.checks)}"),
        (i18n.t("survey.headline.perceived", lang),
         "" if perceived is None else f"{perceived:.0%}",
         i18n.t("survey.headline.measured", lang, share=perception["measured_share"])),
    ]


def finding_lines(findings: pd.DataFrame, lang: str) -> list[str]:
    """Findings as sentences with their file and rows."""
    return [i18n.t("survey.finding.where", lang, text=text, file=file,
                   rows=("、" if lang == "zh" else ", ").join(str(r) for r in rows))
            for text, file, rows in zip(findings[f"evidence_{lang}"], findings["file"],
                                        findings["rows"], strict=True)]
