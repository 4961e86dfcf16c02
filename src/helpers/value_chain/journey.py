"""The journey frame of stage 02 (METHOD §3; seed 000 §三.2, seed 001 步骤2–3) and the
consultant's edits to it (``decisions/journey.csv``, DESIGN §2).

``from_engagement`` builds the frame described in :mod:`helpers.value_chain` from the client's
``journey`` table. Without one, it takes the journey template of the engagement's business
model (``templates/journeys/<model>.yaml``) and writes the template's department codes as the
client's own unit names (:func:`department_mapping`), so that the consultant edits a journey in
the client's words. Business models without a template of their own borrow one
(:data:`TEMPLATE_FALLBACKS`); :func:`journey_origin` says which template was used and why.

Stage codes: a client's stage text is mapped to a ``journey_stage`` vocabulary code by the
vocabulary labels and a few aliases (:data:`STAGE_ALIASES`), None when nothing matches.

Decisions (issue 5 step 7): one row per edit of a touchpoint's RACI letters or linked
indicators; :func:`apply_decisions` replays them in file order, and replaying a file twice
gives the same journey as replaying it once.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import i18n, library, method_templates
from helpers.errors import InputError, Problem
from helpers.readers import column_letter

RACI_LETTERS = method_templates.RACI_LETTERS
JOURNEY_COLUMNS = [
    "touchpoint_id", "stage", "stage_code", "touchpoint", "touchpoint_en", "customer_cares",
    "importance", "performance", *RACI_LETTERS, "indicators", "source", "file", "row",
]
MAPPING_COLUMNS = ["code", "label", "unit", "department"]
CLIENT, TEMPLATE = "client", "template"
CLIENT_ID_PREFIX = "row-"
#: Where a template journey comes from, shown as its ``file``.
TEMPLATE_FILE = "templates/journeys/{template}.yaml"

#: Business models of the profile without a journey template of their own, and the template
#: they borrow (METHOD §3 lists templates for B2B solutions, manufacturing, retail, banking and
#: SaaS). Why each one, as stated in the chapter (``journey.fallback.<model>``):
#:
#: - ``service`` → ``b2b_solution``: a service business sells an outcome that people deliver
#:   engagement by engagement — need clarified, proposal, delivery, acceptance, periodic
#:   review, renewal — which is the B2B solution journey without the software.
#: - ``distribution`` → ``manufacturing``: a distributor's customers are dealers and retailers
#:   who order again and again against a delivery promise; its moments of truth are the order
#:   promise, rush orders and changes, shipment, quality claims and the repeat order — the
#:   order-to-delivery chain of the manufacturing template. The retail template follows an end
#:   consumer through a store (checkout, membership) and the B2B solution template a one-off
#:   project (POC, implementation); both fit a dealer relationship less well.
#: - ``mass_production`` → ``manufacturing``: the same order-to-delivery chain, with
#:   standard products.
TEMPLATE_FALLBACKS = {
    "service": "b2b_solution",
    "distribution": "manufacturing",
    "mass_production": "manufacturing",
}

#: Stage words beyond the vocabulary labels (issue 5; banking and distribution stage names of
#: the samples), checked in this order: the first code with a word contained in the stage text
#: wins. Churn comes before renewal ("续约/流失" is the relationship's outcome) and delivery
#: before onboarding ("上线实施" is mostly implementation).
STAGE_ALIASES = {
    "advocacy_churn": ["推荐", "流失", "挽留", "advocacy", "referral", "churn", "attrition"],
    "service_renewal": ["服务", "续约", "续费", "续作", "续单", "复购", "售后", "维护",
                        "service", "renewal", "support", "repurchase"],
    "awareness": ["认知", "了解", "种草", "触达", "awareness", "discovery"],
    "consideration": ["购买决策", "评估", "选型", "试用", "询价", "比较", "consideration",
                      "evaluation", "trial", "selection"],
    "order": ["签约", "下单", "购买", "订阅", "授信", "办理", "order", "signing", "contract",
              "purchase"],
    "delivery": ["交付", "生产", "实施", "配送", "delivery", "production", "implementation"],
    "onboarding": ["上线", "开通", "开户", "上手", "onboarding", "go-live", "account opening"],
    "use": ["使用", "持有", "动销", "铺货", "use", "usage"],
}
#: Department keywords are the vocabulary labels split at "/" (客户服务/呼叫中心 → 客户服务,
#: 呼叫中心); English labels are matched as whole words.
LABEL_SPLIT = re.compile(r"\s*/\s*")
DECISIONS_FILE = "journey.csv"
DECISIONS_DISPLAY = f"decisions/{DECISIONS_FILE}"
DECISION_COLUMNS = ["touchpoint_id", "kind", "letter", "value", "action"]
DECISION_KINDS = ("raci", "indicator")
DECISION_ACTIONS = ("add", "remove")


# --- where the journey comes from ---------------------------------------------------------


@dataclass(frozen=True)
class JourneyOrigin:
    """Where the journey frame comes from: the client's table (``template`` None) or a template,
    possibly borrowed from another business model (``fallback``)."""

    source: str
    business_model: str
    template: str | None
    file: str

    @property
    def fallback(self) -> bool:
        return self.template is not None and self.template != self.business_model

    def sentence(self, lang: str) -> str:
        """One sentence for the chapter: which table or template, and why a borrowed one."""
        if self.source == CLIENT:
            return i18n.t("journey.origin.client", lang, file=self.file)
        model = i18n.label(f"value.business_model.{self.business_model}", lang,
                           self.business_model)
        if not self.fallback:
            return i18n.t("journey.origin.template", lang, template=self.template, model=model)
        reason = i18n.t(f"journey.fallback.{self.business_model}", lang)
        return i18n.t("journey.origin.fallback", lang, template=self.template, model=model,
                      reason=reason)


def template_for(business_model: str) -> str:
    """The journey template used for a business model: its own, else the documented fallback
    (:data:`TEMPLATE_FALLBACKS`)."""
    if business_model in method_templates.journeys():
        return business_model
    if business_model in TEMPLATE_FALLBACKS:
        return TEMPLATE_FALLBACKS[business_model]
    known = ", ".join(sorted({*method_templates.journeys(), *TEMPLATE_FALLBACKS}))
    raise KeyError(f"no journey template for business model {business_model!r}; known: {known}")


def journey_origin(engagement) -> JourneyOrigin:
    """The client's journey table when it has rows, else the template for the business model."""
    model = engagement.profile["business_model"]
    if engagement.has("journey"):
        return JourneyOrigin(CLIENT, model, None, engagement.sources.get("journey", ""))
    template = template_for(model)
    return JourneyOrigin(TEMPLATE, model, template, TEMPLATE_FILE.format(template=template))


