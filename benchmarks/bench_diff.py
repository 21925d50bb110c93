"""Measure ``bpsstd.diff`` against a plain ``DeepDiff(ignore_order=True)`` of the same data, and its growth.

Run: ``nox -s bench`` or ``python benchmarks/bench_diff.py [--repeat N] [--sizes 80,800,8000]``.
Times are the best of N runs, measured in this one process, so ratios compare like with like. Synthetic
editions repeat the shipped 2021 and 2023 editions with re-keyed copies of their categories, so every
size has the real mix of changes. Nothing here asserts a time: it prints a table.
"""

from __future__ import annotations

import argparse
import functools
import platform
import time
from typing import TYPE_CHECKING, TypeVar

import attrs
from deepdiff import DeepDiff

import bpsstd
from bpsstd.model import Aspect, Category, Edition, ServiceItem, Totals

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")


def scaled(edition: Edition, copies: int) -> Edition:
    """Return *edition* with every category repeated *copies* times under fresh keys."""

    def item(i: ServiceItem, n: int) -> ServiceItem:
        return attrs.evolve(i, key=f"{i.key}-c{n}") if n else i

    number = 0
    aspects = []
    for aspect in edition.aspects:
        cats = []
        for n in range(copies):
            for c in aspect.categories:
                number += 1
                key = f"{c.key}-c{n}" if n else c.key
                cats.append(
                    Category(
                        key=key,
                        number=number,
                        name=c.name,
                        service_items=[item(i, n) for i in c.service_items],
                    )
                )
        aspects.append(Aspect(key=aspect.key, number=aspect.number, name=aspect.name, categories=cats))
    grown = attrs.evolve(edition, aspects=aspects)
    return attrs.evolve(
        grown,
        declared=Totals(
            aspects=len(aspects), categories=len(grown.categories), items=len(grown.service_items)
        ),
    )


def best(fn: Callable[[], T], repeat: int) -> tuple[float, T]:
    """The best wall time of *repeat* runs of *fn*, in seconds, and what it returned."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    """Print the comparison and growth tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="1,10,100", help="copies of the shipped editions (80 items each)")
    args = parser.parse_args()
    old, new = bpsstd.load("2021"), bpsstd.load("2023")
    print(f"python {platform.python_version()} on {platform.machine()}, best of {args.repeat} runs\n")
    columns = ("bpsstd.diff", "DeepDiff io", "ratio", "changes", "ms/item")
    widths = (12, 12, 7, 8, 8)
    print(f"{'items (old/new)':>16} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for copies in (int(s) for s in args.sizes.split(",")):
        a, b = scaled(old, copies), scaled(new, copies)
        ours, result = best(functools.partial(bpsstd.diff, a, b), args.repeat)
        ua, ub = bpsstd.unstructure(a), bpsstd.unstructure(b)
        raw, _ = best(functools.partial(DeepDiff, ua, ub, ignore_order=True), args.repeat)
        changes = len(result)
        per_item = ours / len(a.service_items) * 1000
        print(
            f"{len(a.service_items):>7}/{len(b.service_items):<8} "
            f"{ours * 1000:>10.1f}ms {raw * 1000:>10.1f}ms {raw / ours:>6.1f}x {changes:>8} {per_item:>8.3f}"
        )
    print("\nratio = DeepDiff(ignore_order=True) time / bpsstd.diff time on the same two editions;")
    print("ms/item staying flat as the size grows means the diff grows linearly.")


if __name__ == "__main__":
    main()
