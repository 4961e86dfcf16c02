"""The consultant's weighting choices, saved as ``decisions/weights.yaml`` and replayed by batch
runs (DESIGN §2)::

    "销售部 · 大客户销售经理":
      method: ahp                 # default | equal | roc | direct | ahp | current | entropy
      judgements:                 # ahp: "row key | column key": Saaty value (row over column)
        "customer_success.csat | sales.collection_rate": "3"
      weights: {key: 30, ...}     # direct: the slider values, in percent

Positions not in the file use policy ``weights.default_method``. Structural problems (not a
mapping, unknown method or field, a judgement that is not a number or "p/q") raise
:class:`~helpers.errors.InputError` naming the position and field. Keys that are no longer core
indicators of the position (the selection changed since the choice was saved) are not errors:
the position falls back to the default method and the chapter says so.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import yamlio
from helpers.errors import InputError, Problem
from helpers.weighting import pairwise

FILE = "weights.yaml"
DISPLAY = f"decisions/{FILE}"
METHODS = ("default", "equal", "roc", "direct", "ahp", "current", "entropy")
FIELDS = {"method", "judgements", "weights"}
PAIR_SEPARATOR = " | "


def path_of(engagement_path: Path) -> Path:
    return Path(engagement_path) / "decisions" / FILE


def read(engagement_path: Path) -> dict[str, dict]:
    """Saved choices per position label; empty without the file."""
    path = path_of(engagement_path)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as handle:
        data = yamlio.load(handle) or {}
    if not isinstance(data, dict):
        raise InputError([Problem(DISPLAY, "weights_not_a_mapping")])
    problems = [p for position, entry in data.items() for p in _problems(str(position), entry)]
    if problems:
        raise InputError(problems)
    return {str(position): entry for position, entry in data.items()}


def _problems(position: str, entry) -> list[Problem]:
    if not isinstance(entry, dict):
        return [Problem(DISPLAY, "weights_bad_position", {"position": position})]
    problems = [Problem(DISPLAY, "weights_unknown_field", {"position": position, "field": f})
                for f in entry if f not in FIELDS]
    method = entry.get("method", "default")
    if method not in METHODS:
        problems.append(Problem(DISPLAY, "weights_unknown_method",
                                {"position": position, "method": method,
                                 "known": ", ".join(METHODS)}))
    problems += _judgement_problems(position, entry.get("judgements"))
    problems += _weight_problems(position, entry.get("weights"))
    return problems


def _judgement_problems(position: str, judgements) -> list[Problem]:
    if judgements is None:
        return []
    if not isinstance(judgements, dict):
        return [Problem(DISPLAY, "weights_bad_judgements", {"position": position})]
    problems = []
    for pair, value in judgements.items():
        if len(str(pair).split(PAIR_SEPARATOR)) != 2:
            problems.append(Problem(DISPLAY, "weights_bad_pair", {"position": position,
                                                                  "pair": pair}))
        elif _judgement(value) is None:
            problems.append(Problem(DISPLAY, "weights_bad_judgement",
                                    {"position": position, "pair": pair, "value": value}))
    return problems


def _judgement(value) -> float | None:
    try:
        number = pairwise.parse_judgement(value)
    except (ValueError, TypeError, ZeroDivisionError):
        return None
    return number if number is not None and number > 0 else None


def _weight_problems(position: str, weights) -> list[Problem]:
    if weights is None:
        return []
    if not isinstance(weights, dict):
        return [Problem(DISPLAY, "weights_bad_weights", {"position": position})]
    return [Problem(DISPLAY, "weights_bad_weight", {"position": position, "key": key,
                                                    "value": value})
            for key, value in weights.items()
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0]


def judgement_matrix(keys: list[str], judgements: dict) -> list[list] | None:
    """The pairwise matrix over ``keys`` from saved judgements ("a | b": value means a over b);
    unsaved pairs stay missing (completed by the AHP's named method). None when a judgement
    names a key that is not among ``keys``."""
    index = {key: n for n, key in enumerate(keys)}
    matrix: list[list] = [[1.0 if i == j else None for j in keys] for i in keys]
    for pair, value in judgements.items():
        row, column = (part.strip() for part in str(pair).split(PAIR_SEPARATOR))
        if row not in index or column not in index:
            return None
        number = _judgement(value)
        matrix[index[row]][index[column]] = number
        matrix[index[column]][index[row]] = 1 / number
    return matrix


def write(engagement_path: Path, choices: dict[str, dict]) -> Path:
    """Save all positions' choices (sorted, readable YAML), atomically."""
    path = path_of(engagement_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(dict(sorted(choices.items())), allow_unicode=True, sort_keys=False)
    temporary = path.with_suffix(".yaml.tmp")
    temporary.write_text("# Weighting choices saved by notebooks/04_weighting.ipynb; batch runs "
                         "replay them.\n" + text, encoding="utf-8")
    temporary.replace(path)
    return path
