"""Records, limits, the refusal type and the importer base class shared by every importer.

Pure Python: no Django import, so the parsers can be tested and benchmarked without a database.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, ClassVar

from corpus.text.i18n import N_


# Span and segment records are made once per row of every export and import (hundreds of
# thousands), so they are plain slotted dataclasses: a frozen dataclass sets each field through
# object.__setattr__, which made building the records cost more than the query that fed them
# (bench/bench_export.py). Treat them as read-only; derive changed copies with dataclasses.replace.
@dataclass(slots=True)
class SpanRecord:
    """A labelled span: ``text`` is the surface and equals the segment's ``text[start:end]``
    (invariant 1); ``term`` is the linked glossary concept's preferred rendering."""

    start: int
    end: int
    label: str
    text: str
    term_id: int | None = None
    term: str | None = None
    state: str = "accepted"
    origin: str = "human"


@dataclass(frozen=True)
class CommentRecord:
    """One comment of a segment's thread; times are RFC 3339, people their user names."""

    author: str
    text: str
    created_at: str
    resolved_by: str | None = None
    resolved_at: str | None = None


@dataclass(frozen=True)
class ReasonRecord:
    """Why a reviewer rejected the segment: an error category, a severity, an optional note."""

    category: str
    severity: str
    text: str = ""
    author: str = ""
    created_at: str = ""


@dataclass(slots=True, kw_only=True)
class SegmentRecord:
    """One segment as plain data, both ways: what the exporters write and what the Redline JSONL
    importer reads back (one record, so a round trip compares equal). Offsets are Python code
    points into ``text``. The identity fields are the database's, absent in files not made by
    Redline."""

    position: int
    paragraph: int
    text: str
    mt_text: str
    trailing: str
    status: str
    hter: float = 0.0
    spans: tuple[SpanRecord, ...] = ()
    id: int | None = None
    document_id: int | None = None
    document: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    # Bilingual segments (one translation unit each; all empty for monolingual documents). These
    # mirror ImportedUnit: the bilingual writers (XLIFF, TMX) rebuild the unit as it was
    # imported, with ``text`` as the corrected target.
    source_text: str = ""
    unit_id: str = ""
    notes: tuple[str, ...] = ()
    placeholders: Mapping[str, str] = field(default_factory=dict)  # char -> inline-code markup
    unit_state: str | None = None  # the state the imported file gave the unit
    unit_metadata: Mapping[str, Any] = field(default_factory=dict)  # ImportedUnit.metadata
    # The review conversation (Redline JSONL only): comments, and every rejection's reason.
    comments: tuple[CommentRecord, ...] = ()
    reject_reasons: tuple[ReasonRecord, ...] = ()
    # Active editing time summed over the segment's revisions (ms); None when none was measured.
    edit_time_ms: int | None = None


@dataclass(frozen=True)
class ImportLimits:
    max_file_bytes: int  # one file (or one zip entry, uncompressed)
    max_upload_bytes: int  # total uncompressed bytes one upload may yield (zip inflation limit)
    max_files: int = 1000  # entries per zip

    def __post_init__(self) -> None:
        # A zero or negative limit would refuse everything with a baffling message; fail loudly
        # at configuration time instead.
        for field_name in ("max_file_bytes", "max_upload_bytes", "max_files"):
            if getattr(self, field_name) <= 0:
                raise ValueError(f"ImportLimits.{field_name} must be positive")


@dataclass(frozen=True, slots=True)  # slots: a 100,000-unit file holds 100,000 of them
class ImportedUnit:
    """One translation unit of a bilingual file: the source beside its MT, as the file has them.

    Inline codes of XML formats are private-use characters in ``source`` and ``target``;
    ``placeholders`` maps each to the markup it stands for (see corpus.importers.placeholders).
    """

    source: str
    target: str  # the MT; empty only when the caller allowed untranslated units
    unit_id: str  # the id in the file (trans-unit id, tuid, line number...)
    notes: tuple[str, ...] = ()
    state: str | None = None  # the file's own state value, e.g. "translated"
    metadata: Mapping[str, Any] = field(default_factory=dict)
    placeholders: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportOptions:
    """What the caller chose for bilingual files; monolingual importers ignore it."""

    bilingual: bool = False  # the caller stores units (sources); else bilingual files are refused
    allow_untranslated: bool = False  # keep units with an empty target instead of refusing
    source_language: str = "zh"
    target_language: str = "en"


DEFAULT_OPTIONS = ImportOptions()


