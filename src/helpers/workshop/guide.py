"""The facilitator guide: agenda with timings, and per exercise the method step, the goal, the
reference answer on the sample company (computed by the exercise's own ``solution_table``),
the mistakes to watch for and the discussion questions (taken from the notebook itself).

``templates/workshop/guide.yaml`` holds what only the facilitator needs; everything a notebook
already says (title, suggested time, discussion questions) is read from the notebook, so the
guide and the notebooks cannot drift apart. The guide is rendered with the report's template
(:mod:`helpers.report`): same look, same CJK fonts, HTML and PDF.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill

from helpers import display, engagement, glossary, i18n, paths, policy, report, yamlio

GUIDE = paths.TEMPLATES / "workshop" / "guide.yaml"
WORKSHOP = paths.NOTEBOOKS / "workshop"
DISCUSSION_HEADINGS = ("## 讨论", "## Discussion")
_MINUTES = re.compile(r"(?:建议用时|Suggested time)\s*[:：]\s*(\d+)")
_NUMBERED = re.compile(r"^\s*\d+[.、)]\s*(.+)$")


def load() -> dict:
    with open(GUIDE, encoding="utf-8") as handle:
        return yamlio.load(handle)


def exercise_notebooks(guide: dict | None = None) -> list[Path]:
    """The notebooks of the agenda, in agenda order."""
    guide = guide or load()
    return [WORKSHOP / item["notebook"] for item in guide["agenda"] if item.get("notebook")]


def language_cells(notebook: nbformat.NotebookNode, lang: str) -> list[str]:
    return [c.source for c in notebook.cells
            if c.cell_type == "markdown" and f"lang-{lang}" in c.metadata.get("tags", [])]


def title_of(notebook: nbformat.NotebookNode, lang: str) -> str:
    """The notebook's first ``# `` heading in ``lang``."""
    for source in language_cells(notebook, lang):
        for line in source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return ""


def suggested_minutes(notebook: nbformat.NotebookNode, lang: str) -> int | None:
    """The first number of the notebook's "建议用时 / Suggested time" line."""
    for source in language_cells(notebook, lang):
        found = _MINUTES.search(source.replace("*", ""))
        if found:
            return int(found.group(1))
    return None


def discussion_questions(notebook: nbformat.NotebookNode, lang: str) -> list[str]:
    """The numbered items of the notebook's discussion section in ``lang``."""
    for source in language_cells(notebook, lang):
        if source.lstrip().startswith(DISCUSSION_HEADINGS):
            return [m.group(1).strip() for line in source.splitlines()
                    if (m := _NUMBERED.match(line))]
    return []


def parameters(path: Path) -> dict:
    """The defaults of a notebook's ``parameters`` cell as Python values."""
    found = papermill.inspect_notebook(str(path))
    return {name: ast.literal_eval(spec["default"]) for name, spec in found.items()}


# -- reference answers --------------------------------------------------------------------

def reference_answer(exercise: str, loaded, rules: dict, lang: str,
                     params: dict) -> pd.DataFrame | None:
    """The exercise's solution table on the sample, from the exercise module's own solver
    (None for sessions without one)."""
    from helpers.workshop import judgements, moments, schemes, screening, spot

    if exercise == "spot":
        return spot.solution_table(spot.task(loaded, rules, lang, units=params["units"]), lang)
    if exercise == "moments":
        return moments.solution_table(moments.task(loaded, rules, lang), lang)
    position = {"unit": params.get("unit"), "position": params.get("position")}
    if exercise == "screening":
        return screening.solution_table(loaded, rules, lang, **position)
    if exercise == "judgements":
        return judgements.solution_table(loaded, rules, lang, **position)
    if exercise == "schemes":
        return schemes.solution_table(loaded, rules, lang, params["unit"], params.get("outcome"))
    return None


def sample_prompts(exercise: str, rules: dict, lang: str) -> list[str]:
    """The team comparison's discussion prompts, computed on the synthetic sample teams (its
    notebook computes them from the real teams' answers on the day)."""
    if exercise != "teams":
        return []
    from helpers.workshop import teams

    folder = paths.resolve(parameters(WORKSHOP / "06_team_comparison.ipynb")["teams_folder"])
    return teams.prompts(teams.compare(folder, rules), lang)


# -- the guide as a notebook ----------------------------------------------------------------

