"""Message catalogs (``templates/messages/{zh,en}.yaml``) for dynamic report sentences,
table headers and error messages."""

from __future__ import annotations

from functools import cache

from helpers import paths, yamlio

LANGUAGES = ("zh", "en")


@cache
def catalog(lang: str) -> dict:
    """The flattened catalog of one language: ``{"a.b.c": "text"}``, merged from
    ``<lang>.yaml`` and the per-stage files ``<lang>.<stage>.yaml`` (a key may be defined once)."""
    if lang not in LANGUAGES:
        msg = f"language must be one of {', '.join(LANGUAGES)}; got {lang!r}"
        raise ValueError(msg)
    merged: dict = {}
    for path in [paths.MESSAGES / f"{lang}.yaml", *sorted(paths.MESSAGES.glob(f"{lang}.*.yaml"))]:
        with open(path, encoding="utf-8") as handle:
            part = _flatten(yamlio.load(handle) or {})
        duplicated = sorted(set(part) & set(merged))
        if duplicated:
            msg = f"{path.name} defines keys already defined elsewhere: {', '.join(duplicated)}"
            raise ValueError(msg)
        merged.update(part)
    return merged


def _flatten(tree: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def t(key: str, lang: str, /, **params) -> str:
    """The message ``key`` in ``lang``, formatted with ``params`` (``str.format`` syntax)."""
    text = catalog(lang)[key]
    return text.format(**params) if params else text


def has(key: str, lang: str) -> bool:
    """Whether the catalog defines ``key``."""
    return key in catalog(lang)


def label(key: str, lang: str, default: str | None = None) -> str:
    """A display label, falling back to ``default`` (or the key) when the catalog lacks it."""
    return catalog(lang).get(key, key if default is None else default)
