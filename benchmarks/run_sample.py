"""Benchmark `orient run` and `orient batch` on the sample engagements.

Measures, on this machine:
1. `orient run` end to end per sample engagement (median of --repeat runs, default 5), with
   the per-stage seconds recorded in manifest.json (notebook execution, HTML, PDF);
2. where the time of one stage goes: CLI start-up, kernel start, `import altair` with and
   without the kit's skip of the slow optional jsonschema import;
3. `orient batch` over --copies copies of the first sample with 1 and with 2 jobs.

Usage: .venv/bin/python benchmarks/run_sample.py [--repeat 5] [--copies 4]
Results are printed as Markdown and saved to benchmarks/results/latest.json; copy the
figures into docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ORIENT = str(BIN / "orient")


def timed(command: list[str], **kwargs) -> float:
    """Wall-clock seconds of a command that must succeed."""
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - started


def bench_run(sample: Path, repeat: int, work: Path) -> dict:
    """Median end-to-end seconds of `orient run` and the median of each manifest timing."""
    totals, stages = [], {}
    for attempt in range(repeat):
        out = work / f"{sample.name}-{attempt}"
        totals.append(timed([ORIENT, "run", str(sample), "--out", str(out)]))
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for stage, seconds in manifest["seconds"].items():
            stages.setdefault(stage, []).append(seconds)
    return {"wall_median": statistics.median(totals), "wall_runs": totals,
            "stages_median": {k: statistics.median(v) for k, v in stages.items()}}


def bench_overheads(repeat: int) -> dict:
    """Start-up costs that every stage or run pays."""
    python = str(BIN / "python")
    plain_altair = "import altair"
    kit_altair = "import helpers, altair"
    kernel = ("from jupyter_client.manager import start_new_kernel as s\n"
              "km, kc = s(kernel_name='python3',\n"
              "           extra_arguments=['--IPKernelApp.log_level=ERROR'])\n"
              "kc.stop_channels(); km.shutdown_kernel(now=True)")
    stage_imports = ("import helpers\nfrom helpers import context, display, i18n, intake\n"
                     "import papermill")
    measures = {
        "cli_help": [ORIENT, "--help"],
        "import_altair_plain": [python, "-c", plain_altair],
        "import_altair_with_kit_fix": [python, "-c", kit_altair],
        "import_stage_modules": [python, "-c", stage_imports],
        "kernel_start_and_stop": [python, "-c", kernel],
    }
    return {name: statistics.median(timed(cmd) for _ in range(repeat))
            for name, cmd in measures.items()}


def bench_batch(sample: Path, copies: int, work: Path) -> dict:
    """`orient batch` over copies of one sample, with 1 and 2 jobs."""
    folders = []
    for index in range(copies):
        target = work / "engagements" / f"{sample.name}_{index}"
        shutil.copytree(sample, target, ignore=shutil.ignore_patterns("generate.py"))
        folders.append(str(target))
    results = {}
    for jobs in (1, 2):
        out = work / f"batch-{jobs}"
        results[f"jobs_{jobs}"] = timed([ORIENT, "batch", *folders, "--jobs", str(jobs),
                                         "--out", str(out)])
    results["copies"] = copies
    results["speed_up"] = results["jobs_1"] / results["jobs_2"]
    return results


def markdown(report: dict) -> str:
    lines = ["| measure | seconds |", "|---|---|"]
    for sample, figures in report["run"].items():
        lines.append(f"| `orient run {sample}` (median of {report['repeat']}) | "
                     f"{figures['wall_median']:.2f} |")
        for stage, seconds in figures["stages_median"].items():
            lines.append(f"| &nbsp;&nbsp;{stage} | {seconds:.2f} |")
    for name, seconds in report["overheads"].items():
        lines.append(f"| {name} | {seconds:.2f} |")
    batch = report["batch"]
    lines.append(f"| `orient batch` {batch['copies']} copies, 1 job | {batch['jobs_1']:.2f} |")
    lines.append(f"| `orient batch` {batch['copies']} copies, 2 jobs | {batch['jobs_2']:.2f} "
                 f"(×{batch['speed_up']:.2f}) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=4)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from helpers import paths

    samples = paths.sample_engagements()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = {
            "repeat": args.repeat,
            "run": {s.name: bench_run(s, args.repeat, work) for s in samples},
            "overheads": bench_overheads(args.repeat),
            "batch": bench_batch(samples[0], args.copies, work),
        }
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(markdown(report))


if __name__ == "__main__":
    main()
