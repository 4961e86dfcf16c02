"""Shared fixtures: sample engagements and small hand-built engagements in tmp_path."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from helpers import paths

SAMPLE = paths.DATA_SAMPLES / "xingyun_saas"

MINIMAL_PROFILE = """\
client: 示例客户(合成)
language: zh
industry: saas
business_model: saas
stage: growth
synthetic: true
"""


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A writable copy of the xingyun_saas sample engagement."""
    target = tmp_path / "xingyun_saas"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("generate.py", "__pycache__"))
    return target


def write_engagement(root: Path, files: dict[str, str | bytes],
                     profile: str = MINIMAL_PROFILE) -> Path:
    """Create an engagement folder: engagement.yaml plus ``files`` under it.

    Text values are dedented and written as UTF-8; bytes are written as given (to test
    encodings).
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "engagement.yaml").write_text(profile, encoding="utf-8")
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


KPIS_ZH = """\
部门,岗位,指标名称,权重,指标方向
销售部,销售经理,销售额完成率,40,越高越好
销售部,销售经理,回款率,30,越高越好
销售部,销售经理,客户满意度,30,越高越好
"""
