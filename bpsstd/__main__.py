"""``python -m bpsstd``: the command line."""

from bpsstd.cli import run

run()
