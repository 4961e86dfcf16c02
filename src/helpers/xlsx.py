"""Workbook writing shared by every Excel output: client text stays text, files are written
atomically."""

from __future__ import annotations

from pathlib import Path

from helpers import atomic


def set_text(cell, value) -> None:
    """Write ``value``; strings become text cells, never formulas (even when starting "=")."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def save_atomically(book, target: Path) -> Path:
    """Save ``book`` to a temporary file beside ``target``, then rename it into place."""
    return atomic.write_atomically(target, book.save)
