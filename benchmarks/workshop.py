"""Trainer and English-report costs: ``orient workshop build`` (both packs, guides in both
languages with and without PDF) and the glossary that puts an English report's client names in
English (build once per notebook kernel, then translate every table cell).

    .venv/bin/python benchmarks/workshop.py [--repeat 3]

Prints a table and writes benchmarks/results/workshop.json (copy the figures into
docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import tempfile
import time
from pathlib import Path

from helpers import engagement, glossary, paths
from helpers.workshop import pack

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "workshop.json"


def timed(action, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return {"median_seconds": statistics.median(runs), "runs": runs}


def build_packs(pdf: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack.build(Path(folder), pdf=pdf)


def glossary_figures(repeat: int) -> dict:
    """Seconds to build the xingyun glossary and to translate every client text once."""
    sample = engagement.load(paths.DATA_SAMPLES / "xingyun_saas")
    texts = glossary.client_text(sample) * 20
    built = timed(lambda: glossary.for_engagement(sample), repeat)
    names = glossary.for_engagement(sample)
    translated = timed(lambda: [names.translate(t) for t in texts], repeat)
    return {"terms": len(names.terms), "texts": len(texts), "build": built,
            "translate_all": translated}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    build_packs(pdf=False)  # warm imports and caches once
    figures = {
        "machine": {"python": platform.python_version(), "processor": platform.processor()},
        "packs_html_only": timed(lambda: build_packs(False), args.repeat),
        "packs_with_pdf": timed(lambda: build_packs(True), args.repeat),
        "glossary": glossary_figures(args.repeat),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    g = figures["glossary"]
    for key, label in (("packs_html_only", "guides as HTML only"),
                       ("packs_with_pdf", "guides HTML and PDF")):
        print(f"workshop packs, {label}: {figures[key]['median_seconds']:.2f} s")
    print(f"glossary: {g['terms']} terms built in {g['build']['median_seconds'] * 1000:.0f} ms; "
          f"{g['texts']} texts translated in {g['translate_all']['median_seconds'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
