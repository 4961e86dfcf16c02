"""Safe YAML loading with libyaml's C parser when PyYAML was built with it.

The KPI library alone is ~30,000 YAML nodes: the pure-Python SafeLoader spends ~2.5 s on it,
the C ``CSafeLoader`` ~0.2 s (docs/performance.md). Both construct only plain Python types.
"""

from __future__ import annotations

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(stream):
    """``yaml.safe_load`` with the fastest safe loader available (text or open file)."""
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - a SafeLoader
