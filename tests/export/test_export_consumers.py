"""Downloads from the export view, read by the consumers' own code: spaCy, spacy convert, doccano, JSON Schema.

The data comes from the database (seed text, edits, spans through the services), through the
view, out of the ZIP, so these tests prove the whole path, not only the pure writers.
"""

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import orjson
import pytest
import spacy
from django.urls import reverse
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from annotate.models import Label, Span
from annotate.services.edits import edit_segment
from annotate.services.spans import add_span
from corpus.services import EditRefused
from tests.conftest import PASSWORD, SEED_FILES, SEEDS, import_file

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(
    (SEEDS.parent / "schemas" / "redline-segment.schema.json").read_text(encoding="utf-8")
)
PATTERNS = (
    ("ORG", r"Municipal Bureau of Industry and Information Technology"),
    ("GPE", r"\bJining\b"),
    ("MONEY", r"\d+(?:\.\d+)? (?:billion|million) yuan"),
    ("PERCENT", r"\d+(?:\.\d+)?%"),
    ("DATE", r"the first half of \d{4}"),
)
NLP = spacy.blank("en")


@pytest.fixture
def labelled(corpus, translator, project_admin):
    """The Jining seed with entities marked by pattern (as a reviewer would), one sentence edited."""
    labels = {
        key: Label.objects.create(corpus=corpus, key=key, name=key.title()) for key, _ in PATTERNS
    }
    document = import_file(corpus, SEED_FILES[1])
    untouched = import_file(corpus, SEED_FILES[0])
    first = document.segments.order_by("position").first()
    edit_segment(first, first.text + " Jining grew 5.5% in the first half of 2023.", 1, translator)
    for segment in document.segments.all():
        for key, pattern in PATTERNS:
            for found in re.finditer(pattern, segment.text):
                try:
                    add_span(
                        segment, found.start(), found.end(), labels[key], translator, snap=False
                    )
                except EditRefused:
                    pass  # overlaps an earlier mark; the corpus keeps spans flat
    assert Span.objects.count() > 20
    return document, untouched


def download(client, user, corpus, format_id, **params) -> dict[str, bytes]:
    client.login(username=user.username, password=PASSWORD)
    response = client.get(
        reverse("export:download", args=[corpus.pk]), {"format": format_id, **params}
    )
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def db_entities(document) -> list[list[tuple[int, int, str]]]:
    return [
        sorted((s.start, s.end, s.label.key) for s in segment.spans.filter(state="accepted"))
        for segment in document.segments.order_by("position").prefetch_related("spans__label")
    ]


def test_spacy_shards_load_with_docbin_and_give_the_database_entities(
    client, labelled, project_admin
):
    document, _untouched = labelled
    files = download(
        client, project_admin, document.corpus, "spacy-docbin", documents=[document.pk]
    )
    assert json.loads(files["export-report.json"])["problems"] == []
    docs = [
        doc
        for name in sorted(files)
        if name.endswith(".spacy")
        for doc in DocBin().from_bytes(files[name]).get_docs(Vocab())
    ]
    assert [doc.text for doc in docs] == list(
        document.segments.order_by("position").values_list("text", flat=True)
    )
    assert [
        sorted((e.start_char, e.end_char, e.label_) for e in doc.ents) for doc in docs
    ] == db_entities(document)
    assert [
        sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) for doc in docs
    ] == db_entities(document)
    assert (
        docs[0].user_data["redline"]["status"] == "edited"
        and docs[0].user_data["redline"]["document_id"] == document.pk
    )


def test_a_span_off_the_tokens_is_named_in_the_docbin_report(
    client, labelled, project_admin, translator
):
    document, _ = labelled
    segment = (
        document.segments.filter(text__contains="Jining").exclude(spans__label__key="GPE").first()
        or document.segments.first()
    )
    start = segment.text.index("Jining")
    Span.objects.filter(segment=segment, start__lt=start + 6, end__gt=start).delete()
    add_span(
        segment, start, start + 5, Label.objects.get(key="GPE"), translator, snap=False
    )  # "Jinin"
    files = download(client, project_admin, document.corpus, "spacy-docbin")
    [problem] = json.loads(files["export-report.json"])["problems"]
    assert (problem["segment_id"], problem["surface"], problem["skipped"]) == (
        segment.pk,
        "Jinin",
        True,
    )
    assert "token boundaries" in files["export-report.txt"].decode()


