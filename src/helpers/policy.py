"""Policy files (``templates/policies/<name>.yaml``): every default number of METHOD.md.

An engagement chooses a policy by name and may override single values; :func:`load` merges
the overrides into the named policy.
"""

from __future__ import annotations

import copy
from functools import cache

from helpers import paths, yamlio


@cache
def _read(name: str) -> dict:
    path = paths.safe_child(paths.POLICIES, f"{name}.yaml")
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in paths.POLICIES.glob("*.yaml")))
        msg = f"policy {name!r} not found in {paths.POLICIES}; known policies: {known}"
        raise FileNotFoundError(msg)
    with open(path, encoding="utf-8") as handle:
        return yamlio.load(handle)


def load(name: str = "default", overrides: dict | None = None) -> dict:
    """The named policy with ``overrides`` merged in (nested mappings merge key by key)."""
    return _merge(copy.deepcopy(_read(name)), overrides or {})


def for_engagement(profile: dict) -> dict:
    """The policy an engagement asks for in engagement.yaml."""
    return load(profile.get("policy", "default"), profile.get("policy_overrides"))


def _merge(base: dict, overrides: dict) -> dict:
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base
