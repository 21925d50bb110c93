r"""The command line's contract with its caller: safe output streams and trustworthy exit codes.

Exit codes (the README and ``bpsstd --help`` say the same):

- 0: success;
- 1: problems found (``check``) or a ``--fail-on`` gate tripped (``diff``);
- 2: a usage error, input that cannot be read, or output that cannot be written (a full disk, a closed
  standard output) when nothing worse happened;
- 3: an internal error, a bug in bpsstd: one line says so and where to report it; the traceback is shown
  only with ``--debug`` or ``BPSSTD_DEBUG=1``;
- 130: interrupted (Ctrl-C).

Output never decides the outcome: a command runs to the end and computes its exit code whatever
happens to its output, because a CI step that pipes ``bpsstd diff --fail-on`` into another program must
still fail when the gate trips. A reader that goes away (``| head``, ``| true``) is not an error at all;
the command ends quietly with the code its checks gave.

Output never crashes on a terminal's encoding: characters the stream cannot encode become an ASCII
fallback (arrows, signs, full-width punctuation) or a backslash escape; bytes of a file name that are not
valid in the file system's encoding are shown as ``\xNN``; control characters are shown escaped, so data
cannot drive the terminal.
"""

from __future__ import annotations

import codecs
import errno
import io
import json
import math
import os
import re
import sys
import traceback
import unicodedata
from typing import IO, TYPE_CHECKING, Self, TextIO, cast

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

__all__ = [
    "DEBUG_ENV",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "NON_FINITE",
    "Console",
    "SafeStream",
    "json_text",
    "safe_text",
]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
DEBUG_ENV = "BPSSTD_DEBUG"
# No public tracker address is recorded anywhere in the project yet; the lead fills it in on release.
REPORT_TO = "the bpsstd issue tracker"

# JSON has no NaN or Infinity (RFC 8259): a non-finite number is written as one of these strings.
NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}

# Symbols the renderers use, in the spelling an ASCII terminal can show.
_FALLBACKS = {
    "\u2212": "-",  # − minus sign (gbk has no code for it)
    "\u2013": "-",  # – en dash
    "\u2014": "--",  # — em dash
    "\u2192": "->",  # →
    "\u2190": "<-",  # ←
    "\u2191": "^",  # ↑
    "\u2193": "v",  # ↓
    "\u2195": "^v",  # ↕
    "\u2026": "...",  # …
    "\u00b7": "-",  # · middle dot
    "\u00d7": "x",  # ×
    "\u2264": "<=",  # ≤
    "\u2265": ">=",  # ≥
    "\u00b1": "+/-",  # ±
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u2018": "'",  # ‘
    "\u2019": "'",  # ’
    "\u300c": '"',  # 「
    "\u300d": '"',  # 」
    "\u3001": ",",  # 、
    "\u3002": ".",  # 。
    "\u300a": "<<",  # 《
    "\u300b": ">>",  # 》
}
_HANDLER = "bpsstd-console"
# C0 controls except tab and newline, DEL and C1 controls: never sent raw to a terminal.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _replacement(char: str, encoding: str) -> str:
    """The most readable spelling of *char* that *encoding* can encode."""
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that os.fsdecode could not decode (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    for candidate in (_FALLBACKS.get(char), unicodedata.normalize("NFKC", char)):
        if candidate and candidate != char:
            try:
                candidate.encode(encoding)
            except UnicodeError:
                continue
            return candidate
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _handle(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):  # pragma: no cover  # registered for encoding only
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_replacement(c, exc.encoding) for c in bad), exc.end


codecs.register_error(_HANDLER, _handle)


def _encoding(stream: object) -> str:
    name = getattr(stream, "encoding", None)
    if not isinstance(name, str):
        return "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:  # an encoding Python does not know: fall back to the safest one
        return "ascii"


def safe_text(text: str, encoding: str) -> str:
    """Return *text* with control characters escaped and every character *encoding* cannot encode replaced.

    The result encodes under *encoding* with ``errors="strict"``.
    """
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, _HANDLER).decode(encoding)
    return text


def _finite(data: object) -> object:
    """Return *data* with every non-finite float replaced by its :data:`NON_FINITE` string."""
    if isinstance(data, float) and not math.isfinite(data):
        return NON_FINITE[repr(data)]
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_finite(v) for v in data]
    return data


