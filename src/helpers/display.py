"""Client-facing output in notebooks and reports: tables without index columns, headline
figures and short notes. Client text is always HTML-escaped here, and passes through the
active glossary (:mod:`helpers.glossary`), which puts an English report's client names in
English and marks the ones it cannot."""

from __future__ import annotations

from html import escape

import pandas as pd
from IPython.display import HTML, display

from helpers.glossary import translate, translate_html

#: Tables with this many columns are set smaller in print, so long English words still fit A4.
WIDE_COLUMNS = 7


def table_html(frame: pd.DataFrame, headers: dict[str, str] | None = None,
               formats: dict[str, str] | None = None, caption: str | None = None) -> str:
    """An HTML table without the DataFrame index; every cell escaped; numbers right-aligned.

    ``headers`` relabels columns (``{column: label}``); ``formats`` gives ``str.format``
    patterns per column (``{"share": "{:.0%}"}``).
    """
    formats = formats or {}
    headers = headers or {}
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])}
    head = "".join(
        f'<th class="{"num" if c in numeric else "text"}">'
        f'{escape(translate(str(headers.get(c, c))))}</th>'
        for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="{"num" if c in numeric else "text"}">'
            f"{escape(translate(_cell_text(value, formats.get(c))))}</td>"
            for c, value in zip(frame.columns, row, strict=True)) + "</tr>"
        for row in frame.itertuples(index=False, name=None))
    title = f"<caption>{escape(translate(caption))}</caption>" if caption else ""
    wide = ' data-wide="yes"' if len(frame.columns) >= WIDE_COLUMNS else ""
    return (f'<table class="orient-table"{wide}>{title}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _cell_text(value, pattern: str | None) -> str:
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return ""
    if pattern:
        return pattern.format(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def table(frame: pd.DataFrame, **options) -> None:
    """Show :func:`table_html` in the notebook / report."""
    display(HTML(table_html(frame, **options)))


def headline(figures: list[tuple[str, str, str]]) -> None:
    """Big-number tiles: ``[(label, value, note), ...]``."""
    tiles = "".join(
        f'<div class="orient-tile"><div class="orient-tile-value">{escape(translate(value))}</div>'
        f'<div class="orient-tile-label">{escape(translate(label))}</div>'
        f'<div class="orient-tile-note">{escape(translate(note))}</div></div>'
        for label, value, note in figures
    )
    display(HTML(f'<div class="orient-tiles">{tiles}</div>'))


def paragraph(text: str, kind: str = "text") -> None:
    """A sentence of dynamic narrative (``kind``: text, note, warning)."""
    display(HTML(f'<p class="orient-{escape(kind)}">{escape(translate(text))}</p>'))


def bullets(items: list[str], kind: str = "text") -> None:
    """A bulleted list of dynamic sentences."""
    if not items:
        return
    lis = "".join(f"<li>{escape(translate(item))}</li>" for item in items)
    display(HTML(f'<ul class="orient-{escape(kind)}">{lis}</ul>'))


def chart(figure, empty_message: str = "") -> None:
    """Show an Altair chart, or ``empty_message`` when there is nothing to draw (None)."""
    if figure is None:
        paragraph(empty_message, "note")
    else:
        display(figure)


def html_block(markup: str) -> None:
    """Show HTML built by the kit (client text inside it must already be escaped)."""
    display(HTML(translate_html(markup)))
