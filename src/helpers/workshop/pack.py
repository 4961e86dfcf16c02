"""``orient workshop build --out DIR``: the participant and facilitator packs (issue 10).

- ``DIR/participant/``: the exercise notebooks with every cell tagged ``solution`` removed by
  nbconvert's ``TagRemovePreprocessor``, the sample engagement they read, and a README. The
  notebooks run as they are: starter answers get "not yet" feedback from the checkers.
- ``DIR/facilitator/``: the same notebooks with their solutions, the team-comparison notebook
  with the synthetic sample teams, and the printable guide (``guide.<lang>.html`` / ``.pdf``).

With ``lang`` the packs keep only that language's instructions (cells tagged ``lang-xx``) and
the notebooks' ``lang`` parameter is set to it; without it both languages stay.
Each pack is built in a temporary folder next to its target and renamed into place, so a
failed build never leaves half a pack over a good one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor

from helpers import i18n, paths
from helpers.i18n import LANGUAGES
from helpers.preprocessors import SetParameters
from helpers.workshop import guide

SOLUTION_TAG = "solution"
TEAM_COMPARISON = "06_team_comparison.ipynb"
SAMPLE_TEAMS = paths.TEMPLATES / "workshop" / "sample_teams"
PACKS = ("participant", "facilitator")


def pack_notebook(source: Path, keep_solutions: bool, lang: str | None) -> nbformat.NotebookNode:
    """One notebook for a pack: solutions removed unless ``keep_solutions``; with ``lang``,
    the other languages' cells removed and the ``lang`` parameter set."""
    notebook = nbformat.read(source, as_version=4)
    removed = set() if keep_solutions else {SOLUTION_TAG}
    if lang:
        removed |= {f"lang-{code}" for code in LANGUAGES if code != lang}
    remover = TagRemovePreprocessor(remove_cell_tags=removed, enabled=True)
    notebook, _ = remover.preprocess(notebook, {})
    if lang:
        notebook, _ = SetParameters(values={"lang": lang}).preprocess(notebook, {})
    return notebook


def solution_cells(notebook: nbformat.NotebookNode) -> list:
    return [c for c in notebook.cells if SOLUTION_TAG in c.get("metadata", {}).get("tags", [])]


def notebooks_for(pack: str) -> list[Path]:
    """The exercise notebooks of a pack (the team comparison is the facilitator's)."""
    found = guide.exercise_notebooks()
    return found if pack == "facilitator" else [p for p in found if p.name != TEAM_COMPARISON]


def sample_folders(pack: str) -> list[Path]:
    """Data a pack's notebooks read: the sample engagement (and the sample teams)."""
    folders = [guide.sample_folder()]
    return folders + [SAMPLE_TEAMS] if pack == "facilitator" else folders


def build_pack(pack: str, target: Path, lang: str | None, pdf: bool = True) -> Path:
    """Write one pack to ``target`` (replacing an older one only once the new one is complete)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{pack}-", dir=target.parent))
    try:
        for source in notebooks_for(pack):
            notebook = pack_notebook(source, keep_solutions=pack == "facilitator", lang=lang)
            nbformat.write(notebook, staging / source.name)
        for folder in sample_folders(pack):
            shutil.copytree(folder, staging / folder.relative_to(paths.REPO_ROOT),
                            ignore=shutil.ignore_patterns("generate.py", "__pycache__"))
        for language in [lang] if lang else list(LANGUAGES):
            (staging / f"README.{language}.md").write_text(readme(pack, language),
                                                           encoding="utf-8")
            if pack == "facilitator":
                guide.write(staging, language, pdf=pdf)
        _replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _replace(staging: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)


def readme(pack: str, lang: str) -> str:
    """How to use the pack, with its notebooks listed."""
    names = "\n".join(f"- `{p.name}`: {guide.title_of(nbformat.read(p, as_version=4), lang)}"
                      for p in notebooks_for(pack))
    return i18n.t(f"workshop.pack.readme_{pack}", lang, notebooks=names)


def build(out: Path, lang: str | None = None, pdf: bool = True) -> dict[str, Path]:
    """Both packs under ``out``; returns pack name → folder."""
    out = Path(out)
    return {pack: build_pack(pack, out / pack, lang, pdf) for pack in PACKS}
