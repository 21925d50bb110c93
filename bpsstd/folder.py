"""Reading and writing edition folders, safely.

An edition folder holds ``edition.yaml`` (metadata, declared totals, the list of aspect files),
``agencies.yaml`` (the registry of responsible units) and one YAML file per aspect. Files are read
by :mod:`bpsstd._yaml`, which executes nothing and keeps the line of every value, then structured in
one pass (:func:`bpsstd.serde.structure`) so that every wrong type, missing field and unknown key of
every file is reported at once.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import attrs
import yaml

from bpsstd import _yaml
from bpsstd._boundary import Boundary, Limits
from bpsstd._structure_errors import kind_of, path_string
from bpsstd._yaml import Located, YamlProblem, read_yaml, resolve_plain
from bpsstd.errors import LoadError
from bpsstd.model import Edition, LineTable, Origin
from bpsstd.problems import Problem

__all__ = [
    "AGENCIES_FILE",
    "EDITION_FILE",
    "AspectHook",
    "aspect_file_name",
    "dump_folder",
    "load_folder",
    "to_yaml",
]

EDITION_FILE = "edition.yaml"
AGENCIES_FILE = "agencies.yaml"
_ASPECT_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml")
_YAML_HEADER = "# Part of a bpsstd edition folder. After editing, run: bpsstd check FOLDER\n"


def aspect_file_name(number: int, key: str) -> str:
    """Return the file name of an aspect, e.g. ``03-employment.yaml``."""
    return f"{number:02d}-{key}.yaml"


def _display(folder: Path, name: str) -> str:
    return str(folder / name)


def _read(boundary: Boundary, name: str, problems: list[Problem], where: str) -> tuple[Any, Located] | None:
    folder = boundary.folder
    refused = boundary.refusal(name)
    if refused is not None:
        problems.append(Problem.of(*refused, where, _display(folder, name)))
        return None
    limit = boundary.file_nodes
    try:
        value, located = read_yaml(folder / name, max_nodes=limit)
    except YamlProblem as exc:
        code, message = exc.code, exc.message
        if code == "yaml-too-many-nodes" and limit < _yaml.MAX_NODES:  # the folder's limit, not the file's
            code = "folder-too-many-nodes"
            message = (
                f"the folder's files hold more than {boundary.node_budget} YAML values together, this one"
                " past the limit; an edition needs far fewer"
            )
        problems.append(Problem.of(code, message, where, _display(folder, name), exc.line))
    except OSError as exc:
        problems.append(
            Problem.of(
                "file-unreadable", f"cannot read: {exc.strerror or exc}", where, _display(folder, name)
            )
        )
    else:
        # Each value counted once; the reader also counts keys, so the folder's limit errs strict.
        boundary.nodes_left -= len(located)
        return value, located
    return None


def _merge(
    into: dict[str, tuple[str, int]], located: Located, prefix: tuple[str | int, ...], file: str
) -> None:
    for parts, line in located.items():
        into[path_string((*prefix, *parts))] = (file, line)


def _problem(code: str, message: str, path: str, file: str, line: int | None) -> Problem:
    return Problem.of(code, message, path, file, line)


def _aspect_files(
    meta: dict[str, Any], edition_file: str, locations: dict[str, tuple[str, int]], problems: list[Problem]
) -> list[tuple[int, str]]:
    """The aspect files that ``edition.yaml`` lists, by index; bad entries become problems."""
    names = meta.get("aspects")
    line = locations.get("$.aspects", (edition_file, 1))[1]
    if names is None:
        problems.append(
            _problem(
                "missing-field",
                "required field missing: 'aspects' lists the aspect files, e.g. [01-childcare.yaml, ...]",
                "$.aspects",
                edition_file,
                1,
            )
        )
        return []
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        problems.append(
            _problem(
                "wrong-type",
                "expected 'aspects' to list the aspect files, e.g. [01-childcare.yaml, ...]",
                "$.aspects",
                edition_file,
                line,
            )
        )
        return []
    files = []
    # The folder's own files are read as what they are, never again as an aspect.
    first = {EDITION_FILE: "edition.yaml itself", AGENCIES_FILE: "the agency registry"}
    for index, name in enumerate(names):
        path = f"$.aspects[{index}]"
        if name in first:
            problems.append(
                _problem(
                    "file-listed-twice",
                    f"aspect file {name!r} is listed again (first: {first[name]}); each file is read once",
                    path,
                    edition_file,
                    locations.get(path, (edition_file, line))[1],
                )
            )
            continue
        if _ASPECT_FILE.fullmatch(name):
            first[name] = path
            files.append((index, name))
            continue
        # A name with a folder in it could read files outside the edition: refuse it unread.
        problems.append(
            _problem(
                "bad-file-name",
                f"aspect file {name!r:.60} must be a plain .yaml name inside the edition folder",
                path,
                edition_file,
                locations.get(path, (edition_file, line))[1],
            )
        )
    return files


def _registry(
    boundary: Boundary, locations: dict[str, tuple[str, int]], problems: list[Problem]
) -> list[Any] | None:
    """The agencies listed in ``agencies.yaml``, or None when it cannot be read."""
    folder = boundary.folder
    got = _read(boundary, AGENCIES_FILE, problems, "$.agencies")
    if got is None:
        return None
    registry, located = got
    agencies_file = _display(folder, AGENCIES_FILE)
    if isinstance(registry, dict) and set(registry) == {"agencies"}:
        _merge(locations, located, (), agencies_file)
        return typing.cast("list[Any]", registry["agencies"])
    problems.append(
        _problem(
            "wrong-type",
            "expected a mapping with one key, 'agencies', holding the list of agencies",
            "$.agencies",
            agencies_file,
            1,
        )
    )
    return None


def open_folder(folder: Path) -> None:
    """Make sure *folder* is a folder that can be opened.

    Raises:
        LoadError: it does not exist (``folder-not-found``), or cannot be opened (``folder-unreadable``:
            permissions, a name longer than the system allows, ...).
    """
    try:
        found = folder.is_dir()
    except OSError as exc:  # e.g. ENAMETOOLONG or EACCES on the way, which is_dir does not swallow
        problem = _problem(
            "folder-unreadable",
            f"cannot open the edition folder: {exc.strerror or exc}",
            "$",
            str(folder),
            None,
        )
        raise LoadError(str(folder), [problem]) from None
    if not found:
        raise LoadError(
            str(folder),
            [_problem("folder-not-found", f"no edition folder at {folder}", "$", str(folder), None)],
        )


@attrs.define
class RawFolder:
    """What could be read of an edition folder: its data as plain YAML values, located, and its problems.

    ``data["aspects"]`` keeps the aspect files in the order ``edition.yaml`` lists them, with None for
    each file that was not read (its index is in *unread*), so that data paths stay those of the files.
    """

    data: dict[str, Any] | None
    locations: dict[str, tuple[str, int]]
    problems: list[Problem]
    unread: set[int]


def _too_large(boundary: Boundary, names: list[str], edition_file: str) -> Problem | None:
    """The folder's size, added up before any of its aspect files is read: too large is refused."""
    total = sum(boundary.size(name) for name in [EDITION_FILE, AGENCIES_FILE, *names])
    limit = boundary.limits.folder_bytes
    if total <= limit:
        return None
    return _problem(
        "folder-too-large",
        f"the folder's files total {total} bytes; the limit for an edition is {limit}",
        "$",
        edition_file,
        None,
    )


