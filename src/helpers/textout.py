"""Plain-text tables for the terminal, aware that CJK characters take two columns."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospaced terminal (CJK characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns."""
    return f"{text}{' ' * max(0, width - display_width(text))}"


def text_table(rows: list[list[str]], header: list[str]) -> str:
    """Rows aligned in columns under a header (the last column is not padded)."""
    cells = [header, *rows]
    widths = [max(display_width(str(r[i])) for r in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [pad(str(v), w) for v, w in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join([*parts, str(row[-1])]).rstrip())
    return "\n".join(lines)
