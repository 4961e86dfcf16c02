"""The KPI library (指标库): full indicator cards (METHOD §4) kept as YAML data in
``templates/kpi_library/<domain>.yaml``, with the controlled vocabularies of
``_vocabulary.yaml``.

``load()`` reads and validates every file; ``search()`` and ``filter_cards()`` serve the
diagnosis (recognising client indicators), the KPI pool (candidates) and consultants
(``orient library search``); ``export_xlsx()`` writes a browsable workbook.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from helpers import paths, yamlio

LIBRARY = paths.TEMPLATES / "kpi_library"
VOCABULARY_FILE = "_vocabulary.yaml"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_]+$")

#: Card fields: (name, kind). kind: text (non-empty string), code:<vocabulary>,
#: codes:<vocabulary> (non-empty list of codes), texts (list of strings), scoring, ids.
CARD_FIELDS = (
    ("id", "id"), ("name_zh", "text"), ("name_en", "text"), ("aliases", "texts"),
    ("definition_zh", "text"), ("definition_en", "text"),
    ("purpose_zh", "text"), ("purpose_en", "text"), ("formula", "text"),
    ("unit", "code:unit"), ("polarity", "code:polarity"),
    ("orientation", "code:orientation"), ("bsc_perspective", "code:bsc_perspective"),
    ("qqtc", "code:qqtc"), ("kind", "code:kind"), ("horizon", "code:horizon"),
    ("journey_stages", "codes?:journey_stage"), ("departments", "codes:department"),
    ("positions", "texts"), ("industries", "codes:industry"),
    ("data_source_zh", "text"), ("data_source_en", "text"), ("period", "code:period"),
    ("data_availability", "code:data_availability"), ("scoring", "scoring"),
    ("gaming_risk_zh", "text"), ("gaming_risk_en", "text"),
)
OPTIONAL_FIELDS = {"balanced_by": "ids", "seed": "seed"}
SCORING_PARAMS = {
    "ratio": {"floor", "cap"},
    "lower_better": {"floor", "cap"},
    "mixed_sign": {"floor", "cap"},
    "threshold_target_stretch": {"p_b", "p_x"},
    "banded": {"bands"},
    "deduction": {"points_per_event"},
    "addition": {"points_per_unit", "cap"},
    "veto": {"variant"},
}
VETO_VARIANTS = {"total_zero", "grade_cap", "grade_demote", "item_zero"}


class LibraryError(ValueError):
    """A library file breaks the card schema; the message lists every problem."""


@dataclass(frozen=True)
class Library:
    """All cards (one row per indicator) and the vocabularies."""

    cards: pd.DataFrame
    vocabulary: dict
    domains: dict[str, dict]

    def card(self, indicator_id: str) -> dict:
        """One card as a dict."""
        return self.cards.loc[indicator_id].to_dict() | {"id": indicator_id}

    def label(self, vocabulary: str, code: str, lang: str) -> str:
        """Display label of a vocabulary code."""
        return self.vocabulary[vocabulary][code][lang]


@cache
def load(folder: Path = LIBRARY) -> Library:
    """Load and validate the library; raise LibraryError listing every problem."""
    vocabulary = _read(folder / VOCABULARY_FILE)
    problems: list[str] = []
    records, domains = [], {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        data = _read(path)
        domain = path.stem
        domains[domain] = {k: data.get(k) for k in ("label_zh", "label_en")}
        for index, card in enumerate(data.get("indicators") or []):
            where = f"{path.name} indicator #{index + 1} ({card.get('id', '?')})"
            problems += [f"{where}: {p}" for p in validate_card(card, vocabulary, domain)]
            records.append({**card, "domain": domain})
    frame = _with_defaults(pd.DataFrame.from_records(records))
    problems += _check_library(frame)
    if problems:
        raise LibraryError("\n".join(problems))
    return Library(frame.set_index("id", drop=False), vocabulary, domains)


def _with_defaults(frame: pd.DataFrame) -> pd.DataFrame:
    """Optional fields filled in: empty lists for list fields, empty text for ``seed``."""
    for column in ("journey_stages", "balanced_by"):
        values = frame[column] if column in frame else pd.Series([None] * len(frame))
        frame[column] = [v if isinstance(v, list) else [] for v in values]
    frame["seed"] = frame["seed"].fillna("") if "seed" in frame else ""
    return frame


def _read(path: Path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yamlio.load(handle) or {}


def validate_card(card: dict, vocabulary: dict, domain: str) -> list[str]:
    """Problems of one card (required fields, vocabulary codes, scoring parameters)."""
    problems = []
    for name, kind in CARD_FIELDS:
        value = card.get(name)
        if kind.startswith("codes?:"):
            value, kind = value or [], "codes:" + kind.split(":", 1)[1]
        elif value in (None, "", []):
            problems.append(f"field {name} is missing or empty")
            continue
        problems += _check_field(name, kind, value, vocabulary)
    if not isinstance(card.get("seed", ""), str):
        problems.append("seed must be a quoted seed number such as \"000\"")
    for name in set(card) - {n for n, _ in CARD_FIELDS} - set(OPTIONAL_FIELDS):
        problems.append(f"unknown field {name}")
    if card.get("id") and not str(card["id"]).startswith(f"{domain}."):
        problems.append(f"id {card['id']} must start with the file's domain '{domain}.'")
    return problems


def _check_field(name: str, kind: str, value, vocabulary: dict) -> list[str]:
    if kind == "id":
        return [] if ID_PATTERN.match(str(value)) else [f"id {value!r} is not <domain>.<snake>"]
    if kind == "text":
        return [] if isinstance(value, str) and value.strip() else [f"{name} must be text"]
    if kind == "texts":
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        return [] if ok else [f"{name} must be a list of texts"]
    if kind.startswith("code:"):
        codes = vocabulary[kind[5:]]
        return [] if value in codes else [f"{name} {value!r} is not one of {', '.join(codes)}"]
    if kind.startswith("codes:"):
        codes = vocabulary[kind[6:]]
        if not isinstance(value, list):
            return [f"{name} must be a list"]
        return [f"{name} {v!r} is not one of {', '.join(codes)}" for v in value if v not in codes]
    if kind == "scoring":
        return _check_scoring(value, vocabulary)
    return []


def _check_scoring(scoring, vocabulary: dict) -> list[str]:
    if not isinstance(scoring, dict) or scoring.get("rule") not in vocabulary["scoring_rule"]:
        return [f"scoring.rule must be one of {', '.join(vocabulary['scoring_rule'])}"]
    params = scoring.get("params") or {}
    unknown = set(params) - SCORING_PARAMS[scoring["rule"]]
    problems = [f"scoring.params {sorted(unknown)} not used by rule {scoring['rule']}"] if \
        unknown else []
    if scoring["rule"] == "veto" and params.get("variant") not in VETO_VARIANTS:
        problems.append(f"veto variant must be one of {', '.join(sorted(VETO_VARIANTS))}")
    return problems


def _check_library(frame: pd.DataFrame) -> list[str]:
    """Cross-card rules: unique ids, unique zh names, balanced_by ids exist."""
    if frame.empty:
        return ["the library has no indicator"]
    problems = [f"id {i} is used {n} times" for i, n in frame["id"].value_counts().items()
                if n > 1]
    problems += [f"name_zh {i} is used {n} times" for i, n in
                 frame["name_zh"].value_counts().items() if n > 1]
    problems += _ambiguous_names(frame)
    known = set(frame["id"])
    for card_id, refs in zip(frame["id"], frame.get("balanced_by", [None] * len(frame)),
                             strict=True):
        for ref in refs if isinstance(refs, list) else []:
            if ref not in known:
                problems.append(f"{card_id}: balanced_by {ref} is not a library id")
    return problems


def _ambiguous_names(frame: pd.DataFrame) -> list[str]:
    """A name or alias (normalised) may belong to one card only, so that an exact match of a
    client's indicator name is never ambiguous."""
    owners: dict[str, set[str]] = {}
    for _, card in frame.iterrows():
        for name in names_of(card):
            owners.setdefault(normalise(name), set()).add(card["id"])
    return [f"name or alias {name!r} belongs to several cards: {', '.join(sorted(ids))}"
            for name, ids in owners.items() if len(ids) > 1]


