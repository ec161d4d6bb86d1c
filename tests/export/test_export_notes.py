"""Comments and reject reasons in Redline JSONL: written as the schema says, read back by
import_dataset with their times, authors and resolution."""

import json
from pathlib import Path

import orjson
import pytest

from annotate.models import Comment, RejectReason
from annotate.services.reviews import Reason, add_comment, decide, resolve_comment
from corpus.importers import ImportLimits
from corpus.models import Corpus
from export import dataset
from export.services.run import ExportRun
from export.services.selection import Selection

pytestmark = pytest.mark.django_db
LIMITS = ImportLimits(max_file_bytes=1024 * 1024, max_upload_bytes=1024 * 1024)
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "schemas" / "redline-segment.schema.json").read_text()
)


def export(corpus) -> bytes:
    return b"".join(ExportRun(corpus, "redline-jsonl", Selection()).data())


@pytest.fixture
def discussed(corpus, translator, reviewer, text_document):
    document = text_document("Ningxia grew fast. Jining grew too. Nothing to say here.")
    first, second, _third = document.segments.order_by("position")
    resolve_comment(add_comment(first, "Is “grew” right? 😀", translator), reviewer)
    add_comment(first, "Still open.", reviewer)
    decide(second, "rejected", 1, reviewer, Reason("terminology", "major", "use the glossary"))
    return corpus


def conversation(corpus):
    comments = [
        (
            c.segment.position,
            c.author.username if c.author else None,
            c.text,
            c.created_at,
            c.resolved_by.username if c.resolved_by else None,
            c.resolved_at,
        )
        for c in Comment.objects.filter(segment__document__corpus=corpus).order_by("id")
    ]
    reasons = [
        (
            r.segment.position,
            r.category,
            r.severity,
            r.text,
            r.revision.author.username,
            r.revision.created_at,
        )
        for r in RejectReason.objects.filter(segment__document__corpus=corpus).order_by("id")
    ]
    return comments, reasons


def test_lines_carry_comments_and_reasons_as_the_schema_says(discussed):
    lines = [orjson.loads(line) for line in export(discussed).splitlines()]
    first, second, third = lines
    assert "comments" not in third and "reject_reasons" not in third
    assert [c["text"] for c in first["comments"]] == ["Is “grew” right? 😀", "Still open."]
    assert (
        first["comments"][0]["resolved_by"] == "rui" and first["comments"][1]["resolved_at"] is None
    )
    [reason] = second["reject_reasons"]
    assert (reason["category"], reason["severity"], reason["text"], reason["author"]) == (
        "terminology",
        "major",
        "use the glossary",
        "rui",
    )
    defs = SCHEMA["$defs"]
    for comment in first["comments"]:
        assert (
            set(comment) == set(defs["comment"]["required"]) == set(defs["comment"]["properties"])
        )
    assert set(reason) == set(defs["reject_reason"]["required"])
    assert reason["category"] in defs["reject_reason"]["properties"]["category"]["enum"]


def test_import_dataset_reads_them_back(discussed):
    records = dataset.parse_dataset("x.jsonl", export(discussed), LIMITS)
    copy = Corpus.objects.create(name="Copy")
    result = dataset.import_dataset(copy, records)
    assert result.refusals == []
    assert conversation(copy) == conversation(discussed)


def test_a_bad_reason_or_comment_is_refused_with_its_place(discussed):
    data = export(discussed).replace(b'"terminology"', b'"typo"')
    result = dataset.import_dataset(
        Corpus.objects.create(name="Copy"), dataset.parse_dataset("x.jsonl", data, LIMITS)
    )
    assert result.documents == [] and "“typo” is not an error category" in result.refusals[0]
    empty = export(discussed).replace(b"Still open.", b" ")
    with pytest.raises(Exception, match="comment 2: “text” is empty"):
        dataset.parse_dataset("x.jsonl", empty, LIMITS)
