"""Stage 05's own work on the sample engagements: the pilot simulation (both schemes scored on
last year's actuals, alignment, measurement) with stage 04's weights computed beforehand, so
the figure is the scoring stage alone. Median of ``--repeat`` wall-clock runs per sample.

    .venv/bin/python benchmarks/pilot.py [--repeat 5]

Prints a table and writes benchmarks/results/pilot.json (copy the figures into
docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

from helpers import engagement, paths, policy, scoring, weighting

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "pilot.json"


def measure(folder: Path, repeat: int) -> dict:
    """Seconds per run of the stage on one sample, weights already computed."""
    data = engagement.load(folder)
    rules = policy.for_engagement(data.profile)
    weights = weighting.run(data, rules, data.language)
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        found = scoring.pilot.simulate(data, rules, weights)
        runs.append(time.perf_counter() - started)
    return {"sample": folder.name, "median_seconds": statistics.median(runs), "runs": runs,
            "employees": found.summary["employees"],
            "actual_rows": len(data.tables["actuals"]),
            "proposed_items": len(found.measurement)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = {"repeat": args.repeat, "python": platform.python_version(),
               "samples": [measure(folder, args.repeat)
                           for folder in paths.sample_engagements()]}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"{'sample':<18}{'employees':>10}{'actual rows':>13}{'median s':>10}")
    for row in results["samples"]:
        print(f"{row['sample']:<18}{row['employees']:>10}{row['actual_rows']:>13}"
              f"{row['median_seconds']:>10.2f}")


if __name__ == "__main__":
    main()