def json_text(data: object, stream: object = None) -> str:
    r"""Serialise *data* as indented JSON that *stream* (default: standard output) can take unchanged.

    Non-finite numbers become the strings of :data:`NON_FINITE` (never bare ``NaN``, which is not JSON).
    Text the stream cannot encode is written as ``\uXXXX`` escapes, so the JSON stays valid and lossless.
    """
    finite = _finite(data)
    text = json.dumps(finite, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    try:
        text.encode(_encoding(sys.stdout if stream is None else stream))
    except UnicodeEncodeError:
        return json.dumps(finite, ensure_ascii=True, indent=2, allow_nan=False) + "\n"
    return text


class SafeStream(io.TextIOBase):
    """A text stream in front of another that never raises on writing.

    Unencodable text is replaced (see :func:`safe_text`). The first error writing to the target (a broken
    pipe, a full disk, a closed file) is kept in :attr:`error` and every later write is dropped: the
    command goes on to compute its outcome.
    """

    def __init__(self, target: IO[str] | None, name: str) -> None:
        """Wrap *target*; ``None`` is a stream the process was started without (``>&-``)."""
        super().__init__()
        self.target = target
        self.label = name
        self.error: OSError | None = None
        if target is None:
            self.error = OSError(errno.EBADF, f"standard {name} is closed")

    @property
    def encoding(self) -> str:  # type: ignore[override]  # read-only here: it is the target's
        """The target's encoding (normalised), which every written text can be encoded in."""
        return _encoding(self.target)

    def writable(self) -> bool:
        """Whether the stream accepts writes (always: failed writes are dropped)."""
        return True

    def isatty(self) -> bool:
        """Whether the target is a terminal."""
        try:
            return bool(self.target is not None and self.error is None and self.target.isatty())
        except (OSError, ValueError):
            return False

    def write(self, text: str) -> int:
        """Write *text* safely; return its length, as if it had all been written."""
        if self.error is None and self.target is not None:
            try:
                self.target.write(safe_text(text, self.encoding))
            except (OSError, ValueError) as exc:  # ValueError: the file was closed under us
                self._fail(exc)
        return len(text)

    def flush(self) -> None:
        """Flush the target; a failure is kept like a failed write."""
        if self.error is None and self.target is not None:
            try:
                self.target.flush()
            except (OSError, ValueError) as exc:
                self._fail(exc)

    def _fail(self, exc: OSError | ValueError) -> None:
        self.error = exc if isinstance(exc, OSError) else OSError(errno.EBADF, str(exc))
        # The interpreter flushes the real streams again at exit and would print "Exception ignored";
        # pointing the file descriptor at /dev/null lets that last flush succeed quietly.
        real = [s for s in (sys.__stdout__, sys.__stderr__) if s is not None]
        if self.target is not None and any(self.target is s for s in real):
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self.target.fileno())
                os.close(devnull)
            except (OSError, ValueError):  # pragma: no cover  # nothing more can be done
                pass

    @property
    def broken_pipe(self) -> bool:
        """Whether the reader went away: not an error for a command's outcome."""
        return isinstance(self.error, BrokenPipeError) or (
            self.error is not None and self.error.errno in (errno.EPIPE, errno.ECONNRESET)
        )


class Console:
    """Run a command with safe standard streams and turn whatever happens into an exit code.

    While a :class:`Console` is entered, ``sys.stdout`` and ``sys.stderr`` are :class:`SafeStream`
    wrappers of the streams there were.
    """

    def __init__(self, *, debug: bool = False) -> None:
        """Show tracebacks of internal errors when *debug* (or ``BPSSTD_DEBUG=1``)."""
        self.debug = debug or os.environ.get(DEBUG_ENV, "").strip() not in ("", "0")
        self.out = SafeStream(sys.stdout, "output")
        self.err = SafeStream(sys.stderr, "error")
        self._saved: tuple[TextIO, TextIO] = (sys.stdout, sys.stderr)

    def __enter__(self) -> Self:
        """Put the safe streams in place."""
        self._saved = (sys.stdout, sys.stderr)
        # SafeStream is a TextIOBase, the same protocol sys.stdout's TextIOWrapper implements.
        sys.stdout, sys.stderr = cast("TextIO", self.out), cast("TextIO", self.err)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Put the original streams back."""
        sys.stdout, sys.stderr = self._saved

    def run(self, command: Callable[[], int]) -> int:
        """Run *command* and return the exit code the contract gives (see the module docstring)."""
        try:
            code = command()
        except KeyboardInterrupt:
            self.err.write("bpsstd: interrupted\n")
            code = EXIT_INTERRUPTED
        except Exception as exc:  # noqa: BLE001  # the one place every unexpected error is turned into exit 3
            code = self._internal_error(exc)
        self.out.flush()
        if code == EXIT_OK and self.out.error is not None and not self.out.broken_pipe:
            # Nothing failed but the output was lost: exit 0 would claim it was written.
            self.err.write(f"bpsstd: cannot write the output: {_reason(self.out.error)}\n")
            code = EXIT_USAGE
        self.err.flush()
        return code

    def _internal_error(self, exc: Exception) -> int:
        if self.debug:
            self.err.write("".join(traceback.format_exception(exc)))
        summary = " ".join(str(exc).split())[:200]
        hint = "" if self.debug else f" (--debug or {DEBUG_ENV}=1 shows the traceback)"
        self.err.write(
            f"bpsstd: internal error ({type(exc).__name__}{': ' + summary if summary else ''}); "
            f"this is a bug in bpsstd, not a problem in your data: please report it to {REPORT_TO} "
            f"with the command you ran{hint}\n"
        )
        return EXIT_INTERNAL


def _reason(error: OSError) -> str:
    if error.strerror:
        return error.strerror
    return os.strerror(error.errno) if error.errno is not None else str(error)
