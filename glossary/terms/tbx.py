"""TBX export and import of glossary concepts (TBX v2, TBX-Basic layout; TBX v3 DCA read too).

Export layout, one ``termEntry`` per concept::

    termEntry  descrip[subjectField]  note  admin[x-redline-*]
      langSet xml:lang=zh   tig > term                    (the Chinese source term)
      langSet xml:lang=en   descrip[definition]
                            tig > term, termNote[partOfSpeech], termNote[administrativeStatus]

Preferred, admitted and forbidden renderings carry the TBX-Basic administrative statuses
``preferredTerm-admn-sts``, ``admittedTerm-admn-sts`` and ``deprecatedTerm-admn-sts``; the
preferred term comes first because translate-toolkit (and most CAT tools) take the first term
of a language as *the* term. TBX-Basic has no slot for a concept's review status, its entity
label or case-sensitivity, so those travel in ``admin`` elements typed ``x-redline-...``, which
other tools ignore.

Untrusted XML is parsed only through defusedxml. Entity declarations (entity expansion,
external entities) and DTDs fetched from elsewhere are refused. A DOCTYPE that merely names a
DTD file, as translate-toolkit writes, is accepted: expat never loads it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # building output only; input goes through defusedxml
from collections.abc import Iterable

from defusedxml.common import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from corpus.text.i18n import N_

from .records import STATUSES, ConceptRecord, GlossaryFormatError

__all__ = ["read_tbx", "write_tbx"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_OUT = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
# ISO 12620 administrative statuses (and their short forms) onto our three kinds.
_STATUS_IN = {
    "preferredterm-admn-sts": "preferred",
    "standardizedterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "legalterm-admn-sts": "admitted",
    "regulatedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "forbidden",
    "supersededterm-admn-sts": "forbidden",
    "notrecommendedterm-admn-sts": "forbidden",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "forbidden",
    "superseded": "forbidden",
}
_ADMIN_STATUS = "x-redline-status"
_ADMIN_LABEL = "x-redline-label"
_ADMIN_CASE = "x-redline-case-sensitive"
# TBX v3 names for the v2 elements we read.
_TAG_ALIASES = {"conceptEntry": "termEntry", "langSec": "langSet", "termSec": "tig"}
_BARE_DTD_NAME = re.compile(r"[\w.-]+\.dtd", re.ASCII)
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


# --- writing -------------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text:
        element.text = text
    return element


def _tig(lang_set: ET.Element, term: str, status: str, part_of_speech: str = "") -> None:
    tig = _sub(lang_set, "tig")
    _sub(tig, "term", term)
    if part_of_speech:
        _sub(tig, "termNote", part_of_speech, type="partOfSpeech")
    _sub(tig, "termNote", _STATUS_OUT[status], type="administrativeStatus")


def write_tbx(
    records: Iterable[ConceptRecord], source_lang: str = "zh", target_lang: str = "en"
) -> bytes:
    """A TBX-Basic document (UTF-8 bytes) with one termEntry per concept."""
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: source_lang})
    header = _sub(root, "martifHeader")
    _sub(_sub(_sub(header, "fileDesc"), "sourceDesc"), "p", "Redline glossary export")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    for number, record in enumerate(records, 1):
        entry = _sub(body, "termEntry", id=f"c{number}")
        # Concept-level information precedes the langSets (the TBX core structure demands it).
        if record.domain:
            _sub(entry, "descrip", record.domain, type="subjectField")
        if record.note:
            _sub(entry, "note", record.note)
        if record.status != "approved":
            _sub(entry, "admin", record.status, type=_ADMIN_STATUS)
        if record.label:
            _sub(entry, "admin", record.label, type=_ADMIN_LABEL)
        if record.case_sensitive:
            _sub(entry, "admin", "true", type=_ADMIN_CASE)
        if record.source:
            _tig(_sub(entry, "langSet", **{XML_LANG: source_lang}), record.source, "preferred")
        english = _sub(entry, "langSet", **{XML_LANG: target_lang})
        if record.definition:  # TBX-Basic keeps definitions per language
            _sub(english, "descrip", record.definition, type="definition")
        _tig(english, record.preferred, "preferred", record.part_of_speech)
        for term in record.admitted:
            _tig(english, term, "admitted")
        for term in record.forbidden:
            _tig(english, term, "forbidden")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- parsing untrusted XML -----------------------------------------------------------------


class _TbxParser(DefusedXMLParser):
    """defusedxml's parser, letting through only a DOCTYPE that names a local DTD file."""

    def __init__(self) -> None:
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)

    def defused_start_doctype_decl(
        self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool
    ) -> None:
        if sysid is None or _BARE_DTD_NAME.fullmatch(sysid):
            return  # entity declarations in an internal subset are still refused on their own
        raise DTDForbidden(name, sysid, pubid)


