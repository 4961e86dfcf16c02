"""One report document from the executed stage notebooks (DESIGN §5).

Executed notebooks are merged in report order (the summary first), filtered to one language,
and exported by nbconvert with the kit's template (``templates/report/orient``): no code, no
prompts, no CDN scripts, charts as static SVG. The PDF is WeasyPrint on the same HTML (A4,
fonts embedded, cover page, page numbers).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat

from helpers import fonts, glossary, i18n, paths
from helpers.charts import VEGALITE_MIMETYPE
from helpers.preprocessors import ChapterMarks, InteractiveCharts, LanguageFilter, RemoveStderr

TEMPLATE_NAME = "orient"
LANGUAGE_CODES = {"zh": "zh", "en": "en"}  # nbconvert accepts ISO 639-1 codes only
_H1 = re.compile(r'<h1 id="([^"]+)">(.*?)<a class="anchor-link"', re.S)


def report_order(notebooks: list[Path]) -> list[Path]:
    """Summary chapter(s) first, then the stages in execution order."""
    first = [nb for nb in notebooks if nb.stem in paths.REPORT_FIRST]
    return first + [nb for nb in notebooks if nb.stem not in paths.REPORT_FIRST]


def merge(notebooks: list[Path]) -> nbformat.NotebookNode:
    """All cells of the executed notebooks, in report order, in one notebook."""
    merged = nbformat.v4.new_notebook()
    for path in report_order(notebooks):
        nb = nbformat.read(path, as_version=4)
        merged.cells.extend(nb.cells)
        merged.metadata.setdefault("kernelspec", nb.metadata.get("kernelspec", {}))
        merged.metadata.setdefault("language_info", nb.metadata.get("language_info", {}))
    return merged


def cover(engagement, lang: str, marked: bool = False) -> dict:
    """Cover-page fields in the report language (client text stays as written); ``marked``:
    the body keeps client names in Chinese marked with the glossary's mark, explained here."""
    meta = engagement.profile.get("report", {})
    suffix = "_en" if lang == "en" else ""
    title = meta.get(f"title{suffix}") or meta.get("title") or ""
    consultant = meta.get(f"consultant{suffix}") or meta.get("consultant") or ""
    notices = []
    if meta.get("confidential"):
        notices.append(i18n.t("report.cover.confidential", lang))
    if engagement.profile.get("synthetic"):
        notices.append(i18n.t("report.cover.synthetic", lang))
    if marked:
        notices.append(i18n.t("report.cover.untranslated", lang, mark=glossary.MARK))
    return {
        "kicker": i18n.t("report.cover.language_name", lang),
        "title": str(title),
        "client": engagement.client(lang),
        "rows": [
            [i18n.t("report.cover.prepared_by", lang), str(consultant)],
            [i18n.t("report.cover.date", lang), str(meta.get("date", ""))],
            [i18n.t("report.cover.language", lang), i18n.t("report.cover.language_name", lang)],
        ],
        "notices": notices,
        "contents": i18n.t("report.contents", lang),
    }


def has_marks(notebook: nbformat.NotebookNode) -> bool:
    """Whether any output keeps client text untranslated (see :mod:`helpers.glossary`)."""
    return glossary.MARK in nbformat.writes(notebook)


def to_html(notebook: nbformat.NotebookNode, lang: str, cover_fields: dict,
            interactive_charts: bool = False) -> str:
    """The report as one self-contained HTML string."""
    from nbconvert import HTMLExporter

    notebook = notebook.copy()
    notebook.metadata["orient"] = cover_fields
    notebook.metadata["title"] = cover_fields.get("title") or cover_fields.get("client", "")
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(paths.REPORT_TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=LANGUAGE_CODES[lang],
    )
    exporter.register_preprocessor(LanguageFilter(keep=lang), enabled=True)
    exporter.register_preprocessor(RemoveStderr(), enabled=True)
    exporter.register_preprocessor(ChapterMarks(), enabled=True)
    resources = {}
    if interactive_charts:
        import vl_convert

        exporter.register_preprocessor(InteractiveCharts(mimetype=VEGALITE_MIMETYPE), enabled=True)
        resources["orient_vega_bundle"] = vl_convert.javascript_bundle()
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    return _with_toc(body)


def _with_toc(body: str) -> str:
    """Give each chapter (h1) an ASCII anchor and list the chapters in the table of contents.

    nbconvert derives anchors from the heading text and percent-encodes CJK; WeasyPrint
    then fails to resolve them for the TOC page numbers, so chapters get ``chapter-N``."""
    items = []
    for number, (anchor, title) in enumerate(_H1.findall(body), start=1):
        body = body.replace(f'id="{anchor}"', f'id="chapter-{number}"', 1)
        body = body.replace(f'href="#{anchor}"', f'href="#chapter-{number}"', 1)
        items.append(f'<li><a href="#chapter-{number}">{html.escape(_strip_tags(title))}</a></li>')
    return body.replace("<!-- orient-toc -->", f"<ol>{''.join(items)}</ol>", 1)


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def write_pdf(report_html: str, target: Path, lang: str) -> None:
    """Render the HTML to an A4 PDF with WeasyPrint; fonts are embedded (subsetted)."""
    if lang == "zh" or fonts.contains_cjk(report_html):
        fonts.require_cjk_font()
    from weasyprint import HTML

    HTML(string=report_html, base_url=str(target.parent)).write_pdf(target)


def chapter_titles(report_html: str) -> list[str]:
    """The h1 chapter titles of a report (used by tests and the run summary)."""
    return [_strip_tags(t) for _, t in _H1.findall(report_html)]


def dumps_manifest(manifest: dict) -> str:
    return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False)
