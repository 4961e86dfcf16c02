"""Outputs written atomically: a temporary file beside the target, then renamed into place, so
a reader never sees half a file and a failed write leaves the previous file untouched."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(target: Path, write: Callable[[str], None]) -> Path:
    """Call ``write(temporary_path)`` on a temporary file beside ``target``, then rename it to
    ``target`` with the permissions a normally created file would get."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix,
                                         dir=target.parent)
    os.close(handle)
    try:
        write(temporary)
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
