"""Where a team's workshop answers are saved, in the same files a consultant's decisions use.

Each team gets ``<answers folder>/<team>/decisions/`` holding ``classification.csv``
(exercise 1), ``selection.yaml`` (exercise 3) and ``weights.yaml`` (exercise 4), written by the
same functions the stage notebooks use. The team comparison notebook reads them back, and a
team folder can even be replayed as an engagement's decisions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers import decisions, paths
from helpers.kpi_pool import selection as pool_selection
from helpers.weighting import choices


def team_folder(answers_folder: str | Path, team: str) -> Path:
    """``<answers folder>/<team>`` with the team name made file-system safe; created."""
    base = Path(answers_folder).expanduser()
    base.mkdir(parents=True, exist_ok=True)
    folder = paths.safe_child(base, paths.safe_name(team))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_classification(answers_folder: str | Path, team: str,
                        answer: dict[str, str]) -> Path:
    """Exercise 1: indicator name → orientation code."""
    return decisions.write_classification(team_folder(answers_folder, team), answer)


def save_selection(answers_folder: str | Path, team: str,
                   answer: dict[str, dict[str, list[str]]]) -> Path:
    """Exercise 3: ``{"<unit> · <position>": {"core": [...], "observe": [...]}}``."""
    return pool_selection.write_selection(team_folder(answers_folder, team), answer)


def save_weights(answers_folder: str | Path, team: str, answer: dict[str, dict]) -> Path:
    """Exercise 4: ``{"<unit> · <position>": {"method": "ahp", "judgements": {...}}}``."""
    return choices.write(team_folder(answers_folder, team), answer)


def teams_in(answers_folder: str | Path) -> list[Path]:
    """Team folders (those with a ``decisions/`` folder), sorted by name."""
    base = Path(answers_folder).expanduser()
    return sorted(p.parent for p in base.glob("*/decisions") if p.is_dir())


def row_number(item, task: pd.DataFrame, column: str, key: Callable[[str], str]) -> int | None:
    """The task row (its ``no``) a typed answer item means: a number, numeric text, or the
    row's ``column`` text compared after ``key`` (e.g. library normalisation); None if none."""
    if isinstance(item, bool):
        return None
    if isinstance(item, float) and item.is_integer():
        item = int(item)
    if isinstance(item, str) and item.strip().isdigit():
        item = int(item.strip())
    if isinstance(item, int):
        return item if 1 <= item <= len(task) else None
    if isinstance(item, str):
        found = task.loc[task[column].map(key) == key(item), "no"]
        return int(found.iloc[0]) if len(found) else None
    return None
