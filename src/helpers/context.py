"""What every stage notebook needs first: the engagement, its policy, the language and
where artifacts go. ``start`` is the first call of each notebook after its parameters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers import charts, engagement, glossary, paths, policy
from helpers.engagement import Engagement


@dataclass
class StageContext:
    """Shared state of one notebook run (never passed between notebooks)."""

    engagement: Engagement
    policy: dict
    lang: str
    artifacts: Path
    interactive: bool

    def artifact_dir(self, stage: str) -> Path:
        """``<artifacts>/<stage>/``, created on demand."""
        folder = paths.safe_child(self.artifacts, stage)
        folder.mkdir(parents=True, exist_ok=True)
        return folder


def start(engagement_path: str, artifacts: str = "", lang: str = "",
          interactive: bool = True) -> StageContext:
    """Load the engagement, its policy and the chart theme for a stage notebook.

    Empty ``artifacts`` means ``build/<engagement>/artifacts`` (interactive use); empty
    ``lang`` means the engagement's own language.
    """
    folder = paths.resolve(engagement_path)
    loaded = engagement.load(folder)
    charts.setup()
    lang = lang or loaded.language
    glossary.activate(glossary.for_report(loaded, lang))
    target = Path(artifacts) if artifacts else paths.default_output(folder) / "artifacts"
    return StageContext(
        engagement=loaded,
        policy=policy.for_engagement(loaded.profile),
        lang=lang,
        artifacts=target,
        interactive=interactive,
    )
