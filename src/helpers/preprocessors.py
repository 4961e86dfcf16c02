"""nbconvert preprocessors of the report, one transform each (nbconvert style)."""

from __future__ import annotations

import json
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Dict, Unicode

from helpers.i18n import LANGUAGES


class LanguageFilter(Preprocessor):
    """Drop cells tagged ``lang-xx`` for every language but ``keep``, and cells tagged
    ``report-skip`` (consultant-only cells)."""

    keep = Unicode("zh").tag(config=True)

    def preprocess(self, nb, resources):
        drop = {f"lang-{code}" for code in LANGUAGES if code != self.keep} | {"report-skip"}
        nb.cells = [c for c in nb.cells if not drop & set(c.get("metadata", {}).get("tags", []))]
        return nb, resources


class ChapterMarks(Preprocessor):
    """Tag the markdown cells that open a chapter (an h1 first line) so the template starts
    each chapter on a new page."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if "chapter" not in tags:
                tags.append("chapter")
        return cell, resources


class RemoveStderr(Preprocessor):
    """Drop stderr streams (library warnings, progress bars): never shown to a client."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
        return cell, resources


class InteractiveCharts(Preprocessor):
    """Turn each chart output (static SVG + Vega-Lite spec) into an HTML block that the
    template's inlined Vega bundle makes interactive; the SVG stays as the initial content."""

    mimetype = Unicode("").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if self.mimetype in data and "image/svg+xml" in data:
                spec = json.dumps(data[self.mimetype], ensure_ascii=False).replace("</", "<\\/")
                data["text/html"] = (
                    f'<div class="orient-chart">{data["image/svg+xml"]}</div>'
                    f'<script type="application/json" class="orient-vega-spec">{spec}</script>'
                )
                del data["image/svg+xml"]
        return cell, resources




class SetParameters(Preprocessor):
    """Give new defaults to names of the ``parameters`` cell (``name: type = value`` or
    ``name = value`` lines), e.g. the language of a workshop pack. Values are written with
    ``repr``, so they stay Python literals."""

    values = Dict().tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            return cell, resources
        lines = cell.source.splitlines()
        for name, value in self.values.items():
            pattern = re.compile(rf"^({re.escape(name)}\s*(?::[^=]+)?=\s*)([^#]*?)(\s*#.*)?$")
            lines = [pattern.sub(lambda m, v=value: f"{m.group(1)}{v!r}{m.group(3) or ''}",
                                 line) for line in lines]
        cell.source = "\n".join(lines)
        return cell, resources
