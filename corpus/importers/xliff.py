"""XLIFF 1.2 and 2.x: one unit per <trans-unit> (1.2) or per <segment> (2.x).

One importer serves both versions (they share .xlf/.xliff); the root's version and namespace
pick the reader. The XML is parsed by translate-toolkit's own safe parser (``parse_xml``:
no entity resolution, no network), after ``read_prolog`` refused any DTD. Units are then read
straight from the tree, the way translate-toolkit's stores find them (every trans-unit under
a <file>, groups included; 2.x segments under units) and with its ids, but without building
its unit objects: those cost four times the parse itself and give nothing the walk below
needs. Tests pin that translate-toolkit reads the same ids, sources, targets, notes and states.

Unit ids: a 1.2 trans-unit's ``id``; a 2.x unit's ``id``, or ``unit::segment`` when the segment
has an id or the unit several segments (translate-toolkit's ``segment-N`` when unnamed). What
the writers need to rebuild the file is kept in the unit's metadata: ``xliff_version``,
``xliff_file`` (1.2 ``original``, 2.x file ``id``) and, for 2.x, ``xliff_unit``,
``xliff_segment`` and ``xliff_original_data`` (the unit's <originalData>). 2.x <ignorable>
content between segments is not kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

from lxml import etree
from translate.misc.xml_helpers import parse_xml

from corpus.importers.base import (
    DEFAULT_OPTIONS,
    ImportedText,
    ImportedUnit,
    Importer,
    ImportLimits,
    ImportOptions,
    ImportRefused,
    bilingual_text,
    check_payload,
    same_language,
)
from corpus.importers.placeholders import element_markup, unit_from_nodes
from corpus.importers.xmlsafe import parse_with, read_prolog
from corpus.text.i18n import N_

__all__ = ["XliffImporter", "check_language_pair"]


class XliffImporter(Importer):
    id = "xliff"
    label = N_("XLIFF 1.2 or 2.x (source and MT)")
    extensions = (".xlf", ".xliff")
    carries_units = True

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        check_payload(name, data, limits)
        prolog = read_prolog(name, data)
        if prolog.local_name != "xliff":
            raise ImportRefused(
                name,
                N_(
                    "not an XLIFF file (the root element is <%(prolog_local_name)s>)",
                    prolog_local_name=prolog.local_name,
                ),
            )
        version = prolog.attributes.get("version", "")
        root = parse_with(name, "XLIFF", lambda: parse_xml(data))
        if version.startswith("2") or ":2." in (prolog.namespace or ""):
            languages = check_language_pair(name, root.get("srcLang"), root.get("trgLang"), options)
            units = list(_units_2(name, root, prolog.namespace, version or "2.0", options))
        else:
            languages = _languages_1(name, root, prolog.namespace, options)
            units = list(_units_1(name, root, prolog.namespace, version or "1.2", options))
        return [bilingual_text(name, data, prolog.encoding, units, languages)]


def check_language_pair(
    name: str, source: str | None, target: str | None, options: ImportOptions
) -> tuple[str, str]:
    """The file's own tags when they name the chosen languages; a refusal when they do not."""
    wanted = f"{options.source_language}→{options.target_language}"
    source_ok = source is None or not source or same_language(source, options.source_language)
    target_ok = target is None or not target or same_language(target, options.target_language)
    if not (source_ok and target_ok):
        found = f"{source or '?'}→{target or '?'}"
        raise ImportRefused(
            name,
            N_(
                "the file is %(found)s, but this import takes %(wanted)s",
                found=found,
                wanted=wanted,
            ),
        )
    return source or options.source_language, target or options.target_language


def _languages_1(
    name: str, root: etree._Element, ns: str | None, options: ImportOptions
) -> tuple[str, str]:
    pairs = [
        check_language_pair(name, node.get("source-language"), node.get("target-language"), options)
        for node in root.iterchildren(_tag(ns, "file"))
    ]
    return pairs[0] if pairs else (options.source_language, options.target_language)


def _units_1(
    name: str, root: etree._Element, ns: str | None, version: str, options: ImportOptions
) -> Iterator[ImportedUnit]:
    source_tag, target_tag, note_tag = _tag(ns, "source"), _tag(ns, "target"), _tag(ns, "note")
    for file_node in root.iterchildren(_tag(ns, "file")):
        # One metadata mapping per <file>, shared by its units: 100,000 units need not mean
        # 100,000 identical dicts.
        metadata = MappingProxyType(
            {"xliff_version": version, "xliff_file": file_node.get("original", "")}
        )
        for element in file_node.iter(_tag(ns, "trans-unit")):
            unit_id = element.get("id") or ""
            # One pass over the children: lxml's find() parses a path on every call.
            source_node = target_node = None
            notes: list[str] = []
            for child in element:
                tag = child.tag
                if tag == source_tag:
                    source_node = child
                elif tag == target_tag:
                    target_node = child
                elif tag == note_tag:
                    notes.append(_text(child))
            yield unit_from_nodes(
                name,
                f"unit {unit_id!r}",
                source_node,
                target_node,
                ns,
                options,
                unit_id=unit_id,
                notes=tuple(notes),
                state=target_node.get("state") if target_node is not None else None,
                metadata=metadata,
            )


def _units_2(
    name: str, root: etree._Element, ns: str | None, version: str, options: ImportOptions
) -> Iterator[ImportedUnit]:
    source_tag, target_tag = _tag(ns, "source"), _tag(ns, "target")
    notes_tag, note_tag, data_tag = _tag(ns, "notes"), _tag(ns, "note"), _tag(ns, "originalData")
    for file_node in root.iterchildren(_tag(ns, "file")):
        for unit in file_node.iter(_tag(ns, "unit")):
            unit_id = unit.get("id", "")
            notes_node = unit.find(notes_tag)
            notes = (
                tuple(_text(note) for note in notes_node.iterchildren(note_tag))
                if notes_node is not None
                else ()
            )
            data_node = unit.find(data_tag)
            segments = list(unit.iterchildren(_tag(ns, "segment")))
            for index, segment in enumerate(segments, 1):
                segment_id = segment.get("id", "")
                full_id = _segment_id(unit_id, segment_id, index, len(segments))
                metadata: dict[str, Any] = {
                    "xliff_version": version,
                    "xliff_file": file_node.get("id", ""),
                    "xliff_unit": unit_id,
                    "xliff_segment": segment_id,
                }
                if data_node is not None:
                    metadata["xliff_original_data"] = element_markup(data_node, ns)
                yield unit_from_nodes(
                    name,
                    f"unit {full_id!r}",
                    segment.find(source_tag),
                    segment.find(target_tag),
                    ns,
                    options,
                    unit_id=full_id,
                    notes=notes,
                    state=segment.get("state"),
                    metadata=metadata,
                )


def _segment_id(unit_id: str, segment_id: str, index: int, count: int) -> str:
    # translate-toolkit's Xliff2Unit.getid, so both name a segment alike.
    if segment_id:
        return f"{unit_id}::{segment_id}"
    return unit_id if count == 1 else f"{unit_id}::segment-{index}"


def _tag(ns: str | None, local: str) -> str:
    return f"{{{ns}}}{local}" if ns else local


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())
