"""API segment listing on page 1 and page 2,000 of a 100,000-segment document (50 per page).

Targets: page 2,000 within 1.5x of page 1, the same number of queries. The raw line is the bare
keyset query plus orjson on the same rows, measured in the same run.
Run: .venv/bin/python bench/bench_api_paging.py [segments]
"""

import statistics
import sys
import time

from django_env import setup


def main(total: int = 100_000, size: int = 50) -> None:
    setup()
    import orjson
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client

    from annotate.services.findings import QA_VERSION
    from api.pagination import encode_cursor
    from api.services.tokens import create_token
    from corpus import roles
    from corpus.models import Corpus, Document, Segment

    settings.REDLINE_API_PAGE_SIZE = size
    corpus = Corpus.objects.create(name=f"bench api {time.time()}")
    document = Document.objects.create(
        corpus=corpus,
        title="big",
        original_name="big.txt",
        sha256=f"{time.time():064.0f}"[-64:],
        encoding="utf-8",
        metadata={"qa_version": QA_VERSION},
    )
    sentence = "In the first half of 2023, the operating income was 45.080 billion yuan, up 25.7%."
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
    user = get_user_model().objects.create_user(f"bench{time.time()}", password="x")
    user.groups.add(Group.objects.get(name=roles.REVIEWER))
    corpus.members.add(user)
    _, token = create_token(user, "bench", "read")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    url = f"/api/v1/documents/{document.pk}/segments/"
    deep = (2000 - 1) * size * Segment.POSITION_STEP  # the last position of page 1,999

    def timed(call) -> float:
        call()  # warm
        times = []
        for _ in range(15):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    def api(params: dict) -> tuple[float, int]:
        def call():
            response = client.get(url, params)
            assert response.status_code == 200, response.content
            assert len(response.json()["results"]) == size

        call()  # the token's last-use stamp is written at most once a minute: not per page
        queries = []
        with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
            call()
        return timed(call), len(queries)

    def raw(after: int) -> float:
        def call():
            rows = Segment.objects.filter(document=document, position__gt=after)
            orjson.dumps(list(rows.order_by("position").values()[:size]), default=str)

        return timed(call)

    if "--profile" in sys.argv:
        import cProfile

        api({})
        cProfile.runctx("api({})", globals(), locals(), sort="tottime")
    first, first_q = api({})
    last, last_q = api({"cursor": encode_cursor([deep])})
    raw_first, raw_last = raw(0), raw(deep)
    print(f"API segment listing, one document of {total:,} segments ({connection.vendor})")
    print(
        f"  page 1     : {first * 1000:7.2f} ms, {first_q} queries (raw {raw_first * 1000:.2f} ms)"
    )
    print(f"  page 2,000 : {last * 1000:7.2f} ms, {last_q} queries (raw {raw_last * 1000:.2f} ms)")
    ratio = last / first
    ok = ratio <= 1.5 and first_q == last_q
    print(f"  2000/1     : {ratio:.2f}x (target <= 1.5x, same queries) {'PASS' if ok else 'FAIL'}")
    print(f"  vs raw     : page 1 {first / raw_first:.1f}x, page 2,000 {last / raw_last:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if sys.argv[1:2] and sys.argv[1].isdigit() else 100_000)
