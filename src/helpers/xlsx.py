"""Workbook writing shared by every Excel output: client text stays text, files are written
atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def set_text(cell, value) -> None:
    """Write ``value``; strings become text cells, never formulas (even when starting "=")."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def save_atomically(book, target: Path) -> Path:
    """Save ``book`` to a temporary file beside ``target``, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx",
                                         dir=target.parent)
    os.close(handle)
    try:
        book.save(temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _umask() -> int:
    """The process umask (mkstemp creates files readable by the owner only)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
