"""Keep kernel start-up fast.

With JupyterLab installed, ``jsonschema`` finds the optional ``rfc3987_syntax`` package and
imports it at ``import jsonschema`` time to check the ``iri``/``uri`` string formats; that
single import builds a Lark grammar and costs about 0.6 s (measured with
``python -X importtime -c "import altair"``; see docs/performance.md). Altair validates
chart specs with jsonschema but never needs those two formats, so we make the optional
import fail fast, exactly as if the package were not installed. jsonschema handles the
absence itself (it guards the import with ``suppress(ImportError)``).
"""

import sys

SLOW_OPTIONAL_MODULES = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """Mark slow optional modules as absent unless something already imported them."""
    for name in SLOW_OPTIONAL_MODULES:
        sys.modules.setdefault(name, None)
