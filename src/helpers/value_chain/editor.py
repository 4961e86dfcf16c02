"""The consultant's editor of touchpoint links (issue 5 item 7): pick a touchpoint, choose a
department role or an indicator, add or remove it, queue the edit, save. Edits go to
``decisions/journey.csv`` (``helpers.value_chain.journey``); batch runs replay them."""

from __future__ import annotations

from html import escape

import pandas as pd

from helpers import i18n
from helpers.value_chain import journey
from helpers.value_chain.charts import touchpoint_label

LETTERS = ("R", "A", "C", "I")


def journey_editor(ctx, result) -> None:
    """Show the editor widget (JupyterLab only)."""
    import ipywidgets as widgets
    from IPython.display import display

    lang = ctx.lang

    def t(key):
        return i18n.t(f"value_chain.decisions.{key}", lang)

    frame = result.journey
    touchpoint = widgets.Dropdown(description=t("touchpoint"),
                                  options=list(zip(touchpoint_label(frame),
                                                   frame["touchpoint_id"], strict=True)))
    kind = widgets.ToggleButtons(description=t("kind"),
                                 options=[(t("kind_raci"), "raci"),
                                          (t("kind_indicator"), "indicator")])
    letter = widgets.Dropdown(description=t("letter"), options=LETTERS)
    value = widgets.Combobox(description=t("value"), options=_choices(ctx, "raci"),
                             ensure_option=False)
    action = widgets.ToggleButtons(description=t("action"),
                                   options=[(t("add"), "add"), (t("remove"), "remove")])
    queued = []
    status = widgets.HTML()
    kind.observe(lambda change: setattr(value, "options", _choices(ctx, change["new"])),
                 names="value")
    queue = widgets.Button(description=t("queue"))
    save = widgets.Button(description=t("save"), button_style="primary")
    queue.on_click(lambda _: _queue(queued, touchpoint, kind, letter, value, action, status))
    save.on_click(lambda _: _save(ctx, queued, status))
    display(widgets.VBox([widgets.HTML(escape(t("intro"))), touchpoint, kind, letter, value,
                          action, widgets.HBox([queue, save]), status]))


def _choices(ctx, kind: str) -> list[str]:
    """Departments (the client's units) or current indicator names."""
    if kind == "raci":
        return journey.client_units(ctx.engagement)
    return sorted(set(ctx.engagement.table("current_kpis")["indicator"]))


def _queue(queued, touchpoint, kind, letter, value, action, status) -> None:
    if not value.value:
        return
    queued.append({"touchpoint_id": touchpoint.value, "kind": kind.value,
                   "letter": letter.value if kind.value == "raci" else "",
                   "value": value.value, "action": action.value})
    status.value = "<br>".join(escape(" · ".join(str(v) for v in q.values())) for q in queued)


def _save(ctx, queued, status) -> None:
    existing = journey.read_journey_decisions(ctx.engagement.path)
    frame = pd.concat([existing, pd.DataFrame(queued)], ignore_index=True)
    path = journey.write_journey_decisions(ctx.engagement.path, frame)
    queued.clear()
    status.value = escape(i18n.t("value_chain.decisions.saved", ctx.lang, count=len(frame),
                                 path=str(path)))