# --- search -----------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Text reduced for matching: NFKC, case-folded, no spaces, brackets or punctuation."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s()\[\]（）【】·,，、/_\-]+", "", text)


def names_of(card) -> list[str]:
    """Canonical names and aliases of a card."""
    return [card["name_zh"], card["name_en"], *(card["aliases"] or [])]


def search(text: str, library: Library | None = None) -> pd.DataFrame:
    """Cards whose names, aliases or definitions contain ``text`` (zh or en), best first:
    exact name/alias, then name/alias containing the text, then definitions."""
    library = library or load()
    wanted = normalise(text)
    scored = []
    for card_id, card in library.cards.iterrows():
        names = [normalise(n) for n in names_of(card)]
        if wanted in names:
            rank = 0
        elif any(wanted in n for n in names):
            rank = 1
        elif wanted in normalise(card["definition_zh"] + card["definition_en"]):
            rank = 2
        else:
            continue
        scored.append((rank, card_id))
    order = [card_id for _, card_id in sorted(scored)]
    return library.cards.loc[order]


def filter_cards(library: Library | None = None, *, department: str | None = None,
                 industry: str | None = None, orientation: str | None = None,
                 journey_stage: str | None = None) -> pd.DataFrame:
    """Cards matching every given criterion (industry ``all`` matches any industry)."""
    cards = (library or load()).cards
    keep = pd.Series(True, index=cards.index)
    if department:
        keep &= cards["departments"].map(lambda v: department in v)
    if industry:
        keep &= cards["industries"].map(lambda v: industry in v or "all" in v)
    if orientation:
        keep &= cards["orientation"] == orientation
    if journey_stage:
        keep &= cards["journey_stages"].map(lambda v: journey_stage in (v or []))
    return cards[keep]


