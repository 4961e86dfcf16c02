"""Run an engagement end to end: validate → execute stage notebooks → one report.

Everything is produced in a staging folder beside the output folder and moved into place
only when the whole run succeeded, file by file with ``os.replace`` (atomic on one file
system), the manifest last. A failed run leaves the previous good report untouched and keeps
the failed executed notebook in ``<out>/failed/`` for debugging.
"""

from __future__ import annotations

import os
import platform
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from helpers import deliverables, paths, report
from helpers import engagement as engagement_module
from helpers.errors import StageError

FORMATS = ("html", "pdf", "xlsx")
#: The kernel talks to this process over loopback TCP; its start-up notice about unencrypted
#: TCP is noise for a batch user, so only kernel errors are printed.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]
REPORT_FILES = {"html": "report.html", "pdf": "report.pdf"}
VERSIONED_PACKAGES = ("orient-kit", "pandas", "numpy", "altair", "vl-convert-python",
                      "papermill", "nbconvert", "nbclient", "weasyprint", "openpyxl",
                      "ipykernel")


@dataclass
class RunResult:
    """What a run produced, with per-stage timings in seconds."""

    engagement: str
    output: Path
    files: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0


def run_engagement(engagement_path: str | Path, out: str | Path | None = None,
                   lang: str | None = None, formats: tuple[str, ...] = FORMATS,
                   stages: list[str] | None = None, interactive_charts: bool = False,
                   log=print) -> RunResult:
    """Validate, execute the stage notebooks with papermill, and write the report.

    Raises InputError before anything is written when the inputs are invalid, and
    FontMissingError before executing when a Chinese PDF cannot be rendered.
    """
    started = time.perf_counter()
    folder = paths.resolve(engagement_path)
    engagement = engagement_module.load(folder)
    lang = lang or engagement.language
    output = Path(out).resolve() if out else paths.default_output(folder)
    if "pdf" in formats and lang == "zh":
        from helpers import fonts

        fonts.require_cjk_font()
    notebooks = paths.stage_notebooks(stages)
    staging = _staging_folder(output, keep_artifacts=bool(stages))
    result = RunResult(engagement.name, output)
    try:
        _execute_stages(notebooks, folder, staging, lang, output, result, log)
        executed = [staging / "notebooks" / f"{stem}.ipynb" for stem in paths.STAGE_ORDER
                    if (staging / "notebooks" / f"{stem}.ipynb").exists()]
        _write_reports(executed, engagement, staging, lang, formats, interactive_charts, result)
        result.total_seconds = round(time.perf_counter() - started, 3)
        manifest = _manifest(engagement, lang, formats, stages, interactive_charts, result)
        (staging / "manifest.json").write_text(report.dumps_manifest(manifest), encoding="utf-8")
        _promote(staging, output, result)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _staging_folder(output: Path, keep_artifacts: bool) -> Path:
    """A fresh staging folder; with ``keep_artifacts`` (a subset of stages is run), the
    earlier stages' artifacts and executed notebooks are copied in so later stages and the
    report still find them."""
    staging = output.parent / f".{output.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for folder in ("artifacts", "notebooks"):
        if keep_artifacts and (output / folder).is_dir():
            shutil.copytree(output / folder, staging / folder)
        else:
            (staging / folder).mkdir()
    return staging


def _execute_stages(notebooks, folder, staging, lang, output, result, log) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    for notebook in notebooks:
        target = staging / "notebooks" / notebook.name
        parameters = {"engagement": str(folder), "artifacts": str(staging / "artifacts"),
                      "lang": lang, "interactive": False}
        tick = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(notebook), str(target), parameters=parameters, kernel_name="python3",
                cwd=str(paths.NOTEBOOKS), progress_bar=False, log_output=False,
                extra_arguments=KERNEL_ARGUMENTS,
            )
        except PapermillExecutionError as error:
            kept = _keep_failed(target, output)
            detail = f"cell {error.exec_count}: {error.ename}: {error.evalue}"
            raise StageError(notebook.stem, str(kept), detail) from None
        result.seconds[notebook.stem] = round(time.perf_counter() - tick, 3)
        log(f"  {notebook.stem}: {result.seconds[notebook.stem]:.1f} s")


def _keep_failed(executed: Path, output: Path) -> Path:
    failed = output / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    kept = failed / executed.name
    if executed.exists():
        os.replace(executed, kept)
    return kept


def _write_reports(executed, engagement, staging, lang, formats, interactive_charts, result):
    _write_deliverables(engagement, staging, lang, formats, result)
    tick = time.perf_counter()
    merged = report.merge(executed)
    cover = report.cover(engagement, lang, marked=report.has_marks(merged))
    html = report.to_html(merged, lang, cover, interactive_charts=interactive_charts)
    if "html" in formats:
        (staging / REPORT_FILES["html"]).write_text(html, encoding="utf-8")
    result.seconds["report_html"] = round(time.perf_counter() - tick, 3)
    if "pdf" in formats:
        tick = time.perf_counter()
        static_html = html if not interactive_charts else report.to_html(merged, lang, cover)
        report.write_pdf(static_html, staging / REPORT_FILES["pdf"], lang)
        result.seconds["report_pdf"] = round(time.perf_counter() - tick, 3)


def _write_deliverables(engagement, staging, lang, formats, result) -> None:
    """The card book, the workbook and the HR-system export from the run's artifacts."""
    tick = time.perf_counter()
    folder = staging / "artifacts"
    deliverables.write_all(folder, engagement, lang, formats, staging)
    result.seconds["deliverables"] = round(time.perf_counter() - tick, 3)


def _promote(staging: Path, output: Path, result: RunResult) -> None:
    """Move the staged outputs into the output folder; the manifest goes last."""
    output.mkdir(parents=True, exist_ok=True)
    exported = (staging / deliverables.HR_EXPORT_FOLDER).is_dir()
    for folder in ("artifacts", "notebooks", deliverables.HR_EXPORT_FOLDER):
        if (staging / folder).exists():
            _replace_folder(staging / folder, output / folder)
    for name in (*REPORT_FILES.values(), *deliverables.CARDBOOK_FILES.values(),
                 deliverables.SCORECARD_FILE, "manifest.json"):
        if (staging / name).exists():
            os.replace(staging / name, output / name)
            result.files[name] = output / name
    for path in sorted((output / deliverables.HR_EXPORT_FOLDER).glob("*.csv")) if exported \
            else []:
        result.files[f"{deliverables.HR_EXPORT_FOLDER}/{path.name}"] = path
    shutil.rmtree(output / "failed", ignore_errors=True)


def _replace_folder(new: Path, current: Path) -> None:
    old = current.with_name(f".{current.name}.old-{os.getpid()}")
    if current.exists():
        os.replace(current, old)
    os.replace(new, current)
    shutil.rmtree(old, ignore_errors=True)


def _manifest(engagement, lang, formats, stages, interactive_charts, result) -> dict:
    return {
        "engagement": engagement.name,
        "client": engagement.profile.get("client"),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "parameters": {"lang": lang, "formats": list(formats), "stages": stages or "all",
                       "interactive_charts": interactive_charts},
        "inputs": engagement.hashes(),
        "stages": list(result.seconds),
        "seconds": {**result.seconds, "total": result.total_seconds},
        "versions": _versions(),
    }


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions
