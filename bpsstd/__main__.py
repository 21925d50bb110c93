"""``python -m bpsstd``: the command line."""

from bpsstd.cli import main

raise SystemExit(main())