@dataclass(frozen=True)
class ImportedText:
    """One imported text file.

    New importers (e.g. JSONL with per-record metadata) may add fields with defaults here, so
    existing callers that build or read these records keep working.
    """

    name: str  # file name; for zip entries the entry's path inside the zip, with "/"
    text: str  # decoded text, BOM removed, otherwise exactly as in the file
    encoding: str  # e.g. "utf-8", "utf-8-sig", "utf-16", "gb18030"
    sha256: str  # hex sha256 of the raw bytes, so duplicate uploads can be refused
    size: int  # raw byte count
    # Filled by importers of already segmented data (Redline JSONL): the segments with their
    # corrected text and spans. Empty for plain texts, which are segmented on import.
    segments: tuple[SegmentRecord, ...] = ()
    # Filled by bilingual importers: one unit per translation unit, in file order; ``text`` is
    # then the MT targets joined by newlines. Empty for monolingual texts.
    units: tuple[ImportedUnit, ...] = ()
    source_language: str = "zh"  # BCP-47
    target_language: str = "en"


class ImportRefused(Exception):
    """An upload (or one file in it) that will not be imported, with a reason a user understands."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class Importer:
    """Base of the registry entries: small classes, never instantiated, with a stable ``id``.

    ``id`` is stored and sent in forms, so it must never change once released; ``label`` is
    for people and may change.
    """

    id: ClassVar[str]
    label: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]  # lower case, with the dot: (".txt", ".md")
    # True when records carry segments and spans that a plain text import would drop; such
    # files are only parsed for callers that say they keep them (parse_upload(segments=True)).
    carries_segments: ClassVar[bool] = False
    # True when records carry units with a source; parsed only for callers that store them
    # (ImportOptions.bilingual), so a monolingual import never drops the source silently.
    carries_units: ClassVar[bool] = False

    @classmethod
    def accepts(cls, name: str) -> bool:
        return extension_of(name) in cls.extensions

    @classmethod
    def claims(cls, data: bytes) -> bool:
        """Whether ``data`` is this format, for extensions two importers share (.jsonl)."""
        return True

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        raise NotImplementedError


def same_language(tag: str | None, wanted: str) -> bool:
    """BCP-47 tags of one language: "zh-CN" and "zh-Hans" are "zh"; "en_US" as tools write it."""
    if not tag:
        return False
    return tag.replace("_", "-").split("-")[0].lower() == wanted.split("-")[0].lower()


def checked_target(name: str, where: str, target: str, options: ImportOptions) -> str:
    """The one rule for empty MT: refused, naming the unit, unless the caller allows it."""
    if not target.strip() and not options.allow_untranslated:
        raise ImportRefused(
            name,
            N_(
                "%(where)s has no translation (empty target); import with untranslated units allowed to keep it",
                where=where,
            ),
        )
    return target


def check_payload(name: str, data: bytes, limits: ImportLimits) -> None:
    """Size first (parsing costs time in proportion), then emptiness."""
    if len(data) > limits.max_file_bytes:
        raise ImportRefused(name, too_large_reason(len(data), limits.max_file_bytes))
    if not data.strip():
        raise ImportRefused(name, N_("the file is empty"))


def bilingual_text(
    name: str,
    data: bytes,
    encoding: str,
    units: list[ImportedUnit],
    languages: tuple[str, str],
) -> ImportedText:
    """The record every bilingual importer returns; refuses a file without units."""
    if not units:
        raise ImportRefused(name, N_("the file holds no translation units"))
    return ImportedText(
        name=name,
        text="\n".join(unit.target for unit in units),
        encoding=encoding,
        sha256=sha256_hex(data),
        size=len(data),
        units=tuple(units),
        source_language=languages[0],
        target_language=languages[1],
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk parsing and row building.

    A 100,000-unit file makes millions of small acyclic objects (strings, tuples, dicts, units);
    each of the collector's passes walks every one still alive, which cost as much as the parse
    and the row building themselves (bench/bench_bilingual_import.py). Reference counting still
    frees everything as usual; the collector resumes (if it was on) when the block ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def extension_of(name: str) -> str:
    """Lower-case extension with its dot ("" if none); browsers on Windows may send "\\" paths."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_UNITS = ("KB", "MB", "GB", "TB")


def format_size(size: int) -> str:
    """Human size in binary units, as upload limits are usually configured (5 MB = 5 * 1024**2)."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        # Move up a unit rather than print "1024 KB" after rounding.
        if round(value, 1) < 1024 or unit == _UNITS[-1]:
            break
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def too_large_reason(actual: int, limit: int, qualifier: str = "") -> str:
    """'larger than the 5 MB limit (6.2 MB)', with exact bytes when rounding would hide the gap."""
    actual_text, limit_text = format_size(actual), format_size(limit)
    if actual_text == limit_text:
        actual_text, limit_text = f"{actual:,} bytes", f"{limit:,} bytes"
    return f"larger than the {limit_text} limit ({actual_text}{qualifier})"