def stats(library: Library | None = None) -> dict[str, pd.Series]:
    """Counts per department, orientation, industry and domain."""
    cards = (library or load()).cards
    return {
        "domain": cards["domain"].value_counts(),
        "orientation": cards["orientation"].value_counts(),
        "department": cards["departments"].explode().value_counts(),
        "industry": cards["industries"].explode().value_counts(),
    }


def validate_file(path: Path) -> list[str]:
    """Problems of one domain file on its own (for authors; ``load`` checks the whole set)."""
    vocabulary = _read(LIBRARY / VOCABULARY_FILE)
    data = _read(Path(path))
    problems = []
    for key in ("label_zh", "label_en", "indicators"):
        if not data.get(key):
            problems.append(f"{Path(path).name}: top-level key {key} is missing")
    cards = data.get("indicators") or []
    for index, card in enumerate(cards):
        where = f"{Path(path).name} indicator #{index + 1} ({card.get('id', '?')})"
        problems += [f"{where}: {p}" for p in validate_card(card, vocabulary, Path(path).stem)]
    frame = pd.DataFrame.from_records(cards)
    if not frame.empty:
        problems += [p for p in _check_library(frame) if "balanced_by" not in p]
    return problems


# --- consultants' views -----------------------------------------------------------------

EXPORT_COLUMNS = (
    "id", "name_zh", "name_en", "aliases", "orientation", "bsc_perspective", "qqtc", "kind",
    "horizon", "departments", "positions", "industries", "journey_stages", "definition_zh",
    "definition_en", "purpose_zh", "purpose_en", "formula", "unit", "polarity",
    "data_source_zh", "data_source_en", "period", "data_availability", "scoring",
    "gaming_risk_zh", "gaming_risk_en", "balanced_by", "seed",
)
#: Columns whose codes are shown with their vocabulary label.
LABELLED = {"orientation": "orientation", "bsc_perspective": "bsc_perspective", "qqtc": "qqtc",
            "kind": "kind", "horizon": "horizon", "departments": "department",
            "industries": "industry", "journey_stages": "journey_stage", "unit": "unit",
            "polarity": "polarity", "period": "period", "data_availability": "data_availability"}


FORMULA_SEPARATOR = " | "


def formula_text(formula: str, lang: str) -> str:
    """A card's formula in one language: the field holds "<中文> | <English>"."""
    text = str(formula)
    if FORMULA_SEPARATOR not in text:
        return text
    chinese, english = text.split(FORMULA_SEPARATOR, 1)
    return (english if lang == "en" else chinese).strip()


