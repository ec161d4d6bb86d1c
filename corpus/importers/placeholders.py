"""Inline codes as protected placeholders: one private-use character per code, markup kept aside.

XLIFF and TMX mark formatting and variables inside a segment with elements (<g>, <x/>, <ph>,
<bpt>/<ept>, <bx/>/<ex/>, <pc>, <sc>/<ec>, <mrk>...). Redline edits plain text with code-point
offsets, so each code becomes ONE character from the Basic Multilingual Plane's private-use area
(U+E000 upward, numbered per unit): an editor treats it as one unbreakable token, spans and
diffs count it as one code point, and ``placeholders`` maps it back to the exact markup.

A paired code whose content is translatable text (<g>, <pc>, <mrk>, TMX <hi>) becomes two
characters, its start tag and its end tag, with the text between them left editable. Every
other code (empty or holding native code, like <ph>{0}</ph>) is one character for the whole
element. The key is the markup itself, so a code written alike in source and target (same id,
same attributes) gets the same character in both; the end tag of a pair is keyed by its start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from lxml import etree

from corpus.importers.base import ImportedUnit, ImportOptions, ImportRefused, checked_target
from corpus.text.i18n import N_

__all__ = [
    "PRIVATE_USE",
    "CodeTable",
    "element_markup",
    "escape_xml",
    "inline_text",
    "placeholder_chars",
    "refuse_private_use",
    "restore_markup",
    "unit_from_nodes",
]

FIRST, LAST = 0xE000, 0xF8FF
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Local names of codes whose content is text the translator edits.
PAIRED = frozenset({"g", "pc", "mrk", "hi"})
_XML_NS = "http://www.w3.org/XML/1998/namespace"
_ESCAPED_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_NEEDS_ESCAPE = re.compile("[&<>]")
_ATTR_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    '"': "&quot;",
    "\t": "&#9;",
    "\n": "&#10;",
    "\r": "&#13;",
}
_ATTR_NEEDS_ESCAPE = re.compile('[&<"\t\n\r]')
_RESTORE = re.compile("[&<>\ue000-\uf8ff]")


class CodeTable:
    """The placeholders of one unit: markup key -> character, and character -> markup."""

    __slots__ = ("_by_key", "_next", "placeholders")

    def __init__(self) -> None:
        self._by_key: dict[object, str] = {}
        self._next = FIRST
        self.placeholders: dict[str, str] = {}

    def char(self, key: object, markup: str) -> str:
        found = self._by_key.get(key)
        if found is not None:
            return found
        if self._next > LAST:
            raise OverflowError("more inline codes than private-use characters")
        found = chr(self._next)
        self._next += 1
        self._by_key[key] = found
        self.placeholders[found] = markup
        return found


def inline_text(element: etree._Element, codes: CodeTable, default_ns: str | None) -> str:
    """The text of <source>/<target>/<seg> with every inline code replaced by its character.

    Raises ValueError when the file's own text holds private-use characters, which would be
    taken for placeholders.
    """
    if len(element) == 0:  # most units: plain text, no codes
        return _own_text(element.text or "")
    parts: list[str] = []
    _walk(element, parts, codes, default_ns)
    return "".join(parts)


def _own_text(text: str) -> str:
    if PRIVATE_USE.search(text):
        char = PRIVATE_USE.search(text).group()  # type: ignore[union-attr]
        raise ValueError(
            f"the text already contains the private-use character U+{ord(char):04X}, which Redline "
            "reserves for inline codes"
        )
    return text


def _walk(element: etree._Element, parts: list[str], codes: CodeTable, ns: str | None) -> None:
    if element.text:
        parts.append(_own_text(element.text))
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag.rpartition("}")[2] in PAIRED:
            head, name = _head(child, ns)
            start = f"{head}>"
            parts.append(codes.char(start, start))
            _walk(child, parts, codes, ns)
            parts.append(codes.char(("end", start), f"</{name}>"))
        else:
            markup = element_markup(child, ns)
            parts.append(codes.char(markup, markup))
        if child.tail:
            parts.append(_own_text(child.tail))


def _head(element: etree._Element, ns: str | None) -> tuple[str, str]:
    """The start tag without its closing ">" (name and attributes), and the qualified name.

    Files repeat the same few codes (<x id="1"/>, <g id="2">) thousands of times: the strings
    are built once per distinct tag and attributes, not once per occurrence.
    """
    tag, attributes = element.tag, tuple(element.attrib.items())
    found = _cached_head(tag, attributes, ns)
    if found is None:  # a name needs a prefix, which depends on this element's namespace map
        found = _make_head(tag, attributes, lambda name: _qualified(name, element, ns))
    return found  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def _cached_head(
    tag: str, attributes: tuple[tuple[str, str], ...], ns: str | None
) -> tuple[str, str] | None:
    return _make_head(tag, attributes, lambda name: _unprefixed(name, ns))


def _make_head(
    tag: str, attributes: tuple[tuple[str, str], ...], qualify: Callable[[str], str | None]
) -> tuple[str, str] | None:
    name = qualify(tag)
    parts = [f"<{name}"]
    for key, value in attributes:
        attribute = qualify(key)
        if attribute is None:
            return None
        parts.append(f' {attribute}="{_escape_attr(value)}"')
    return ("".join(parts), name) if name is not None else None


def _unprefixed(name: str, ns: str | None) -> str | None:
    """The name as written without a namespace map: None when it needs one for its prefix."""
    if name[0] != "{":
        return name
    namespace, _, local = name[1:].partition("}")
    if namespace == ns:
        return local
    if namespace == _XML_NS:
        return f"xml:{local}"
    return None


def _qualified(name: str, element: etree._Element, ns: str | None) -> str:
    plain = _unprefixed(name, ns)
    if plain is not None:
        return plain
    namespace, _, local = name[1:].partition("}")
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)
    return f"{prefix}:{local}" if prefix else local


def element_markup(element: etree._Element, ns: str | None) -> str:
    """The element as XML, tail excluded, without the default namespace it inherits."""
    tag = element.tag
    if isinstance(tag, str) and len(element) == 0:
        # The common codes (<x/>, <ph>{0}</ph>, <bpt>&lt;b&gt;</bpt>) built directly: several
        # times faster than serialising a detached copy.
        head, name = _head(element, ns)
        text = element.text
        return f"{head}>{escape_xml(text)}</{name}>" if text else f"{head}/>"
    markup = etree.tostring(element, encoding="unicode", with_tail=False)
    # lxml declares the inherited default namespace on the detached element; the writers put
    # the markup back under a root with that same default namespace, where it is redundant.
    if ns:
        markup = markup.replace(f' xmlns="{ns}"', "", 1)
    return markup


def _escape_attr(value: str) -> str:
    return _ATTR_NEEDS_ESCAPE.sub(lambda m: _ATTR_ESCAPES[m.group()], value)


def escape_xml(text: str) -> str:
    """Text content escaped for XML (">" too, so "]]>" can never appear)."""
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPED_CHARS[m.group()], text)


def restore_markup(text: str, placeholders: Mapping[str, str]) -> str:
    """The XML content for ``text``: characters escaped, each placeholder back to its markup.

    A private-use character with no entry (typed by hand) is kept as a character.
    """
    if not placeholders:
        return escape_xml(text)

    def one(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPED_CHARS.get(char) or placeholders.get(char, char)

    return _RESTORE.sub(one, text)


def placeholder_chars(text: str) -> list[str]:
    """The placeholder characters of ``text`` in order (for checks comparing source and target)."""
    return PRIVATE_USE.findall(text)


def refuse_private_use(name: str, where: str, *texts: str) -> None:
    """Refuse plain (non-XML) bilingual text holding private-use characters: same rule as XML."""
    for text in texts:
        try:
            _own_text(text)
        except ValueError as problem:
            raise ImportRefused(name, f"{where}: {problem}") from None


def unit_from_nodes(
    name: str,
    where: str,
    source_node: etree._Element | None,
    target_node: etree._Element | None,
    ns: str | None,
    options: ImportOptions,
    **fields: Any,
) -> ImportedUnit:
    """Shared by XLIFF and TMX: codes of both sides in one table, empty source and target refused."""
    codes = CodeTable()
    try:
        source = inline_text(source_node, codes, ns) if source_node is not None else ""
        target = inline_text(target_node, codes, ns) if target_node is not None else ""
    except (ValueError, OverflowError) as problem:
        raise ImportRefused(name, f"{where}: {problem}") from None
    if not source.strip():
        raise ImportRefused(name, N_("%(where)s has an empty source", where=where))
    checked_target(name, where, target, options)
    placeholders = _shared_codes(tuple(codes.placeholders.items()))
    return ImportedUnit(source=source, target=target, placeholders=placeholders, **fields)


@lru_cache(maxsize=4096)
def _shared_codes(items: tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    """One read-only mapping for all the units whose codes are alike (most units of a file have
    none, or the same few): 100,000 units need not hold 100,000 dicts."""
    return MappingProxyType(dict(items))
