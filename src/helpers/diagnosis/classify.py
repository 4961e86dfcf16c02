"""Classify indicator names by orientation (METHOD §1).

Order (METHOD §1, DESIGN §6): (1) an explicit override — from the engagement's orientation
column or the consultant's ``decisions/classification.csv``; (2) an exact or alias match in the
KPI library, after normalisation (also with bracketed notes and % removed); (3) zh/en
pattern rules with negative patterns (``templates/method/classification_rules.yaml``);
(4) a library name inside a longer client wording (e.g. "季度客户续约率同比"), tried after the
rules because short names inside longer ones can flip the meaning (measured: rules first is
more accurate); (5) ``unknown``. Every result carries a
confidence; anything below the policy's ``orientation.review_below_confidence`` is flagged for
the consultant's review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers import library as library_module
from helpers import paths, yamlio

RULES_FILE = paths.TEMPLATES / "method" / "classification_rules.yaml"
ORIENTATIONS = ("customer", "business", "internal", "capability", "risk", "unknown")
COLUMNS = ["name", "orientation", "confidence", "matched_by", "needs_review", "library_id",
           "rule"]
#: Confidence of each way of matching; rules carry their own.
CONFIDENCE = {"override": 1.0, "library": 0.98, "library_contained": 0.9, "unknown": 0.0}
#: Wording around an indicator name that does not change what it measures.
_NOISE = re.compile(r"[（(][^)）]*[)）]|[%％]|\s+")


@dataclass(frozen=True)
class Rule:
    """One pattern rule: any of ``patterns`` matches and none of ``unless`` does."""

    id: str
    orientation: str
    confidence: float
    patterns: tuple[re.Pattern, ...]
    unless: tuple[re.Pattern, ...]

    def matches(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns) and not any(
            u.search(text) for u in self.unless)


@cache
def rules() -> tuple[Rule, ...]:
    """Pattern rules in file order (the first matching rule wins)."""
    with open(RULES_FILE, encoding="utf-8") as handle:
        raw = yamlio.load(handle)["rules"]
    return tuple(
        Rule(id=r["id"], orientation=r["orientation"], confidence=float(r["confidence"]),
             patterns=tuple(re.compile(p, re.I) for p in r["patterns"]),
             unless=tuple(re.compile(p, re.I) for p in r.get("unless", [])))
        for r in raw)


@cache
def _library_index() -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Normalised name/alias → card id, and (name, id) pairs longest first for containment."""
    lib = library_module.load()
    exact = {}
    for card_id, card in lib.cards.iterrows():
        for name in library_module.names_of(card):
            exact[library_module.normalise(name)] = card_id
    contained = sorted(((n, i) for n, i in exact.items() if len(n) >= 4),
                       key=lambda pair: -len(pair[0]))
    return exact, contained


def classify(names, overrides: dict[str, str] | None = None,
             review_below: float = 0.7) -> pd.DataFrame:
    """One row per name: orientation, confidence, how it was matched, whether to review it.

    ``overrides`` maps an indicator name (as written) to an orientation code.
    """
    lib = library_module.load()
    rows = [_classify_one(str(name), overrides or {}, lib) for name in names]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["needs_review"] = frame["confidence"] < review_below
    return frame


def _classify_one(name: str, overrides: dict[str, str], lib) -> dict:
    if name in overrides:
        return _row(name, overrides[name], "override")
    exact, contained = _library_index()
    key = library_module.normalise(name)
    if key in exact:
        return _row(name, lib.cards.at[exact[key], "orientation"], "library",
                    library_id=exact[key])
    stripped = library_module.normalise(_NOISE.sub("", name))
    if stripped in exact:
        return _row(name, lib.cards.at[exact[stripped], "orientation"], "library",
                    library_id=exact[stripped])
    for rule in rules():
        if rule.matches(name):
            return _row(name, rule.orientation, f"rule:{rule.id}", confidence=rule.confidence,
                        rule=rule.id)
    for library_name, card_id in contained:
        if library_name in key:
            return _row(name, lib.cards.at[card_id, "orientation"], "library_contained",
                        library_id=card_id)
    return _row(name, "unknown", "unknown")


def _row(name, orientation, matched_by, confidence=None, library_id=None, rule=None) -> dict:
    kind = matched_by.split(":")[0]
    return {"name": name, "orientation": orientation,
            "confidence": CONFIDENCE[kind] if confidence is None else confidence,
            "matched_by": kind if kind != "rule" else "rule", "needs_review": False,
            "library_id": library_id, "rule": rule}


OUTWARD = {"customer", "business"}


def evaluate(labelled: pd.DataFrame, review_below: float = 0.7) -> dict:
    """Accuracy of :func:`classify` on names labelled by hand (columns ``name``,
    ``orientation``): 5-class accuracy, outward (customer + business) vs inward accuracy,
    the share left ``unknown``, per-class recall and the confusion counts."""
    predicted = classify(labelled["name"], review_below=review_below)
    truth = labelled["orientation"].to_numpy()
    guess = predicted["orientation"].to_numpy()
    outward_truth = pd.Series(truth).isin(OUTWARD).to_numpy()
    outward_guess = pd.Series(guess).isin(OUTWARD).to_numpy()
    confusion = pd.crosstab(pd.Series(truth, name="labelled"), pd.Series(guess, name="predicted"))
    recall = {code: float((guess[truth == code] == code).mean())
              for code in sorted(set(truth))}
    return {
        "n": len(labelled),
        "five_class": float((truth == guess).mean()),
        "outward_inward": float((outward_truth == outward_guess).mean()),
        "unknown_share": float((guess == "unknown").mean()),
        "review_share": float(predicted["needs_review"].mean()),
        "recall": recall,
        "confusion": confusion,
        "predicted": predicted.assign(labelled=truth),
    }
