"""The consultant's review of low-confidence classifications (issue 4, METHOD §1).

In JupyterLab (``interactive=True``) a widget lists every indicator whose orientation was
recognised with less than the policy's confidence, each with a drop-down preset to the
kit's suggestion; "save" writes ``decisions/classification.csv`` in the engagement, which
batch runs replay (``helpers.decisions``). In batch the same list is shown as a table.
"""

from __future__ import annotations

import pandas as pd

from helpers import decisions, display, i18n
from helpers.diagnosis.shares import ORIENTATIONS, orientation_label


def to_review(scorecard: pd.DataFrame) -> pd.DataFrame:
    """Unique indicator names that need review, with the kit's suggestion and their rows."""
    pending = scorecard[scorecard["needs_review"]]
    if pending.empty:
        return pd.DataFrame(columns=["indicator", "orientation", "confidence", "matched_by",
                                     "units", "rows"])
    grouped = pending.reset_index().groupby("indicator", sort=False)
    return pd.DataFrame({
        "indicator": list(grouped.groups),
        "orientation": grouped["orientation"].first().to_list(),
        "confidence": grouped["confidence"].first().to_list(),
        "matched_by": grouped["matched_by"].first().to_list(),
        "units": grouped["unit"].agg(lambda u: "、".join(dict.fromkeys(u))).to_list(),
        "rows": grouped["row"].agg(lambda r: ", ".join(map(str, r))).to_list(),
    })


def review_table(pending: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The review list with translated headers and labels (batch reports)."""
    def t(key):
        return i18n.t(f"diagnosis.col.{key}", lang)

    return pd.DataFrame({
        t("indicator"): pending["indicator"],
        t("orientation"): [orientation_label(o, lang) for o in pending["orientation"]],
        t("confidence"): pending["confidence"].map(lambda c: f"{c:.0%}"),
        t("matched_by"): [i18n.t(f"diagnosis.matched_by.{m}", lang)
                          for m in pending["matched_by"]],
        t("unit"): pending["units"],
        t("rows"): pending["rows"],
    })


def show(ctx, pending: pd.DataFrame, replayed: int) -> None:
    """Widget in interactive mode, static table otherwise; states replayed decisions."""
    lang = ctx.lang
    threshold = ctx.policy["orientation"]["review_below_confidence"]
    if replayed:
        display.paragraph(i18n.t("diagnosis.review.replayed", lang, count=replayed), "note")
    if pending.empty:
        display.paragraph(i18n.t("diagnosis.review.none", lang), "note")
        return
    display.paragraph(i18n.t("diagnosis.review.intro", lang, count=len(pending),
                             threshold=threshold))
    if ctx.interactive:
        _widget(ctx, pending)
    else:
        display.table(review_table(pending, lang))


def _widget(ctx, pending: pd.DataFrame) -> None:
    import ipywidgets as widgets
    from IPython.display import display as show_widget

    lang = ctx.lang
    options = [(orientation_label(o, lang), o) for o in ORIENTATIONS if o != "unknown"]
    choices = {}
    rows = []
    for item in pending.itertuples(index=False):
        preset = item.orientation if item.orientation != "unknown" else None
        choices[item.indicator] = widgets.Dropdown(options=options, value=preset,
                                                   layout=widgets.Layout(width="12em"))
        label = widgets.HTML(f"<b>{_escape(item.indicator)}</b> "
                             f"<small>({_escape(item.units)} · {item.confidence:.0%})</small>")
        rows.append(widgets.HBox([choices[item.indicator], label]))
    status = widgets.HTML()
    button = widgets.Button(description=i18n.t("diagnosis.review.save", lang),
                            button_style="primary")
    button.on_click(lambda _: _save(ctx, choices, status))
    show_widget(widgets.VBox([*rows, button, status]))


def _save(ctx, choices: dict, status) -> None:
    decided = decisions.read_classification(ctx.engagement.path)
    decided.update({name: box.value for name, box in choices.items() if box.value})
    path = decisions.write_classification(ctx.engagement.path, decided)
    status.value = _escape(i18n.t("diagnosis.review.saved", ctx.lang, count=len(decided),
                                  path=str(path)))


def _escape(text: str) -> str:
    from html import escape

    return escape(str(text))
