"""Review-page server time on the first and the last page of a 100,000-segment document.

Targets: the last page within 1.5x of the first; both under 10 queries.
Run: .venv/bin/python bench/bench_review.py [segments]
"""

import statistics
import sys
import time

from django_env import setup


def main(total: int = 100_000) -> None:
    setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from corpus import roles
    from corpus.models import Corpus, Document, Segment

    corpus = Corpus.objects.create(name=f"bench review {time.time()}")
    document = Document.objects.create(
        corpus=corpus,
        title="big",
        original_name="big.txt",
        sha256=f"{time.time():064.0f}"[-64:],
        raw_text="",
        encoding="utf-8",
    )
    sentence = "In the first half of 2023, the operating income was 45.080 billion yuan, up 25.7% year on year."
    Segment.objects.bulk_create(
        (
            Segment(
                document=document,
                position=(i + 1) * Segment.POSITION_STEP,
                paragraph=i // 5,
                mt_text=sentence,
                text=sentence,
                trailing=" ",
            )
            for i in range(total)
        ),
        batch_size=5000,
    )
    # A plain member with the reviewer role, not a superuser: roles cost a query like in real use.
    user = get_user_model().objects.create_user(f"bench{time.time()}", password="x")
    user.groups.add(Group.objects.get(name=roles.REVIEWER))
    corpus.members.add(user)
    client = Client()
    client.force_login(user)
    url = f"/documents/{document.pk}/"

    def measure(params: dict) -> tuple[float, int]:
        client.get(url, params)  # warm
        times = []
        for _ in range(15):
            start = time.perf_counter()
            response = client.get(url, params)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        return statistics.median(times), len(queries)

    first, first_q = measure({})
    last, last_q = measure({"page": "last"})
    ratio = last / first
    print(f"review page, one document of {total:,} segments ({connection.vendor})")
    print(f"  first page : {first * 1000:7.1f} ms, {first_q} queries")
    print(f"  last page  : {last * 1000:7.1f} ms, {last_q} queries")
    ok = ratio <= 1.5 and first_q < 10 and last_q < 10
    print(f"  last/first : {ratio:.2f}x (target <= 1.5x, < 10 queries) {'PASS' if ok else 'FAIL'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
