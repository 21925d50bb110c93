"""Measure the fast paths of issue 12 as ratios to a reference taken in the same run.

Run: ``nox -s bench`` or ``python benchmarks/bench_fast_paths.py [--rounds N] [--sizes 1,10,100]``.

Every figure is the median of N rounds, and the rounds interleave the measurements (one run of each
per round), so a busy machine slows ours and its reference alike and the ratio stays meaningful even
when the absolute times do not. Nothing here asserts a time: it prints a table (Markdown) and writes
it, with the machine, to ``benchmarks/results/fast-paths.json``.

What is measured, each against its reference:

- whole-process CLI times (``bpsstd --help``, ``list``, ``diff 2021 2023``) against ``python -c pass``;
- loading an edition folder (uncached, libyaml and pure-Python paths) against ``yaml.load(...,
  Loader=yaml.CSafeLoader)`` of the same files, and a shipped edition read from its compiled cache;
- ``bpsstd.diff`` against a raw ``DeepDiff(ignore_order=True)`` of the same unstructured editions;
- the peak memory of a process loading an edition of 100 copies of every aspect of 2021, against a
  process that only ``yaml.load``s the same files.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import yaml
from deepdiff import DeepDiff

import bpsstd
from bpsstd import _yaml
from bpsstd.editions import editions_root
from bpsstd.model import Aspect, Category, Edition, Totals

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_diff import scaled  # the diff benchmark's synthetic editions

if TYPE_CHECKING:
    from collections.abc import Callable

RESULTS = Path(__file__).resolve().parent / "results"
MIB = 1024 * 1024


def many_aspects(edition: Edition, copies: int) -> Edition:
    """Return *edition* with every aspect repeated *copies* times (keys made unique), numbered anew.

    Aspects, not categories, are repeated so that every file stays the size of a shipped one.
    """
    aspects: list[Aspect] = []
    category_number = 0
    for n in range(copies):
        for aspect in edition.aspects:
            cats = []
            for c in aspect.categories:
                category_number += 1
                items = [attrs.evolve(i, key=f"{i.key}-c{n}") if n else i for i in c.service_items]
                key = f"{c.key}-c{n}" if n else c.key
                cats.append(Category(key=key, number=category_number, name=c.name, service_items=items))
            key = f"{aspect.key}-c{n}" if n else aspect.key
            aspects.append(Aspect(key=key, number=len(aspects) + 1, name=aspect.name, categories=cats))
    grown = attrs.evolve(edition, aspects=aspects)
    count = len(grown.service_items)
    return attrs.evolve(grown, declared=Totals(aspects=len(aspects), categories=category_number, items=count))


def _timer(fn: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return run


def _process(*argv: str, env: dict[str, str] | None = None) -> Callable[[], float]:
    def run() -> float:
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)  # noqa: S603
        return time.perf_counter() - start

    return run


def interleaved(measures: dict[str, Callable[[], float]], rounds: int) -> dict[str, float]:
    """Run every measure once per round, in turn, and return each one's median time in seconds."""
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(rounds):
        for name, measure in measures.items():
            times[name].append(measure())
    return {name: statistics.median(values) for name, values in times.items()}


def _yaml_files(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))]


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "bpsstd"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bpsstd"]


