"""Stage 01 — diagnosis of the current scorecards (METHOD §1–2).

``classify`` names orientations; ``scorecard.build`` classifies every row of the client's
scorecards; the other modules measure shares, run the structural checks, detect conflicts,
aggregate the survey and build the six-dimension profile.
"""

from helpers.diagnosis.classify import classify

__all__ = ["classify"]