#: What :func:`read_folder` may make of an aspect file's data as soon as it is read: (index, data) ->
#: what to keep in its place.
AspectHook = typing.Callable[[int, Any], Any]


def read_folder(folder: Path, *, limits: Limits | None = None, aspect: AspectHook | None = None) -> RawFolder:
    """Read every file of the edition *folder* that can be read, collecting the problems of the others.

    *aspect*, when given, is called with each aspect file's data as soon as the file is read, and what
    it returns is kept instead: the loader structures each file there, so that the plain data of one
    file, not of the whole folder, is held beside the records.
    """
    boundary = Boundary(folder, limits)
    problems: list[Problem] = []
    # A compact table used as a dict (set and get): a dict of every value's path was most of the peak.
    locations = typing.cast("dict[str, tuple[str, int]]", LineTable())
    edition_file = _display(folder, EDITION_FILE)
    read = _read(boundary, EDITION_FILE, problems, "$")
    meta: Any = None
    if read is not None:
        meta, located = read
        _merge(locations, located, (), edition_file)
        if not isinstance(meta, dict):
            problems.append(
                _problem("wrong-type", f"expected a mapping, found {kind_of(meta)}", "$", edition_file, 1)
            )
            meta = None
    unread: set[int] = set()
    if meta is not None:
        listed = meta.get("aspects")
        files = _aspect_files(meta, edition_file, locations, problems)
        aspects: list[Any] = [None] * (len(listed) if isinstance(listed, list) else 0)
        unread = set(range(len(aspects)))
        too_large = _too_large(boundary, [name for _, name in files], edition_file)
        if too_large is not None:
            problems.append(too_large)
            files = []
        for index, name in files:
            got = _read(boundary, name, problems, f"$.aspects[{index}]")
            if got is not None:
                aspects[index] = got[0] if aspect is None else aspect(index, got[0])
                unread.discard(index)
                _merge(locations, got[1], ("aspects", index), _display(folder, name))
        meta["aspects"] = aspects
        registry = _registry(boundary, locations, problems) if too_large is None else None
        if registry is not None:
            meta["agencies"] = registry
    return RawFolder(data=meta, locations=locations, problems=problems, unread=unread)


