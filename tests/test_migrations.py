"""A database made by the version before the app split migrates forward with every row intact.

The glossary models moved from annotate to glossary, and Job to corpus, by state-only migrations
that keep the tables; this walks the migrations back to before the move, fills the database
through the historical models as that version would have (concepts, variants, change log, a span
linked to a concept, a job, a finding), migrates forward and reads it all through today's models.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [
    ("annotate", "0004_glossary"),
    ("corpus", "0003_corpus_allow_overlapping_spans"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _fill(apps) -> dict:
    corpus = apps.get_model("corpus", "Corpus").objects.create(name="Old corpus")
    document = apps.get_model("corpus", "Document").objects.create(
        corpus=corpus,
        title="old",
        original_name="old.txt",
        sha256="0" * 64,
        raw_text="Ab. Cd.",
        encoding="utf-8",
    )
    segment = apps.get_model("corpus", "Segment").objects.create(
        document=document, position=1024, paragraph=0, mt_text="Ab.", text="Ab!", status="edited"
    )
    label = apps.get_model("annotate", "Label").objects.create(
        corpus=corpus, key="TERM", name="Term"
    )
    term = apps.get_model("annotate", "GlossaryTerm").objects.create(
        corpus=corpus, preferred="mu", source="亩", status="approved", label_key="TERM"
    )
    apps.get_model("annotate", "TermVariant").objects.create(
        term=term, text="acre", kind="forbidden"
    )
    apps.get_model("annotate", "TermChange").objects.create(
        term=term, action="created", after={"preferred": "mu"}
    )
    apps.get_model("annotate", "GlossaryState").objects.create(scope=corpus.pk, token="t" * 32)
    span = apps.get_model("annotate", "Span").objects.create(
        segment=segment, start=0, end=2, text="Ab", label=label, term=term
    )
    job = apps.get_model("annotate", "Job").objects.create(
        kind="replace-all", corpus=corpus, total=3, done=1
    )
    apps.get_model("annotate", "Finding").objects.create(
        segment=segment,
        document=document,
        corpus=corpus,
        check_id="x",
        severity="info",
        start=0,
        end=1,
        message="m",
    )
    return {"corpus": corpus.pk, "term": term.pk, "span": span.pk, "job": job.pk}


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_app_split_migrates_forward_intact():
    from annotate.models import Finding, Span
    from corpus.models import Job
    from glossary.models import GlossaryState, GlossaryTerm, TermChange, TermVariant

    ids = _fill(_migrate(BEFORE_THE_MOVE))
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    term = GlossaryTerm.objects.get(pk=ids["term"])
    assert (term.preferred, term.source, term.corpus_id) == ("mu", "亩", ids["corpus"])
    assert list(TermVariant.objects.values_list("term_id", "text", "kind")) == [
        (term.pk, "acre", "forbidden")
    ]
    assert TermChange.objects.get().term_id == term.pk
    assert GlossaryState.objects.get().scope == ids["corpus"]
    span = Span.objects.select_related("term").get(pk=ids["span"])
    assert (span.text, span.term.preferred) == ("Ab", "mu")
    assert span in term.spans.all()
    job = Job.objects.get(pk=ids["job"])
    assert (job.kind, job.total, job.done, job.corpus_id) == ("replace-all", 3, 1, ids["corpus"])
    assert Finding.objects.get().segment_id == span.segment_id
    # The imported file moved to a table of its own (0022), unchanged.
    assert span.segment.document.raw_text == "Ab. Cd."


@pytest.mark.django_db(transaction=True)
def test_stored_hter_is_recomputed_case_sensitively():
    from corpus.models import Segment

    apps = _migrate([("corpus", "0004_job_from_annotate")])
    corpus = apps.get_model("corpus", "Corpus").objects.create(name="Cased")
    document = apps.get_model("corpus", "Document").objects.create(
        corpus=corpus,
        title="c",
        original_name="c.txt",
        sha256="1" * 64,
        raw_text="the x.",
        encoding="utf-8",
    )
    make = apps.get_model("corpus", "Segment").objects.create
    # Stored by the case-blind HTER of before: a case fix counted as no edit at all.
    fixed = make(document=document, position=1, paragraph=0, mt_text="the x.", text="The x.",
                 status="edited", hter=0.0)  # fmt: skip
    untouched = make(document=document, position=2, paragraph=0, mt_text="y.", text="y.")
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert Segment.objects.get(pk=fixed.pk).hter == pytest.approx(0.5)
    assert Segment.objects.get(pk=untouched.pk).hter == 0.0


@pytest.mark.django_db(transaction=True)
def test_a_bilingual_file_staged_before_the_upgrade_is_imported_after_it():
    """Staged units moved from a JSON column to compressed JSON lines: a pending file keeps them."""
    from corpus.models import Document
    from corpus.services.imports import run_import_batch

    apps = _migrate([("corpus", "0010_worker_heartbeat")])
    corpus = apps.get_model("corpus", "Corpus").objects.create(name="Staged")
    batch = apps.get_model("corpus", "ImportBatch").objects.create(corpus=corpus)
    unit = {"unit_id": "u1", "notes": ["n"], "state": "translated", "metadata": {}}
    apps.get_model("corpus", "ImportItem").objects.create(
        batch=batch,
        name="r.xlf",
        text="Hi \ue000\nBye",
        encoding="utf-8",
        sha256="2" * 64,
        source_language="zh",
        target_language="en",
        units=[
            {
                **unit,
                "source": "你好\ue000",
                "target": "Hi \ue000",
                "placeholders": {"\ue000": "<x/>"},
            },
            {**unit, "unit_id": "u2", "source": "再见", "target": "Bye", "placeholders": {}},
        ],
    )
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    back = _migrate([("corpus", "0010_worker_heartbeat")])  # and back, units as they were
    staged = back.get_model("corpus", "ImportItem").objects.get().units
    assert [(u["unit_id"], u["source"], u["notes"]) for u in staged] == [
        ("u1", "你好\ue000", ["n"]),
        ("u2", "再见", ["n"]),
    ]
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    run_import_batch(batch.pk)
    first, second = Document.objects.get(corpus_id=corpus.pk).segments.order_by("position")
    assert (first.unit_id, first.source_text, first.text) == ("u1", "你好\ue000", "Hi \ue000")
    assert first.unit == {
        "notes": ["n"],
        "state": "translated",
        "placeholders": {"\ue000": "<x/>"},
    }
    assert (second.unit_id, second.source_text, second.text) == ("u2", "再见", "Bye")


@pytest.mark.django_db(transaction=True)
def test_the_imported_file_moves_to_its_own_table_and_back():
    from corpus.models import Document

    apps = _migrate([("corpus", "0021_raw_text_last")])
    corpus = apps.get_model("corpus", "Corpus").objects.create(name="Files")
    old = apps.get_model("corpus", "Document").objects.create(
        corpus=corpus, title="f", original_name="f.txt", sha256="3" * 64,
        raw_text="宁夏 grew.\n\nIt did.", encoding="utf-8",
    )  # fmt: skip
    _migrate([("corpus", "0022_document_file")])
    assert Document.objects.get(pk=old.pk).raw_text == "宁夏 grew.\n\nIt did."
    apps = _migrate([("corpus", "0021_raw_text_last")])
    back = apps.get_model("corpus", "Document").objects.get(pk=old.pk)
    assert back.raw_text == "宁夏 grew.\n\nIt did."
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
