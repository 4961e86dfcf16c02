"""English names for a Chinese engagement's client text in English reports (issue 9).

A Chinese engagement speaks in its own words: unit, position, indicator and touchpoint names.
An English report shows, for each such name, in this order of precedence:

1. the engagement's own glossary, ``inputs/glossary.csv`` (term → english; optional);
2. the KPI library card's English name, for a current indicator the diagnosis matched to a card
   exactly (``matched_by == "library"``), and for every card's Chinese name and aliases;
3. the English names of the journey templates (stages, touchpoints, what the customer cares
   about) and of the library vocabularies (journey stages, departments).

Whatever remains Chinese is kept as written and marked with :data:`MARK`, so a reader knows it
is the client's wording and the consultant knows which terms to add to the glossary.

Translation happens where output is made (``helpers.display``, the chart renderer, the card
book), so computations and saved artifacts keep the client's own names. A term is replaced only
as a whole word: not when Chinese characters touch it on either side ("销售" is not replaced
inside "销售总监"), which keeps half-translated names out of the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from html import escape, unescape
from pathlib import Path

import pandas as pd

from helpers import library, paths, yamlio
from helpers.atomic import write_atomically

MARK = "†"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{CJK}]")
#: A run of Chinese text: starts and ends with a Chinese character; may hold Chinese
#: punctuation, digits, spaces and a few symbols in between, but no Latin letters, no ASCII
#: punctuation that separates English list items, no line breaks.
_RUN_INSIDE = f"{CJK}\u3000-\u303f\uff00-\uffef0-9 %·×÷.\\-"
_CJK_RUN = re.compile(
    f"[{CJK}](?:[{_RUN_INSIDE}]*[{CJK}\u3000-\u303f\uff00-\uffef])?(?P<marked>{MARK})?")
#: The Chinese enumeration comma between two English words.
_TEXT_NODE = re.compile(r">([^<>]+)<")
_ENUMERATION_COMMA = re.compile(f"(?<![{CJK}])、(?![{CJK}])")


def has_chinese(text: str) -> bool:
    return bool(_HAS_CJK.search(text))


class Glossary:
    """Chinese term → English name, applied to whole words, with untranslated text marked."""

    def __init__(self, terms: dict[str, str]):
        self.terms = {k.strip(): v.strip() for k, v in terms.items()
                      if k and v and k.strip() and v.strip() and has_chinese(k)}
        ordered = sorted(self.terms, key=len, reverse=True)
        alternation = "|".join(re.escape(term) for term in ordered) or "(?!)"
        self._pattern = re.compile(f"(?<![{CJK}])(?:{alternation})(?![{CJK}])")
        self.untranslated: set[str] = set()

    def translate(self, text):
        """``text`` with known terms in English and remaining Chinese runs marked; non-text
        values and text without Chinese are returned unchanged. Translating twice changes
        nothing more (a marked run is not marked again)."""
        if not isinstance(text, str) or not has_chinese(text) or text.rstrip().endswith(MARK):
            return text
        exact = self.terms.get(text.strip())
        if exact is not None:
            return exact
        replaced = self._pattern.sub(lambda m: self.terms[m.group(0)], text)
        replaced = _ENUMERATION_COMMA.sub(", ", replaced)
        runs = [m for m in _CJK_RUN.finditer(replaced) if not m.group("marked")]
        if len(runs) > 1 and replaced == text:
            # client prose (a definition, a goal): kept whole and marked once
            self.untranslated.add(text.strip())
            return text.rstrip() + MARK
        return _CJK_RUN.sub(self._mark, replaced)

    def _mark(self, match: re.Match) -> str:
        if match.group("marked"):
            return match.group(0)
        self.untranslated.add(match.group(0))
        return match.group(0) + MARK


# -- sources ---------------------------------------------------------------------------------

def library_terms() -> dict[str, str]:
    """Every card's Chinese name → its English name. Aliases are left out: a short alias
    ("签约") is also an everyday word, so only a client name the classifier matched to the
    card exactly gets the card's name (:func:`matched_indicator_terms`)."""
    cards = library.load().cards
    return dict(zip(cards["name_zh"].astype(str), cards["name_en"].astype(str), strict=True))


def vocabulary_terms() -> dict[str, str]:
    """Library vocabulary labels of journey stages and departments, Chinese → English
    (capitalised: they stand alone as labels)."""
    vocabulary = library.load().vocabulary
    return {labels["zh"]: labels["en"][:1].upper() + labels["en"][1:]
            for name in ("journey_stage", "department") for labels in vocabulary[name].values()}


@cache
def journey_terms() -> dict[str, str]:
    """Names of the journey templates' stages and touchpoints and what the customer cares
    about, Chinese → English."""
    terms: dict[str, str] = {}
    for path in sorted((paths.TEMPLATES / "journeys").glob("*.yaml")):
        template = yamlio.load_file(path)
        for item in [*(template.get("stages") or []), *(template.get("touchpoints") or [])]:
            for field in ("name", "customer_cares"):
                zh, en = item.get(f"{field}_zh"), item.get(f"{field}_en")
                if zh and en:
                    terms.setdefault(str(zh), str(en))
    return terms


