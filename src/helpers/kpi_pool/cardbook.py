"""The KPI card book (指标说明书, METHOD §4, seed 001 步骤6): one card per selected indicator
with every field a client needs to run it — definition, purpose, formula, unit, polarity, data
source, period, owner, scoring rule, orientation and the behaviour it may distort."""

from __future__ import annotations

from html import escape

import pandas as pd

from helpers import glossary, i18n, library

#: Card rows in display order: (label key, library field or callable on the card).
FIELDS = ("definition", "purpose", "formula", "unit", "polarity", "data_source", "period",
          "orientation", "scoring", "gaming_risk", "balanced_by")


def card_values(row: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, text) pairs of one card: from the library card when the candidate has one,
    else from the client's own row."""
    lib = library.load()
    card_id = row.get("library_id")
    if isinstance(card_id, str) and card_id in lib.cards.index:
        card = lib.cards.loc[card_id]
        values = {
            "definition": card[f"definition_{lang}"], "purpose": card[f"purpose_{lang}"],
            "formula": library.formula_text(card["formula"], lang),
            "unit": library.display_value(lib, "unit", card["unit"], lang),
            "polarity": library.display_value(lib, "polarity", card["polarity"], lang),
            "data_source": card[f"data_source_{lang}"],
            "period": library.display_value(lib, "period", card["period"], lang),
            "orientation": library.display_value(lib, "orientation", card["orientation"], lang),
            "scoring": library.display_value(lib, "scoring", card["scoring"], lang),
            "gaming_risk": card[f"gaming_risk_{lang}"],
            "balanced_by": _names(card["balanced_by"], lib, lang),
        }
    else:
        values = {"definition": row.get("definition"), "formula": row.get("formula"),
                  "data_source": row.get("data_source"), "period": row.get("period"),
                  "orientation": i18n.t(f"diagnosis.orientation.{row.get('orientation')}", lang)
                  if row.get("orientation") else ""}
    missing = i18n.t("kpi_pool.card.missing", lang)
    return [(i18n.t(f"kpi_pool.card.{field}", lang), _text(values.get(field)) or missing)
            for field in FIELDS if field in values]


def _names(ids, lib, lang: str) -> str:
    names = [lib.cards.at[i, f"name_{lang}"] for i in ids or [] if i in lib.cards.index]
    return ("、" if lang == "zh" else ", ").join(names)


def _text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def card_html(row: pd.Series, lang: str, positions: list[str] | None = None) -> str:
    """One card as an HTML block (client text escaped), with the positions that use it. The
    other language's name is shown beside the title, except when a glossary is translating
    the client's names (it would repeat the title)."""
    title = row.get(f"name_{lang}") or row.get("name_zh")
    other = row.get("name_en" if lang == "zh" else "name_zh") or ""
    if glossary.active() is not None:
        other = ""
    values = card_values(row, lang)
    if positions:
        joiner = "、" if lang == "zh" else ", "
        values.append((i18n.t("kpi_pool.card.positions", lang), joiner.join(positions)))
    lines = "".join(f"<tr><th>{escape(label)}</th><td>{escape(text)}</td></tr>"
                    for label, text in values)
    return (f'<div class="orient-card"><div class="orient-card-title">{escape(str(title))}'
            f' <span class="orient-card-sub">{escape(str(other))}</span></div>'
            f'<table class="orient-card-fields">{lines}</table></div>')


def _position_label(row: pd.Series) -> str:
    """"unit · position", with the policy weight when the row carries one ("… (30%)")."""
    label = f"{row['unit']} · {row['position']}"
    weight = row.get("weight")
    return label if weight is None or pd.isna(weight) else f"{label} ({float(weight):.0f}%)"


def cards_html(selection: pd.DataFrame, lang: str) -> list[str]:
    """One card per distinct core indicator of the selection, in order of first use, each
    listing the positions that carry it (with their weight when the selection has a
    ``weight`` column, as in the stand-alone card book)."""
    core = selection[selection["role"] == "core"]
    cards = []
    for _, group in core.groupby("key", sort=False):
        positions = list(dict.fromkeys(_position_label(row) for _, row in group.iterrows()))
        cards.append(card_html(group.iloc[0], lang, positions))
    return cards


def cardbook_html(selection: pd.DataFrame, lang: str) -> str:
    """All cards of :func:`cards_html` as one HTML block."""
    return "".join(cards_html(selection, lang))
