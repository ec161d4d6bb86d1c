"""Realistic benchmark corpora: the seeds and the bilingual sample's MT, replicated and varied.

A small base corpus goes through the real services once (import_text, pre-annotation with the
configured spaCy pipeline and the rules, the QA and glossary checks). Its rows are then copied in
bulk, with executemany, into documents of any size: paragraphs shuffled per copy and every digit
rotated by a per-copy amount. A digit rotation keeps every length, so each copied span and finding
keeps the offsets the services computed, and raw_text stays leading + every (text + trailing), as
an import stores it.

Reviewer work is laid over the copies as a real corpus shows it: the first quarter of a document
reviewed (approved, edited, rejected; suggestions accepted or rejected, a few findings dismissed),
the rest as pre-annotation left it (mostly suggestions, a few needing review).
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED_MT = ROOT.parent / "shared" / "data" / "wmt22-zhen-sample" / "mt.en.txt"
# A copy of the sample's MT side, so the benchmark runs where ../shared is absent (CI, a clone).
LOCAL_MT = HERE / "data" / "wmt22-zhen-mt.en.txt"
OTHER_DOCUMENTS = 12  # ordinary documents beside the big one, like a 12-system WMT corpus
OTHER_SIZE = 500
REVIEWED_SHARE = 0.25


def source_texts() -> list[tuple[str, str]]:
    """(file name, text) of the seeds and the bilingual sample's MT (the shared copy if present)."""
    texts = [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    mt = SHARED_MT if SHARED_MT.exists() else LOCAL_MT
    if mt.exists():
        texts.append(("wmt22-zhen-mt.en.txt", mt.read_text(encoding="utf-8")))
    return texts


@dataclass
class BaseSegment:
    paragraph: int  # index into Base.paragraphs' order, within its own base document
    text: str
    trailing: str
    spans: list[tuple]  # (start, end, label key, origin, term id)
    findings: list[tuple]  # (check id, severity, start, end, message, fix)
    places: list[tuple]  # (term id, start, end, kind, surface, preferred, text)


@dataclass
class Base:
    paragraphs: list[list[BaseSegment]]
    labels: dict[str, int]  # key -> label id in the benchmark corpus


@dataclass
class Built:
    corpus: object
    big: object
    documents: list
    seconds: float


def _rotate(text: str, by: int) -> str:
    return text.translate(_ROTATIONS[by]) if by and text else text


_ROTATIONS = [
    str.maketrans("0123456789", "".join(str((d + r) % 10) for d in range(10))) for r in range(10)
]


def build_base(corpus) -> Base:
    """Import the source texts into a scratch corpus through the services, then read them back."""
    from annotate.models import Finding, Label, Span
    from annotate.services import findings, preannotate
    from corpus.models import Corpus, Segment
    from corpus.services.imports import import_text
    from glossary.models import GlossaryTerm, Place
    from glossary.services.files import import_csv

    scratch = Corpus.objects.create(name=f"{corpus.name} (base)")
    for target in (scratch, corpus):
        for spec in json.loads((ROOT / "seeds" / "labels.json").read_text(encoding="utf-8")):
            Label.objects.update_or_create(corpus=target, key=spec["key"], defaults=spec)
        import_csv(target, (ROOT / "seeds" / "glossary.csv").read_bytes(), None)
    for i, (name, text) in enumerate(source_texts()):
        import_text(scratch, name, text, "utf-8", f"{i:064d}")
    preannotate.run_job(preannotate.start_job(scratch, None, None).pk)
    for document in scratch.documents.all():
        findings.refresh_document(document)
    keys = dict(Label.objects.filter(corpus=scratch).values_list("pk", "key"))
    spans: dict[int, list] = {}
    for row in Span.objects.filter(segment__document__corpus=scratch).values_list(
        "segment_id", "start", "end", "label_id", "origin", "term_id"
    ):
        spans.setdefault(row[0], []).append((row[1], row[2], keys[row[3]], row[4], row[5]))
    found: dict[int, list] = {}
    for row in Finding.objects.filter(corpus=scratch).values_list(
        "segment_id", "check_id", "severity", "start", "end", "message", "fix"
    ):
        found.setdefault(row[0], []).append(row[1:])
    # Glossary places, with the concepts' ids in the benchmark corpus's own glossary.
    terms = dict(GlossaryTerm.objects.filter(corpus=corpus).values_list("preferred", "pk"))
    places: dict[int, list] = {}
    for pk, *row in Place.objects.filter(document__corpus=scratch).values_list(
        "segment_id", "preferred", "start", "end", "kind", "surface", "preferred", "text"
    ):
        places.setdefault(pk, []).append((terms[row[0]], *row[1:]))
    paragraphs: dict[tuple[int, int], list[BaseSegment]] = {}
    for pk, document_id, paragraph, text, trailing in (
        Segment.objects.filter(document__corpus=scratch)
        .order_by("document_id", "position")
        .values_list("pk", "document_id", "paragraph", "text", "trailing")
    ):
        paragraphs.setdefault((document_id, paragraph), []).append(
            BaseSegment(
                paragraph,
                text,
                trailing,
                spans.get(pk, []),
                found.get(pk, []),
                places.get(pk, []),
            )
        )
    labels = dict(Label.objects.filter(corpus=corpus).values_list("key", "pk"))
    return Base(list(paragraphs.values()), labels)


def generate(base: Base, size: int, seed: int) -> list[tuple[int, int, BaseSegment, str]]:
    """`size` segments as (paragraph, digit rotation, base segment, trailing), in document order."""
    out: list[tuple[int, int, BaseSegment, str]] = []
    rng = random.Random(seed)
    copy = paragraph = 0
    while len(out) < size:
        order = list(range(len(base.paragraphs)))
        rng.shuffle(order)
        rotation = (seed + copy) % 10
        for index in order:
            members = base.paragraphs[index]
            for n, segment in enumerate(members):
                trailing = segment.trailing
                if n == len(members) - 1 and "\n" not in trailing:
                    trailing += "\n"  # a base document's last paragraph, now followed by another
                out.append((paragraph, rotation, segment, trailing))
            paragraph += 1
        copy += 1
    return out[:size]


def _insert(model, names: list[str], rows) -> None:
    from django.db import connection

    qn = connection.ops.quote_name
    columns = [model._meta.get_field(name).column for name in names]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table),
        ", ".join(qn(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = list(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _span_state(rng: random.Random, reviewed: bool) -> str:
    roll = rng.random()
    if reviewed:
        return "accepted" if roll < 0.8 else "rejected" if roll < 0.95 else "needs-review"
    return (
        "suggested"
        if roll < 0.9
        else "needs-review"
        if roll < 0.95
        else "accepted"
        if roll < 0.98
        else "rejected"
    )


def _segment_status(rng: random.Random, reviewed: bool) -> str:
    if not reviewed:
        return "mt"
    roll = rng.random()
    return "approved" if roll < 0.75 else "edited" if roll < 0.95 else "rejected"


def _sources() -> list[str]:
    text = (ROOT / "seeds" / "wmt22-zhen-sample" / "source.zh.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


# A bilingual unit as a 100,000-unit XLIFF import stores it: an <x/> code before the text.
_UNIT = {"state": "translated", "placeholders": {"\ue000": '<x id="1"/>'}}


def insert_document(
    corpus, base: Base, title: str, size: int, seed: int, *, bilingual: bool = False
):
    """One document of `size` segments with its raw_text, spans and findings, in one transaction.

    ``bilingual``: every segment a translation unit with a Chinese source (the WMT sample's,
    cycled, with an inline-code placeholder) and a unit id."""
    from django.db import connection, transaction
    from django.utils import timezone

    from annotate.models import Finding, Span
    from annotate.services.findings import QA_VERSION
    from corpus.models import Document, Segment
    from glossary.models import Place

    rows = generate(base, size, seed)
    raw_text = "".join(_rotate(s.text, r) + t for _, r, s, t in rows)
    now = Segment._meta.get_field("updated_at").get_db_prep_save(timezone.now(), connection)
    # JSON as the database takes it (text on SQLite, jsonb on PostgreSQL).
    no_unit = Segment._meta.get_field("unit").get_db_prep_save({}, connection)
    unit = Segment._meta.get_field("unit").get_db_prep_save(_UNIT, connection)
    rng = random.Random(seed)
    reviewed_until = int(size * REVIEWED_SHARE)
    with transaction.atomic():
        document = Document.objects.create(
            corpus=corpus,
            title=title,
            original_name=f"{title}.txt",
            sha256=f"{seed:064d}",
            encoding="utf-8",
            metadata={"qa_version": QA_VERSION},
            bilingual=bilingual,
        )
        document.store_file(raw_text)
        sources = _sources() if bilingual else [""]
        statuses = [_segment_status(rng, i < reviewed_until) for i in range(size)]
        _insert(
            Segment,
            [
                "document",
                "position",
                "paragraph",
                "mt_text",
                "text",
                "trailing",
                "status",
                "version",
                "hter",
                "updated_at",
                "source_text",
                "unit_id",
                "unit",
            ],
            (
                (
                    document.pk,
                    (i + 1) * Segment.POSITION_STEP,
                    p,
                    _rotate(s.text, r),
                    _rotate(s.text, r),
                    t,
                    statuses[i],
                    1 + (statuses[i] != "mt"),
                    0.0,
                    now,
                    "\ue000" + sources[i % len(sources)] if bilingual else "",
                    f"u{i + 1}" if bilingual else "",
                    unit if bilingual else no_unit,
                )
                for i, (p, r, s, t) in enumerate(rows)
            ),
        )
        ids = list(
            Segment.objects.filter(document=document)
            .order_by("position")
            .values_list("pk", flat=True)
        )
        spans, found, places = [], [], []
        for i, (segment_id, (_, r, s, _t)) in enumerate(zip(ids, rows, strict=True)):
            text, reviewed = _rotate(s.text, r), i < reviewed_until
            places += [
                (
                    segment_id,
                    document.pk,
                    term,
                    start,
                    end,
                    kind,
                    surface,
                    preferred,
                    text[start:end],
                )
                for term, start, end, kind, surface, preferred, _spelling in s.places
            ]
            for start, end, key, origin, term in s.spans:
                state = _span_state(rng, reviewed)
                spans.append(
                    (
                        segment_id,
                        start,
                        end,
                        text[start:end],
                        base.labels[key],
                        term,
                        origin,
                        state,
                        now,
                    )
                )
            for check, severity, start, end, message, fix in s.findings:
                dismissed = reviewed and rng.random() < 0.1
                found.append(
                    (
                        segment_id,
                        document.pk,
                        corpus.pk,
                        check,
                        severity,
                        start,
                        end,
                        _rotate(message, r),
                        _rotate(fix, r) if fix else fix,
                        dismissed,
                    )
                )
        _insert(
            Span,
            ["segment", "start", "end", "text", "label", "term", "origin", "state", "updated_at"],
            spans,
        )
        _insert(
            Place,
            [
                "segment",
                "document",
                "term_id",
                "start",
                "end",
                "kind",
                "surface",
                "preferred",
                "text",
            ],
            places,
        )
        _insert(
            Finding,
            [
                "segment",
                "document",
                "corpus",
                "check_id",
                "severity",
                "start",
                "end",
                "message",
                "fix",
                "dismissed",
            ],
            found,
        )
    return document


def build(size: int, name: str = "bench", *, bilingual: bool = False) -> Built:
    """A corpus of one document of `size` segments (bilingual ones, if asked) and
    OTHER_DOCUMENTS ordinary ones."""
    from corpus.models import Corpus

    start = time.perf_counter()
    corpus = Corpus.objects.create(name=f"{name} {size} {time.time()}")
    base = build_base(corpus)
    big = insert_document(corpus, base, "big", size, seed=size, bilingual=bilingual)
    documents = [big] + [
        insert_document(corpus, base, f"system-{n:02d}", OTHER_SIZE, seed=size + n + 1)
        for n in range(OTHER_DOCUMENTS)
    ]
    # The rows went in by executemany, past the services that keep the per-document counters, so
    # the pages would show zeros: count them as `manage.py recount` does. A tree from before the
    # counters (the before half of a before/after run) has no recount and needs none.
    # Likewise the planner's statistics: an import refreshes them once its rows are in.
    try:
        from annotate.services.counters import recount
        from corpus.db import refresh_statistics
    except ImportError:
        recount = refresh_statistics = None
    if recount is not None:
        from annotate.models import Finding, Span
        from corpus.models import Document, Segment

        recount(d.pk for d in documents)
        refresh_statistics(Document, Segment, Span, Finding)
    return Built(corpus, big, documents, time.perf_counter() - start)


def document_texts(base: Base, total: int, per_document: int = 2000) -> list[str]:
    """raw_texts of generated documents adding up to `total` segments (for the import benchmark)."""
    return [
        "".join(
            _rotate(s.text, r) + t
            for _, r, s, t in generate(base, min(per_document, total - at), seed=at)
        )
        for at in range(0, total, per_document)
    ]


def describe(built: Built) -> str:
    from annotate.models import Finding, Span
    from corpus.models import Segment

    segments = Segment.objects.filter(document__corpus=built.corpus).count()
    spans = Span.objects.filter(segment__document__corpus=built.corpus).count()
    findings = Finding.objects.filter(corpus=built.corpus).count()
    raw = len(built.big.raw_text.encode()) / 1024 / 1024
    return (
        f"{len(built.documents)} documents, {segments:,} segments (big one {raw:.1f} MB raw_text), "
        f"{spans:,} spans, {findings:,} findings, built in {built.seconds:.1f} s"
    )
