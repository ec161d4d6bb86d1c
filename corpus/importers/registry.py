"""The one registry of importers, and the dispatch every upload goes through.

Adding a format means writing one small Importer class and appending it here; nothing else
dispatches on file types. Two importers may share an extension (.jsonl) when their ``claims``
tell their files apart.
"""

from __future__ import annotations

from corpus.importers.archive import ZipImporter
from corpus.importers.base import (
    ImportedText,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    collector_paused,
    extension_of,
)
from corpus.importers.jsonl import RedlineJsonlImporter
from corpus.importers.parallel import pair_parallel_texts
from corpus.importers.plaintext import PlainTextImporter
from corpus.importers.tabular import (
    BilingualCsvImporter,
    BilingualJsonlImporter,
    BilingualTsvImporter,
)
from corpus.importers.tmx import TmxImporter
from corpus.importers.xliff import XliffImporter
from corpus.text.i18n import N_

IMPORTERS: tuple[type[Importer], ...] = (
    PlainTextImporter,
    ZipImporter,
    RedlineJsonlImporter,
    XliffImporter,
    TmxImporter,
    BilingualTsvImporter,
    BilingualCsvImporter,
    BilingualJsonlImporter,
)


def accepted_extensions(*, segments: bool = False, bilingual: bool = False) -> tuple[str, ...]:
    """Every extension an upload may have, in registry order (for messages and `accept=`)."""
    extensions = (
        ext
        for importer in IMPORTERS
        if (segments or not importer.carries_segments) and (bilingual or not importer.carries_units)
        for ext in importer.extensions
    )
    return tuple(dict.fromkeys(extensions))


def importer_for(name: str, data: bytes | None = None) -> type[Importer] | None:
    """The importer for a file name; with ``data``, the first whose ``claims`` accepts it."""
    candidates = [importer for importer in IMPORTERS if importer.accepts(name)]
    if data is not None:
        return next((imp for imp in candidates if imp.claims(data)), None)
    return candidates[0] if candidates else None


def parse_upload(
    name: str,
    data: bytes,
    limits: ImportLimits,
    *,
    segments: bool = False,
    bilingual: bool = False,
    allow_untranslated: bool = False,
    source_language: str = "zh",
    target_language: str = "en",
) -> list[ImportedText]:
    """Parse one uploaded file into text records, or raise ImportRefused; never a partial list.

    ``segments=True`` is for callers that store ImportedText.segments (export.dataset);
    ``bilingual=True`` for callers that store ImportedText.units (the sources). Others get a
    refusal for such files rather than an import that silently drops the spans or the source.
    ``allow_untranslated`` keeps units with an empty MT; the languages are the chosen pair
    (TMX picks it, XLIFF must declare it, the other formats are taken to be it).
    """
    importer = importer_for(name, data)
    if importer is None:
        extension = extension_of(name)
        found = f'files of type "{extension}"' if extension else "files without an extension"
        accepted = ", ".join(accepted_extensions(segments=segments, bilingual=bilingual))
        raise ImportRefused(
            name,
            N_(
                "%(found)s cannot be imported; accepted types: %(accepted)s",
                found=found,
                accepted=accepted,
            ),
        )
    if importer.carries_segments and not segments:
        raise ImportRefused(
            name,
            N_(
                "this is %(importer_label)s; a text import would lose its segments and spans, so import it with `manage.py import_dataset`",
                importer_label=importer.label,
            ),
        )
    if importer.carries_units and not bilingual:
        raise ImportRefused(
            name,
            N_(
                "this is %(importer_label)s, a bilingual file; this import keeps no source text, so import it into a bilingual document",
                importer_label=importer.label,
            ),
        )
    options = ImportOptions(
        bilingual=bilingual,
        allow_untranslated=allow_untranslated,
        source_language=source_language,
        target_language=target_language,
    )
    with collector_paused():
        return importer.parse(name, data, limits, options)


def parse_uploads(
    files: list[tuple[str, bytes]],
    limits: ImportLimits,
    *,
    bilingual: bool = False,
    allow_untranslated: bool = False,
    source_language: str = "zh",
    target_language: str = "en",
) -> tuple[list[ImportedText], list[ImportRefused]]:
    """Several uploaded files at once: each parsed alone, then (bilingual) parallel texts paired.

    Returns the records and one refusal per refused file or pair, so one bad file does not
    sink the others. Zip entries are paired inside their zip by ZipImporter, not across files.
    """
    records: list[ImportedText] = []
    loose: list[ImportedText] = []
    refusals: list[ImportRefused] = []
    for name, data in files:
        try:
            parsed = parse_upload(
                name,
                data,
                limits,
                bilingual=bilingual,
                allow_untranslated=allow_untranslated,
                source_language=source_language,
                target_language=target_language,
            )
        except ImportRefused as refused:
            refusals.append(refused)
            continue
        if bilingual and len(parsed) == 1 and parsed[0].name == name and not parsed[0].units:
            loose.extend(parsed)
        else:
            records.extend(parsed)
    if loose:
        options = ImportOptions(
            bilingual=True,
            allow_untranslated=allow_untranslated,
            source_language=source_language,
            target_language=target_language,
        )
        with collector_paused():
            paired, pair_refusals = pair_parallel_texts(loose, options)
        records.extend(paired)
        refusals.extend(pair_refusals)
    return records, refusals
