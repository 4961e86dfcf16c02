"""What a client keeps besides the report, written by ``orient run`` from the stages'
artifacts into the staging folder (then promoted with the report):

- ``cardbook.html`` / ``cardbook.pdf``: the KPI card book (指标说明书, METHOD §4, seed 001
  步骤6) as its own document, one card per core indicator with the positions that carry it and
  their weights (stage 04), using the report's template and fonts;
- ``scorecard.xlsx``: the scorecard workbook with live formulas
  (:mod:`helpers.scorecard_workbook`), when the format ``xlsx`` is asked for;
- ``hr_export/``: the scheme as Frappe HRMS import files (:mod:`helpers.hr_export`).

A deliverable whose stage artifacts are missing (a run of earlier stages only) is skipped.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd

from helpers import glossary, i18n, report

CARDBOOK_FILES = {"html": "cardbook.html", "pdf": "cardbook.pdf"}
SCORECARD_FILE = "scorecard.xlsx"
HR_EXPORT_FOLDER = "hr_export"


def _weighted_selection(selection: pd.DataFrame, weights: pd.DataFrame | None) -> pd.DataFrame:
    """The selection's core rows; the position label carries its policy weight when known."""
    core = selection[selection["role"] == "core"].copy()
    if weights is None or weights.empty:
        return core
    found = weights.set_index(["unit", "position", "key"])["weight"]
    index = pd.MultiIndex.from_frame(core[["unit", "position", "key"]])
    core["weight"] = found.reindex(index).to_numpy()
    return core


def cardbook_notebook(selection: pd.DataFrame, weights: pd.DataFrame | None,
                      lang: str, names=None) -> nbformat.NotebookNode:
    """A one-chapter notebook: the card book title, a sentence and the cards, one output per
    card so the PDF can break pages between cards; ``names`` (a
    :class:`helpers.glossary.Glossary`) puts client names in English."""
    from helpers.kpi_pool import cardbook

    core = _weighted_selection(selection, weights)
    previous = glossary.active()
    glossary.activate(names)
    try:
        cards = [glossary.translate_html(card) for card in cardbook.cards_html(core, lang)]
    finally:
        glossary.activate(previous)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(f"# {i18n.t('deliverables.cardbook.title', lang)}"),
        nbformat.v4.new_markdown_cell(i18n.t("deliverables.cardbook.intro", lang,
                                             count=core["key"].nunique())),
        nbformat.v4.new_code_cell(outputs=[
            nbformat.v4.new_output("display_data", data={"text/html": card})
            for card in cards]),
    ]
    return notebook


def write_all(folder: Path, engagement, lang: str, formats, staging: Path) -> None:
    """Every deliverable the saved artifacts in ``folder`` allow, into ``staging``."""
    from helpers import kpi_pool, weighting

    pool = kpi_pool.KpiPoolResult.load_saved(folder / "kpi_pool")
    weights = weighting.WeightingResult.load_saved(folder / "weighting")
    if pool is not None:
        write_cardbook(pool, weights, engagement, lang, formats, staging)
    if weights is not None:
        write_hr_export(weights, lang, staging)
        if "xlsx" in formats:
            write_scorecard(weights, engagement, lang, staging)


def write_cardbook(pool, weights, engagement, lang: str, formats, staging: Path) -> list[str]:
    """``cardbook.html`` / ``.pdf`` in ``staging`` from stage 03's selection and stage 04's
    weights (None: cards without weights); the names written."""
    wanted = [f for f in ("html", "pdf") if f in formats]
    if not wanted:
        return []
    notebook = cardbook_notebook(pool.selection, weights.weights if weights else None, lang,
                                 glossary.for_report(engagement, lang))
    cover = report.cover(engagement, lang, marked=report.has_marks(notebook))
    cover["title"] = i18n.t("deliverables.cardbook.title", lang)
    page = report.to_html(notebook, lang, cover)
    written = []
    if "html" in wanted:
        (staging / CARDBOOK_FILES["html"]).write_text(page, encoding="utf-8")
        written.append(CARDBOOK_FILES["html"])
    if "pdf" in wanted:
        report.write_pdf(page, staging / CARDBOOK_FILES["pdf"], lang)
        written.append(CARDBOOK_FILES["pdf"])
    return written


def write_scorecard(weights, engagement, lang: str, staging: Path) -> list[str]:
    """``scorecard.xlsx`` in ``staging`` from stage 04's result (names written)."""
    from helpers import policy as policy_files
    from helpers import scorecard_workbook

    rules = policy_files.for_engagement(engagement.profile)
    scorecard_workbook.write(engagement, rules, weights, staging / SCORECARD_FILE, lang)
    return [SCORECARD_FILE]


def write_hr_export(weights, lang: str, staging: Path) -> list[str]:
    """Frappe HRMS import files in ``staging/hr_export/`` (names written, relative); none
    when no position has weights."""
    from helpers import hr_export

    if pd.to_numeric(weights.weights.get("weight"), errors="coerce").notna().sum() == 0:
        return []
    paths = hr_export.write_frappe(weights, staging / HR_EXPORT_FOLDER, lang)
    return [f"{HR_EXPORT_FOLDER}/{path.name}" for path in paths]