def matched_indicator_terms(names: Iterable[str]) -> dict[str, str]:
    """Current indicator names the classifier matched to a library card exactly → the card's
    English name (contained or rule matches are not names of the card, so they stay)."""
    from helpers.diagnosis.classify import classify

    names = sorted({str(n) for n in names if has_chinese(str(n))})
    if not names:
        return {}
    cards = library.load().cards
    matched = classify(names)
    exact = matched[matched["matched_by"] == "library"]
    return {row.name: cards.at[row.library_id, "name_en"] for row in exact.itertuples()}


def client_terms(engagement) -> dict[str, str]:
    """The engagement's own glossary (``inputs/glossary.csv``), term → english."""
    if not engagement.has("glossary"):
        return {}
    table = engagement.table("glossary")
    return dict(zip(table["term"].astype(str), table["english"].astype(str), strict=True))


def client_names(engagement) -> list[str]:
    """Indicator names of the current scorecards (the ones a library card may name)."""
    if not engagement.has("current_kpis"):
        return []
    return engagement.table("current_kpis")["indicator"].astype(str).tolist()


def for_engagement(engagement) -> Glossary:
    """The glossary of an engagement: its own terms first, then the library's and the journey
    templates' English names."""
    terms = {**vocabulary_terms(), **journey_terms(), **library_terms(),
             **matched_indicator_terms(client_names(engagement)), **client_terms(engagement)}
    return Glossary(terms)


def for_report(engagement, lang: str) -> Glossary | None:
    """A glossary when an English report is made from a Chinese engagement, else None."""
    if lang != "en" or engagement.language == "en":
        return None
    return for_engagement(engagement)


# -- terms still to translate ------------------------------------------------------------------

#: Client text columns an English report shows, per input table.
CLIENT_TEXT = {
    "current_kpis": ("unit", "position", "indicator"),
    "employees": ("department", "position", "team"),
    "journey": ("stage", "touchpoint", "customer_cares", "R", "A", "C", "I", "indicators"),
    "outcomes": ("unit",),
}
#: Profile fields (engagement.yaml) holding client text.
PROFILE_TEXT = ("segments", "strategy_goals")


def client_text(engagement) -> list[str]:
    """Every distinct piece of Chinese client text an English report may show, in input order
    (names, and the journey's list cells split into their items)."""
    found: dict[str, None] = {}
    for table, columns in CLIENT_TEXT.items():
        if not engagement.has(table):
            continue
        frame = engagement.table(table)
        for column in columns:
            if column not in frame:
                continue
            for value in frame[column]:
                for item in value if isinstance(value, list) else [value]:
                    found.setdefault(str(item).strip(), None)
    for field in PROFILE_TEXT:
        for value in engagement.profile.get(field) or []:
            found.setdefault(str(value).strip(), None)
    return [text for text in found if text and has_chinese(text)]


def missing_terms(engagement) -> list[str]:
    """Client text that an English report would have to keep in Chinese (marked †)."""
    glossary = for_engagement(engagement)
    return [text for text in client_text(engagement)
            if has_chinese(str(glossary.translate(text)).replace(MARK, ""))
            and MARK in str(glossary.translate(text))]


def write_template(engagement, target: Path) -> tuple[Path, int]:
    """A glossary CSV to fill in: the engagement's own terms (kept) followed by the missing
    ones with an empty English column. Returns the path and the number of missing terms."""
    known = client_terms(engagement)
    missing = [term for term in missing_terms(engagement) if term not in known]
    rows = [*known.items(), *((term, "") for term in missing)]
    frame = pd.DataFrame(rows, columns=["term", "english"])
    write_atomically(target, lambda path: frame.to_csv(path, index=False, encoding="utf-8"))
    return target, len(missing)


# -- the glossary in use for this kernel's output ---------------------------------------------

_active: Glossary | None = None


def activate(glossary: Glossary | None) -> None:
    """Make ``glossary`` the one output functions apply (None: output left as it is)."""
    global _active
    _active = glossary


def active() -> Glossary | None:
    return _active


def translate(text):
    """Apply the active glossary to ``text`` (unchanged when none is active)."""
    return _active.translate(text) if _active is not None else text


def translate_html(markup: str) -> str:
    """Apply the active glossary to each text node of kit-made HTML (tags and attributes left
    alone; each node on its own, so one cell's prose is not marked as a whole page)."""
    if _active is None:
        return markup
    return _TEXT_NODE.sub(lambda m: ">" + escape(_active.translate(unescape(m.group(1))),
                                                 quote=False) + "<", markup)


def translate_tree(value):
    """Apply the active glossary to every string inside nested dicts and lists (a Vega-Lite
    spec: data values, sort orders and titles alike, so they stay consistent)."""
    if _active is None:
        return value
    if isinstance(value, str):
        return _active.translate(value)
    if isinstance(value, list):
        return [translate_tree(item) for item in value]
    if isinstance(value, dict):
        return {key: translate_tree(item) for key, item in value.items()}
    return value
