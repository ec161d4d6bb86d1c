"""Uploading in the browser: good files import in the background; bad ones are refused by name."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from corpus.models import Document, ImportBatch, Segment
from tests.conftest import PASSWORD, SEED_FILES
from tests.helpers import HX

pytestmark = pytest.mark.django_db


def upload(client, corpus, *files, capture=None):
    url = reverse("corpus:import_files", args=[corpus.pk])
    return client.post(url, {"files": list(files)}, follow=True)


def state():
    return Document.objects.count(), Segment.objects.count(), ImportBatch.objects.count()


@pytest.fixture
def admin_client(client, project_admin):
    assert client.login(username=project_admin.username, password=PASSWORD)
    return client


def test_upload_many_files_imports_them_in_the_background(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in SEED_FILES]
    files.append(
        SimpleUploadedFile("gb.txt", "宁夏回族自治区工业和信息化厅发布了通知。".encode("gb18030"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(admin_client, corpus, *files)
    assert response.status_code == 200
    assert corpus.documents.count() == 3
    gb = corpus.documents.get(original_name="gb.txt")
    assert gb.encoding == "gb18030" and "宁夏" in gb.raw_text
    batch = ImportBatch.objects.get()
    assert batch.state == ImportBatch.State.DONE and batch.progress() == (3, 3)
    assert set(batch.items.values_list("text", flat=True)) == {""}
    progress = admin_client.get(reverse("corpus:import_progress", args=[corpus.pk, batch.pk]), **HX)
    assert b"3 of 3 files" in progress.content and b"<html" not in progress.content
    assert progress["HX-Trigger"] == "import-finished" and b"hx-trigger" not in progress.content


def test_upload_a_zip(admin_client, corpus, django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("reports/a.txt", "First report. It has two sentences.")
        archive.writestr("reports/b.md", "Second report.")
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, corpus, SimpleUploadedFile("batch.zip", buffer.getvalue()))
    assert sorted(corpus.documents.values_list("original_name", flat=True)) == [
        "reports/a.txt",
        "reports/b.md",
    ]


def _zip(name: str, data: bytes = b"Some text.") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return SimpleUploadedFile("upload.zip", buffer.getvalue())


@pytest.mark.parametrize(
    "make_file, words",
    [
        (lambda: SimpleUploadedFile("empty.txt", b""), "empty"),
        (
            lambda: SimpleUploadedFile("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
            "text",
        ),
        (lambda: SimpleUploadedFile("big.txt", b"word " * 300_000), "limit"),
        (lambda: SimpleUploadedFile("report.pdf", b"%PDF-1.4"), ".txt"),
        (lambda: _zip("../evil.txt"), ".."),
        (lambda: _zip("/etc/evil.txt"), "absolute"),
        (lambda: _zip("bomb.txt", b"a" * 3_000_000), "limit"),
    ],
    ids=["empty", "binary", "too-big", "wrong-type", "zip-slip", "zip-absolute", "zip-bomb"],
)
def test_bad_input_is_refused_by_name_and_changes_nothing(
    admin_client, corpus, settings, make_file, words
):
    settings.REDLINE_IMPORT_MAX_FILE_BYTES = 1_000_000
    settings.REDLINE_IMPORT_MAX_UPLOAD_BYTES = 2_000_000
    before = state()
    response = upload(admin_client, corpus, make_file())
    messages = [str(m) for m in response.context["messages"]]
    assert len(messages) == 1 and messages[0].startswith("Not imported: ")
    assert words.lower() in messages[0].lower(), messages
    assert state() == before


def test_duplicate_upload_is_refused(admin_client, corpus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        upload(admin_client, corpus, SimpleUploadedFile("a.txt", b"Same text."))
    before = state()
    response = upload(admin_client, corpus, SimpleUploadedFile("copy.txt", b"Same text."))
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Not imported: copy.txt: the same file is already in the corpus “Test corpus”."
    ]
    assert state() == before


def test_only_project_admins_import(client, translator, corpus):
    assert client.login(username=translator.username, password=PASSWORD)
    response = client.post(
        reverse("corpus:import_files", args=[corpus.pk]),
        {"files": [SimpleUploadedFile("a.txt", b"Text.")]},
    )
    assert response.status_code == 403 and not Document.objects.exists()
    assert (
        b"Import</h2>" not in client.get(reverse("corpus:corpus_detail", args=[corpus.pk])).content
    )


def test_corpus_page_shows_progress(client, reviewer, seed_document, translator):
    from corpus.services.segments import raw_edit

    segment = seed_document.segments.first()
    raw_edit(segment, segment.text + " Edited.", 1, translator)
    assert client.login(username=reviewer.username, password=PASSWORD)
    page = client.get(reverse("corpus:corpus_detail", args=[seed_document.corpus_id]))
    [doc] = page.context["documents"]
    assert doc.edited_count == 1 and doc.segment_count == seed_document.segments.count()
