"""``orient workshop build``: the participant pack has no solution and runs; the facilitator
pack has the solutions, the team comparison and a guide that matches the notebooks (issue 10)."""

from __future__ import annotations

import re

import nbformat
import papermill
import pytest
from pypdf import PdfReader

from helpers import cli, engagement, glossary, policy, runner
from helpers.workshop import guide, pack


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    out = tmp_path_factory.mktemp("packs")
    assert cli.main(["workshop", "build", "--out", str(out)]) == 0
    return out


def notebooks_in(folder):
    return sorted(folder.glob("*.ipynb"))


def test_the_participant_pack_has_no_solution_cell(packs):
    participant = notebooks_in(packs / "participant")
    assert [p.name for p in participant] == [p.name for p in pack.notebooks_for("participant")]
    for path in participant:
        notebook = nbformat.read(path, as_version=4)
        assert pack.solution_cells(notebook) == []
        code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
        assert ".solution(" not in code and "solution_table(" not in code, path.name


def test_the_facilitator_pack_keeps_every_solution(packs):
    for source in pack.notebooks_for("facilitator"):
        kept = nbformat.read(packs / "facilitator" / source.name, as_version=4)
        original = nbformat.read(source, as_version=4)
        assert len(pack.solution_cells(kept)) == len(pack.solution_cells(original))
    assert (packs / "facilitator" / "templates" / "workshop" / "sample_teams").is_dir()
    assert not (packs / "participant" / pack.TEAM_COMPARISON).exists()


@pytest.mark.parametrize("name", [p.name for p in pack.notebooks_for("participant")])
def test_participant_notebooks_run_from_the_pack(packs, name, tmp_path):
    """Run as a participant would (working directory = the pack): no error, and the checker
    answers the starter answer with "not yet" and guidance."""
    folder = packs / "participant"
    executed = tmp_path / name
    papermill.execute_notebook(str(folder / name), str(executed), kernel_name="python3",
                               cwd=str(folder), progress_bar=False,
                               extra_arguments=runner.KERNEL_ARGUMENTS)
    outputs = [o for c in nbformat.read(executed, as_version=4).cells
               if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "orient-feedback-not-yet" in html


def test_guide_timings_match_the_notebooks():
    for item in guide.load()["agenda"]:
        if item.get("notebook"):
            notebook = nbformat.read(guide.WORKSHOP / item["notebook"], as_version=4)
            for lang in ("zh", "en"):
                assert guide.suggested_minutes(notebook, lang) == item["minutes"], item["id"]


def test_the_guide_holds_agenda_answers_and_the_notebooks_questions(packs):
    html = (packs / "facilitator" / "guide.en.html").read_text(encoding="utf-8")
    total = sum(item["minutes"] for item in guide.load()["agenda"])
    assert f"{total} minutes" in html
    for source in pack.notebooks_for("facilitator"):
        notebook = nbformat.read(source, as_version=4)
        assert guide.title_of(notebook, "en") in html
        names = glossary.for_engagement(engagement.load(guide.sample_folder()))
        questions = (guide.discussion_questions(notebook, "en")
                     or [names.translate(q)
                         for q in guide.sample_prompts("teams", policy.load(), "en")])
        assert questions, source.name
        assert all(q.split("`")[0][:40] in html.replace("&quot;", '"').replace("&#x27;", "'")
                   for q in questions)
    # reference answers are computed tables: the AHP exercise names the reversed judgement
    assert html.count('class="orient-table"') >= 6
    # the sample company's names are in English or marked as the client's wording
    body = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    assert not [node for node in re.findall(r">([^<>]+)<", body)
                if glossary.has_chinese(node) and glossary.MARK not in node]


def test_the_guide_pdf_renders_chinese(packs):
    reader = PdfReader(packs / "facilitator" / "guide.zh.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 5
    assert "讲师手册" in text and "讨论题" in text and "示例公司上的参考答案" in text


def test_one_language_packs_keep_one_language(tmp_path):
    pack.build(tmp_path, lang="en", pdf=False)
    for path in notebooks_in(tmp_path / "participant"):
        notebook = nbformat.read(path, as_version=4)
        tags = {t for c in notebook.cells for t in c.metadata.get("tags", [])}
        assert "lang-zh" not in tags and "lang-en" in tags
        parameters = next(c for c in notebook.cells if "parameters" in c.metadata["tags"])
        assert re.search(r"^lang: str = 'en'", parameters.source, flags=re.M)
    assert not (tmp_path / "facilitator" / "guide.zh.html").exists()
    assert (tmp_path / "facilitator" / "guide.en.html").exists()


def test_a_rebuild_replaces_the_old_pack(tmp_path):
    (tmp_path / "participant").mkdir()
    (tmp_path / "participant" / "stale.ipynb").write_text("{}", encoding="utf-8")
    pack.build(tmp_path, lang="zh", pdf=False)
    assert not (tmp_path / "participant" / "stale.ipynb").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facilitator", "participant"]
