"""environment.yml mirrors the runtime and dev dependencies of pyproject.toml."""

import re
import tomllib

import yaml

from helpers import paths


def names(requirements) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].strip().lower().replace("_", "-")
            for r in requirements}


def test_environment_yml_agrees_with_pyproject():
    project = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["project"]
    wanted = names(project["dependencies"]) | names(project["optional-dependencies"]["dev"])
    env = yaml.safe_load((paths.REPO_ROOT / "environment.yml").read_text())
    listed = set()
    for item in env["dependencies"]:
        if isinstance(item, dict):
            listed |= names(r for r in item["pip"] if not r.startswith("-e"))
        elif not item.startswith(("python", "pip")):
            listed |= names([item])
    assert listed == wanted, {"missing": wanted - listed, "extra": listed - wanted}


def test_python_floor_matches():
    project = tomllib.loads((paths.REPO_ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((paths.REPO_ROOT / "environment.yml").read_text())
    python = next(d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python"))
    assert project["requires-python"] == ">=3.11"
    assert python.replace(" ", "") == "python>=3.11"


def test_input_format_reference_is_up_to_date():
    from helpers import schema

    documented = (paths.REPO_ROOT / "docs" / "input-format.md").read_text(encoding="utf-8")
    assert documented == schema.reference_markdown(), "run `make docs`"
