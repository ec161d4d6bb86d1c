"""Bilingual exports from the database, read back by translate-toolkit: XLIFF with the corrected
targets, ids, notes and inline codes (an untouched document unit for unit as imported), split
units re-joined, TMX of the approved units, and source_text in the JSON line formats."""

import csv
import io
import zipfile
from pathlib import Path

import jsonschema
import orjson
import pytest
from django.core.management import call_command
from spacy.tokens import DocBin
from spacy.vocab import Vocab
from translate.storage import tmx, xliff

from annotate.services import edits
from corpus.importers import parse_uploads
from corpus.models import Corpus
from corpus.services.imports import import_limits, import_parsed
from corpus.services.segments import set_status
from export.exporters.pairs import unescape_tsv_field
from export.services.run import ExportRun

pytestmark = pytest.mark.django_db
SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "redline-segment.schema.json"

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="r" source-language="zh" target-language="en" datatype="plaintext"><body>
<trans-unit id="a"><source>价格是<ph id="1">{0}</ph>元，<g id="2">上涨</g>了。</source><target state="translated">The price is <ph id="1">{0}</ph> yuan, <g id="2">up</g>.</target><note>from the client</note></trans-unit>
<trans-unit id="b"><source>第二句。第三句。</source><target state="needs-review-translation">Second one. Third one.</target></trans-unit>
<trans-unit id="c"><source>最后一句。</source><target>Last one.</target></trans-unit>
</body></file></xliff>"""


@pytest.fixture
def bilingual(corpus):
    records, refusals = parse_uploads([("r.xlf", XLIFF.encode())], import_limits(), bilingual=True)
    assert not refusals
    return import_parsed(corpus, records[0])


def exported(corpus, exporter_id: str) -> bytes:
    return b"".join(ExportRun(corpus, exporter_id).data())


def units_of(store):
    return [
        (u.getid(), u.source, u.target, u.getnotes()) for u in store.units if u.istranslatable()
    ]


def test_an_untouched_document_exports_unit_for_unit_as_imported(corpus, bilingual):
    original = xliff.xlifffile(XLIFF.encode())
    again = xliff.xlifffile(exported(corpus, "xliff-1.2"))
    assert units_of(again) == units_of(original)
    for before, after in zip(original.units, again.units, strict=True):
        assert after.get_state_id() == before.get_state_id() or before.get_state_id() is None


def test_corrected_and_split_units_come_back_as_one_unit(corpus, bilingual, translator, reviewer):
    first, second, third = bilingual.segments.order_by("position")
    edits.edit_segment(first, first.text.replace("yuan", "CNY"), 1, translator)
    split = edits.split_segment(second, second.text.index("Third"), 1, translator)
    right = split.right.segment
    edits.edit_segment(right, "The third one.", right.version, translator)
    set_status(third, "approved", 1, reviewer)
    store = xliff.xlifffile(exported(corpus, "xliff-1.2"))
    got = {u.getid().split("\x04")[-1]: u for u in store.units if u.istranslatable()}
    assert list(got) == ["a", "b", "c"]
    assert got["a"].target == "The price is {0} CNY, up."
    assert '<ph id="1">{0}</ph>' in str(got["a"]) and '<g id="2">up</g>' in str(got["a"])
    assert got["b"].source == "第二句。第三句。" and got["b"].target == "Second one. The third one."
    assert got["a"].getnotes() == "from the client"
    assert 'state="final"' in str(got["c"]) and 'state="translated"' in str(got["b"])
    memory = tmx.tmxfile(exported(corpus, "tmx"))
    assert [(u.source, u.target) for u in memory.units] == [("最后一句。", "Last one.")]


def test_xliff_2_export_reads_back(corpus, bilingual):
    data = exported(corpus, "xliff-2.0")
    assert b'version="2.0"' in data and "第二句。第三句。".encode() in data


def test_json_lines_and_pairs_carry_the_source(corpus, bilingual, text_document):
    text_document("A monolingual sentence. Another one.")
    lines = [orjson.loads(line) for line in exported(corpus, "redline-jsonl").splitlines()]
    bilingual_lines = [line for line in lines if line["document_id"] == bilingual.pk]
    assert [line["source_text"] for line in bilingual_lines][2] == "最后一句。"
    assert all("source_text" not in line for line in lines if line["document_id"] != bilingual.pk)
    pairs = [orjson.loads(line) for line in exported(corpus, "pairs-jsonl").splitlines()]
    assert sum("source" in pair for pair in pairs) == 3
    rows = list(
        csv.DictReader(
            io.StringIO(exported(corpus, "pairs-tsv").decode()),
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
        )
    )
    sources = [unescape_tsv_field(row["source"]) for row in rows]
    assert "最后一句。" in sources and sources.count("") == 2


def test_docbin_user_data_carries_the_source_only_for_bilingual_segments(
    corpus, bilingual, text_document
):
    text_document("A monolingual sentence. Another one.")
    docs = []
    with zipfile.ZipFile(io.BytesIO(exported(corpus, "spacy-docbin"))) as archive:
        for name in sorted(archive.namelist()):
            docs.extend(DocBin().from_bytes(archive.read(name)).get_docs(Vocab()))
    data = [doc.user_data["redline"] for doc in docs]
    by_document = {d["document_id"]: [] for d in data}
    for d in data:
        by_document[d["document_id"]].append(d.get("source_text"))
    assert by_document.pop(bilingual.pk) == [
        "价格是\ue000元，\ue001上涨\ue002了。",
        "第二句。第三句。",
        "最后一句。",
    ]
    assert list(by_document.values()) == [[None, None]]


XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
<file id="f1"><unit id="u1"><notes><note>keep the code</note></notes>
<segment state="translated"><source>价格<ph id="1"/>元。</source><target>Price <ph id="1"/> yuan.</target></segment>
</unit></file></xliff>"""


