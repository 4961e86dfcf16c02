"""Consultant decisions saved in the engagement's ``decisions/`` folder (DESIGN §2).

Interactive widgets write these files; batch runs read them, so a report reproduces the
workshop. They are inputs like any other: validated, with problems naming file, row, column.
"""

from __future__ import annotations

import csv
from pathlib import Path

from helpers.errors import InputError, Problem

CLASSIFICATION = "classification.csv"
CLASSIFICATION_COLUMNS = ("indicator", "orientation", "note")
ORIENTATIONS = ("customer", "business", "internal", "capability", "risk")


def classification_path(engagement_path: Path) -> Path:
    return Path(engagement_path) / "decisions" / CLASSIFICATION


def read_classification(engagement_path: Path) -> dict[str, str]:
    """Indicator name → orientation confirmed by the consultant (empty when no file)."""
    path = classification_path(engagement_path)
    if not path.exists():
        return {}
    display = f"decisions/{CLASSIFICATION}"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems, decided = [], {}
    for number, row in enumerate(rows, start=2):
        name, code = (row.get("indicator") or "").strip(), (row.get("orientation") or "").strip()
        if not name:
            problems.append(Problem(display, "required_empty", row=number, column="indicator",
                                    letter="A"))
        elif code not in ORIENTATIONS:
            problems.append(Problem(display, "not_a_choice", row=number, column="orientation",
                                    letter="B", params={"found": code,
                                                        "allowed": " / ".join(ORIENTATIONS)}))
        else:
            decided[name] = code
    if problems:
        raise InputError(problems)
    return decided


def write_classification(engagement_path: Path, decided: dict[str, str],
                         notes: dict[str, str] | None = None) -> Path:
    """Save the consultant's classifications (atomically), sorted by indicator name."""
    path = classification_path(engagement_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".csv.tmp")
    with open(temporary, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CLASSIFICATION_COLUMNS)
        for name in sorted(decided):
            writer.writerow([name, decided[name], (notes or {}).get(name, "")])
    temporary.replace(path)
    return path


def problems(engagement_path: Path) -> list[Problem]:
    """Every problem in the engagement's saved decisions (``orient check`` reports them with
    the inputs' problems)."""
    from helpers.value_chain import journey

    found = []
    for read in (read_classification, journey.read_journey_decisions):
        try:
            read(engagement_path)
        except InputError as error:
            found.extend(error.problems)
    return found