# --- the journey frame --------------------------------------------------------------------


def from_engagement(engagement, lang: str | None = None) -> pd.DataFrame:
    """The journey frame (contract in :mod:`helpers.value_chain`): the client's journey table,
    or the template of its business model with departments written as the client's units.
    ``frame.attrs`` records ``source``, ``template`` (None for a client journey),
    ``business_model`` and the client's ``units`` (:func:`client_units`, read by the RACI
    rule on unknown departments); :func:`journey_origin` gives the origin as an object and
    :func:`department_mapping` the code → unit table of a template journey."""
    lang = lang or engagement.language
    origin = journey_origin(engagement)
    units = client_units(engagement)
    if origin.source == CLIENT:
        frame = client_journey(engagement.table("journey"), origin.file)
    else:
        frame = template_journey(origin.template, lang,
                                 department_mapping(units, origin.template, lang))
    frame.attrs.update(source=origin.source, template=origin.template,
                       business_model=origin.business_model, units=units)
    return frame


def client_journey(table: pd.DataFrame, file: str) -> pd.DataFrame:
    """The client's ``journey`` table (index = spreadsheet row) as a journey frame."""
    records = []
    for row, item in table.iterrows():
        records.append({
            "touchpoint_id": f"{CLIENT_ID_PREFIX}{int(row)}",
            "stage": item["stage"],
            "stage_code": stage_code(item["stage"]),
            "touchpoint": item["touchpoint"],
            "touchpoint_en": item["touchpoint"],
            "customer_cares": _text(item["customer_cares"]),
            "importance": _number(item["importance"]),
            "performance": _number(item["performance"]),
            **{letter: _names(item[letter]) for letter in RACI_LETTERS},
            "indicators": _names(item["indicators"]),
            "source": CLIENT, "file": file, "row": int(row),
        })
    return _frame(records)