_PEAK = """
import resource, sys, time, tracemalloc
mode, folder = sys.argv[1], sys.argv[2]
if mode == "bpsstd":
    import bpsstd
    # Far larger than any real standard: the folder limits are raised on purpose.
    limits = bpsstd.Limits(folder_bytes=2**30, folder_values=10**8)
    load = lambda: bpsstd.load_folder(folder, limits=limits)
else:
    import pathlib, yaml
    load = lambda: [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
                    for p in sorted(pathlib.Path(folder).glob("*.yaml"))]
if sys.argv[3] == "traced":
    tracemalloc.start()
    kept = load()
    print(tracemalloc.get_traced_memory()[1])
else:
    kept = load()
    try:  # the high-water mark of this process's own memory (ru_maxrss may carry its parent's)
        status = open("/proc/self/status").read()
        print(int(status.split("VmHWM:")[1].split()[0]) * 1024)
    except (OSError, IndexError):
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def _peak(mode: str, folder: Path) -> tuple[float, float]:
    """Peak traced memory of loading *folder* in a fresh process, and (untraced) its max RSS, in MiB."""
    found = []
    for how in ("traced", "rss"):
        command = [sys.executable, "-c", _PEAK, mode, str(folder), how]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        found.append(int(out.split()[-1]) / MIB)
    return found[0], found[1]


def _figure(value: float) -> str:
    """One decimal, or three below 1 (a time per item), so that small figures still say something."""
    return f"{value:.1f}" if value >= 1 else f"{value:.3f}"


def main() -> None:  # noqa: PLR0915  # one table, measured in one place
    """Measure, print the table and save it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="interleaved rounds (medians)")
    parser.add_argument("--diff-rounds", type=int, default=3, help="rounds for the largest diff")
    parser.add_argument("--sizes", default="1,10,100", help="copies of the shipped editions for diff()")
    parser.add_argument("--memory-copies", type=int, default=100)
    args = parser.parse_args()
    rows: list[tuple[str, float, float, str, str]] = []  # what, ours, reference, unit, target

    with tempfile.TemporaryDirectory(prefix="bpsstd-bench-") as tmp:
        cache = Path(tmp) / "cache"
        env = {**os.environ, "BPSSTD_CACHE_DIR": str(cache)}
        cli = _cli()
        # Warm the cache: `diff` compiles both editions (`list` only reads what is there, compiling nothing).
        warm = [*cli, "diff", "2021", "2023"]
        subprocess.run(warm, stdout=subprocess.DEVNULL, env=env, check=True)  # noqa: S603
        cold = {**os.environ, "BPSSTD_CACHE_DIR": ""}
        t = interleaved(
            {
                "pass": _process(sys.executable, "-c", "pass"),
                "dependencies": _process(sys.executable, "-c", "import argparse, attrs, cattrs, deepdiff"),
                "--help": _process(*cli, "--help", env=env),
                "list": _process(*cli, "list", env=env),
                "list (cache off)": _process(*cli, "list", env=cold),
                "diff 2021 2023": _process(*cli, "diff", "2021", "2023", env=env),
                "diff 2021 2023 (cache off)": _process(*cli, "diff", "2021", "2023", env=cold),
            },
            args.rounds,
        )
        rows.append(
            (
                "floor: `python -c 'import argparse, attrs, cattrs, deepdiff'` vs `python -c pass`",
                t["dependencies"],
                t["pass"],
                "ms",
                "",
            )
        )
        rows.append(
            (
                "`bpsstd diff 2021 2023` whole process vs that floor",
                t["diff 2021 2023"],
                t["dependencies"],
                "ms",
                "",
            )
        )
        for name, target in (
            ("--help", "≤ 4×"),
            ("list", "≤ 6×"),
            ("list (cache off)", ""),
            ("diff 2021 2023", "≤ 12×"),
            ("diff 2021 2023 (cache off)", ""),
        ):
            rows.append(
                (f"`bpsstd {name}` whole process vs `python -c pass`", t[name], t["pass"], "ms", target)
            )

        folder = editions_root() / "2021"
        texts = _yaml_files(folder)
        bpsstd.load_folder(folder)  # the converter's structuring functions are generated on first use

        def pure() -> object:
            original = _yaml.DEFAULT_PATH
            _yaml.DEFAULT_PATH = "python"
            try:
                return bpsstd.load_folder(folder)
            finally:
                _yaml.DEFAULT_PATH = original

        editions_module = sys.modules["bpsstd.editions"]
        os.environ["BPSSTD_CACHE_DIR"] = str(cache)

        def cached() -> object:
            editions_module._load_shipped.cache_clear()  # noqa: SLF001  # as a new process would
            return bpsstd.load("2021")

        t = interleaved(
            {
                "csafe": _timer(lambda: [yaml.load(x, Loader=yaml.CSafeLoader) for x in texts]),
                "load": _timer(lambda: bpsstd.load_folder(folder)),
                "pure": _timer(pure),
                "cached": _timer(cached),
            },
            args.rounds,
        )
        rows.append(
            (
                "`load_folder(2021)` uncached (libyaml) vs `yaml.load` CSafeLoader",
                t["load"],
                t["csafe"],
                "ms",
                "≤ 2×",
            )
        )
        rows.append(
            (
                "`load_folder(2021)` pure-Python path vs `yaml.load` CSafeLoader",
                t["pure"],
                t["csafe"],
                "ms",
                "",
            )
        )
        rows.append(
            (
                "`load('2021')` from the compiled cache vs `yaml.load` CSafeLoader",
                t["cached"],
                t["csafe"],
                "ms",
                "",
            )
        )

        old, new = bpsstd.load("2021"), bpsstd.load("2023")
        per_item: dict[int, float] = {}
        for copies in (int(s) for s in args.sizes.split(",")):
            a, b = scaled(old, copies), scaled(new, copies)
            ua, ub = bpsstd.unstructure(a), bpsstd.unstructure(b)
            rounds = args.diff_rounds if copies >= 100 else args.rounds
            t = interleaved(
                {
                    "ours": _timer(functools.partial(bpsstd.diff, a, b)),
                    "raw": _timer(functools.partial(DeepDiff, ua, ub, ignore_order=True)),
                },
                rounds,
            )
            per_item[len(a.service_items)] = t["ours"] / len(a.service_items)
            rows.append(
                (
                    f"`diff()` at {len(a.service_items)} items vs raw `DeepDiff(ignore_order=True)`",
                    t["ours"],
                    t["raw"],
                    "ms",
                    "≤ 0.2×",
                )
            )
        sizes = sorted(per_item)
        if len(sizes) > 1:
            rows.append(
                (
                    f"`diff()` ms per item at {sizes[-1]} vs at {sizes[0]} items",
                    per_item[sizes[-1]],
                    per_item[sizes[0]],
                    "ms",
                    "≤ 1.3×",
                )
            )

        big = Path(tmp) / "big"
        bpsstd.dump_folder(many_aspects(old, args.memory_copies), big)
        ours_peak, ours_rss = _peak("bpsstd", big)
        ref_peak, ref_rss = _peak("yaml", big)
        label = (
            f"peak traced memory loading {args.memory_copies}× 2021 (MiB) vs `yaml.load` of the same files"
        )
        rows.append((label, ours_peak, ref_peak, "MiB", "≤ 80 MiB"))
        rows.append(
            ("max RSS of that process (MiB) vs the `yaml.load` process", ours_rss, ref_rss, "MiB", "")
        )

    machine = (
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPU(s), "
        f"{platform.platform()}"
    )
    print(
        f"{machine}; medians of {args.rounds} interleaved rounds ({args.diff_rounds} for the largest diff)\n"
    )
    print("| what | ours | reference | ratio | target |")
    print("|---|---:|---:|---:|---|")
    for what, ours, ref, unit, target in rows:
        scale = 1000 if unit == "ms" else 1
        figures = f"{_figure(ours * scale)} {unit} | {_figure(ref * scale)} {unit} | {ours / ref:.2f}×"
        print(f"| {what} | {figures} | {target} |")
    RESULTS.mkdir(exist_ok=True)
    saved = [{"what": w, "ours": o, "reference": r, "unit": u, "target": g} for w, o, r, u, g in rows]
    (RESULTS / "fast-paths.json").write_text(
        json.dumps({"machine": machine, "rows": saved}, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
