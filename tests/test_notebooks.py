"""Every stage notebook × every sample engagement, executed with papermill into tmp_path
(batch parameters), asserting on the artifacts each stage must leave behind."""

from __future__ import annotations

import json

import nbformat
import papermill
import pytest

from helpers import paths, runner

SAMPLES = paths.sample_engagements()
NOTEBOOKS = paths.stage_notebooks()

#: Files each stage must write into artifacts/<stage>/.
EXPECTED_ARTIFACTS = {
    "00_intake": ("intake", ["values.json", "factors.csv", "inventory.csv", "departments.csv",
                             "notes.csv"]),
    "01_diagnosis": ("diagnosis", ["values.json", "tables.json", "scorecard.csv",
                                   "positions.csv", "findings.csv", "conflicts.csv",
                                   "profile.csv", "kgcr.csv", "review.csv"]),
    "02_value_chain": ("value_chain", ["values.json", "journey.csv", "moments.csv",
                                       "raci_findings.csv", "cross.csv", "directions.csv",
                                       "coverage/touchpoints.csv", "coverage/findings.csv"]),
    "03_kpi_pool": ("kpi_pool", ["values.json", "candidates.csv", "funnel.csv", "smart.csv",
                                 "qqtc.csv", "selection.csv", "violations.csv"]),
    "04_weighting": ("weighting", ["values.json", "weights.csv", "positions.csv", "binding.csv",
                                   "sensitivity.csv"]),
    "05_scoring": ("scoring", ["values.json", "scores.csv", "distribution.csv", "movers.csv",
                               "alignment.csv", "measurement.csv", "coverage.csv"]),
    "06_summary": ("summary", ["values.json", "findings.csv"]),
}


WIDGET = "application/vnd.jupyter.widget-view+json"


def execute(notebook: str, sample, artifacts, executed, interactive: bool = False) -> list:
    """Run a stage notebook with papermill as ``orient run`` does; return its outputs."""
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / notebook), str(executed), kernel_name="python3",
        cwd=str(paths.NOTEBOOKS), progress_bar=False,
        parameters={"engagement": str(sample), "artifacts": str(artifacts), "lang": "",
                    "interactive": interactive},
        extra_arguments=runner.KERNEL_ARGUMENTS)
    return [o for c in nbformat.read(executed, as_version=4).cells
            if c.cell_type == "code" for o in c.outputs]


def errors_in(outputs: list) -> list:
    return [o for o in outputs if o.output_type == "error"]


def test_there_is_a_sample_and_a_notebook():
    assert SAMPLES and NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[n.stem for n in NOTEBOOKS])
@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_notebook_runs_in_batch_mode(sample, notebook, tmp_path):
    artifacts = tmp_path / "artifacts"
    outputs = execute(notebook.name, sample, artifacts, tmp_path / notebook.name)
    folder, files = EXPECTED_ARTIFACTS[notebook.stem]
    for name in files:
        assert (artifacts / folder / name).exists(), name
    assert not errors_in(outputs)


def test_intake_artifacts_hold_the_recommendation(tmp_path):
    sample = paths.DATA_SAMPLES / "xingyun_saas"
    execute("00_intake.ipynb", sample, tmp_path, tmp_path / "out.ipynb")
    meta = json.loads((tmp_path / "intake" / "values.json").read_text(encoding="utf-8"))
    # SaaS + strong competition + homogeneous products + stock market: 2 + 1 + 1 + 1 = 5
    assert meta["recommendation"] == {"band": "customer_led", "low": 55, "high": 75, "net": 5,
                                      "customer_points": 5, "internal_points": 0}


@pytest.mark.parametrize("notebook", sorted(paths.NOTEBOOKS.rglob("*.ipynb")),
                         ids=lambda p: p.name)
def test_notebooks_are_committed_clean(notebook):
    """House rules: no outputs, a parameters cell (stages), no def/class, short code cells."""
    nb = nbformat.read(notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    if "workshop" not in notebook.parts:
        assert any("parameters" in c.metadata.get("tags", []) for c in code)
    for cell in code:
        assert not any(line.lstrip().startswith(("def ", "class ")) for line in
                       cell.source.splitlines())
        assert len([line for line in cell.source.splitlines() if line.strip()]) <= 15
    tags = {t for c in nb.cells for t in c.metadata.get("tags", [])}
    assert {"lang-zh", "lang-en"} <= tags


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_diagnosis_runs_in_interactive_mode(sample, tmp_path):
    """interactive=True builds the review widget instead of the static table."""
    outputs = execute("01_diagnosis.ipynb", sample, tmp_path / "a", tmp_path / "01.ipynb",
                      interactive=True)
    assert not errors_in(outputs)
    pending = (tmp_path / "a" / "diagnosis" / "review.csv").read_text("utf-8-sig").count("\n") - 1
    widgets = [o for o in outputs if WIDGET in o.get("data", {})]
    assert bool(widgets) == (pending > 0)


def test_value_chain_falls_back_to_the_template_without_a_client_journey(sample_copy, tmp_path):
    """An engagement without a journey table gets its business model's journey template."""
    (sample_copy / "inputs" / "journey.csv").unlink()
    execute("02_value_chain.ipynb", sample_copy, tmp_path / "a", tmp_path / "02.ipynb")
    values = json.loads((tmp_path / "a" / "value_chain" / "values.json").read_text("utf-8"))
    assert values["summary"]["source"] == "template"
    assert values["summary"]["template"] == "saas"
    assert values["summary"]["touchpoints"] >= 10


@pytest.mark.parametrize("notebook", ["02_value_chain.ipynb", "03_kpi_pool.ipynb",
                                      "05_scoring.ipynb"])
def test_editors_are_shown_in_interactive_mode(notebook, tmp_path):
    """The journey editor (02), the KPI picker (03) and the re-scoring sliders (05) appear
    when interactive=True."""
    outputs = execute(notebook, SAMPLES[0], tmp_path / "a", tmp_path / notebook,
                      interactive=True)
    assert not errors_in(outputs)
    assert any(WIDGET in o.get("data", {}) for o in outputs)