def template_journey(template: str, lang: str, mapping: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """A journey template as a journey frame: names in ``lang``, importance = the template's
    typical importance, performance unknown (NaN), departments as ``mapping`` writes them
    (default: the vocabulary label in ``lang``). When two codes map to one unit, the unit keeps
    its strongest letter only (A, then R, C, I), since a department holds one letter."""
    data = method_templates.journey(template)
    stage_names = {stage["code"]: stage[f"name_{lang}"] for stage in data["stages"]}
    names = _department_names(mapping, lang)
    file = TEMPLATE_FILE.format(template=template)
    records = []
    for _, item in method_templates.touchpoints(template).iterrows():
        records.append({
            "touchpoint_id": item["id"], "stage": stage_names[item["stage"]],
            "stage_code": item["stage"], "touchpoint": item[f"name_{lang}"],
            "touchpoint_en": item["name_en"], "customer_cares": item[f"customer_cares_{lang}"],
            "importance": float(item["typical_importance"]), "performance": math.nan,
            **_mapped_raci(item, names), "indicators": list(item["indicators"]),
            "source": TEMPLATE, "file": file, "row": None,
        })
    return _frame(records)


def _mapped_raci(item: pd.Series, names: dict[str, str]) -> dict[str, list[str]]:
    """RACI cells with codes written as department names, each name once, strongest letter
    kept (A before R, C, I)."""
    taken: set[str] = set()
    cells = {}
    for letter in ("A", "R", "C", "I"):
        cells[letter] = []
        for code in item[letter]:
            name = names.get(code, code)
            if name not in taken:
                taken.add(name)
                cells[letter].append(name)
    return {letter: cells[letter] for letter in RACI_LETTERS}


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=JOURNEY_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    frame["stage_code"] = pd.Series([r["stage_code"] for r in records], index=frame.index,
                                    dtype=object)  # an unknown stage stays None, not NaN
    for column in ("importance", "performance"):
        frame[column] = frame[column].astype(float)
    return frame


def _names(cell) -> list[str]:
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return []
    return [str(name) for name in cell]


def _text(cell) -> str:
    return "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell)


def _number(cell) -> float:
    return math.nan if cell is None else float(cell)


# --- stage codes --------------------------------------------------------------------------


def stage_code(stage: str) -> str | None:
    """The ``journey_stage`` code of a stage as the client wrote it: a vocabulary label (or one
    of its "/" parts) equal to the text, else the first code in :data:`STAGE_ALIASES` order
    with a label part or alias contained in the text; None when nothing matches."""
    if not isinstance(stage, str) or not stage.strip():
        return None
    labels = _stage_label_words()
    wanted = library.normalise(stage)
    for code, words in labels.items():
        if wanted in {library.normalise(w) for w in words}:
            return code
    for code, aliases in STAGE_ALIASES.items():
        if any(contains(stage, word) for word in [*labels.get(code, []), *aliases]):
            return code
    return None


def _stage_label_words() -> dict[str, list[str]]:
    vocabulary = library.load().vocabulary["journey_stage"]
    return {code: _label_words(entry) for code, entry in vocabulary.items()}


def _label_words(entry: dict) -> list[str]:
    """A vocabulary entry's zh and en labels split at "/" into keywords."""
    return [word for lang in i18n.LANGUAGES for word in LABEL_SPLIT.split(entry[lang]) if word]


def contains(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text``: Chinese by substring after
    :func:`helpers.library.normalise`, Latin words as whole words (case-insensitive), so that
    "use" does not match "house"."""
    if word.isascii():
        pattern = r"(?<![a-z0-9])" + re.escape(word.casefold()) + r"(?![a-z0-9])"
        return re.search(pattern, str(text).casefold()) is not None
    return library.normalise(word) in library.normalise(text)


# --- departments --------------------------------------------------------------------------


def client_units(engagement) -> list[str]:
    """The client's unit names, in input order: units of ``current_kpis``, then departments of
    ``employees`` not already listed."""
    names = [*engagement.table("current_kpis")["unit"], *engagement.table("employees")[
        "department"]]
    return list(dict.fromkeys(n for n in names if isinstance(n, str) and n.strip()))


def department_mapping(units: list[str], template: str, lang: str) -> pd.DataFrame:
    """The department codes a template uses, each with its vocabulary label in ``lang``, the
    client unit it matched (None when none did) and the department name the journey uses (the
    unit, else the label). A unit matches a code when one of the code's label keywords (zh and
    en labels split at "/") occurs in its name; among several units the one the keyword covers
    best (keyword length ÷ name length), then the first listed, is taken.
    Columns: ``MAPPING_COLUMNS``."""
    vocabulary = library.load().vocabulary["department"]
    rows = []
    for code in _template_codes(template):
        label = vocabulary[code][lang] if code in vocabulary else code
        unit = _matching_unit(_label_words(vocabulary[code]) if code in vocabulary else [code],
                              units)
        rows.append({"code": code, "label": label, "unit": unit, "department": unit or label})
    return pd.DataFrame(rows, columns=MAPPING_COLUMNS, dtype=object)


def _template_codes(template: str) -> list[str]:
    """Department codes of a template in order of first appearance (touchpoints, then R, A, C,
    I)."""
    points = method_templates.touchpoints(template)
    codes = [code for _, item in points.iterrows() for letter in RACI_LETTERS
             for code in item[letter]]
    return list(dict.fromkeys(codes))


def _matching_unit(words: list[str], units: list[str]) -> str | None:
    best, best_score = None, 0.0
    for unit in units:
        length = max(len(library.normalise(unit)), 1)
        score = max((len(library.normalise(w)) / length for w in words if contains(unit, w)),
                    default=0.0)
        if score > best_score:
            best, best_score = unit, score
    return best


def _department_names(mapping: pd.DataFrame | None, lang: str) -> dict[str, str]:
    if mapping is not None:
        return dict(zip(mapping["code"], mapping["department"], strict=True))
    vocabulary = library.load().vocabulary["department"]
    return {code: entry[lang] for code, entry in vocabulary.items()}


# --- decisions/journey.csv ----------------------------------------------------------------


def decisions_path(engagement_path: Path) -> Path:
    return Path(engagement_path) / "decisions" / DECISIONS_FILE


def empty_decisions() -> pd.DataFrame:
    return pd.DataFrame(columns=DECISION_COLUMNS).rename_axis("row")


def read_journey_decisions(engagement_path: Path) -> pd.DataFrame:
    """The consultant's journey edits in file order (columns ``DECISION_COLUMNS``, index = the
    row number the file shows, header = row 1); empty when there is no file. Raises
    :class:`~helpers.errors.InputError` naming every bad cell."""
    path = decisions_path(engagement_path)
    if not path.exists():
        return empty_decisions()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
                for row in reader]
    missing = [c for c in DECISION_COLUMNS if c not in header]
    if missing:
        raise InputError([Problem(DECISIONS_DISPLAY, "missing_column", row=1,
                                  params={"canonical": c, "aliases": c}) for c in missing])
    frame = pd.DataFrame(rows, columns=DECISION_COLUMNS,
                         index=pd.RangeIndex(2, len(rows) + 2, name="row"))
    problems = decision_problems(frame)
    if problems:
        raise InputError(problems)
    return _canonical_decisions(frame)


def write_journey_decisions(engagement_path: Path, frame: pd.DataFrame) -> Path:
    """Save the edits (atomically) in the order given; refuses invalid rows with the same
    messages as :func:`read_journey_decisions`."""
    frame = _numbered(frame)
    problems = decision_problems(frame)
    if problems:
        raise InputError(problems)
    path = decisions_path(engagement_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".csv.tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(DECISION_COLUMNS)
        for _, item in _canonical_decisions(frame).iterrows():
            writer.writerow([item[c] for c in DECISION_COLUMNS])
    temporary.replace(path)
    return path


def decision_problems(frame: pd.DataFrame, known_ids=None) -> list[Problem]:
    """Every bad cell of a decisions frame (index = file row): empty touchpoint id or value,
    unknown kind or action, a RACI edit without a letter R/A/C/I, and — when ``known_ids`` is
    given — a touchpoint id the journey does not have."""
    problems = []
    for row, item in frame.iterrows():
        problems += _row_problems(int(row), {c: _cell(item.get(c)) for c in DECISION_COLUMNS},
                                  known_ids)
    return problems


def _row_problems(row: int, item: dict, known_ids) -> list[Problem]:
    found = []
    if not item["touchpoint_id"]:
        found.append(_problem(row, "touchpoint_id", "required_empty"))
    elif known_ids is not None and item["touchpoint_id"] not in known_ids:
        found.append(_problem(row, "touchpoint_id", "journey_unknown_touchpoint",
                              found=item["touchpoint_id"], examples=_examples(known_ids)))
    if item["kind"] not in DECISION_KINDS:
        found.append(_not_a_choice(row, "kind", item["kind"], DECISION_KINDS))
    if item["kind"] == "raci" and item["letter"].upper() not in RACI_LETTERS:
        found.append(_problem(row, "letter", "journey_decision_letter", found=item["letter"]))
    if not item["value"]:
        found.append(_problem(row, "value", "required_empty"))
    if item["action"] not in DECISION_ACTIONS:
        found.append(_not_a_choice(row, "action", item["action"], DECISION_ACTIONS))
    return found


def _problem(row: int, column: str, code: str, **params) -> Problem:
    return Problem(DECISIONS_DISPLAY, code, params, row=row, column=column,
                   letter=column_letter(DECISION_COLUMNS.index(column)))


def _not_a_choice(row: int, column: str, found: str, allowed: tuple[str, ...]) -> Problem:
    return _problem(row, column, "not_a_choice", found=found, allowed=" / ".join(allowed))


def _examples(known_ids) -> str:
    ids = list(known_ids)
    return ", ".join(ids[:3]) + (", …" if len(ids) > 3 else "")


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    """A decisions frame indexed by the file row it would have (header = row 1)."""
    frame = frame.reindex(columns=DECISION_COLUMNS)
    if frame.index.name == "row":
        return frame
    return frame.set_axis(pd.RangeIndex(2, len(frame) + 2, name="row"))


def _canonical_decisions(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as stripped text, letters upper case (empty for indicator edits)."""
    frame = frame.reindex(columns=DECISION_COLUMNS).map(_cell)
    raci = frame["kind"] == "raci"
    frame["letter"] = frame["letter"].str.upper().where(raci, "")
    return frame


