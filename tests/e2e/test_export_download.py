"""Exporting from the browser: the corpus page's Export link, the form, two downloads, the trial report."""

import json
import zipfile

import pytest
from spacy.tokens import DocBin
from spacy.vocab import Vocab

from annotate.models import Label
from annotate.services.edits import edit_segment
from annotate.services.spans import add_span
from corpus import roles
from tests.conftest import PASSWORD, SEED_FILES, import_file
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(corpus, make_user):
    admin = make_user("pat", roles.PROJECT_ADMIN, member_of=corpus)
    document = import_file(corpus, SEED_FILES[1])
    gpe = Label.objects.create(corpus=corpus, key="GPE", name="Place", shortcut="1")
    marked = 0
    for segment in document.segments.filter(text__contains="Jining"):
        start = segment.text.index("Jining")
        add_span(segment, start, start + len("Jining"), gpe, admin)
        marked += 1
    first = document.segments.order_by("position").first()
    edit_segment(first, first.text + " Jining grew.", first.version, admin)
    return admin, document, marked


def save(download, tmp_path):
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return path.name, {info.filename: archive.read(info) for info in archive.infolist()}


def test_admin_downloads_two_formats_and_checks_the_report_in_the_page(
    page, shot, seeded, tmp_path
):
    admin, document, marked = seeded
    log_in(page, admin.username, PASSWORD)
    page.goto(f"/corpora/{document.corpus_id}/")
    page.click(".head-actions >> text=Export")
    page.wait_for_url(f"**/export/corpora/{document.corpus_id}/")
    page.wait_for_selector("#summary >> text=What the export will hold")
    shot(page, "export-page")

    with page.expect_download() as info:
        page.click("button:has-text('Download ZIP')")
    name, files = save(info.value, tmp_path)
    assert name.startswith("test-corpus-redline-jsonl-") and name.endswith(".zip")
    assert list(files)[-2:] == ["export-report.txt", "export-report.json"]
    lines = files["test-corpus-redline-jsonl.jsonl"].decode().splitlines()
    assert len(lines) == document.segments.count()
    assert json.loads(files["export-report.json"])["spans_written"] == marked

    page.check("input[name=format][value=spacy-docbin]")
    page.check("input[name=statuses][value=edited]")
    page.wait_for_selector("#summary >> text=1 document, 1 segment")
    with page.expect_download() as info:
        page.click("button:has-text('Download ZIP')")
    name, files = save(info.value, tmp_path)
    assert name.startswith("test-corpus-spacy-docbin-")
    shard = tmp_path / "shard-0000.spacy"
    shard.write_bytes(files["shard-0000.spacy"])
    [doc] = DocBin().from_disk(shard).get_docs(Vocab())
    assert doc.text.endswith("Jining grew.") and [e.text for e in doc.ents][-1] == "Jining"

    page.click("button:has-text('Check spans first')")
    page.wait_for_selector("#check >> text=Report of a trial run")
    assert "No problems: every span was written exactly." in page.inner_text("#check pre")
    shot(page, "export-checked")
    assert page.js_errors == []


def test_plain_text_with_a_status_filter_is_refused_in_the_page(page, seeded):
    admin, document, _ = seeded
    log_in(page, admin.username, PASSWORD)
    page.goto(f"/export/corpora/{document.corpus_id}/")
    page.check("input[name=format][value=plain-text]")
    page.check("input[name=statuses][value=approved]")
    page.wait_for_selector("#summary >> text=Fix the choices above")
    page.click("button:has-text('Download ZIP')")
    page.wait_for_selector("text=Plain text exports whole documents")
