"""Safe YAML loading with libyaml's C parser when PyYAML was built with it.

The KPI library alone is ~30,000 YAML nodes: the pure-Python SafeLoader spends ~2.5 s on it,
the C ``CSafeLoader`` ~0.2 s (docs/performance.md). Both construct only plain Python types.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(stream):
    """``yaml.safe_load`` with the fastest safe loader available (text or open file)."""
    return yaml.load(stream, Loader=SafeLoader)  # noqa: S506 - a SafeLoader


def load_file(path: Path) -> dict:
    """A YAML file's mapping, parsed once and again only when the file changes (its
    modification time is part of the cache key). Shared: callers must not modify it."""
    path = Path(path)
    return _load_file(path, path.stat().st_mtime_ns)


@cache
def _load_file(path: Path, _mtime_ns: int) -> dict:
    with open(path, encoding="utf-8") as handle:
        return load(handle) or {}
