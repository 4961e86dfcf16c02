"""Altair set-up for reports and JupyterLab: a registered theme with the CJK font set
explicitly, and a renderer that works offline everywhere.

The ``orient`` renderer puts two representations in every chart's output:

- ``image/svg+xml``: a static SVG made by vl-convert. nbconvert puts it in the HTML report,
  WeasyPrint draws it in the PDF, and JupyterLab falls back to it. No CDN is involved.
- the Vega-Lite spec (``application/vnd.vegalite.v6+json`` for Altair 6): JupyterLab renders
  it interactively when it can, and ``orient run --interactive-charts`` turns it into a live
  chart with the Vega bundle inlined once (see :mod:`helpers.report`).

Chart builders used by several stages live here too; they return ``alt.Chart`` objects so
tests can inspect ``chart.to_dict()``.
"""

from __future__ import annotations

import math

import altair as alt

from helpers import glossary

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
VEGALITE_MIMETYPE = f"application/vnd.vegalite.v{alt.SCHEMA_VERSION.lstrip('v').split('.')[0]}+json"

#: Colours of the orientation codes (METHOD §1), used by every chart that shows them.
ORIENTATION_COLOURS = {
    "customer": "#0f8b8d",
    "business": "#3a6ea5",
    "internal": "#a3a3a3",
    "capability": "#8e6bbf",
    "risk": "#c8553d",
    "unknown": "#dddddd",
}
ACCENT = "#0f8b8d"
MUTED = "#a3a3a3"
WARNING = "#c8553d"


@alt.theme.register("orient", enable=False)
def orient_theme() -> alt.theme.ThemeConfig:
    """Report theme: CJK font stack everywhere, quiet axes, A4-friendly width."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 520, "continuousHeight": 260, "stroke": None},
            "title": {"font": FONT, "fontSize": 14, "anchor": "start", "color": "#222"},
            "axis": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11,
                     "titleFontSize": 11, "gridColor": "#eeeeee", "domainColor": "#888"},
            "legend": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 11, "labelLimit": 360,
                       "titleFontSize": 11, "orient": "bottom"},
            "header": {"labelFont": FONT, "titleFont": FONT},
            "text": {"font": FONT},
            "mark": {"font": FONT},
            "range": {"category": list(ORIENTATION_COLOURS.values())},
        }
    }


def svg(spec: dict) -> str:
    """Static SVG of a Vega-Lite spec (vl-convert; offline)."""
    import vl_convert

    version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    return vl_convert.vegalite_to_svg(spec, vl_version=version)


def orient_renderer(spec: dict, **metadata) -> dict:
    """Altair renderer returning a static SVG plus the spec (see module docstring); client
    names in the spec go through the active glossary (English reports of Chinese engagements)."""
    spec = glossary.translate_tree(spec)
    return {"image/svg+xml": svg(spec), VEGALITE_MIMETYPE: spec}


alt.renderers.register("orient", orient_renderer)


def setup() -> None:
    """Enable the kit's theme and renderer; call once at the top of each notebook."""
    alt.theme.enable("orient")
    alt.renderers.enable("orient")
    alt.data_transformers.disable_max_rows()


def diverging_bars(frame, category: str, value: str, colour: str, title: str,
                   colour_domain: list[str], colour_range: list[str]) -> alt.Chart:
    """Horizontal bars around zero (negative left, positive right), sorted as given."""
    order = list(frame[category])
    low, high = min(0, frame[value].min()), max(0, frame[value].max())
    ticks = list(range(math.floor(low), math.ceil(high) + 1))
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X(f"{value}:Q", title=None, axis=alt.Axis(values=ticks, format="d")),
            y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(f"{colour}:N", scale=alt.Scale(domain=colour_domain,
                                                           range=colour_range), title=None),
            tooltip=[category, value],
        )
        .properties(width=460, height=max(60, 26 * len(order)))
    )