def load_folder(folder: str | Path, *, limits: Limits | None = None) -> Edition:
    """Load the edition stored in *folder*, safely: nothing in it is executed.

    Only the folder's own regular files are read (a symlink out of the folder, a FIFO or a device is
    refused), each once, within *limits* on the folder's size and number of values (by default
    :class:`~bpsstd.Limits`, far above what a shipped edition needs).

    Raises:
        LoadError: the folder or one of its files is missing, unreadable or not valid edition data;
            every problem of every file is reported, each with its file and line.
    """
    # Imported on use: bpsstd.serde re-exports this module's functions.
    from bpsstd import serde  # noqa: PLC0415

    folder = Path(folder)
    open_folder(folder)

    # Each aspect file is structured as soon as it is read; one that fails is kept as plain data, and
    # structured again with the whole edition below, where its problems are located like any other.
    def early(_: int, data: object) -> object:
        built = serde.structure_aspect(data)
        return data if built is None else built

    raw = read_folder(folder, limits=limits, aspect=early)
    if raw.problems:
        raise LoadError(str(folder), raw.problems)
    try:
        edition = serde.structure(raw.data, locations=raw.locations)
    except LoadError as exc:
        raise LoadError(str(folder), exc.problems) from None
    return attrs.evolve(edition, origin=Origin(folder=str(folder), locations=raw.locations))


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese kept as written, long lines left unwrapped."""


def _reads_back_as_text(value: str) -> bool:
    """Whether *value* written plain reads back as this string under the reader's YAML 1.2 core."""
    try:
        return resolve_plain(value) == value
    except ValueError:  # written as a date or an integer, and none: plain would be refused
        return False


#: What YAML 1.1 reads as line breaks besides CR and LF (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR):
#: written as they are, in a plain, quoted or block scalar, the reader folds them into a space or a newline.
_OTHER_BREAKS = frozenset("\x85\u2028\u2029")


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = "|" if "\n" in value else None
    if not _OTHER_BREAKS.isdisjoint(value):
        style = '"'  # the one style that escapes them (\N, \L, \P)
    # PyYAML quotes by YAML 1.1, which misses strings the 1.2 reader takes for another type: '0o17',
    # '.NaN', '1e3' ... are quoted whenever the reader would not give back the same string.
    elif style is None and not _reads_back_as_text(value):
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def to_yaml(data: object, header: str) -> str:
    """*data* as the YAML of a folder's file, after *header*: block style, Chinese as written."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return header + body


def dump_folder(edition: Edition, folder: str | Path) -> Path:
    """Write *edition* as an edition folder (created if needed); return the folder.

    Files are written whole; an existing folder's other files are left alone.
    """
    from bpsstd import serde  # noqa: PLC0415  # imported on use: see load_folder

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    data = serde.unstructure(edition)
    header = _YAML_HEADER
    names = [aspect_file_name(a.number, a.key) for a in edition.aspects]
    for name, aspect in zip(names, data.pop("aspects"), strict=True):
        (folder / name).write_text(to_yaml(aspect, header), encoding="utf-8")
    (folder / AGENCIES_FILE).write_text(to_yaml({"agencies": data.pop("agencies")}, header), encoding="utf-8")
    # Dates go back to YAML dates (unquoted), which read better than the ISO strings of JSON.
    meta = {**data, "published": edition.published, "issued": edition.issued, "aspects": names}
    (folder / EDITION_FILE).write_text(to_yaml(meta, header), encoding="utf-8")
    return folder
