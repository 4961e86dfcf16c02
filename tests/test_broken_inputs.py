"""`orient check` on each broken engagement: exit 2, exactly the expected lines, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import cli

CASES = sorted(p for p in (Path(__file__).parent / "broken_inputs").iterdir() if p.is_dir())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_prints_one_line_per_problem(case, lang, capsys):
    status = cli.main(["check", str(case), "--lang", lang])
    err = capsys.readouterr().err
    expected = (case / f"expected_{lang}.txt").read_text(encoding="utf-8")
    assert status == cli.EXIT_INPUT
    assert err.replace(str(case.resolve()), "{folder}") == expected


def test_every_case_has_at_least_one_line():
    for case in CASES:
        assert (case / "expected_en.txt").read_text(encoding="utf-8").strip(), case.name


def test_console_script_exits_2_without_traceback():
    case = next(c for c in CASES if c.name == "bad_cells")
    done = subprocess.run([sys.executable, "-m", "helpers.cli", "check", str(case)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 4
    assert "第 2 行 D 列“权重”" in done.stderr


def test_run_on_bad_input_writes_nothing(tmp_path, capsys):
    case = next(c for c in CASES if c.name == "bad_cells")
    out = tmp_path / "out"
    status = cli.main(["run", str(case), "--out", str(out)])
    assert status == cli.EXIT_INPUT
    assert not out.exists()
    assert "Traceback" not in capsys.readouterr().err


def test_check_reports_broken_decision_files(sample_copy, capsys):
    (sample_copy / "decisions").mkdir(exist_ok=True)
    (sample_copy / "decisions" / "classification.csv").write_text(
        "indicator,orientation,note\n外呼量,outward,\n", encoding="utf-8")
    status = cli.main(["check", str(sample_copy), "--lang", "en"])
    err = capsys.readouterr().err
    assert status == cli.EXIT_INPUT
    assert 'decisions/classification.csv, row 2, column B "orientation": "outward" is not' in err
