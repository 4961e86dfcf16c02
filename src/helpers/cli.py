"""The ``orient`` command (DESIGN §6).

Exit status: 0 success; 1 a run failed (a stage raised, see the kept notebook); 2 bad input
or bad usage (one line per problem, no traceback); 3 the machine lacks something (a CJK font
for a Chinese PDF).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from helpers import _fastimport

_fastimport.skip_slow_optional_imports()

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_ENVIRONMENT = 0, 1, 2, 3
FORMATS = ("html", "pdf", "xlsx")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("orient: interrupted", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # last resort: one line, no traceback unless asked for
        from helpers.errors import FontMissingError, InputError, StageError
        from helpers.library import LibraryError

        if isinstance(error, LibraryError):
            print(f"orient: the KPI library breaks its schema:\n{error}", file=sys.stderr)
            return EXIT_FAILED
        if isinstance(error, InputError):
            _print_problems(error.problems, args.lang or error.lang)
            return EXIT_INPUT
        if isinstance(error, FontMissingError):
            print(f"orient: {error}", file=sys.stderr)
            return EXIT_ENVIRONMENT
        if isinstance(error, StageError):
            print(f"orient: {error}", file=sys.stderr)
            return EXIT_FAILED
        if args.debug:
            raise
        print(f"orient: internal error: {type(error).__name__}: {error} "
              "(run again with --debug to see the traceback)", file=sys.stderr)
        return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orient",
        description="Customer-oriented performance design (客户导向绩效): validate an engagement, "
                    "run the method notebooks and write the client report.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run one engagement and write its report")
    run.add_argument("engagement", help="engagement folder")
    run.add_argument("--out", help="output folder (default: build/<engagement>/)")
    _report_options(run)
    run.add_argument("--stages", nargs="+", metavar="STAGE",
                     help="run only these stages (e.g. 00 01 or intake); "
                          "earlier artifacts are kept")
    run.set_defaults(handler=_cmd_run)

    batch = sub.add_parser("batch", help="run several engagements in parallel")
    batch.add_argument("engagements", nargs="+", metavar="ENGAGEMENT")
    batch.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                       help="parallel engagements (default: number of cores)")
    batch.add_argument("--out", help="parent output folder (default: build/)")
    _report_options(batch)
    batch.set_defaults(handler=_cmd_batch)

    check = sub.add_parser("check", help="validate an engagement's inputs (exit 0 ok, 2 bad)")
    check.add_argument("engagement")
    check.add_argument("--lang", choices=("zh", "en"), help="language of the messages")
    check.add_argument("--verbose", action="store_true",
                       help="also show the conventions detected (encodings, weight style)")
    check.set_defaults(handler=_cmd_check)

    new = sub.add_parser("new", help="scaffold a new engagement folder")
    new.add_argument("name", help="folder to create")
    new.add_argument("--industry", default="other", help="industry code (see engagement.yaml)")
    new.add_argument("--lang", choices=("zh", "en"), default="zh")
    new.set_defaults(handler=_cmd_new)

    library = sub.add_parser(
        "library", help="search, count or export the KPI library",
        description="orient library search TEXT | orient library --stats | "
                    "orient library --export FILE")
    library.add_argument("words", nargs="*", metavar="search TEXT",
                         help="search the library (zh or en names, aliases, definitions)")
    library.add_argument("--stats", action="store_true",
                         help="counts per domain, orientation, department and industry")
    library.add_argument("--export", metavar="FILE", help="write a browsable .xlsx workbook")
    library.add_argument("--lang", choices=("zh", "en"), default="zh")
    library.set_defaults(handler=_cmd_library)

    glossary = sub.add_parser(
        "glossary", help="list the client terms an English report cannot translate yet",
        description="Lists the Chinese unit, position, indicator, journey and team names that "
                    "have no English name in the KPI library or the engagement's "
                    "inputs/glossary.csv; English reports keep them and mark them †.")
    glossary.add_argument("engagement")
    glossary.add_argument("--write", metavar="FILE",
                          help="write a glossary CSV to fill in (existing terms kept, missing "
                               "ones with an empty english column)")
    glossary.set_defaults(handler=_cmd_glossary)

    workshop = sub.add_parser("workshop", help="build the workshop's participant and "
                                               "facilitator packs")
    workshop_sub = workshop.add_subparsers(dest="workshop_command", required=True)
    build = workshop_sub.add_parser(
        "build", help="write DIR/participant (no solutions) and DIR/facilitator (solutions, "
                      "team comparison, printable guide)")
    build.add_argument("--out", required=True, help="folder to write the two packs into")
    build.add_argument("--lang", choices=("zh", "en"),
                       help="keep only this language's instructions (default: both)")
    build.add_argument("--no-pdf", action="store_true", help="write the guide as HTML only")
    build.set_defaults(handler=_cmd_workshop_build)

    template = sub.add_parser("template", help="write an empty input workbook")
    template.add_argument("file", help="workbook to write, e.g. workbook.xlsx")
    template.add_argument("--lang", choices=("zh", "en"), default="zh")
    template.add_argument("--force", action="store_true", help="overwrite an existing file")
    template.set_defaults(handler=_cmd_template)
    return parser


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", default="html,pdf,xlsx", type=_formats,
                        help="outputs, comma separated: html and pdf (report and card book), "
                             "xlsx (scorecard workbook); default: html,pdf,xlsx")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="report language (default: the engagement's language)")
    parser.add_argument("--interactive-charts", action="store_true",
                        help="inline the Vega bundle once so HTML charts are interactive")


def _formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        msg = f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}"
        raise argparse.ArgumentTypeError(msg)
    return formats


def _print_problems(problems, lang: str | None) -> None:
    for problem in problems:
        print(problem.render(lang or "zh"), file=sys.stderr)


# --- commands ---------------------------------------------------------------------------


def _cmd_run(args) -> int:
    from helpers import paths, runner

    available = [nb.stem for nb in paths.stage_notebooks()]
    unknown = [s for s in args.stages or [] if not paths.stage_notebooks([s])]
    if unknown:
        print(f"orient: unknown stage {', '.join(unknown)}; available stages: "
              f"{', '.join(available)}", file=sys.stderr)
        return EXIT_INPUT
    started = time.perf_counter()
    print(f"orient: running {args.engagement}")
    result = runner.run_engagement(args.engagement, out=args.out, lang=args.lang,
                                   formats=args.to, stages=args.stages,
                                   interactive_charts=args.interactive_charts)
    for path in result.files.values():
        print(f"  {path}")
    print(f"orient: done in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _cmd_batch(args) -> int:
    from helpers import batch

    return batch.run_all(args.engagements, jobs=max(1, args.jobs), out=args.out, lang=args.lang,
                         formats=args.to, interactive_charts=args.interactive_charts)


def _cmd_check(args) -> int:
    from helpers import decisions, engagement, paths

    folder = paths.resolve(args.engagement)
    result = engagement.validate(folder)
    result.problems.extend(decisions.problems(folder) if folder.is_dir() else [])
    lang = args.lang or (result.engagement.language if result.engagement else "zh")
    for problem in result.problems:
        if problem.severity == "note" and not args.verbose:
            continue
        stream = sys.stderr if problem.severity == "error" else sys.stdout
        print(problem.render(lang), file=stream)
    if result.ok:
        print(f"orient: {args.engagement}: OK")
        return EXIT_OK
    return EXIT_INPUT


def _cmd_new(args) -> int:
    from helpers import scaffold

    target = Path(args.name)
    try:
        folder = scaffold.new_engagement(target.name, target.parent.resolve(),
                                         industry=args.industry, lang=args.lang)
    except (FileExistsError, ValueError) as error:
        print(f"orient: {error}", file=sys.stderr)
        return EXIT_INPUT
    print(f"orient: created {folder}")
    return EXIT_OK


def _cmd_library(args) -> int:
    from helpers import library

    words = list(args.words)
    if words and words[0] == "search":
        words = words[1:]
    if not (words or args.stats or args.export):
        print("orient library: give `search TEXT`, --stats or --export FILE", file=sys.stderr)
        return EXIT_INPUT
    if words:
        print(library.search_lines(" ".join(words), args.lang))
    if args.stats:
        print(library.stats_markdown(args.lang))
    if args.export:
        target = Path(args.export)
        if target.suffix.lower() != ".xlsx":
            print(f"orient: {target} is not an .xlsx file name", file=sys.stderr)
            return EXIT_INPUT
        print(f"orient: wrote {library.export_xlsx(target, args.lang)}")
    return EXIT_OK


def _cmd_glossary(args) -> int:
    from helpers import engagement, glossary, paths

    loaded = engagement.load(paths.resolve(args.engagement))
    if args.write:
        target, count = glossary.write_template(loaded, Path(args.write))
        print(f"orient: wrote {target} ({count} terms to translate)")
        return EXIT_OK
    missing = glossary.missing_terms(loaded)
    for term in missing:
        print(term)
    print(f"orient: {len(missing)} client terms have no English name"
          + (" — add them to inputs/glossary.csv (orient glossary --write)" if missing else ""),
          file=sys.stderr)
    return EXIT_OK


def _cmd_workshop_build(args) -> int:
    from helpers.workshop import pack

    started = time.perf_counter()
    for name, folder in pack.build(Path(args.out), lang=args.lang, pdf=not args.no_pdf).items():
        print(f"  {name}: {folder}")
    print(f"orient: workshop packs written in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _cmd_template(args) -> int:
    from helpers import workbook_template

    try:
        path = workbook_template.write_input_template(Path(args.file), lang=args.lang,
                                                      overwrite=args.force)
    except FileExistsError as error:
        print(f"orient: {error}", file=sys.stderr)
        return EXIT_INPUT
    print(f"orient: wrote {path}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
