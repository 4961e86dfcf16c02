"""Exceptions of the kit (one module, specific subclasses, as papermill does).

Bad input is reported as :class:`InputError`, carrying every :class:`Problem` found in one
pass. Each problem names the file, sheet, row and column, what was expected, what was found
and how to fix it, in Chinese or English (message catalog ``templates/messages``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class OrientError(Exception):
    """Base class of the kit's own errors."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``severity="error"``) or odd but legal (``"warning"``) in the input.

    ``row`` is the row number a spreadsheet shows (header = row 1); ``column`` is the
    header as the client wrote it, ``letter`` its spreadsheet column letter.
    """

    file: str
    code: str
    params: dict = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    letter: str | None = None
    severity: str = "error"

    def render(self, lang: str = "zh") -> str:
        """One line: location, then what was expected, found, and the fix."""
        from helpers import i18n

        where = [i18n.t("problem.where.file", lang, file=self.file)]
        if self.sheet:
            where.append(i18n.t("problem.where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            kind = "line" if self.file.endswith((".yaml", ".yml")) else "row"
            where.append(i18n.t(f"problem.where.{kind}", lang, row=self.row))
        if self.column is not None:
            letter = f"{self.letter} " if self.letter else ""
            where.append(i18n.t("problem.where.column", lang, letter=letter, column=self.column))
        location = i18n.t("problem.where.join", lang).join(where)
        text = i18n.t(f"problem.{self.code}", lang, **self.params)
        return i18n.t("problem.line", lang, location=location, text=text)


class InputError(OrientError, ValueError):
    """The engagement's input is invalid; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem], lang: str = "en"):
        self.problems = [p for p in problems if p.severity == "error"]
        self.lang = lang
        super().__init__(self.render(lang))

    def render(self, lang: str | None = None) -> str:
        """All problems, one per line."""
        return "\n".join(p.render(lang or self.lang) for p in self.problems)


class StageError(OrientError):
    """A stage notebook failed while executing; the executed notebook is kept for debugging."""

    def __init__(self, stage: str, notebook: str, detail: str):
        self.stage, self.notebook, self.detail = stage, notebook, detail
        super().__init__(f"stage {stage} failed: {detail} (executed notebook kept at {notebook})")


class FontMissingError(OrientError):
    """A Chinese PDF was requested but no CJK font is installed."""
