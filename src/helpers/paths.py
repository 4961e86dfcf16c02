"""Every location the kit knows about, in one place (cookiecutter-data-science style)."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent.parent
TEMPLATES = REPO_ROOT / "templates"
NOTEBOOKS = REPO_ROOT / "notebooks"
DATA_SAMPLES = REPO_ROOT / "data_samples"
BUILD = REPO_ROOT / "build"

INPUT_SCHEMA = TEMPLATES / "inputs" / "tables.yaml"
PROFILE_SCHEMA = TEMPLATES / "inputs" / "profile.yaml"
MESSAGES = TEMPLATES / "messages"
POLICIES = TEMPLATES / "policies"
REPORT_TEMPLATES = TEMPLATES / "report"

#: Stage notebooks in execution order; the report shows 06_summary first when present.
STAGE_ORDER = (
    "00_intake",
    "01_diagnosis",
    "02_value_chain",
    "03_kpi_pool",
    "04_weighting",
    "05_scoring",
    "06_summary",
)
REPORT_FIRST = ("06_summary",)


def sample_engagements() -> list[Path]:
    """Sample engagement folders shipped with the kit, sorted by name."""
    return sorted(p.parent for p in DATA_SAMPLES.glob("*/engagement.yaml"))


def resolve(path: str | Path) -> Path:
    """Resolve a user path: as given (relative to the working directory), else to the repo.

    Notebooks run with ``notebooks/`` as working directory, so their default parameter
    ``"data_samples/xingyun_saas"`` is found relative to the repository root.
    """
    candidate = Path(path).expanduser()
    if candidate.is_absolute() or candidate.exists():
        return candidate.resolve()
    return (REPO_ROOT / candidate).resolve()


def stage_notebooks(stages: list[str] | None = None) -> list[Path]:
    """The stage notebooks that exist, in execution order, optionally filtered by prefix."""
    found = []
    for stem in STAGE_ORDER:
        path = NOTEBOOKS / f"{stem}.ipynb"
        wanted = not stages or any(stem.startswith(s) or stem[3:] == s for s in stages)
        if path.exists() and wanted:
            found.append(path)
    return found


def default_output(engagement_dir: Path) -> Path:
    """``build/<engagement>/`` for an engagement folder."""
    return BUILD / safe_name(engagement_dir.resolve().name)


def safe_name(name: str) -> str:
    """A file-system-safe name for client text (keeps CJK, drops separators and dots)."""
    cleaned = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", name).strip("._")
    return cleaned or "engagement"


def safe_child(base: Path, *parts: str) -> Path:
    """``base/parts`` guaranteed to stay inside ``base`` (refuses ``..`` and absolute parts)."""
    base = base.resolve()
    target = base.joinpath(*parts).resolve()
    if target != base and base not in target.parents:
        msg = f"refusing to write {target}: it is outside the output folder {base}"
        raise ValueError(msg)
    return target
