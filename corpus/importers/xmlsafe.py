"""Reading untrusted XML (XLIFF, TMX): refuse DTDs before anything expands, explain parse errors.

translate-toolkit parses with entity resolution and network access off, but its units still
expand internal entities when their text is read. So every XML upload first goes through
``read_prolog``: lxml parses only up to the root start tag (the DTD, if any, sits before it)
and a file with a DOCTYPE, hence any entity declaration, is refused there. That covers XXE
(external entities) and billion laughs (nested internal entities): neither is ever expanded.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from lxml import etree

from corpus.importers.base import ImportRefused
from corpus.text.i18n import N_

__all__ = ["Prolog", "parse_with", "read_prolog"]

T = TypeVar("T")


@dataclass(frozen=True)
class Prolog:
    tag: str  # root element, "{namespace}local"
    attributes: dict[str, str]
    encoding: str  # lower case, as declared or detected ("utf-8" when neither)

    @property
    def namespace(self) -> str | None:
        return etree.QName(self.tag).namespace

    @property
    def local_name(self) -> str:
        return etree.QName(self.tag).localname


_DOCTYPE_REFUSED = N_(
    "the file has a DOCTYPE declaration; DTDs and entities are refused for safety (they allow XXE and entity-expansion attacks), remove it and upload again"
)
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def read_prolog(name: str, data: bytes) -> Prolog:
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    try:
        _event, root = next(events)
    except etree.XMLSyntaxError as error:
        # lxml 6.2 stops at a billion-laughs DTD itself ("entity amplification factor exceeded"),
        # before the root: the refusal still names the DOCTYPE, the thing to remove.
        if any(marker in data for marker in _DOCTYPE_MARKERS):
            raise ImportRefused(name, _DOCTYPE_REFUSED) from None
        raise ImportRefused(name, _syntax_reason(error)) from None
    except StopIteration:
        raise ImportRefused(name, N_("not an XML file (no root element)")) from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise ImportRefused(name, _DOCTYPE_REFUSED)
    return Prolog(root.tag, dict(root.attrib), (info.encoding or "utf-8").lower())


def parse_with(name: str, what: str, parse: Callable[[], T]) -> T:
    """Run a translate-toolkit parse, turning its exceptions into a refusal naming the file."""
    try:
        return parse()
    except etree.XMLSyntaxError as error:
        raise ImportRefused(name, _syntax_reason(error)) from None
    except (AssertionError, ValueError, AttributeError, TypeError) as error:
        # translate-toolkit asserts the root tag and raises ValueError on a version mismatch.
        detail = f" ({error})" if str(error) else ""
        raise ImportRefused(
            name, N_("not a valid %(what)s file%(detail)s", what=what, detail=detail)
        ) from None


def _syntax_reason(error: etree.XMLSyntaxError) -> str:
    line = f"line {error.lineno}: " if error.lineno else ""
    return f"not well-formed XML ({line}{error.msg})"
