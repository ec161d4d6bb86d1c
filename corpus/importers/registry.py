"""The one registry of importers, and the dispatch every upload goes through.

Adding a format means writing one small Importer class and appending it here; nothing else
dispatches on file types.
"""

from __future__ import annotations

from corpus.importers.archive import ZipImporter
from corpus.importers.base import ImportedText, Importer, ImportLimits, ImportRefused, extension_of
from corpus.importers.jsonl import RedlineJsonlImporter
from corpus.importers.plaintext import PlainTextImporter

IMPORTERS: tuple[type[Importer], ...] = (PlainTextImporter, ZipImporter, RedlineJsonlImporter)


def accepted_extensions(*, segments: bool = False) -> tuple[str, ...]:
    """Every extension an upload may have, in registry order (for messages and `accept=`)."""
    return tuple(
        ext
        for importer in IMPORTERS
        if segments or not importer.carries_segments
        for ext in importer.extensions
    )


def importer_for(name: str) -> type[Importer] | None:
    return next((importer for importer in IMPORTERS if importer.accepts(name)), None)


def parse_upload(
    name: str, data: bytes, limits: ImportLimits, *, segments: bool = False
) -> list[ImportedText]:
    """Parse one uploaded file into text records, or raise ImportRefused; never a partial list.

    ``segments=True`` is for callers that store ImportedText.segments (export.dataset);
    others get a refusal for such files rather than an import that silently drops the spans.
    """
    importer = importer_for(name)
    if importer is None:
        extension = extension_of(name)
        found = f'files of type "{extension}"' if extension else "files without an extension"
        accepted = ", ".join(accepted_extensions(segments=segments))
        raise ImportRefused(name, f"{found} cannot be imported; accepted types: {accepted}")
    if importer.carries_segments and not segments:
        raise ImportRefused(
            name,
            f"this is {importer.label}; a text import would lose its segments and spans, "
            "so import it with `manage.py import_dataset`",
        )
    return importer.parse(name, data, limits)
