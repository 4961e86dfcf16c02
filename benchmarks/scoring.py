"""Benchmark the scoring engine (METHOD §7) on a synthetic long table of a million rows.

What it measures, on this machine:
1. ``helpers.scoring.score`` on 25,000 employees × 4 periods × 10 indicators = 1,000,000 rows
   with every rule (ratio with and without threshold, lower-is-better with T > 0 and T = 0,
   mixed-sign, threshold/target/stretch both ways, banded, weighted deduction, addition, veto):
   best of --repeat wall-clock runs (time.perf_counter), identifiers as categoricals (how
   the stage passes them) and, for comparison, as plain Python strings;
2. peak memory: each measurement runs in its own subprocess; the parent reads
   ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` (peak resident set of the largest child
   so far, KiB on Linux) after a child that only builds the table, then after the scoring child;
3. a naive row-wise baseline (``for row in df.itertuples()`` computing the same item fractions,
   bonus and deduction points in pure Python) on the same data. It is timed on 100,000 rows
   first; when the full table would take over 60 s it is extrapolated from those rows (said in
   the output), else timed on every row. The engine and the baseline must agree to 1e-9.

Usage: .venv/bin/python benchmarks/scoring.py [--repeat 3] [--employees 25000]
Prints a table and writes benchmarks/results/scoring.json (copy the figures into
docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "scoring.json"
PERIODS = ("2025Q1", "2025Q2", "2025Q3", "2025Q4")
BANDS = [[0, 0], [0.8, 0.6], [0.9, 0.9], [0.95, 1.0], [1.05, 0.8], [1.1, 0.4], [1.2, 0]]
#: indicator, rule, weight, target, threshold, stretch, extra parameters; weights sum to 100.
INDICATORS = (
    ("revenue", "ratio", 30, 100.0, 90.0, None, {}),
    ("handle_time", "lower_better", 10, 50.0, None, None, {}),
    ("errors", "lower_better", 5, 0.0, None, None, {"points_per_unit": 1.0}),
    ("margin_loss", "mixed_sign", 5, -20.0, None, None, {}),
    ("nps", "threshold_target_stretch", 15, 40.0, 20.0, 60.0, {}),
    ("resolution_days", "threshold_target_stretch", 5, 3.0, 5.0, 2.0, {}),
    ("stock_level", "banded", 20, 100.0, None, None, {}),
    ("complaints", "deduction", 10, None, None, None, {"points_per_event": 2.0}),
    ("proposals", "addition", 0, None, None, None, {"points_per_unit": 1.0, "bonus_cap": 5.0}),
    ("aml_breach", "veto", 0, None, None, None, {}),
)
SCALE = {"revenue": 30, "handle_time": 12, "errors": 1.5, "margin_loss": 12,
         "nps": 20, "resolution_days": 1.5, "stock_level": 12}


def build(employees: int, categorical: bool = True, seed: int = 7) -> pd.DataFrame:
    """The synthetic long table (employee-major, then period, then indicator).

    Identifier columns are categoricals built from integer codes (no million-string arrays),
    or with ``categorical=False`` plain Python strings (object columns).
    """
    rng = np.random.default_rng(seed)
    per_employee = len(PERIODS) * len(INDICATORS)
    blocks = len(PERIODS) * employees
    n = employees * per_employee
    ids = [f"E{number:06d}" for number in range(employees)]
    text = {
        "employee_id": (np.repeat(np.arange(employees), per_employee), ids),
        "period": (np.tile(np.repeat(np.arange(len(PERIODS)), len(INDICATORS)), employees),
                   list(PERIODS)),
        "indicator": (np.tile(np.arange(len(INDICATORS)), blocks),
                      [spec[0] for spec in INDICATORS]),
    }
    rules = [spec[1] for spec in INDICATORS]
    rule_names = list(dict.fromkeys(rules))
    text["rule"] = (np.tile(np.array([rule_names.index(r) for r in rules]), blocks), rule_names)
    veto = np.array([r == "veto" for r in rules])
    text["veto_variant"] = (np.tile(np.where(veto, 0, -1), blocks), ["total_zero"])
    columns = {name: pd.Categorical.from_codes(codes, categories=names)
               for name, (codes, names) in text.items()}
    columns["weight"] = np.tile(np.array([spec[2] for spec in INDICATORS], dtype=float), blocks)
    numbers = _numbers(rng, n, blocks)
    bands = np.full(n, None, dtype=object)
    banded = slice(rules.index("banded"), n, len(INDICATORS))
    bands[banded] = [BANDS] * blocks
    table = pd.DataFrame({**columns, **numbers, "bands": bands})
    if not categorical:
        for name in text:
            table[name] = table[name].astype(object)
    return table


def _numbers(rng: np.random.Generator, n: int, blocks: int) -> dict[str, np.ndarray]:
    """Actuals, targets and parameters of every indicator, NaN where a rule does not use them."""
    numbers = {name: np.full(n, np.nan) for name in (
        "actual", "target", "threshold", "stretch", "events", "points_per_event",
        "points_per_unit", "bonus_cap")}
    for position, (name, rule, _, target, threshold, stretch, extra) in enumerate(INDICATORS):
        rows = slice(position, n, len(INDICATORS))
        numbers["target"][rows] = np.nan if target is None else target
        numbers["threshold"][rows] = np.nan if threshold is None else threshold
        numbers["stretch"][rows] = np.nan if stretch is None else stretch
        for key, value in extra.items():
            numbers[key][rows] = value
        if rule in ("deduction", "addition"):
            numbers["events"][rows] = rng.poisson(1.0 if rule == "deduction" else 2.5, blocks)
        elif rule == "veto":
            numbers["events"][rows] = (rng.random(blocks) < 0.01).astype(float)
        else:
            center = target if target else 1.0
            numbers["actual"][rows] = np.round(center + rng.normal(0, SCALE[name], blocks), 2)
    return numbers


def naive(frame: pd.DataFrame, policy: dict) -> tuple[np.ndarray, ...]:
    """Row-wise pure-Python item fractions, bonus and deducted points (the baseline)."""
    scoring = policy["scoring"]
    fractions, bonuses, deductions = [], [], []
    for row in frame.itertuples(index=False):
        fraction, bonus, deduction = _naive_row(row, scoring)
        fractions.append(fraction)
        bonuses.append(bonus)
        deductions.append(deduction)
    return np.array(fractions), np.array(bonuses), np.array(deductions)


def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _floored(r: float, row, scoring: dict) -> float:
    floor = scoring["ratio"]["floor_with_threshold" if _given(row.threshold) else "floor"]
    return 0.0 if r < floor else min(r, scoring["ratio"]["cap"])


def _naive_row(row, scoring: dict) -> tuple[float, float, float]:
    rule, a, t, w = row.rule, row.actual, row.target, row.weight
    count = row.events if _given(row.events) else a
    if rule == "ratio":
        return _floored(a / t, row, scoring), 0.0, 0.0
    if rule == "lower_better":
        if t == 0:
            d = row.points_per_unit if _given(row.points_per_unit) else \
                scoring["zero_target"]["points_per_unit"]
            return _floored(1.0 - d * a / w, row, scoring), 0.0, 0.0
        return _floored(1.0 - (a - t) / abs(t), row, scoring), 0.0, 0.0
    if rule == "mixed_sign":
        return _floored(1.0 + (a - t) / abs(t), row, scoring), 0.0, 0.0
    if rule == "threshold_target_stretch":
        return _naive_interpolation(a, t, row.threshold, row.stretch, scoring), 0.0, 0.0
    if rule == "banded":
        r = a / t if _given(t) else a
        fraction = 0.0
        for minimum, value in row.bands:
            if minimum <= r:
                fraction = value
        return fraction, 0.0, 0.0
    if rule == "deduction":
        if w > 0:
            return max(0.0, w - row.points_per_event * count) / w, 0.0, 0.0
        return math.nan, 0.0, row.points_per_event * count
    if rule == "addition":
        return math.nan, min(max(row.points_per_unit * count, 0.0), row.bonus_cap), 0.0
    return math.nan, 0.0, 0.0


def _naive_interpolation(a: float, t: float, b: float, x: float, scoring: dict) -> float:
    pb, px = scoring["interpolation"]["p_b"], scoring["interpolation"]["p_x"]
    if b > t:
        a, t, b, x = -a, -t, -b, -x
    if a < b:
        return 0.0
    if a < t:
        return pb + (a - b) / (t - b) * (1.0 - pb)
    if a < x:
        return 1.0 + (a - t) / (x - t) * (px - 1.0)
    return px


def child(task: str, employees: int, repeat: int) -> dict:
    """One measurement, run in its own process (so its peak memory is its own)."""
    from helpers import policy as policy_files
    from helpers.scoring import score

    policy = policy_files.load()
    started = time.perf_counter()
    frame = build(employees, categorical=task != "engine_strings")
    report = {"rows": len(frame), "build_seconds": time.perf_counter() - started}
    if task in ("engine", "engine_strings"):
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            result = score(frame, policy)
            runs.append(time.perf_counter() - started)
        report.update(seconds=min(runs), runs=runs, totals=len(result.totals),
                      vetoed=int(result.totals["veto"].notna().sum()))
    elif task == "compare":
        report.update(_compare(frame, policy))
    return report


def _compare(frame: pd.DataFrame, policy: dict) -> dict:
    """Time the naive baseline and check it against the engine on the same rows."""
    from helpers.scoring import score

    sample = frame.iloc[:100_000]
    started = time.perf_counter()
    naive(sample, policy)
    sample_seconds = time.perf_counter() - started
    projected = sample_seconds * len(frame) / len(sample)
    compared = frame if projected <= 60 else sample
    started = time.perf_counter()
    expected = naive(compared, policy)
    seconds = time.perf_counter() - started
    items = score(compared, policy).items
    got = (items["fraction"].to_numpy(), items["bonus"].to_numpy(),
           items["deduction"].to_numpy())
    worst = max(float(np.nanmax(np.abs(g - e), initial=0.0)) for g, e in zip(got, expected,
                                                                               strict=True))
    same_nan = all(np.array_equal(np.isnan(g), np.isnan(e))
                   for g, e in zip(got, expected, strict=True))
    assert same_nan and worst <= 1e-9, f"engine and baseline disagree by {worst}"
    full = seconds * len(frame) / len(compared)
    return {"baseline_rows_timed": len(compared), "baseline_seconds_timed": seconds,
            "baseline_seconds_full": full, "baseline_extrapolated": len(compared) < len(frame),
            "rows_compared": len(compared), "max_abs_difference": worst}


def measure(task: str, employees: int, repeat: int) -> dict:
    """Run ``task`` in a subprocess; its report plus the children's peak RSS so far (MiB)."""
    done = subprocess.run([sys.executable, __file__, "--child", task, "--employees",
                           str(employees), "--repeat", str(repeat)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report["children_peak_mib"] = peak_kib / 1024
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--employees", type=int, default=25_000)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.employees, args.repeat)))
        return
    build_only = measure("build", args.employees, 1)
    engine = measure("engine", args.employees, args.repeat)
    strings = measure("engine_strings", args.employees, args.repeat)
    compare = measure("compare", args.employees, 1)
    compare = {key: value for key, value in compare.items()
               if key not in ("rows", "build_seconds", "children_peak_mib")}
    results = {
        "rows": engine["rows"], "employees": args.employees, "periods": len(PERIODS),
        "indicators": len(INDICATORS), "repeat": args.repeat,
        "engine_seconds_best": engine["seconds"], "engine_runs": engine["runs"],
        "engine_strings_seconds_best": strings["seconds"],
        "peak_rss_mib_build_only": build_only["children_peak_mib"],
        "peak_rss_mib_build_and_score": engine["children_peak_mib"],
        "memory_method": "resource.getrusage(RUSAGE_CHILDREN).ru_maxrss after each subprocess",
        **compare,
        "speedup": compare["baseline_seconds_full"] / engine["seconds"],
        "machine": {"python": platform.python_version(), "processor": platform.processor(),
                    "cpus": _cpus(), "numpy": np.__version__, "pandas": pd.__version__},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2), encoding="utf-8")
    _print_table(results)


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _print_table(results: dict) -> None:
    extrapolated = " (extrapolated from 100,000 rows)" if results["baseline_extrapolated"] else ""
    lines = [
        f"| measure ({results['rows']:,} rows) | value |", "|---|---|",
        f"| engine.score, categorical ids, best of {results['repeat']} "
        f"| {results['engine_seconds_best']:.3f} s |",
        f"| engine.score, string ids, best of {results['repeat']} "
        f"| {results['engine_strings_seconds_best']:.3f} s |",
        f"| peak RSS, building the table only | {results['peak_rss_mib_build_only']:.0f} MiB |",
        f"| peak RSS, building + scoring | {results['peak_rss_mib_build_and_score']:.0f} MiB |",
        f"| naive itertuples baseline{extrapolated} "
        f"| {results['baseline_seconds_full']:.1f} s |",
        f"| speed-up | {results['speedup']:.0f}× |",
        f"| rows compared / max abs difference | {results['rows_compared']:,} / "
        f"{results['max_abs_difference']:.1e} |",
    ]
    print("\n".join(lines))
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