def display_value(library: Library, column: str, value, lang: str) -> str:
    """A card value as text for people: labels for codes, lists joined, scoring spelled out."""
    if column == "scoring":
        rule = library.label("scoring_rule", value["rule"], lang)
        params = ", ".join(f"{k}={v}" for k, v in (value.get("params") or {}).items())
        return f"{rule} ({params})" if params else rule
    if isinstance(value, list):
        if column in LABELLED:
            value = [library.label(LABELLED[column], v, lang) for v in value]
        return ("、" if lang == "zh" else ", ").join(map(str, value))
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if column in LABELLED:
        return library.label(LABELLED[column], value, lang)
    return str(value)


def export_xlsx(target: Path, lang: str = "zh", library: Library | None = None) -> Path:
    """A browsable workbook: one row per card (filters, frozen header), plus the codes."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    from helpers import i18n, xlsx

    library = library or load()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = i18n.t("library.sheet", lang)
    headers = [i18n.t(f"library.field.{c}", lang) for c in EXPORT_COLUMNS]
    for col, header in enumerate(headers, start=1):
        cell = sheet.cell(1, col)
        xlsx.set_text(cell, header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row, (_, card) in enumerate(library.cards.iterrows(), start=2):
        for col, column in enumerate(EXPORT_COLUMNS, start=1):
            cell = sheet.cell(row, col)
            xlsx.set_text(cell, display_value(library, column, card.get(column), lang))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col, column in enumerate(EXPORT_COLUMNS, start=1):
        wide = column.startswith(("definition", "purpose", "gaming", "formula", "aliases"))
        sheet.column_dimensions[openpyxl.utils.get_column_letter(col)].width = 48 if wide else 16
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = sheet.dimensions
    _vocabulary_sheet(book.create_sheet(i18n.t("library.codes_sheet", lang)), library, lang)
    return xlsx.save_atomically(book, Path(target))


def _vocabulary_sheet(sheet, library: Library, lang: str) -> None:
    from helpers import i18n, xlsx

    for col, key in enumerate(("library.codes.vocabulary", "library.codes.code",
                               "library.codes.label"), start=1):
        xlsx.set_text(sheet.cell(1, col), i18n.t(key, lang))
    row = 2
    for vocabulary, codes in library.vocabulary.items():
        for code, labels in codes.items():
            for col, value in enumerate((vocabulary, code, labels[lang]), start=1):
                xlsx.set_text(sheet.cell(row, col), value)
            row += 1


def search_lines(text: str, lang: str = "zh", library: Library | None = None) -> str:
    """``orient library search`` output: id, both names, orientation, departments."""
    from helpers import i18n
    from helpers.textout import text_table

    library = library or load()
    found = search(text, library)
    if found.empty:
        return i18n.t("library.no_match", lang, text=text)
    rows = [[card_id, card["name_zh"], card["name_en"],
             display_value(library, "orientation", card["orientation"], lang),
             display_value(library, "departments", card["departments"], lang)]
            for card_id, card in found.iterrows()]
    header = [i18n.t(f"library.field.{c}", lang) for c in
              ("id", "name_zh", "name_en", "orientation", "departments")]
    return text_table(rows, header)


def stats_markdown(lang: str = "en", library: Library | None = None) -> str:
    """Counts per domain, orientation, department and industry as Markdown tables."""
    from helpers import i18n

    library = library or load()
    counts = stats(library)
    vocab = {"orientation": "orientation", "department": "department", "industry": "industry"}
    lines = [f"{i18n.t('library.total', lang, count=len(library.cards))}", ""]
    for key, series in counts.items():
        lines += [f"| {i18n.t(f'library.by.{key}', lang)} | {i18n.t('library.count', lang)} |",
                  "|---|---|"]
        for code, count in series.items():
            name = (library.label(vocab[key], code, lang) if key in vocab
                    else library.domains[code][f"label_{lang}"])
            lines.append(f"| {name} (`{code}`) | {count} |")
        lines.append("")
    return "\n".join(lines)
