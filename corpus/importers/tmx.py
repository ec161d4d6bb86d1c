"""TMX 1.4: one text per file, one unit per <tu> for the chosen language pair (translate-toolkit).

A translation memory may hold many languages; the caller's pair (ImportOptions) picks the two
<tuv>s of each <tu>, matched by primary language subtag ("zh" takes "zh-CN"). A file without
that pair is refused, naming the languages it has. Unit ids are ``tuid`` or, without one, the
<tu>'s number in the file; <prop type="...">s become the unit's metadata; TMX has no state.
"""

from __future__ import annotations

from collections.abc import Iterable

from translate.storage import tmx as tt_tmx

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
from corpus.importers.placeholders import unit_from_nodes
from corpus.importers.xmlsafe import parse_with, read_prolog
from corpus.text.i18n import N_

__all__ = ["TmxImporter"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class TmxImporter(Importer):
    id = "tmx"
    label = N_("TMX 1.4 translation memory (source and MT)")
    extensions = (".tmx",)
    carries_units = True

    @classmethod
    def parse(
        cls, name: str, data: bytes, limits: ImportLimits, options: ImportOptions = DEFAULT_OPTIONS
    ) -> list[ImportedText]:
        check_payload(name, data, limits)
        prolog = read_prolog(name, data)
        if prolog.local_name != "tmx":
            raise ImportRefused(
                name,
                N_(
                    "not a TMX file (the root element is <%(prolog_local_name)s>)",
                    prolog_local_name=prolog.local_name,
                ),
            )
        store = parse_with(name, "TMX", lambda: tt_tmx.tmxfile.parsestring(data))
        seen = {_lang(tuv) for tuv in store.document.getroot().iter("tuv")}
        if not (_pick(seen, options.source_language) and _pick(seen, options.target_language)):
            raise ImportRefused(name, _pair_absent(options, seen))
        units: list[ImportedUnit] = []
        languages: tuple[str, str] | None = None
        for number, unit in enumerate(store.units, 1):
            tu = unit.xmlelement
            variants = {_lang(tuv): tuv for tuv in tu.iterchildren("tuv")}
            source_lang = _pick(variants, options.source_language)
            target_lang = _pick(variants, options.target_language)
            unit_id = tu.get("tuid") or str(number)
            where = f"<tu> {unit_id!r}" if tu.get("tuid") else f"<tu> number {number}"
            if source_lang is None:
                raise ImportRefused(
                    name,
                    N_(
                        "%(where)s has no %(options_source_language)s text",
                        where=where,
                        options_source_language=options.source_language,
                    ),
                )
            if languages is None:
                languages = (source_lang, target_lang or options.target_language)
            units.append(
                unit_from_nodes(
                    name,
                    where,
                    variants[source_lang].find("seg"),
                    variants[target_lang].find("seg") if target_lang else None,
                    None,
                    options,
                    unit_id=unit_id,
                    notes=tuple("".join(note.itertext()) for note in tu.iterchildren("note")),
                    metadata={
                        prop.get("type", ""): "".join(prop.itertext())
                        for prop in tu.iterchildren("prop")
                    },
                )
            )
        pair = languages or (options.source_language, options.target_language)
        return [bilingual_text(name, data, prolog.encoding, units, pair)]


def _lang(tuv) -> str:
    # TMX 1.1 wrote "lang"; 1.4 writes "xml:lang".
    return tuv.get(_XML_LANG) or tuv.get("lang") or ""


def _pick(languages: Iterable[str], wanted: str) -> str | None:
    return next((lang for lang in languages if same_language(lang, wanted)), None)


def _pair_absent(options: ImportOptions, seen: set[str]) -> str:
    found = ", ".join(sorted(lang for lang in seen if lang)) or "none"
    return (
        f"the file has no {options.source_language}→{options.target_language} pairs "
        f"(its languages: {found})"
    )