def _parse(data: bytes | str) -> ET.Element:
    parser = _TbxParser()
    try:
        parser.feed(data)
        return parser.close()
    except EntitiesForbidden as exc:
        if exc.sysid or exc.pubid:
            raise GlossaryFormatError(
                N_(
                    "TBX refused: it declares an external entity %(exc_name)s (%(value)s); files that pull in outside content are not imported",
                    exc_name=repr(exc.name),
                    value=exc.sysid or exc.pubid,
                )
            ) from None
        raise GlossaryFormatError(
            N_(
                'TBX refused: it declares the XML entity %(exc_name)s; entity declarations are not allowed because they enable entity-expansion ("billion laughs") attacks',
                exc_name=repr(exc.name),
            )
        ) from None
    except ExternalReferenceForbidden as exc:
        raise GlossaryFormatError(
            N_(
                "TBX refused: it references external content (%(value)s); not imported",
                value=exc.sysid or exc.pubid,
            )
        ) from None
    except DTDForbidden as exc:
        raise GlossaryFormatError(
            N_(
                "TBX refused: its DOCTYPE points at an external DTD (%(exc_sysid)s); DTDs are never fetched",
                exc_sysid=exc.sysid,
            )
        ) from None
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        message = f"TBX is not well-formed XML: {reason} at line {line}, column {column + 1}"
        raise GlossaryFormatError(message) from None


def _strip_namespaces(root: ET.Element) -> None:
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rsplit("}", 1)[1]
        element.tag = _TAG_ALIASES.get(element.tag, element.tag)


# --- reading -------------------------------------------------------------------------------


def _text(element: ET.Element | None) -> str:
    """A term or code: inline markup dropped, whitespace runs (pretty-printing) collapsed."""
    return " ".join(_prose(element).split())


def _prose(element: ET.Element | None) -> str:
    """A definition or note: inline markup dropped, line breaks kept."""
    return "".join(element.itertext()).strip() if element is not None else ""


def _lang(element: ET.Element) -> str:
    return element.get(XML_LANG) or element.get("lang") or ""


