"""Developer sessions: ``nox -s tests lint typecheck docs bench``."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "typecheck", "docs"]
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _group(name: str) -> list[str]:
    return list(nox.project.dependency_groups(PYPROJECT, name))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (pytest + hypothesis) against the installed package."""
    session.install(".", *_group("test"))
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Run ruff's linter and its format check."""
    session.install(*_group("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """Run mypy --strict over the package, the tests and the scripts."""
    session.install("-e", ".", *_group("typecheck"))
    session.run("mypy")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site; any warning fails the build."""
    session.install("-e", ".", *_group("docs"))
    session.run("sphinx-build", "-W", "-n", "--keep-going", "-b", "html", "docs", "docs/_build/html")


@nox.session
def bench(session: nox.Session) -> None:
    """Measure the fast paths (CLI, loading, diff, memory) as ratios to references in the same run.

    Arguments go to benchmarks/bench_fast_paths.py (e.g. ``nox -s bench -- --rounds 11``).
    """
    session.install(".")
    session.run("python", "benchmarks/bench_fast_paths.py", *session.posargs)
    # 3,000 synthetic county standards checked against 2023, as a ratio to libyaml parsing them.
    session.run("python", "benchmarks/bench_region.py", "--counties", "3000")


@nox.session
def fuzz(session: nox.Session) -> None:
    """Run the fuzz campaign at length: ``nox -s fuzz -- 20000`` sets the number of mutation cases."""
    session.install("-e", ".", *_group("test"))
    cases = session.posargs[0] if session.posargs else "5000"
    session.run("pytest", "-q", "tests/test_fuzz.py", env={"BPSSTD_FUZZ_CASES": cases})
