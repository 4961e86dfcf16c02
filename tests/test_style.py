"""ruff is part of the test suite so CI enforces the style the project claims."""

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import paths


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a dev dependency: pip install -e '.[dev]'"
    folders = ["src", "tests", "benchmarks", "scripts", "data_samples"]
    done = subprocess.run([ruff, "check", *folders], cwd=paths.REPO_ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
