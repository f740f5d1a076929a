"""Where the time of linting goes, phase by phase, in this process.

    python benchmarks/phases.py DIR                  # each phase timed: best of 7 rounds
    python benchmarks/phases.py DIR --phase lint     # run one phase once (to count its instructions)

The phases, each over every ``*.txt`` page under DIR (read beforehand):

    read        nothing more: the imports, the parsers built, the pages read (the base to subtract)
    bare        Lark's ``parse`` with the grammar, as benchmark measurement 2
    model-lark  the model parser's Lark work alone: its project parts handed to a builder that drops them
    parse       ``dreg_lint.parse``: the Lark work and building the model, as measurement 3
    lint        ``Linter.lint_bytes`` with every rule: parse, rules and findings, without the command's
                reading, spooling, report and cross-page rule

Timings on a shared machine drift; the phases are timed in rounds, one of each in turn, and the best of
each kept. Instruction counts do not drift: see "Counting instructions" in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Callable

PHASES = ("read", "bare", "model-lark", "parse", "lint")


def phases(directory: Path) -> dict[str, Callable[[], object]]:
    from dreg_lint import parse
    from dreg_lint.engine import Linter
    from dreg_lint.grammar_loader import building_parts, model_parser, parser
    from dreg_lint.settings import Settings

    files = sorted(directory.rglob("*.txt"))
    datas = [path.read_bytes() for path in files]
    texts = [data.decode("utf-8", errors="replace").lstrip("\ufeff") for data in datas]
    bare, model = parser(), model_parser()
    linter = Linter(Settings.coerce({"select": ["ALL"]}))
    linter.lint_bytes(b"", "warm-up.txt")

    def each(work: Callable[[str], object]) -> Callable[[], None]:
        def run() -> None:
            for text in texts:
                work(text)  # and drop what it made, as measurement 2 does: all of it kept at once
                # would be more to hold and more for the garbage collector to go through
        return run

    def model_lark() -> None:
        collecting = gc.isenabled()
        gc.disable()  # as dreg_lint.parse does while the parser runs
        try:
            with building_parts(lambda rule, children: None):
                each(lambda text: model.parse(text, start="page"))()
        finally:
            if collecting:
                gc.enable()

    def lint() -> None:
        for data, path in zip(datas, files):
            linter.lint_bytes(data, str(path))

    return {
        "read": lambda: None,
        "bare": each(lambda text: bare.parse(text, start="page")),
        "model-lark": model_lark,
        "parse": each(parse),
        "lint": lint,
    }


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("directory", type=Path, help="the pages (every *.txt below it)")
    arguments.add_argument("--phase", choices=PHASES, help="run this phase once and print nothing")
    arguments.add_argument("--repeat", type=int, default=7, help="rounds when timing (default 7)")
    args = arguments.parse_args(argv)
    if not args.directory.is_dir():
        print(f"phases.py: {args.directory} is not a directory", file=sys.stderr)
        return 2
    work = phases(args.directory)
    if args.phase:
        work[args.phase]()
        return 0
    best: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        for name in PHASES[1:]:
            start = time.perf_counter()
            work[name]()
            best[name] = min(best.get(name, float("inf")), time.perf_counter() - start)
    size = sum(path.stat().st_size for path in args.directory.rglob("*.txt")) / 1e6
    print(f"{size:.2f} MB of pages, best of {args.repeat} rounds")
    for name in PHASES[1:]:
        print(f"{name:11s} {best[name]:8.3f} s  {best[name] / best['bare']:6.0%} of bare")
    print(f"{'':11s} building the model {best['parse'] - best['model-lark']:.3f} s, "
          f"rules and findings {best['lint'] - best['parse']:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
