"""Pure importers: uploaded bytes in, plain text records out (no Django import).

Callers use ``parse_upload`` (one file) or ``parse_uploads`` (several, pairing parallel texts)
and the records and refusals they produce; ``IMPORTERS`` is the single registry of formats.
Bilingual formats yield ImportedText.units (ImportedUnit), only for callers that pass
``bilingual=True``; inline codes are placeholders (corpus.importers.placeholders).
"""

from corpus.importers.archive import ZipImporter
from corpus.importers.base import (
    ImportedText,
    ImportedUnit,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    collector_paused,
    format_size,
)
from corpus.importers.encoding import decode_text
from corpus.importers.placeholders import placeholder_chars, restore_markup
from corpus.importers.plaintext import PlainTextImporter
from corpus.importers.registry import (
    IMPORTERS,
    accepted_extensions,
    importer_for,
    parse_upload,
    parse_uploads,
)

__all__ = [
    "IMPORTERS",
    "ImportLimits",
    "ImportOptions",
    "ImportRefused",
    "ImportedText",
    "ImportedUnit",
    "Importer",
    "PlainTextImporter",
    "ZipImporter",
    "accepted_extensions",
    "collector_paused",
    "decode_text",
    "format_size",
    "importer_for",
    "parse_upload",
    "parse_uploads",
    "placeholder_chars",
    "restore_markup",
]