def test_spacy_convert_reads_the_downloaded_iob(client, labelled, project_admin, tmp_path):
    document, _untouched = labelled
    files = download(client, project_admin, document.corpus, "conll-iob")
    [name] = [n for n in files if n.endswith(".conll")]
    (tmp_path / name).write_bytes(files[name])
    out = tmp_path / "converted"
    out.mkdir()
    # No -c: the .conll extension is enough for spaCy to pick its NER converter.
    done = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(tmp_path / name), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    docs = list(DocBin().from_disk(out / Path(name).with_suffix(".spacy").name).get_docs(Vocab()))
    assert len(docs) == 2  # one per document, in document order
    expected = []
    for segment in document.segments.order_by("position"):
        for span in segment.spans.filter(state="accepted").order_by("start"):
            expected.append((span.label.key, tuple(t.text for t in NLP.make_doc(span.text))))
    assert [(e.label_, tuple(t.text for t in e)) for e in docs[0].ents] == expected
    assert list(docs[1].ents) == [] and json.loads(files["export-report.json"])["problems"] == []


def test_doccano_lines_have_its_documented_shape(client, labelled, project_admin):
    document, _ = labelled
    files = download(
        client, project_admin, document.corpus, "doccano-jsonl", documents=[document.pk]
    )
    [name] = [n for n in files if n.endswith(".jsonl")]
    lines = [orjson.loads(line) for line in files[name].splitlines()]
    assert len(lines) == document.segments.count()
    for line, entities in zip(lines, db_entities(document), strict=False):
        assert set(line) == {"id", "text", "label"} and isinstance(line["text"], str)
        assert all(
            isinstance(s, int) and isinstance(e, int) and isinstance(k, str)
            for s, e, k in line["label"]
        )
        assert sorted(tuple(item) for item in line["label"]) == entities


def test_redline_jsonl_download_validates_against_the_shipped_schema(
    client, labelled, project_admin
):
    document, _ = labelled
    files = download(client, project_admin, document.corpus, "redline-jsonl")
    [name] = [n for n in files if n.endswith(".jsonl")]
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for raw in files[name].splitlines():
        line = orjson.loads(raw)
        validator.validate(line)
        assert all(line["text"][s["start"] : s["end"]] == s["text"] for s in line["spans"])


def test_plain_text_of_an_untouched_seed_is_the_seed_file_byte_for_byte(
    client, labelled, project_admin
):
    document, _untouched = labelled
    files = download(client, project_admin, document.corpus, "plain-text")
    assert files[SEED_FILES[0].name] == SEED_FILES[0].read_bytes()
    edited = files[SEED_FILES[1].name].decode("utf-8")
    assert (
        edited == document.current_text()
        and "Jining grew 5.5% in the first half of 2023." in edited
    )


def test_prodigy_token_spans_point_at_the_same_words(client, labelled, project_admin):
    document, _ = labelled
    files = download(
        client, project_admin, document.corpus, "prodigy-jsonl", documents=[document.pk]
    )
    [name] = [n for n in files if n.endswith(".jsonl")]
    for raw in files[name].splitlines():
        task = orjson.loads(raw)
        for span in task["spans"]:
            tokens = task["tokens"][
                span["token_start"] : span["token_end"] + 1
            ]  # token_end is inclusive
            assert (tokens[0]["start"], tokens[-1]["end"]) == (span["start"], span["end"])


def test_the_glossary_comes_along_when_asked_and_translate_toolkit_reads_it(
    client, labelled, project_admin
):
    from translate.storage import tbx

    from glossary.models import GlossaryTerm

    document, _ = labelled
    GlossaryTerm.objects.create(
        corpus=document.corpus,
        preferred="specialized, refined, distinctive and innovative",
        source="专精特新",
    )
    GlossaryTerm.objects.create(preferred="Jining", source="济宁")
    files = download(client, project_admin, document.corpus, "redline-jsonl", glossary="on")
    assert list(files)[-4:] == [
        "export-report.txt",
        "export-report.json",
        "glossary.tbx",
        "glossary.csv",
    ]
    units = tbx.tbxfile.parsestring(files["glossary.tbx"]).units
    assert {(u.source, u.target) for u in units} == {
        ("专精特新", "specialized, refined, distinctive and innovative"),
        ("济宁", "Jining"),
    }
    assert "专精特新" in files["glossary.csv"].decode("utf-8")
    assert "glossary.tbx" not in download(client, project_admin, document.corpus, "redline-jsonl")