def agenda_table(guide: dict, lang: str) -> pd.DataFrame:
    """Start and end (minutes from the start, h:mm), session, minutes, notebook."""
    rows, start = [], 0
    for item in guide["agenda"]:
        title = item.get(f"title_{lang}") or title_of(_read(item["notebook"]), lang)
        end = start + int(item["minutes"])
        rows.append({i18n.t("workshop.guide.time", lang): f"{_clock(start)}–{_clock(end)}",
                     i18n.t("workshop.guide.session", lang): title,
                     i18n.t("workshop.guide.minutes", lang): int(item["minutes"]),
                     i18n.t("workshop.guide.notebook", lang): item.get("notebook", "")})
        start = end
    return pd.DataFrame(rows)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _t(key: str, lang: str, **params) -> str:
    return i18n.t(f"workshop.guide.{key}", lang, **params)


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(WORKSHOP / name, as_version=4)


def _markdown(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(text)


def _html(markup: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": markup})])


def _bullets(items: list[str], numbered: bool = False) -> str:
    return "\n".join(f"{n}. {item}" if numbered else f"- {item}"
                     for n, item in enumerate(items, start=1))


def session_cells(item: dict, loaded, rules: dict, lang: str) -> list:
    """One agenda item: its heading, timing, goal, reference answer, watch list, questions."""
    def t(key: str, **params) -> str:
        return _t(key, lang, **params)

    if not item.get("notebook"):
        notes = item.get(f"notes_{lang}", "")
        return [_markdown(f"## {item[f'title_{lang}']}\n\n"
                          f"**{t('duration', minutes=item['minutes'])}** · {notes}")]
    notebook = _read(item["notebook"])
    cells = [_markdown(
        f"## {title_of(notebook, lang)}\n\n"
        f"**{t('duration', minutes=item['minutes'])}** · `{item['notebook']}` · "
        f"{item[f'method_{lang}']}\n\n**{t('goal')}** {item[f'goal_{lang}']}")]
    answer = reference_answer(item["id"], loaded, rules, lang,
                              parameters(WORKSHOP / item["notebook"]))
    if answer is not None:
        cells += [_markdown(f"### {t('reference')}"), _html(display.table_html(answer))]
    cells.append(_markdown(f"### {t('watch')}\n\n{_bullets(item[f'watch_{lang}'])}"))
    questions = [glossary.translate(q) for q in
                 discussion_questions(notebook, lang) or sample_prompts(item["id"], rules, lang)]
    if questions:
        cells.append(_markdown(f"### {t('questions')}\n\n{_bullets(questions, True)}"))
    return cells


def guide_notebook(lang: str, guide: dict | None = None) -> nbformat.NotebookNode:
    """The whole guide, one chapter, ready for :func:`helpers.report.to_html`."""
    guide = guide or load()
    sample = _sample()
    rules = policy.for_engagement(sample.profile)
    previous = glossary.active()
    glossary.activate(glossary.for_report(sample, lang))
    try:
        def t(key: str, **params) -> str:
            return _t(key, lang, **params)

        cells = [_markdown(f"# {guide[f'title_{lang}']}"), _markdown(guide[f"intro_{lang}"]),
                 _markdown(f"## {t('preparation')}\n\n{_bullets(guide[f'preparation_{lang}'])}"),
                 _markdown(f"## {t('agenda')}"), _html(display.table_html(agenda_table(guide,
                                                                                        lang)))]
        for item in guide["agenda"]:
            cells += session_cells(item, sample, rules, lang)
    finally:
        glossary.activate(previous)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    return notebook


def sample_folder() -> Path:
    """The workshop's sample engagement: the ``engagement`` default of the first exercise."""
    return paths.resolve(parameters(exercise_notebooks()[0])["engagement"])


def _sample():
    return engagement.load(sample_folder())


def cover(lang: str, guide: dict | None = None) -> dict:
    guide = guide or load()
    sample = _sample()
    total = sum(int(item["minutes"]) for item in guide["agenda"])
    return {
        "kicker": i18n.t("workshop.guide.kicker", lang),
        "title": guide[f"title_{lang}"],
        "client": sample.client(lang),
        "rows": [[i18n.t("workshop.guide.total", lang), i18n.t("workshop.guide.duration", lang,
                                                               minutes=total)],
                 [i18n.t("workshop.guide.exercises", lang), str(len(exercise_notebooks(guide)))],
                 [i18n.t("report.cover.language", lang),
                  i18n.t("report.cover.language_name", lang)]],
        "notices": [i18n.t("workshop.guide.confidential", lang),
                    i18n.t("report.cover.synthetic", lang)],
        "contents": i18n.t("report.contents", lang),
    }


def write(folder: Path, lang: str, pdf: bool = True) -> list[Path]:
    """``guide.<lang>.html`` (and ``.pdf``) in ``folder``; the paths written."""
    page = report.to_html(guide_notebook(lang), lang, cover(lang))
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"guide.{lang}.html"
    html_path.write_text(page, encoding="utf-8")
    written = [html_path]
    if pdf:
        report.write_pdf(page, folder / f"guide.{lang}.pdf", lang)
        written.append(folder / f"guide.{lang}.pdf")
    return written
