"""Plain text and Markdown files: one file, one record, text kept exactly as written."""

from __future__ import annotations

from corpus.importers.base import (
    DEFAULT_OPTIONS,
    ImportedText,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    sha256_hex,
    too_large_reason,
)
from corpus.importers.encoding import decode_text
from corpus.text.i18n import N_


def read_text_file(name: str, data: bytes, limits: ImportLimits) -> ImportedText:
    """Validate and decode one text file; shared by every importer whose payload is a text."""
    # Size first: decoding and detection cost time proportional to the input.
    if len(data) > limits.max_file_bytes:
        raise ImportRefused(name, too_large_reason(len(data), limits.max_file_bytes))
    if not data:
        raise ImportRefused(name, N_("the file is empty"))
    text, encoding = decode_text(data, name)
    if not text.strip():
        # A lone BOM decodes to nothing: empty as far as the user can tell.
        reason = (N_("the file contains only whitespace")) if text else (N_("the file is empty"))
        raise ImportRefused(name, reason)
    return ImportedText(
        name=name, text=text, encoding=encoding, sha256=sha256_hex(data), size=len(data)
    )


class PlainTextImporter(Importer):
    id = "text"
    label = N_("Plain text or Markdown")
    extensions = (".txt", ".md")

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        return [read_text_file(name, data, limits)]