def apply_decisions(journey: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """The journey with the consultant's edits replayed (a new frame; the input is unchanged).

    For each touchpoint and cell (a RACI letter, or the indicators) the last edit of a value
    decides whether it is there: values kept stay in place, added values come after them in
    the order the file first names them. Replaying the same edits again changes nothing.
    Raises :class:`~helpers.errors.InputError` for bad rows, including unknown touchpoint ids.
    """
    if decisions is None or decisions.empty:
        return journey.copy()
    decisions = _numbered(decisions)
    problems = decision_problems(decisions, known_ids=list(journey["touchpoint_id"]))
    if problems:
        raise InputError(problems)
    decisions = _canonical_decisions(decisions)
    result = journey.copy()
    position = {tp: n for n, tp in enumerate(result["touchpoint_id"])}
    for (touchpoint_id, column), edits in _edits_by_cell(decisions).items():
        n = position[touchpoint_id]
        current = list(result.at[result.index[n], column])
        result.at[result.index[n], column] = _replayed(current, edits)
    return result


def _edits_by_cell(decisions: pd.DataFrame) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(touchpoint id, journey column) → [(value, action)] in file order."""
    cells: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for _, item in decisions.iterrows():
        column = item["letter"] if item["kind"] == "raci" else "indicators"
        cells.setdefault((item["touchpoint_id"], column), []).append(
            (item["value"], item["action"]))
    return cells


def _replayed(current: list[str], edits: list[tuple[str, str]]) -> list[str]:
    last = {value: action for value, action in edits}
    kept = [v for v in current if last.get(v, "add") == "add"]
    added = [v for v in dict.fromkeys(value for value, _ in edits)
             if last[v] == "add" and v not in current]
    return [*kept, *added]
