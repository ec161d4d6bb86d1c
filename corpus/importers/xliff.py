"""XLIFF 1.2 and 2.x: one unit per <trans-unit> (1.2) or per <segment> (2.x), read with translate-toolkit.

One importer serves both versions (they share .xlf/.xliff); the root's version and namespace
pick the reader. translate-toolkit finds the units and their ids; their <source>/<target> are
then walked here so inline codes become placeholders (corpus.importers.placeholders).

Unit ids are the ids translate-toolkit reports without its file prefix: a 1.2 trans-unit's
``id``; a 2.x unit's ``id``, or ``unit::segment`` when the unit has several segments or the
segment has an id of its own. What the writers need to rebuild the file is kept in the unit's
metadata: ``xliff_version``, ``xliff_file`` (1.2 ``original``, 2.x file ``id``) and, for 2.x,
``xliff_unit``, ``xliff_segment`` and ``xliff_original_data`` (the unit's <originalData>).
2.x <ignorable> content between segments is not kept.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from lxml import etree
from translate.storage import xliff as tt_xliff
from translate.storage import xliff2 as tt_xliff2

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

__all__ = ["XliffImporter", "check_language_pair"]


class XliffImporter(Importer):
    id = "xliff"
    label = "XLIFF 1.2 or 2.x (source and MT)"
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
                name, f"not an XLIFF file (the root element is <{prolog.local_name}>)"
            )
        version = prolog.attributes.get("version", "")
        if version.startswith("2") or ":2." in (prolog.namespace or ""):
            store = parse_with(name, "XLIFF 2", lambda: tt_xliff2.Xliff2File.parsestring(data))
            root = store.document.getroot()
            languages = check_language_pair(name, root.get("srcLang"), root.get("trgLang"), options)
            units = list(_units_2(name, store, prolog.namespace, version or "2.0", options))
        else:
            store = parse_with(name, "XLIFF 1.2", lambda: tt_xliff.xlifffile.parsestring(data))
            languages = _languages_1(name, store, prolog.namespace, options)
            units = list(_units_1(name, store, prolog.namespace, version or "1.2", options))
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
        raise ImportRefused(name, f"the file is {found}, but this import takes {wanted}")
    return source or options.source_language, target or options.target_language


def _languages_1(name: str, store: Any, ns: str | None, options: ImportOptions) -> tuple[str, str]:
    pairs = [
        check_language_pair(name, node.get("source-language"), node.get("target-language"), options)
        for node in store.document.getroot().iterchildren(_tag(ns, "file"))
    ]
    return pairs[0] if pairs else (options.source_language, options.target_language)


def _units_1(
    name: str, store: Any, ns: str | None, version: str, options: ImportOptions
) -> Iterator[ImportedUnit]:
    file_tag = _tag(ns, "file")
    source_tag, target_tag, note_tag = _tag(ns, "source"), _tag(ns, "target"), _tag(ns, "note")
    # One metadata mapping per <file>, shared by its units: 100,000 units need not mean
    # 100,000 identical dicts.
    per_file: dict[etree._Element, Mapping[str, Any]] = {}
    for unit in store.units:
        element = unit.xmlelement
        file_node = next(element.iterancestors(file_tag), None)
        metadata = per_file.get(file_node)
        if metadata is None:
            original = file_node.get("original", "") if file_node is not None else ""
            metadata = per_file[file_node] = MappingProxyType(
                {"xliff_version": version, "xliff_file": original}
            )
        unit_id = element.get("id") or ""
        target_node = element.find(target_tag)
        yield unit_from_nodes(
            name,
            f"unit {unit_id!r}",
            element.find(source_tag),
            target_node,
            ns,
            options,
            unit_id=unit_id,
            notes=tuple(_text(note) for note in element.iterchildren(note_tag)),
            state=target_node.get("state") if target_node is not None else None,
            metadata=metadata,
        )


def _units_2(
    name: str, store: Any, ns: str | None, version: str, options: ImportOptions
) -> Iterator[ImportedUnit]:
    source_tag, target_tag = _tag(ns, "source"), _tag(ns, "target")
    notes_tag, note_tag, data_tag = _tag(ns, "notes"), _tag(ns, "note"), _tag(ns, "originalData")
    for unit in store.units:
        segment = unit.xmlelement
        parent = segment.getparent()
        file_node = parent.getparent() if parent is not None else None
        while file_node is not None and etree.QName(file_node).localname != "file":
            file_node = file_node.getparent()  # units may sit in <group>s
        unit_id = unit.getid() or ""
        notes_node = parent.find(notes_tag)
        data_node = parent.find(data_tag)
        metadata: dict[str, Any] = {
            "xliff_version": version,
            "xliff_file": file_node.get("id", "") if file_node is not None else "",
            "xliff_unit": parent.get("id", ""),
            "xliff_segment": segment.get("id", ""),
        }
        if data_node is not None:
            metadata["xliff_original_data"] = element_markup(data_node, ns)
        yield unit_from_nodes(
            name,
            f"unit {unit_id!r}",
            segment.find(source_tag),
            segment.find(target_tag),
            ns,
            options,
            unit_id=unit_id,
            notes=tuple(_text(note) for note in notes_node.iterchildren(note_tag))
            if notes_node is not None
            else (),
            state=segment.get("state"),
            metadata=metadata,
        )


def _tag(ns: str | None, local: str) -> str:
    return f"{{{ns}}}{local}" if ns else local


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())