def test_an_xliff_2_document_exports_as_xliff_2_with_its_units(corpus):
    # translate-toolkit reads XLIFF 1.x only: the 2.0 export is read back by Redline's reader.
    records, _ = parse_uploads([("two.xlf", XLIFF2.encode())], import_limits(), bilingual=True)
    import_parsed(corpus, records[0])
    data = exported(corpus, "xliff-2.0")
    [again], refusals = parse_uploads([("again.xlf", data)], import_limits(), bilingual=True)
    assert not refusals
    assert [(u.unit_id, u.source, u.target, u.notes, u.state) for u in again.units] == [
        (u.unit_id, u.source, u.target, u.notes, u.state) for u in records[0].units
    ]
    assert b'<ph id="1"/>' in data


def test_a_bilingual_document_comes_back_from_redline_jsonl_the_same(corpus, tmp_path, translator):
    """export_dataset → import_dataset: the source of every segment, the language pair, the unit
    ids and inline codes, and a split unit's continuation come back (they were dropped)."""
    records, _ = parse_uploads(
        [("r.xlf", XLIFF.replace('"zh"', '"zh-CN"').encode())],
        import_limits(),
        bilingual=True,
        source_language="zh",
    )
    document = import_parsed(corpus, records[0])
    second = document.segments.order_by("position")[1]
    edits.split_segment(second, second.text.index("Third"), 1, translator)
    out = tmp_path / "bilingual.jsonl"
    call_command(
        "export_dataset",
        corpus=corpus.name,
        format="redline-jsonl",
        out=str(out),
        stdout=io.StringIO(),
    )
    call_command("import_dataset", str(out), corpus="Back again", stdout=io.StringIO())
    validator = jsonschema.Draft202012Validator(orjson.loads(SCHEMA.read_bytes()))
    for line in out.read_bytes().splitlines():
        validator.validate(orjson.loads(line))
    [again] = Corpus.objects.get(name="Back again").documents.all()

    def units(doc):
        return [
            (s.text, s.mt_text, s.source_text, s.unit_id, s.unit)
            for s in doc.segments.order_by("position")
        ]

    assert (again.bilingual, again.source_language, again.target_language) == (
        True,
        "zh-CN",
        "en",
    )
    assert units(again) == units(document)
    assert [s.source_text for s in again.segments.order_by("position")][:2] == [
        "价格是\ue000元，\ue001上涨\ue002了。",
        "第二句。第三句。",
    ]
    # So the copy exports to XLIFF as the original does: ids, inline codes, the split re-joined.
    copy = xliff.xlifffile(exported(again.corpus, "xliff-1.2"))
    assert units_of(copy) == units_of(xliff.xlifffile(exported(corpus, "xliff-1.2")))
    assert '<g id="2">up</g>' in str(copy.units[0])
