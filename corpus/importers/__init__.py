"""Pure importers: uploaded bytes in, plain text records out (no Django import).

Callers use ``parse_upload`` and the records and refusal it produces; ``IMPORTERS`` is the
single registry of formats.
"""

from corpus.importers.archive import ZipImporter
from corpus.importers.base import (
    ImportedText,
    Importer,
    ImportLimits,
    ImportRefused,
    format_size,
)
from corpus.importers.encoding import decode_text
from corpus.importers.plaintext import PlainTextImporter
from corpus.importers.registry import (
    IMPORTERS,
    accepted_extensions,
    importer_for,
    parse_upload,
)

__all__ = [
    "IMPORTERS",
    "ImportLimits",
    "ImportRefused",
    "ImportedText",
    "Importer",
    "PlainTextImporter",
    "ZipImporter",
    "accepted_extensions",
    "decode_text",
    "format_size",
    "importer_for",
    "parse_upload",
]
