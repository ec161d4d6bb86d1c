"""Find over a realistic corpus: the first page of hits, beside a bare SQL LIKE scan.

Per size (default 100,000 segments in the big document, plus 12 ordinary documents of 500,
built by bench/realistic.py): for plain, whole-word and regular-expression queries, common and
rare, the time of the search page's first page through the real view (Django test Client, HTMX
partial), the service alone, and the whole-corpus counts (loaded after the page), each beside
the raw baselines measured in the same run: a bare `LIKE '%literal%'` over every segment of the
corpus (what a search without early stopping would at least cost) and the bare LIMIT 50 LIKE
query (the least any first page can cost). Target: first page < 1 s on SQLite.
Run: .venv/bin/python bench/bench_search.py [--sizes 100000]
"""

import statistics
import time

import realistic
from django_env import setup, sizes_argument

TARGET_S = 1.0
REPEAT = 5
QUERIES = [
    ("plain, common", {"q": "development"}),
    ("plain, rare", {"q": "Jining"}),
    ("whole word", {"q": "mu", "word": "on"}),
    ("whole word, case", {"q": "GDP", "word": "on", "case": "on"}),
    ("regex, literal", {"q": r"\d+(?:\.\d+)? per ?cent", "regex": "on"}),
    ("regex, rare", {"q": r"Jining \w+", "regex": "on"}),
    ("regex, no literal", {"q": r"\b[A-Z]{5,}\b", "regex": "on", "case": "on"}),
]


def median_time(work, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(size: int) -> bool:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client

    from annotate.forms import SearchForm
    from corpus import roles
    from corpus.services.search import count, search_page

    built = realistic.build(size)
    print(f"\n  size {size:,}: {realistic.describe(built)} ({connection.vendor})")
    user = get_user_model().objects.create_user(f"bench{time.time()}", password="x")
    user.groups.add(Group.objects.get(name=roles.TRANSLATOR))
    built.corpus.members.add(user)
    client = Client()
    client.force_login(user)
    url = f"/corpora/{built.corpus.pk}/search/"
    ok = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM corpus_segment")
        print(f"    segments in the table: {cursor.fetchone()[0]:,}")
    for name, params in QUERIES:
        form = SearchForm(params)
        assert form.is_valid(), form.errors
        query = form.cleaned_data["query"]
        like = f"%{query.literal or query.text}%"

        def bare_scan(like=like):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM corpus_segment s JOIN corpus_document d "
                    "ON s.document_id = d.id WHERE d.corpus_id = %s AND s.text LIKE %s",
                    [built.corpus.pk, like],
                )
                return cursor.fetchone()[0]

        def bare_page(like=like):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT s.id, s.text FROM corpus_segment s JOIN corpus_document d "
                    "ON s.document_id = d.id WHERE d.corpus_id = %s AND s.text LIKE %s "
                    "ORDER BY s.document_id, s.position LIMIT 50",
                    [built.corpus.pk, like],
                )
                return cursor.fetchall()

        client.get(url, params, HTTP_HX_REQUEST="true")  # warm
        view = median_time(lambda p=params: client.get(url, p, HTTP_HX_REQUEST="true"))
        service = median_time(lambda q=query: search_page(built.corpus.pk, q))
        page = search_page(built.corpus.pk, query)
        counted = count(built.corpus.pk, query)
        counting = median_time(lambda q=query: count(built.corpus.pk, q), repeat=1)
        scan, first = median_time(bare_scan), median_time(bare_page)
        passed = view < TARGET_S
        ok &= passed
        print(
            f"    {name:18} {params['q']!r:28} first page {view * 1000:7.1f} ms "
            f"(service {service * 1000:6.1f} ms, {page.hit_count} hits) | "
            f"bare LIKE scan {scan * 1000:7.1f} ms ({bare_scan()} rows), "
            f"bare LIKE LIMIT 50 {first * 1000:6.1f} ms | ratio page/scan {view / scan:5.2f} | "
            f"counts {counted.occurrences:,} in {counted.segments:,} segments "
            f"{counting * 1000:7.1f} ms{' (stopped)' if counted.stopped else ''} | "
            f"literal {query.literal!r} | {'PASS' if passed else 'FAIL'} < {TARGET_S:g} s"
        )
    return ok


if __name__ == "__main__":
    setup()
    results = [run(size) for size in sizes_argument("100000")]
    print("\n  search first page:", "PASS" if all(results) else "FAIL")
