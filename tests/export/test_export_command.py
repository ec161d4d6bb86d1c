"""manage.py export_dataset: the format's own file, the report beside it, the counts on stdout."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from annotate.models import Label, Span
from annotate.services.counters import recount
from annotate.services.spans import add_span

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(text_document):
    document = text_document("Jining grew. Ningxia grew too.\n\nJining again.", name="growth.txt")
    gpe = Label.objects.create(corpus=document.corpus, key="GPE", name="Place")
    for segment in document.segments.all():
        place = "Ningxia" if "Ningxia" in segment.text else "Jining"
        start = segment.text.index(place)
        add_span(segment, start, start + len(place), gpe, None)
    return document


def export(tmp_path, *args, name="data.jsonl"):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_dataset",
        "--corpus",
        "Test corpus",
        "--out",
        str(tmp_path / name),
        *args,
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_writes_the_file_and_the_report_beside_it(marked, tmp_path):
    stdout, _ = export(tmp_path, "--format", "redline-jsonl")
    lines = (tmp_path / "data.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["spans"][0]["text"] for line in lines] == [
        "Jining",
        "Ningxia",
        "Jining",
    ]
    assert "Wrote" in stdout and "1 documents, 3 segments, 3 spans written, 0 skipped." in stdout
    assert json.loads((tmp_path / "data.report.json").read_text())["spans_written"] == 3
    assert "No problems" in (tmp_path / "data.report.txt").read_text(encoding="utf-8")
    assert not (tmp_path / "data.jsonl.partial").exists()


def test_zip_formats_are_written_as_the_format_defines_them(marked, tmp_path):
    export(tmp_path, "--format", "spacy-docbin", name="train.zip")
    with zipfile.ZipFile(tmp_path / "train.zip") as archive:
        assert archive.namelist() == ["shard-0000.spacy"]
    assert (tmp_path / "train.report.txt").exists()


def test_filters_and_strict_mode(marked, tmp_path):
    Span.objects.filter(text="Ningxia").update(state=Span.State.NEEDS_REVIEW)
    recount([marked.pk])  # set past the services that keep the span counters
    stdout, _ = export(tmp_path, "--format", "doccano-jsonl")
    assert "1 needs-review" in stdout
    stdout, _ = export(
        tmp_path,
        "--format",
        "doccano-jsonl",
        "--span-state",
        "accepted",
        "--span-state",
        "needs-review",
        "--documents",
        "growth.txt",
    )
    assert "3 spans written" in stdout
    stdout, _ = export(tmp_path, "--format", "pairs-tsv", "--status", "approved", name="pairs.tsv")
    assert "0 segments" in stdout
    Span.objects.filter(text="Jining").update(text="Jinan")  # breaks invariant 1 twice
    with pytest.raises(CommandError, match="2 span"):
        export(tmp_path, "--format", "conll-iob", "--strict", name="x.conll")
    assert "'Jinan'" in (tmp_path / "x.report.txt").read_text(encoding="utf-8")


def test_mistakes_are_explained(marked, tmp_path):
    with pytest.raises(CommandError, match="no corpus “Nope”"):
        call_command(
            "export_dataset",
            "--corpus",
            "Nope",
            "--format",
            "pairs-tsv",
            "--out",
            str(tmp_path / "x"),
        )
    with pytest.raises(CommandError, match="whole documents"):
        export(tmp_path, "--format", "plain-text", "--status", "approved", name="x.zip")
    with pytest.raises(CommandError, match="no document “missing.txt”"):
        export(tmp_path, "--format", "pairs-tsv", "--documents", "missing.txt")
    with pytest.raises(CommandError, match="no such folder"):
        export(tmp_path, "--format", "pairs-tsv", name="nowhere/x.tsv")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        export(tmp_path, "--format", "pairs-tsv", "--from", "yesterday")


def test_reports_of_two_exports_in_one_folder_do_not_collide(tmp_path):
    from export.management.commands.export_dataset import report_paths

    first, second = (
        report_paths(tmp_path / "seeds.iob.conll"),
        report_paths(tmp_path / "seeds.doccano.jsonl"),
    )
    assert first[0].name == "seeds.iob.report.txt" and second[0].name == "seeds.doccano.report.txt"
    assert report_paths(tmp_path / "data.jsonl")[1].name == "data.report.json"
