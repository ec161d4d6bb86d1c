"""The corpus dashboard on a realistic corpus: the service's aggregate queries and the whole page.

Per size (segments in the corpus, 100,000 by default): bench/realistic.py builds the corpus (one
big document and 12 of 500, spans and findings), then reviewer work is laid over its reviewed
quarter in bulk: an edit revision per segment past MT (most with an active time, some fixes and
glossary replace-alls), an approval revision per approved segment, spread over 30 days and six
people; HTER and the text's author on those segments; a dismissal per dismissed finding.
Printed: the service (median of REPEAT), the page through the Django test client, its query
count, and the raw baseline measured in the same run (a bare COUNT(*) GROUP BY over the
revision table and one over the corpus's segments by status). Target: the page under 1 s.
Run: .venv/bin/python bench/bench_dashboard.py [--sizes 10000,100000]
"""

import random
import statistics
import time

import realistic
from django_env import setup, sizes_argument

TARGET_S = 1.0
REPEAT = 7
PEOPLE = 6
DAYS = 30


def median_time(work) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def lay_work(corpus) -> int:
    """Revisions, HTER and dismissals over the reviewed segments, in bulk; returns revisions."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from annotate.models import Dismissal, Finding
    from corpus.models import Revision, Segment

    rng = random.Random(7)
    stamp = time.time()
    people = [
        get_user_model().objects.create_user(f"p{n}-{stamp}", password="x").pk
        for n in range(PEOPLE)
    ]
    field = Revision._meta.get_field("created_at")
    start = timezone.now() - dt.timedelta(days=DAYS)
    reviewed = list(
        Segment.objects.filter(document__corpus=corpus)
        .exclude(status=Segment.Status.MT)
        .values_list("pk", "status", "text")
    )
    revisions, segments = [], []
    for pk, status, text in reviewed:
        author = rng.choice(people)
        when = start + dt.timedelta(seconds=rng.randrange(DAYS * 86400))
        roll = rng.random()
        action, note = "edit", ""
        if roll < 0.05:
            action, note = "fix-applied", "fix for missing-space: “ ” → “”"
        elif roll < 0.08:
            action, note = "replace-all", "glossary: “special” → “distinctive”"
        ms = rng.randrange(5_000, 120_000) if rng.random() < 0.7 else None
        revisions.append((pk, action, text, text, "edited", 2, author, note, when, ms))
        if status == Segment.Status.APPROVED:
            later = when + dt.timedelta(hours=rng.randrange(48))
            revisions.append(
                (pk, "status", text, text, "approved", 3, rng.choice(people), "", later, None)
            )
        segments.append((rng.random() * 1.3, author, pk))
    revisions = [(*r[:8], field.get_db_prep_save(r[8], connection), r[9]) for r in revisions]
    names = ["segment", "action", "before", "after", "status", "version", "author", "note"]
    realistic._insert(Revision, [*names, "created_at", "edit_time_ms"], revisions)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Segment._meta.db_table)
        cursor.executemany(
            f"UPDATE {table} SET hter = %s, text_author_id = %s WHERE id = %s", segments
        )
    dismissed = Finding.objects.filter(corpus=corpus, dismissed=True).values_list(
        "segment_id", "check_id"
    )
    now = field.get_db_prep_save(timezone.now(), connection)
    realistic._insert(
        Dismissal,
        ["segment", "check_id", "surface", "reason", "user", "created_at"],
        ((s, c, "x", "false alarm", rng.choice(people), now) for s, c in dismissed),
    )
    return len(revisions)


def run(size: int) -> bool:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client

    from annotate.services.dashboard import corpus_dashboard
    from corpus import roles
    from corpus.db import refresh_statistics
    from corpus.models import Document, Revision, Segment

    # The corpus holds `size` segments: the big document and the 12 ordinary ones.
    built = realistic.build(size - realistic.OTHER_DOCUMENTS * realistic.OTHER_SIZE)
    revisions = lay_work(built.corpus)
    refresh_statistics(Revision, Segment)
    print(f"\n  size {size:,}: {realistic.describe(built)}, {revisions:,} revisions")
    user = get_user_model().objects.create_user(f"bench{time.time()}", password="x")
    user.groups.add(Group.objects.get(name=roles.TRANSLATOR))
    built.corpus.members.add(user)
    client = Client()
    client.force_login(user)
    url = f"/corpora/{built.corpus.pk}/dashboard/"

    def page():
        assert client.get(url).status_code == 200

    page()  # warm: templates, the user's roles
    queries = []
    with connection.execute_wrapper(lambda ex, sql, *a: queries.append(sql) or ex(sql, *a)):
        page()
    table = connection.ops.quote_name(Revision._meta.db_table)
    segments = connection.ops.quote_name(Segment._meta.db_table)
    documents = connection.ops.quote_name(Document._meta.db_table)

    def raw(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    bare_revisions = median_time(
        lambda: raw(f"SELECT author_id, COUNT(*) FROM {table} GROUP BY author_id")
    )
    bare_segments = median_time(
        lambda: raw(
            f"SELECT status, COUNT(*) FROM {segments} WHERE document_id IN "
            f"(SELECT id FROM {documents} WHERE corpus_id = %s) GROUP BY status",
            [built.corpus.pk],
        )
    )
    service_queries = []
    with connection.execute_wrapper(lambda ex, sql, *a: service_queries.append(sql) or ex(sql, *a)):
        corpus_dashboard(built.corpus)
    service = median_time(lambda: corpus_dashboard(built.corpus))
    whole = median_time(page)
    passed = whole < TARGET_S
    print(
        f"    bare COUNT(*) GROUP BY author over revisions : {bare_revisions * 1000:7.1f} ms\n"
        f"    bare COUNT(*) GROUP BY status over segments  : {bare_segments * 1000:7.1f} ms\n"
        f"    dashboard service ({len(service_queries)} aggregate queries)      : {service * 1000:7.1f} ms "
        f"({service / bare_revisions:.1f}x the revision baseline)\n"
        f"    dashboard page (whole render, {len(queries)} queries)   : {whole * 1000:7.1f} ms "
        f"| target < {TARGET_S * 1000:.0f} ms {'PASS' if passed else 'FAIL'}"
    )
    return passed


def main() -> None:
    setup()
    from django.db import connection

    sizes = sizes_argument("100000")
    print(f"dashboard: corpus dashboard on {connection.vendor}, corpus sizes {sizes}")
    results = [run(size) for size in sizes]
    print(f"  dashboard: {'PASS' if all(results) else 'FAIL'}")


if __name__ == "__main__":
    main()
