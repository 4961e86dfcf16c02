"""CJK font detection: a Chinese PDF must never show boxes (DESIGN §5)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from functools import cache

from helpers.errors import FontMissingError

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

INSTALL_HINT = {
    "en": (
        "No Chinese (CJK) font is installed, so the Chinese PDF would show empty boxes. "
        "Install one and run again: Debian/Ubuntu `sudo apt-get install fonts-noto-cjk`, "
        "Fedora `sudo dnf install google-noto-sans-cjk-fonts`, "
        "Arch `sudo pacman -S noto-fonts-cjk`; "
        "or run as root `make system-deps`. To skip the PDF for now: `orient run ... --to html`."
    ),
}


def contains_cjk(text: str) -> bool:
    """Whether the text holds any CJK ideograph."""
    return bool(_CJK.search(text))


@cache
def has_cjk_font() -> bool:
    """True when fontconfig lists a font covering Chinese; macOS and Windows ship one."""
    if sys.platform in ("darwin", "win32"):
        return True
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                            check=False)
    return bool(listed.stdout.strip())


def require_cjk_font() -> None:
    """Raise FontMissingError with the install instruction when no CJK font exists."""
    if not has_cjk_font():
        raise FontMissingError(INSTALL_HINT["en"])
