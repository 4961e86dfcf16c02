"""What a checker returns: verdicts that teach, not only right or wrong.

A :class:`Feedback` holds one :class:`Note` per thing the participant got right, got wrong,
missed, or should think about. Each note names its subject (an indicator, a touchpoint, a
judgement) and explains why in the workshop's language. Notebooks show it as escaped HTML;
tests read ``verdicts`` and ``text()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from helpers import i18n

VERDICTS = ("correct", "mistake", "missing", "hint")
ICONS = {"correct": "✓", "mistake": "✗", "missing": "○", "hint": "→"}


@dataclass(frozen=True)
class Note:
    """One verdict: ``verdict`` in :data:`VERDICTS`, the ``subject`` it is about (client text,
    escaped when shown) and the ``message`` that explains it."""

    verdict: str
    subject: str
    message: str

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            msg = f"verdict must be one of {', '.join(VERDICTS)}, got {self.verdict!r}"
            raise ValueError(msg)


@dataclass
class Feedback:
    """A checker's answer for one exercise.

    ``score`` out of ``out_of`` counts the graded items; ``passed`` is true when nothing is
    wrong or missing (hints do not count against the participant).
    """

    exercise: str
    lang: str
    notes: list[Note] = field(default_factory=list)
    score: int = 0
    out_of: int = 0

    @property
    def passed(self) -> bool:
        return not any(n.verdict in ("mistake", "missing") for n in self.notes)

    @property
    def verdicts(self) -> dict[str, str]:
        """Subject → verdict of the graded notes (hints left out)."""
        return {n.subject: n.verdict for n in self.notes if n.verdict != "hint"}

    def about(self, subject: str) -> list[Note]:
        """Every note on one subject."""
        return [n for n in self.notes if n.subject == subject]

    def headline(self) -> str:
        key = "workshop.feedback.passed" if self.passed else "workshop.feedback.not_yet"
        return i18n.t(key, self.lang, score=self.score, out_of=self.out_of)

    def text(self) -> str:
        """Plain text, one line per note (for terminals and tests)."""
        lines = [self.headline()]
        lines += [f"{ICONS[n.verdict]} {n.subject}: {n.message}" if n.subject
                  else f"{ICONS[n.verdict]} {n.message}" for n in self.notes]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li class="orient-feedback-{n.verdict}"><span class="icon">{ICONS[n.verdict]}</span> '
            + (f"<strong>{escape(n.subject)}</strong>: " if n.subject else "")
            + f"{escape(n.message)}</li>" for n in self.notes)
        state = "passed" if self.passed else "not-yet"
        return (f'<div class="orient-feedback orient-feedback-{state}">'
                f"<p><strong>{escape(self.headline())}</strong></p><ul>{items}</ul></div>")