def _primary(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def _children(element: ET.Element, tag: str, type_: str | None = None) -> list[ET.Element]:
    """Direct children with ``tag`` (looking inside ...Grp wrappers), optionally of a type."""
    found = []
    for child in element:
        for node in (child, *child) if child.tag.endswith("Grp") else (child,):
            if node.tag == tag and (type_ is None or node.get("type") == type_):
                found.append(node)
    return found


def _terms(lang_set: ET.Element, where: str) -> list[tuple[str, str | None, str]]:
    """(text, kind or None when unmarked, part of speech) for each term of a langSet."""
    terms = []
    for tig in lang_set:
        if tig.tag not in ("tig", "ntig"):
            continue
        text = _text(tig.find(".//term"))
        if not text:
            continue
        kind = part_of_speech = None
        for note in tig.iter("termNote"):
            if note.get("type") == "administrativeStatus":
                status = _text(note)
                kind = _STATUS_IN.get(status.lower())
                if kind is None:
                    raise GlossaryFormatError(
                        N_(
                            "%(where)s: unknown administrativeStatus %(status)s for term %(text)s",
                            where=where,
                            status=repr(status),
                            text=repr(text),
                        )
                    )
            elif note.get("type") == "partOfSpeech":
                part_of_speech = _text(note)
        terms.append((text, kind, part_of_speech or ""))
    return terms


def _has_cjk(lang_set: ET.Element) -> bool:
    return any(_CJK.search(_text(term)) for term in lang_set.iter("term"))


def _pick_languages(
    lang_sets: list[ET.Element], source_lang: str, target_lang: str
) -> tuple[ET.Element | None, ET.Element | None]:
    """(source langSet or None, target langSet or None)."""

    def by_lang(lang: str) -> list[ET.Element]:
        return [s for s in lang_sets if _primary(_lang(s)) == _primary(lang)]

    sources, targets = by_lang(source_lang), by_lang(target_lang)
    if sources and targets:
        return sources[0], targets[0]
    if len(lang_sets) >= 2:
        # translate-toolkit's tbxfile() defaults to languages "en" and "xx", so a Chinese-English
        # glossary built without naming them labels its Chinese "en". Chinese text settles it.
        cjk = [s for s in lang_sets if _has_cjk(s)]
        if len(cjk) == 1:
            rest = [s for s in lang_sets if s is not cjk[0]]
            return cjk[0], next((s for s in targets if s is not cjk[0]), rest[0])
    if targets:
        return None, targets[0]
    if len(lang_sets) == 1:
        return (lang_sets[0], None) if sources else (None, lang_sets[0])
    # Neither language named: translate-toolkit's convention, source first, then target.
    return (lang_sets[0], lang_sets[1]) if len(lang_sets) >= 2 else (None, None)


def _admin(entry: ET.Element, type_: str) -> str:
    nodes = _children(entry, "admin", type_)
    return _text(nodes[0]) if nodes else ""


def _record(entry: ET.Element, where: str, source_lang: str, target_lang: str) -> ConceptRecord:
    lang_sets = [child for child in entry if child.tag == "langSet"]
    if not lang_sets:
        raise GlossaryFormatError(N_("%(where)s: no langSet", where=where))
    source_set, target_set = _pick_languages(lang_sets, source_lang, target_lang)
    terms = _terms(target_set, where) if target_set is not None else []
    usable = [term for term in terms if term[1] != "forbidden"]
    if not usable:
        raise GlossaryFormatError(
            N_(
                "%(where)s: no preferred or admitted %(target_lang)s term",
                where=where,
                target_lang=repr(target_lang),
            )
        )
    # The first term marked preferred, else the first unmarked or admitted one; the rest are
    # variants (a second "preferred" term can only be admitted: a concept has one preferred).
    preferred = next((term for term in usable if term[1] == "preferred"), usable[0])
    source_terms = _terms(source_set, where) if source_set is not None else []

    status = _admin(entry, _ADMIN_STATUS).lower() or "approved"
    if status not in STATUSES:
        raise GlossaryFormatError(
            N_(
                "%(where)s: unknown %(admin_status)s %(status)s; use one of %(statuses)s",
                where=where,
                admin_status=_ADMIN_STATUS,
                status=repr(status),
                statuses=", ".join(STATUSES),
            )
        )
    case_flag = _admin(entry, _ADMIN_CASE).lower()
    if case_flag not in ("", "true", "false"):
        raise GlossaryFormatError(
            N_(
                "%(where)s: %(admin_case)s must be true or false, not %(case_flag)s",
                where=where,
                admin_case=_ADMIN_CASE,
                case_flag=repr(case_flag),
            )
        )

    definitions = _children(target_set, "descrip", "definition") + _children(
        entry, "descrip", "definition"
    )
    domains = _children(entry, "descrip", "subjectField")
    notes = _children(entry, "note") + (
        _children(target_set, "note") if target_set is not None else []
    )
    return ConceptRecord(
        preferred=preferred[0],
        source=source_terms[0][0] if source_terms else "",
        definition=_prose(definitions[0]) if definitions else "",
        note="\n".join(_prose(note) for note in notes if _prose(note)),
        domain=_text(domains[0]) if domains else "",
        part_of_speech=preferred[2] or next((term[2] for term in terms if term[2]), ""),
        status=status,
        case_sensitive=case_flag == "true",
        label=_admin(entry, _ADMIN_LABEL),
        admitted=[term[0] for term in usable if term is not preferred],
        forbidden=[term[0] for term in terms if term[1] == "forbidden"],
    )


def read_tbx(
    data: bytes | str, source_lang: str = "zh", target_lang: str = "en"
) -> list[ConceptRecord]:
    """Concepts from a TBX file: ``target_lang`` terms become the preferred and variant
    renderings, the first ``source_lang`` term the source term."""
    root = _parse(data)
    _strip_namespaces(root)
    if root.tag not in ("martif", "tbx"):
        raise GlossaryFormatError(
            N_(
                "Not a TBX file: the root element is <%(root_tag)s>, expected <martif>",
                root_tag=root.tag,
            )
        )
    records = []
    for number, entry in enumerate(root.iter("termEntry"), 1):
        where = f"termEntry {number}" + (f" (id {entry.get('id')!r})" if entry.get("id") else "")
        records.append(_record(entry, where, source_lang, target_lang))
    return records
