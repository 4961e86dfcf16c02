"""``orient batch``: several engagements in a process pool (DESIGN §5).

Each engagement runs in its own worker process (which starts one kernel per stage); a
failing engagement does not stop the others. A progress bar shows completed engagements and a
summary table follows. The exit status is non-zero when any engagement failed.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from helpers import paths, runner

STATUS_EXIT = {"ok": 0, "bad input": 2, "no font": 3, "failed": 1, "error": 1}


@dataclass
class Outcome:
    """How one engagement of a batch ended."""

    engagement: str
    status: str
    seconds: float
    detail: str


def run_one(engagement: str, out: str | None, lang: str | None, formats: tuple[str, ...],
            interactive_charts: bool) -> Outcome:
    """Run one engagement, turning every failure into an Outcome (worker function)."""
    from helpers import runner
    from helpers.errors import FontMissingError, InputError, StageError

    started = time.perf_counter()
    folder = paths.resolve(engagement)
    target = str(Path(out) / paths.safe_name(folder.name)) if out else None
    try:
        result = runner.run_engagement(folder, out=target, lang=lang, formats=formats,
                                       interactive_charts=interactive_charts, log=_quiet)
        status, detail = "ok", "\n".join(str(p) for p in result.files.values())
    except InputError as error:
        status, detail = "bad input", error.render()
    except FontMissingError as error:
        status, detail = "no font", str(error)
    except StageError as error:
        status, detail = "failed", str(error)
    except Exception as error:  # a batch continues past any single failure
        status, detail = "error", f"{type(error).__name__}: {error}"
    return Outcome(folder.name, status, round(time.perf_counter() - started, 1), detail)


def _quiet(*_args, **_kwargs) -> None:
    """Per-stage log lines are dropped in batch mode; the summary says what matters."""


def run_all(engagements: list[str], jobs: int, out: str | None = None, lang: str | None = None,
            formats: tuple[str, ...] = runner.FORMATS, interactive_charts: bool = False) -> int:
    """Run every engagement, print the summary table, return the exit status."""
    from tqdm import tqdm

    outcomes = []
    jobs = min(jobs, len(engagements))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(run_one, e, out, lang, formats, interactive_charts)
                   for e in engagements]
        with tqdm(total=len(futures), desc="orient batch", unit="engagement",
                  file=sys.stderr, disable=None) as bar:
            for future in as_completed(futures):
                outcomes.append(future.result())
                bar.update()
    order = {paths.resolve(e).name: i for i, e in enumerate(engagements)}
    outcomes.sort(key=lambda o: order.get(o.engagement, 0))
    print(summary_table(outcomes))
    return max((STATUS_EXIT[o.status] for o in outcomes), default=0)


def summary_table(outcomes: list[Outcome]) -> str:
    """Plain-text table: engagement, status, seconds, then outputs or the problem lines."""
    width = max([len("engagement"), *(len(o.engagement) for o in outcomes)])
    lines = [f"{'engagement':<{width}}  {'status':<9}  {'seconds':>7}  outputs / problems"]
    for o in outcomes:
        details = o.detail.splitlines() or [""]
        lines.append(f"{o.engagement:<{width}}  {o.status:<9}  {o.seconds:>7.1f}  {details[0]}")
        lines.extend(f"{'':<{width}}  {'':<9}  {'':>7}  {d}" for d in details[1:])
    failed = sum(o.status != "ok" for o in outcomes)
    lines.append(f"{len(outcomes) - failed} of {len(outcomes)} engagements succeeded")
    return "\n".join(lines)
