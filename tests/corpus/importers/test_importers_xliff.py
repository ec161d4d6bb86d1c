"""XLIFF 1.2/2.x and TMX importers: units, ids, notes, states, placeholders and every refusal."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from translate.storage import tmx as tt_tmx
from translate.storage import xliff as tt_xliff

from corpus.importers import ImportLimits, ImportRefused, parse_upload, restore_markup
from corpus.importers.placeholders import PRIVATE_USE, CodeTable, escape_xml

DATA = Path(__file__).parent / "data"
LIMITS = ImportLimits(max_file_bytes=5 * 1024 * 1024, max_upload_bytes=20 * 1024 * 1024)
XLIFF_12 = (DATA / "codes-1.2.xlf").read_bytes()
XLIFF_20 = (DATA / "codes-2.0.xlf").read_bytes()


def parse(name: str, data: bytes, **options):
    [record] = parse_upload(name, data, LIMITS, bilingual=True, **options)
    return record


def xliff(units: str, languages: str = 'source-language="zh" target-language="en"') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        f'<file original="a.txt" {languages} datatype="plaintext"><body>{units}</body></file>'
        "</xliff>"
    ).encode()


def refusal(name: str, data: bytes, **options) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_upload(name, data, LIMITS, bilingual=True, **options)
    assert caught.value.name.startswith(name.split("/")[0])
    return caught.value.reason


# --- XLIFF 1.2 ---------------------------------------------------------------------------


def test_xliff_12_units_keep_ids_notes_states_and_languages():
    record = parse("codes.xlf", XLIFF_12)
    assert (record.source_language, record.target_language) == ("zh-CN", "en-US")
    assert [u.unit_id for u in record.units] == ["1", "2", "3", "4", "5"]
    first, second = record.units[:2]
    assert (first.source, first.target) == ("不停延误", "Non-stop delays")
    assert first.notes == ("From the delivery chat.",)
    assert second.notes == ("Bold must stay on the verb.", "Second note & more.")
    assert [u.state for u in record.units] == [
        "needs-review-translation",
        "translated",
        "final",
        None,
        "signed-off",
    ]
    assert record.units[0].metadata["xliff_file"] == "report.docx"
    # The record's text is the MT, one unit a line, as a monolingual caller would see it.
    assert record.text.split("\n")[0] == "Non-stop delays"
    assert record.encoding == "utf-8" and record.size == len(XLIFF_12)


def test_inline_codes_become_one_private_use_character_each_shared_by_source_and_target():
    units = parse("codes.xlf", XLIFF_12).units
    bold = units[1]
    assert bold.source == "请\ue000取消\ue001订单\ue002谢谢"
    assert bold.target == "Please \ue000cancel\ue001 the order\ue002Thanks"
    assert bold.placeholders == {
        "\ue000": '<g id="g1" ctype="bold">',
        "\ue001": "</g>",
        "\ue002": '<x id="x1" ctype="lb"/>',
    }
    # Native code inside <ph>/<bpt> (and a <sub> in it) stays inside the one character.
    assert units[2].placeholders["\ue000"] == '<ph id="p1" ctype="x-var">{count}</ph>'
    assert units[4].placeholders["\ue000"] == '<ph id="p2">&lt;br<sub>替代</sub>/&gt;</ph>'
    assert units[4].source == "数字 < 5 & 文本\ue000结束"  # entities decoded in the text
    kinds = {markup.split()[0].strip("<>/") for u in units for markup in u.placeholders.values()}
    assert kinds >= {"g", "x", "ph", "bpt", "ept", "bx", "ex", "it", "mrk"}


def test_restore_markup_gives_back_the_file_content():
    unit = parse("codes.xlf", XLIFF_12).units[4]
    assert restore_markup(unit.target, unit.placeholders) == (
        'Number &lt; 5 &amp; text<ph id="p2">&lt;br<sub>替代</sub>/&gt;</ph>end'
    )


@given(st.lists(st.one_of(st.text(max_size=5), st.sampled_from(["<b/>", "<g id='1'>"]))))
def test_restore_markup_inverts_escaping_and_placeholders(pieces):
    codes = CodeTable()
    text = "".join(
        codes.char(piece, piece) if piece.startswith("<") else PRIVATE_USE.sub("", piece)
        for piece in pieces
    )
    expected = "".join(
        piece if piece.startswith("<") else escape_xml(PRIVATE_USE.sub("", piece))
        for piece in pieces
    )
    assert restore_markup(text, codes.placeholders) == expected


def test_xliff_20_segments_units_and_original_data():
    record = parse("codes.xliff", XLIFF_20)
    assert [u.unit_id for u in record.units] == ["u1", "u2", "u3::s1", "u3::s2"]
    assert [u.state for u in record.units] == ["initial", "translated", "final", "reviewed"]
    assert record.units[0].notes == ("From the delivery chat.",)
    pc = record.units[1]
    assert pc.source == "请\ue000取消\ue001订单\ue002谢谢"
    assert pc.placeholders["\ue002"] == '<ph id="2" dataRef="d3"/>'
    assert '<data id="d1">&lt;b&gt;</data>' in pc.metadata["xliff_original_data"]
    assert record.units[3].placeholders == {"\ue000": '<ec startRef="3"/>'}
    assert record.units[2].metadata["xliff_segment"] == "s1"


def test_a_unit_without_target_is_refused_by_id_unless_untranslated_units_are_allowed():
    data = xliff('<trans-unit id="t9"><source>还没送到</source></trans-unit>')
    assert "unit 't9' has no translation (empty target)" in refusal("a.xlf", data)
    [unit] = parse("a.xlf", data, allow_untranslated=True).units
    assert (unit.unit_id, unit.target) == ("t9", "")
    empty = xliff('<trans-unit id="t1"><source>还没送到</source><target> </target></trans-unit>')
    assert "unit 't1' has no translation" in refusal("a.xlf", empty)


def test_malformed_xml_is_refused_with_its_line():
    data = b'<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>'
    assert refusal("bad.xlf", data).startswith("not well-formed XML (line 4:")


def test_xxe_is_refused_before_anything_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    ).encode() + xliff('<trans-unit id="1"><source>&xxe;</source><target>x</target></trans-unit>')[
        39:
    ]
    reason = refusal("xxe.xlf", data)
    assert "DOCTYPE" in reason and "TOP SECRET" not in reason


def test_billion_laughs_is_refused_quickly():
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    data = (f'<?xml version="1.0"?>\n<!DOCTYPE xliff [{entities}]>\n').encode() + xliff(
        '<trans-unit id="1"><source>&lol9;</source><target>x</target></trans-unit>'
    )[39:]
    started = time.perf_counter()
    assert "DTDs and entities are refused" in refusal("lol.xlf", data)
    assert time.perf_counter() - started < 1  # 10**9 "lol"s were never expanded


def test_wrong_language_pair_is_refused_naming_both():
    data = xliff(
        '<trans-unit id="1"><source>Bonjour</source><target>Hallo</target></trans-unit>',
        'source-language="fr" target-language="de"',
    )
    assert refusal("fr.xlf", data) == "the file is fr→de, but this import takes zh→en"
    assert parse("fr.xlf", data, source_language="fr-FR", target_language="de").units


def test_private_use_characters_in_the_file_are_refused():
    data = xliff('<trans-unit id="7"><source>a&#xE005;b</source><target>ab</target></trans-unit>')
    reason = refusal("pua.xlf", data)
    assert reason.startswith("unit '7': the text already contains the private-use character U+E005")


def test_other_xml_and_non_xliff_roots_are_refused():
    assert (
        refusal("x.xlf", b"<html><body/></html>")
        == "not an XLIFF file (the root element is <html>)"
    )
    assert refusal("x.xlf", b"   ") == "the file is empty"
    no_source = xliff('<trans-unit id="3"><source></source><target>x</target></trans-unit>')
    assert refusal("x.xlf", no_source) == "unit '3' has an empty source"


def test_a_monolingual_import_refuses_bilingual_files_instead_of_dropping_the_source():
    with pytest.raises(ImportRefused, match="a bilingual file; this import keeps no source"):
        parse_upload("codes.xlf", XLIFF_12, LIMITS)


def test_translate_toolkit_reads_the_fixture_as_we_do():
    # The fixture itself is valid for the consumer that later reads our exports.
    store = tt_xliff.xlifffile.parsestring(XLIFF_12)
    assert [u.xmlelement.get("id") for u in store.units] == ["1", "2", "3", "4", "5"]


# --- TMX ------------------------------------------------------------------------------------


def tmx(units: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
        f'datatype="plaintext"/><body>{units}</body></tmx>'
    ).encode()


TMX_UNITS = (
    '<tu tuid="a1"><prop type="domain">news</prop><note>n</note>'
    '<tuv xml:lang="zh-CN"><seg>请<ph x="1">{0}</ph>取消</seg></tuv>'
    '<tuv xml:lang="de"><seg>Bitte</seg></tuv>'
    '<tuv xml:lang="en-US"><seg>Please <ph x="1">{0}</ph>cancel</seg></tuv></tu>'
    '<tu><tuv xml:lang="zh-CN"><seg>不停延误</seg></tuv>'
    '<tuv xml:lang="en-US"><seg>Non-stop delays</seg></tuv></tu>'
)


def test_tmx_takes_the_chosen_pair_from_each_tu():
    record = parse("memory.tmx", tmx(TMX_UNITS))
    assert (record.source_language, record.target_language) == ("zh-CN", "en-US")
    first, second = record.units
    assert (first.unit_id, first.source, first.target) == (
        "a1",
        "请\ue000取消",
        "Please \ue000cancel",
    )
    assert first.placeholders == {"\ue000": '<ph x="1">{0}</ph>'}
    assert first.notes == ("n",) and first.metadata == {"domain": "news"}
    assert (second.unit_id, second.target) == ("2", "Non-stop delays")
    assert len(tt_tmx.tmxfile.parsestring(tmx(TMX_UNITS)).units) == 2


def test_tmx_without_the_pair_is_refused_listing_its_languages():
    reason = refusal("memory.tmx", tmx(TMX_UNITS), target_language="fr")
    assert reason == "the file has no zh→fr pairs (its languages: de, en-US, zh-CN)"


def test_tmx_unit_without_source_or_target_is_refused_by_tuid():
    missing_source = TMX_UNITS + '<tu tuid="z"><tuv xml:lang="en"><seg>x</seg></tuv></tu>'
    assert refusal("m.tmx", tmx(missing_source)) == "<tu> 'z' has no zh text"
    missing_target = TMX_UNITS + '<tu><tuv xml:lang="zh"><seg>好</seg></tuv></tu>'
    assert refusal("m.tmx", tmx(missing_target)).startswith("<tu> number 3 has no translation")


def test_tmx_with_a_doctype_is_refused():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + tmx(TMX_UNITS)[39:]
    assert "DOCTYPE" in refusal("m.tmx", data)


def test_codes_in_other_namespaces_keep_the_prefix_their_own_unit_declares():
    """Code markup is built once per distinct code, except where a name's prefix comes from the
    element's own namespace declarations: the same attribute under two prefixes stays two."""
    data = xliff(
        '<trans-unit id="a" xmlns:a="urn:x"><source>一<x id="1" a:k="v"/></source>'
        '<target>One<x id="1" a:k="v"/></target></trans-unit>'
        '<trans-unit id="b" xmlns:b="urn:x"><source>二<x id="1" b:k="v"/>'
        '<g id="2" xml:lang="zh">三</g></source>'
        '<target>Two<x id="1" b:k="v"/><g id="2" xml:lang="zh">three</g></target></trans-unit>'
    )
    first, second = parse("ns.xlf", data).units
    assert list(first.placeholders.values()) == ['<x id="1" a:k="v"/>']
    assert list(second.placeholders.values()) == [
        '<x id="1" b:k="v"/>',
        '<g id="2" xml:lang="zh">',
        "</g>",
    ]
    assert second.target == "Two\ue000\ue001three\ue002"
