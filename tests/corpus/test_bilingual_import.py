"""Bilingual uploads through the corpus page: units become segments with their source, and every
refused file is named with its line or unit while nothing at all is stored."""

import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus.models import Document, ImportBatch, ImportItem, Segment
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="report" source-language="zh" target-language="en" datatype="plaintext"><body>
<trans-unit id="u1"><source>价格上涨了<g id="1">三千</g>元。</source><target>Prices rose by <g id="1">3,000</g> yuan.</target><note>checked</note></trans-unit>
<trans-unit id="u2"><source>世界</source>{second}</trans-unit>
</body></file></xliff>"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x"
adminlang="en" srclang="{src}" datatype="plaintext"/><body>
<tu tuid="7"><tuv xml:lang="{src}"><seg>你好</seg></tuv><tuv xml:lang="{tgt}"><seg>Hello</seg></tuv></tu>
</body></tmx>"""


@pytest.fixture
def admin_client(client, project_admin):
    assert client.login(username=project_admin.username, password=PASSWORD)
    return client


def upload(client, corpus, files, **fields):
    uploads = [SimpleUploadedFile(name, data) for name, data in files]
    return client.post(
        reverse("corpus:import_files", args=[corpus.pk]), {"files": uploads, **fields}, follow=True
    )


def stored():
    return (
        Document.objects.count(),
        Segment.objects.count(),
        ImportBatch.objects.count(),
        ImportItem.objects.count(),
    )


def errors(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLIFF2 = (
    '<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
    'srcLang="zh" trgLang="{lang}"><file id="f1"><unit id="u1"><segment><source>你好</source>'
    '<target>Hello</target></segment></unit><unit id="u2"><segment><source>世界</source>{target}'
    "</segment></unit></file></xliff>"
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<xliff version="1.2"><file source-language="zh" target-language="en"><body>'
    b'<trans-unit id="1"><source>&lol3;</source><target>x</target></trans-unit></body></file></xliff>'
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<tmx version="1.4"><header srclang="zh"/><body><tu><tuv xml:lang="zh"><seg>&e;</seg></tuv>'
    b'<tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>'
)


@pytest.mark.parametrize(
    ("files", "fields", "expected"),
    [
        (
            [("broken.xlf", b"<xliff version='1.2'><file><body><trans-unit>")],
            {},
            "broken.xlf: not well-formed XML (line 1",
        ),
        ([("broken.tmx", b"<tmx><body><tu>")], {}, "broken.tmx: not well-formed XML (line 1"),
        ([("laughs.xlf", BILLION_LAUGHS)], {}, "laughs.xlf: the file has a DOCTYPE declaration"),
        ([("xxe.tmx", XXE)], {}, "xxe.tmx: the file has a DOCTYPE declaration"),
        (
            [("gap.xlf", XLIFF.format(second="").encode())],
            {},
            "gap.xlf: unit 'u2' has no translation (empty target)",
        ),
        (
            [("gap.xlf", XLIFF.format(second="<target></target>").encode())],
            {},
            "gap.xlf: unit 'u2' has no translation (empty target)",
        ),
        (
            [("pairs.tsv", "你好\tHello\n世界\t\n".encode())],
            {},
            "pairs.tsv: line 2 has no translation (empty target)",
        ),
        (
            [("report.zh.txt", "一\n二\n".encode()), ("report.en.txt", b"one\n")],
            {},
            "report.zh-en.txt: report.zh.txt has 2 lines but report.en.txt has 1",
        ),
        (
            [("both.zip", zipped(**{"a.zh.txt": "一\n二\n三\n".encode(), "a.en.txt": b"one\n"}))],
            {},
            "a.zh.txt has 3 lines but a.en.txt has 1",
        ),
        (
            [("de.xlf", XLIFF.format(second="<target>World</target>").encode())],
            {"target_language": "de"},
            "de.xlf: the file is zh→en, but this import takes zh→de",
        ),
        (
            [("fr.tmx", TMX.format(src="fr", tgt="en").encode())],
            {},
            "fr.tmx:",
        ),
        ([("lonely.zh.txt", "一\n".encode())], {}, "lonely.zh.txt: no en file to pair it with"),
        (
            [("two.xlf", XLIFF2.format(lang="en", target="").encode())],
            {},
            "two.xlf: unit 'u2' has no translation (empty target)",
        ),
        (
            [("two.xlf", XLIFF2.format(lang="de", target="<target>W</target>").encode())],
            {},
            "two.xlf: the file is zh→de, but this import takes zh→en",
        ),
        (
            [("rows.csv", "source,mt\n你好,Hello\n世界,\n".encode())],
            {},
            "rows.csv: line 3 has no translation (empty target)",
        ),
        (
            [("rows.jsonl", '{"source":"你好","mt":"Hi"}\n{"source":"世界","mt":""}\n'.encode())],
            {},
            "rows.jsonl: line 2 has no translation (empty target)",
        ),
    ],
)
def test_refused_files_are_named_and_nothing_is_stored(
    admin_client, corpus, files, fields, expected
):
    before = stored()
    response = upload(admin_client, corpus, files, **fields)
    assert response.status_code == 200
    shown = errors(response)
    assert any(expected in message for message in shown), shown
    assert all(message.startswith("Not imported: ") for message in shown)
    assert stored() == before
    assert expected.replace("&", "&amp;").split(":")[0] in response.content.decode()


def test_a_bad_language_tag_is_refused_by_the_form(admin_client, corpus):
    before = stored()
    response = upload(
        admin_client,
        corpus,
        [("ok.xlf", XLIFF.format(second="<target>World</target>").encode())],
        source_language="zh; drop",
    )
    assert any("Source language" in m for m in errors(response))
    assert stored() == before


def test_xliff_units_become_segments_with_source_ids_notes_and_placeholders(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            admin_client,
            corpus,
            [("report.xlf", XLIFF.format(second="<target>World</target>").encode())],
        )
    document = Document.objects.get()
    assert document.bilingual and (document.source_language, document.target_language) == (
        "zh",
        "en",
    )
    first, second = document.segments.order_by("position")
    assert (first.unit_id, second.unit_id) == ("u1", "u2")
    assert first.source_text.startswith("价格上涨了") and second.source_text == "世界"
    assert first.mt_text == first.text and first.text.startswith("Prices rose by ")
    assert first.unit["notes"] == ["checked"]
    # <g> holds text, so it is two codes (start and end tag), the same on both sides.
    codes = {c for c in first.text if "\ue000" <= c <= "\uf8ff"}
    assert len(codes) == 2 and codes <= set(first.source_text)
    assert set(first.placeholders) == codes
    assert second.text == "World" and not second.unit.get("placeholders")
    assert ImportItem.objects.get().staged_units == b""  # the staged copy is dropped once stored


def test_untranslated_units_are_kept_when_ticked(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(
            admin_client,
            corpus,
            [("gap.xlf", XLIFF.format(second="").encode())],
            allow_untranslated="on",
        )
    second = Segment.objects.get(unit_id="u2")
    assert second.mt_text == "" and second.text == "世界" and second.unit["untranslated"] is True


def test_parallel_files_and_zip_pairs_and_tmx_import(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    files = [
        ("report.zh.txt", "第一行\n第二行\n".encode()),
        ("report.en.txt", b"Line one\nLine two\n"),
        ("both.zip", zipped(**{"b.zh.txt": "你好\n".encode(), "b.en.txt": b"Hi\n"})),
        ("memory.tmx", TMX.format(src="zh-CN", tgt="en-US").encode()),
        ("rows.jsonl", '{"source": "一", "mt": "One", "domain": "news"}\n'.encode()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, corpus, files)
    assert errors(response) == []
    pairs = {d.original_name: d for d in Document.objects.all()}
    assert set(pairs) == {"report.zh-en.txt", "b.zh-en.txt", "memory.tmx", "rows.jsonl"}
    report = pairs["report.zh-en.txt"]
    assert list(report.segments.values_list("unit_id", "source_text", "text")) == [
        ("1", "第一行", "Line one"),
        ("2", "第二行", "Line two"),
    ]
    assert report.title == "report"
    assert pairs["memory.tmx"].segments.get().unit_id == "7"
    assert pairs["rows.jsonl"].segments.get().unit["metadata"] == {"domain": "news"}


def test_plain_text_uploads_stay_monolingual(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, corpus, [("plain.txt", b"One sentence. Another one.")])
    document = Document.objects.get()
    assert not document.bilingual
    assert list(document.segments.values_list("source_text", "unit_id", "unit")) == [
        ("", "", {}),
        ("", "", {}),
    ]


def test_a_pair_is_titled_after_the_stem_its_files_share(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    """The WMT sample's pair (source.zh.txt + mt.en.txt) was titled "source", after one file."""
    files = [
        ("report.zh.txt", "第一行\n".encode()),
        ("report.en.txt", b"Line one\n"),
        ("source.zh.txt", "第二行\n".encode()),
        ("mt.en.txt", b"Line two\n"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, corpus, files)
    assert errors(response) == []
    titles = dict(Document.objects.values_list("original_name", "title"))
    assert titles == {"report.zh-en.txt": "report", "source+mt.zh-en.txt": "source+mt"}
