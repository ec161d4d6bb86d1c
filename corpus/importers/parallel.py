"""Parallel plain texts: ``report.zh.txt`` + ``report.en.txt`` become one bilingual text, line by line.

Pairing needs two files, so it runs over the records of several files, never inside one
importer: ``pair_parallel_texts`` takes already decoded plain-text records (from separate
uploads, via ``registry.parse_uploads``, or from the entries of one zip, via ZipImporter) and
joins them. Files are paired within one upload or one zip folder, never across the two.

Rules, in order:
1. The language is the part before the extension: ``<stem>.<lang>.txt`` (or ``.md``), matched
   to the chosen pair by primary subtag ("zh-CN" is "zh").
2. A source file and a target file with the same stem in the same folder are a pair.
3. Left over in one folder: exactly one source file and one target file are a pair even with
   different stems (``source.zh.txt`` + ``mt.en.txt``, as the WMT sample is named).
4. A source-language file left without a partner is refused; a target-language one stays a
   monolingual text (it is simply MT).
Line N of the source is the source of line N of the MT; different line counts are refused with
both counts. A line blank on both sides is skipped; unit ids are line numbers. The record is
named after the stem both files share with the pair for their language parts ("report.zh-en.txt"),
or after both stems when they share none ("source+mt.zh-en.txt").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from corpus.importers.base import (
    ImportedText,
    ImportedUnit,
    ImportOptions,
    ImportRefused,
    same_language,
    sha256_hex,
)
from corpus.importers.tabular import plain_unit
from corpus.text.i18n import N_

__all__ = ["pair_parallel_texts"]

_TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class _Side:
    record: ImportedText
    folder: str
    stem: str  # the name without language and extension: "report"
    language: str  # as written in the name: "zh", "zh-CN"
    is_source: bool


def pair_parallel_texts(
    records: list[ImportedText], options: ImportOptions
) -> tuple[list[ImportedText], list[ImportRefused]]:
    """The records with each parallel pair joined, in first-file order, and the refused pairs."""
    sides = {id(record): side for record in records if (side := _side(record, options))}
    pairs: dict[int, tuple[_Side, _Side]] = {}  # keyed by the source record
    taken: set[int] = set()
    for source in (s for s in sides.values() if s.is_source):
        match = [
            t
            for t in sides.values()
            if not t.is_source
            and (t.folder, t.stem) == (source.folder, source.stem)
            and id(t.record) not in taken
        ]
        if len(match) == 1:
            pairs[id(source.record)] = (source, match[0])
            taken.update({id(source.record), id(match[0].record)})
    for folder in {side.folder for side in sides.values()}:
        left = [s for s in sides.values() if s.folder == folder and id(s.record) not in taken]
        sources = [s for s in left if s.is_source]
        targets = [s for s in left if not s.is_source]
        if len(sources) == 1 and len(targets) == 1:
            pairs[id(sources[0].record)] = (sources[0], targets[0])
            taken.update({id(sources[0].record), id(targets[0].record)})

    joined: list[ImportedText] = []
    refusals: list[ImportRefused] = []
    for record in records:
        side = sides.get(id(record))
        if id(record) in pairs:
            try:
                joined.append(_join(*pairs[id(record)], options))
            except ImportRefused as refused:
                refusals.append(refused)
        elif side is not None and side.is_source and id(record) not in taken:
            other = options.target_language
            refusals.append(
                ImportRefused(
                    record.name,
                    N_(
                        "no %(other)s file to pair it with (expected %(sibling)s beside it)",
                        other=other,
                        sibling=_sibling(side, other),
                    ),
                )
            )
        elif id(record) not in taken:
            joined.append(record)
    return joined, refusals


def _side(record: ImportedText, options: ImportOptions) -> _Side | None:
    if record.units or record.segments:
        return None
    path = PurePosixPath(record.name)
    if path.suffix.lower() not in _TEXT_SUFFIXES:
        return None
    stem, dot, language = path.stem.rpartition(".")
    if not dot or not stem:
        return None
    if same_language(language, options.source_language):
        is_source = True
    elif same_language(language, options.target_language):
        is_source = False
    else:
        return None
    folder = str(path.parent) if str(path.parent) != "." else ""
    return _Side(record, folder, stem, language, is_source)


def _sibling(side: _Side, language: str) -> str:
    path = PurePosixPath(side.record.name)
    return path.with_name(f"{side.stem}.{language}{path.suffix}").as_posix()


def _join(source: _Side, target: _Side, options: ImportOptions) -> ImportedText:
    path = PurePosixPath(source.record.name)
    stem = _common_stem(source.stem, target.stem)
    name = path.with_name(f"{stem}.{source.language}-{target.language}{path.suffix}")
    pair_name = name.as_posix()
    source_lines, target_lines = _lines(source.record.text), _lines(target.record.text)
    if len(source_lines) != len(target_lines):
        raise ImportRefused(
            pair_name,
            N_(
                "%(source_record_name)s has %(n_source_lines)s lines but %(target_record_name)s has %(n_target_lines)s; line N of one must be the translation of line N of the other",
                source_record_name=source.record.name,
                n_source_lines=format(len(source_lines), ","),
                target_record_name=target.record.name,
                n_target_lines=format(len(target_lines), ","),
            ),
        )
    units: list[ImportedUnit] = [
        plain_unit(pair_name, f"line {number}", src, tgt, options, str(number))
        for number, (src, tgt) in enumerate(zip(source_lines, target_lines, strict=True), 1)
        if src.strip() or tgt.strip()
    ]
    if not units:
        raise ImportRefused(pair_name, N_("the files hold no lines of text"))
    return ImportedText(
        name=pair_name,
        text="\n".join(unit.target for unit in units),
        encoding=target.record.encoding,
        # Both files' hashes: the same pair uploaded again is a duplicate, one file alone is not.
        sha256=sha256_hex((source.record.sha256 + target.record.sha256).encode("ascii")),
        size=source.record.size + target.record.size,
        units=tuple(units),
        source_language=source.language,
        target_language=target.language,
    )


def _common_stem(source: str, target: str) -> str:
    """What the pair is named (and so titled) after: the stem both files share ("report" for
    report.zh.txt + report.en.txt, "report" for report-source.zh.txt + report-mt.en.txt), or
    both stems when they share none ("source+mt" for the WMT sample's source.zh.txt + mt.en.txt):
    naming it after the source file alone titled the document "source"."""
    if source == target:
        return source
    pairs = zip(source, target, strict=False)
    length = next((i for i, (a, b) in enumerate(pairs) if a != b), min(len(source), len(target)))
    shared = source[:length].rstrip("._- ")
    return shared or f"{source}+{target}"


def _lines(text: str) -> list[str]:
    # LF only (CRLF tolerated): MT output holds U+2028 and friends inside lines.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines
