"""Problems are data: one record per broken rule, with a stable code and a location.

Both the loader (a file that cannot be read or structured) and :func:`bpsstd.check` (a broken invariant)
report :class:`Problem` records, so a user sees one format whatever went wrong. Every code either can
report is declared once, below, with its stage, severity and meaning (:data:`CODES`); the documentation's
table is generated from that declaration, and :meth:`Problem.of` refuses a code that is not in it.
"""

from __future__ import annotations

import enum
import unicodedata

from attrs import field, frozen
from attrs.validators import instance_of, matches_re, optional

from bpsstd.model import freeze

__all__ = ["CODES", "Problem", "ProblemCode", "Report", "Severity", "Stage", "codes_of"]


class Severity(enum.Enum):
    """How bad a problem is: an error fails ``bpsstd check``, a warning or an info does not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """Worth listing, not wrong: e.g. a regional item above national needing a fiscal review."""


class Stage(enum.Enum):
    """Which part of the library reports a code: reading a folder, or checking an edition."""

    LOAD = "load"
    """The folder cannot be read or structured: nothing is loaded (exit status 2)."""
    CHECK = "check"
    """The edition loads but breaks an invariant (:func:`bpsstd.check`; exit status 1 for errors)."""
    IMPORT = "import"
    """A document read by ``bpsstd import``: noted in the import report; the import goes on."""
    REGION = "region"
    """A regional standard against the national edition it implements (exit 1 for errors)."""


@frozen(kw_only=True)
class ProblemCode:
    """The declaration of one problem code: what it means and how bad it is."""

    code: str = field(validator=matches_re(r"[a-z0-9]+(-[a-z0-9]+)*"))
    stage: Stage = field(validator=instance_of(Stage))
    severity: Severity = field(validator=instance_of(Severity))
    meaning: str = field(validator=instance_of(str))


def _declare(stage: Stage, severity: Severity, **meanings: str) -> list[ProblemCode]:
    return [
        ProblemCode(code=name.replace("_", "-"), stage=stage, severity=severity, meaning=meaning)
        for name, meaning in meanings.items()
    ]


_LOAD, _CHECK, _REGION = Stage.LOAD, Stage.CHECK, Stage.REGION
_ERROR, _WARNING, _INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

#: Every problem code the library can report, loader and checks alike, by code.
CODES: dict[str, ProblemCode] = {
    c.code: c
    for c in [
        *_declare(
            _LOAD,
            _ERROR,
            folder_not_found="the edition folder does not exist",
            folder_unreadable=(
                "the edition folder cannot be opened (permissions on the way, a name too long for the system)"
            ),
            folder_too_large="the files of the folder together are larger than an edition may be (not read)",
            folder_too_many_nodes="the files of the folder hold more YAML values in all than an edition may",
            file_outside_folder=(
                "a file of the folder is a symbolic link leading outside it; it is refused unread"
            ),
            file_not_regular="a file of the folder is a FIFO, socket, device or folder; it is refused unread",
            file_listed_twice=(
                "edition.yaml lists a file twice (or edition.yaml or agencies.yaml as an aspect, or two names"
                " of one file); each file is read once"
            ),
            file_not_found="a file the folder needs (edition.yaml, agencies.yaml, an aspect file) is missing",
            file_unreadable="a file exists but cannot be read (permissions, a folder in its place)",
            file_too_large="a file is larger than an edition file may be",
            not_utf8="a file is not UTF-8 text",
            empty_file="a file is empty where a YAML mapping is expected",
            yaml_syntax="a file is not valid YAML",
            yaml_duplicate_key="a mapping of a file has the same key twice",
            yaml_alias="a file uses YAML anchors or aliases, which edition files do not allow",
            yaml_tag="a file uses a YAML tag, which edition files do not allow (plain data only)",
            yaml_key="a mapping key is not a plain scalar (or is a merge key)",
            yaml_too_deep="a file nests deeper than an edition file may",
            yaml_control_character="a file holds a control character, which YAML does not allow",
            yaml_bad_scalar=(
                "a value does not fit its tag (e.g. !!bool maybe), or is a date no calendar has"
            ),
            yaml_too_many_nodes="a file holds more YAML nodes than an edition file may (refused early)",
            bad_file_name=(
                "edition.yaml lists an aspect file that is not a plain .yaml name inside the folder"
            ),
            wrong_type="a value has the wrong type (a string where a number is expected, ...)",
            unknown_field="a mapping has a key the schema does not know (often a misspelling)",
            missing_field="a required field is missing",
            invalid_value="a value is of the right type but not allowed (not a key, below its minimum, ...)",
        ),
        *_declare(
            _CHECK,
            _ERROR,
            total_mismatch="a declared total (aspects, categories, items) differs from the actual count",
            aspect_numbering="aspect numbers are not 1..n in document order",
            category_numbering="category numbers are not 1..n across the edition, in document order",
            item_numbering="item numbers are not 1..n inside a category, in document order",
            duplicate_key=(
                "two records of one kind share a key (aspects, categories, items, quantities, agencies)"
            ),
            empty_text=(
                "a required text is empty or only invisible characters, or a name or title is unknown (null);"
                " wording may be unknown"
            ),
            no_lead_unit="an item names no lead unit",
            duplicate_lead_unit="an item names the same lead unit twice",
            unknown_agency="a lead unit or issuing department is not in the edition's agency registry",
            duplicate_name=(
                "two aspects, categories or items of an edition have the same Chinese name"
                " (invisible characters ignored)"
            ),
        ),
        *_declare(_CHECK, _WARNING, unused_agency="the registry holds an agency that nothing refers to"),
        *_declare(
            _CHECK,
            _ERROR,
            quantity_not_finite="a quantity's value is NaN or infinite",
            quantity_too_large="a quantity's value is an integer too large for a floating-point number",
            quantity_no_unit="a quantity has an empty unit",
            quantity_bad_range="a quantity's range has its minimum above its maximum",
            invalid_confidence="'unknown' used where a fact has a value, or for an item or quantity",
            unsourced_confidence="an item claims high or medium confidence but cites no source",
            overclaimed_confidence="a reconstructed item claims more than low confidence",
            self_inheritance="an item's row claims to be inherited from its own edition",
            unexplained_null="an edition fact is null without a note saying why",
            unrated_fact="an edition fact has a value but no confidence",
            remark_in_wording=("a field's wording holds a remark about it (未核实, 假定, not confirmed ...)"),
            quantity_not_in_text="a quantity's value is not stated by its row's Chinese wording",
        ),
        *_declare(
            _CHECK,
            _WARNING,
            number_mismatch="a field's Chinese and English state different numbers (notation normalised)",
        ),
        *_declare(
            Stage.IMPORT,
            _WARNING,
            unmatched_name=(
                "a name of the document (aspect, category, item) matches no name of the base edition"
            ),
            ambiguous_name=(
                "a name of the document matches several names of the base edition; it is not placed"
            ),
            matched_twice=(
                "an item appears twice in the document; the first is imported, the repeat reported"
            ),
            new_item=("an item of the document is not in the base edition; it is added with a generated key"),
            categories_renumbered=(
                "the document numbers categories per aspect, not 1..n through the document; matched by name"
            ),
            duplicate_field=("an item of the document has the same labelled field twice; the first is kept"),
            field_cut_off=(
                "the document stops inside a field; the field is reported as partial and not imported"
            ),
            expenditure_class_inferred=(
                "the base did not know an item's expenditure class; it was inferred from the 支出责任"
            ),
        ),
        *_declare(
            _REGION,
            _ERROR,
            regional_missing_item=(
                "a national item is implemented by no local item and not declared not applicable"
            ),
            regional_unknown_item="a local item implements a key the national edition lacks",
            regional_below_floor="a local quantity is less generous than the national one",
        ),
        *_declare(
            _REGION,
            _WARNING,
            regional_floor_unconfirmed=(
                "a national quantity whose better direction is known is not stated locally, or not comparably"
            ),
            regional_wording_dropped="a local target or content drops words of the national one",
            regional_incomplete_row="the source cut a local row off; its data is partial",
        ),
        *_declare(
            _REGION,
            _INFO,
            regional_above_national=(
                "a local quantity is more generous than the national one: needs the fiscal review"
            ),
            regional_local_only="a local-only item (地方新增): needs the fiscal-affordability review",
        ),
        # Reading a regional document (bpsstd region-import).
        *_declare(
            Stage.IMPORT,
            _WARNING,
            regional_import_local_only=(
                "a row of a regional document matches no national item by name; imported as local-only"
            ),
        ),
    ]
}


def codes_of(stage: Stage) -> dict[str, tuple[Severity, str]]:
    """The codes of one *stage* as ``{code: (severity, meaning)}``.

    The views the importer and the regional checks publish (``IMPORT_CODES``, ``conformance.CODES``).
    """
    return {c.code: (c.severity, c.meaning) for c in CODES.values() if c.stage is stage}


#: Characters a message shows as escapes (``\\u200b``): controls, invisible format characters
#: (zero-width spaces, joiners, BOM, bidi marks), line breaks, and code points with no character.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def escape_hidden(text: str) -> str:
    """Return *text* with every invisible or control character written as its Python escape."""
    if text.isprintable():  # the common case, and a quick one
        return text
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _HIDDEN else c for c in text
    )


@frozen(kw_only=True)
class Problem:
    """One broken rule, located.

    Attributes:
        code: stable kebab-case identifier, e.g. ``unknown-agency``.
        severity: error or warning.
        message: what was found and what was expected.
        path: the data path, e.g. ``$.aspects[2].categories[0].items[3].lead_units[0]``.
        file: the file the data came from, when it came from a file.
        line: the 1-based line in *file*.
    """

    code: str = field(validator=matches_re(r"[a-z0-9]+(-[a-z0-9]+)*"))
    severity: Severity = field(validator=instance_of(Severity))
    # Shown escaped, so that "name" + U+200B never reads as "name" and a control character in a
    # quoted value cannot act on the terminal or CI log that prints the message.
    message: str = field(converter=escape_hidden, validator=instance_of(str))
    path: str = field(default="$", validator=instance_of(str))
    file: str | None = field(default=None, validator=optional(instance_of(str)))
    line: int | None = field(default=None, validator=optional(instance_of(int)))

    @classmethod
    def of(
        cls, code: str, message: str, path: str = "$", file: str | None = None, line: int | None = None
    ) -> Problem:
        """A problem of a declared *code*, with the severity its declaration gives.

        Raises:
            KeyError: *code* is not declared in :data:`CODES` (a bug of the library, caught by its tests).
        """
        return cls(code=code, severity=CODES[code].severity, message=message, path=path, file=file, line=line)

    def __str__(self) -> str:
        """Render as ``file:line: severity [code] message @ path``."""
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"{where}{self.severity.value} [{self.code}] {self.message} @ {self.path}"


@frozen(kw_only=True)
class Report:
    """Every problem found in one edition, in a stable order."""

    problems: tuple[Problem, ...] = field(default=(), converter=freeze)

    @property
    def ok(self) -> bool:
        """Whether no problem is an error."""
        return not any(p.severity is Severity.ERROR for p in self.problems)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the problems, in order (handy in tests and CI gates)."""
        return tuple(p.code for p in self.problems)
