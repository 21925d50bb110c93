"""Check thousands of county standards against 2023, as a ratio to libyaml parsing the same files.

Run: ``python benchmarks/bench_region.py [--counties 3000] [--seed 0]``.
Generates SYNTHETIC county standards (copies of the 2023 edition with a few quantities raised or
lowered and a row dropped now and then), writes them as regional folders in a temporary directory,
then times (a) ``load_regional_folder`` + ``conform`` for every county (what ``bpsstd region DIR``
does), and (b) ``yaml.load(..., Loader=yaml.CSafeLoader)`` alone over the same files. Nothing here
asserts a time: it prints the figures and their ratio.
"""

from __future__ import annotations

import argparse
import platform
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import attrs
import yaml

from bpsstd import load
from bpsstd.conformance import conform
from bpsstd.model import Better, Edition
from bpsstd.regional import (
    Level,
    LocalItem,
    Region,
    RegionalStandard,
    copy_of,
    dump_regional_folder,
    load_regional_folder,
)


def county(edition: Edition, n: int, rng: random.Random) -> RegionalStandard:
    """A synthetic county: the national rows, with some quantities moved and maybe one row dropped."""
    base = copy_of(
        edition,
        id=f"county-{n:04d}",
        title=f"合成县{n}（合成示例）",
        region=Region(zh=f"合成县{n}", en=f"Synthetic county {n}", level=Level.COUNTY),
    )
    national = {i.key: i for i in edition.service_items}
    dropped = rng.choice([i.key for i in edition.service_items]) if rng.random() < 0.05 else None

    def row(item: LocalItem) -> LocalItem:
        quantities = []
        for q in item.quantities:
            better = national[item.key].quantity(q.key).better
            if better is not None and isinstance(q.value, int) and rng.random() < 0.1:
                step = rng.choice((-1, 1, 1, 2)) * (1 if better is Better.HIGHER else -1)
                q = attrs.evolve(q, value=q.value + step)  # noqa: PLW2901  # a moved copy
            quantities.append(q)
        return attrs.evolve(item, quantities=tuple(quantities))

    aspects = tuple(
        attrs.evolve(a, items=tuple(row(i) for i in a.items if i.key != dropped)) for a in base.aspects
    )
    return attrs.evolve(base, aspects=aspects)


def main() -> None:
    """Generate, time, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counties", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    edition = load("2023")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        folders = [
            dump_regional_folder(county(edition, n, rng), root / f"c{n:04d}") for n in range(args.counties)
        ]
        generated = time.perf_counter() - start
        files = sorted(root.glob("*/*.yaml"))
        size = sum(f.stat().st_size for f in files)

        start = time.perf_counter()
        for f in files:
            yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # CSafeLoader is safe
        libyaml = time.perf_counter() - start

        start = time.perf_counter()
        outcomes: Counter[str] = Counter()
        for folder in folders:
            result = conform(load_regional_folder(folder), edition)
            outcomes["pass" if result.ok else "fail"] += 1
        checked = time.perf_counter() - start

    print(f"python {platform.python_version()} on {platform.machine()}; {args.counties} counties")
    print(f"files: {len(files)} ({size / 1e6:.1f} MB); generated in {generated:.1f} s")
    print(f"libyaml CSafeLoader parse only: {libyaml:.2f} s")
    print(f"bpsstd load + conform:          {checked:.2f} s  ({checked / libyaml:.1f}x libyaml)")
    print(f"outcomes: {dict(outcomes)}")


if __name__ == "__main__":
    main()
