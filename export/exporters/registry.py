"""The one registry of export formats.

Adding a format means writing one small Exporter class and appending it here; the export form,
the task and the download view all dispatch through ``get_exporter``. Order is the order of the
format menu. Ids are stored in forms and task arguments: never rename one.
"""

from __future__ import annotations

from .base import Exporter
from .conll import ConllIob
from .jsonl import DoccanoJsonl, RedlineJsonl
from .pairs import PairsJsonl, PairsTsv
from .plaintext import PlainTextZip
from .prodigy import ProdigyJsonl
from .spacy_docbin import SpacyDocBinShards
from .tmx import Tmx
from .xliff import Xliff12, Xliff20

EXPORTERS: tuple[type[Exporter], ...] = (
    RedlineJsonl,
    DoccanoJsonl,
    ProdigyJsonl,
    SpacyDocBinShards,
    ConllIob,
    PlainTextZip,
    PairsJsonl,
    PairsTsv,
    Xliff12,
    Xliff20,
    Tmx,
    # Glossary exports (TBX, CSV) plug in here: Exporter subclasses with kind = "glossary" whose
    # write() takes glossary term records instead of segments. The segment export form lists only
    # kind == "segments" (see exporters_of_kind), the glossary page only kind == "glossary".
)

_BY_ID = {exporter.id: exporter for exporter in EXPORTERS}
assert len(_BY_ID) == len(EXPORTERS), "exporter ids must be unique"


def get_exporter(exporter_id: str) -> type[Exporter]:
    """The exporter class for ``exporter_id``; instantiate it (with options) to write."""
    try:
        return _BY_ID[exporter_id]
    except KeyError:
        known = ", ".join(_BY_ID)
        raise KeyError(f"no exporter with id {exporter_id!r}; known: {known}") from None


def exporters_of_kind(kind: str) -> tuple[type[Exporter], ...]:
    return tuple(exporter for exporter in EXPORTERS if exporter.kind == kind)
