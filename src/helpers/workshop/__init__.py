"""Workshop mode for trainers (issue 10): exercise checkers that explain mistakes, team answer
files, the comparison of several teams' decisions and the participant/facilitator packs.

Each exercise has its own module with ``task(...)`` (what participants look at),
``solution(...)`` (the answer the checker accepts, computed from the sample engagement with the
method's own functions) and ``check(answer, ..., lang)`` returning a :class:`Feedback`.
"""

from helpers.workshop.feedback import Feedback, Note

__all__ = ["Feedback", "Note"]
