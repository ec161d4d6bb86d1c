"""Load check: N simulated reviewers against a running server for a bounded time.

Each reviewer logs in, then loops: opens a review page, opens a segment's editor, saves it with
the version it read (409 when someone saved first), approves segments, reads histories. A few
segments are shared by everybody so saves really collide. At the end it prints p50/p95/p99 per
request type and the errors, then checks the database: every accepted save is there as a
revision with its text and version, and every segment's text is its last accepted save.

    python bench/load.py                      # starts gunicorn (4 workers) on a fresh SQLite file
    DATABASE_URL=postgres://…/db python bench/load.py          # the same on PostgreSQL
    python bench/load.py --url http://127.0.0.1:8000 --corpus Seeds   # a server already running
                                              # (DATABASE_URL must name that server's database)

Only loopback addresses are accepted as --url. Requests are bounded by --seconds.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import httpx

# Django's logging config sets INFO on the root logger; httpx would log every request of the run.
logging.getLogger("httpx").setLevel(logging.WARNING)

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-1"
VERSION = re.compile(r'data-version="(\d+)"')
TEXTAREA = re.compile(r"<textarea[^>]*name=\"text\"[^>]*>(.*?)</textarea>", re.S)
RUN = os.urandom(3).hex()
SUFFIX = re.compile(r" \[load [a-z0-9-]+\]$")

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--url", help="a running server (loopback only); default: start gunicorn")
parser.add_argument("--reviewers", type=int, default=16)
parser.add_argument("--seconds", type=float, default=15.0, help="how long the load runs")
parser.add_argument("--workers", type=int, default=4, help="gunicorn workers when started here")
parser.add_argument("--corpus", default="Seeds", help="corpus to work in (load_seeds makes it)")
parser.add_argument("--hot", type=int, default=4, help="segments everybody edits (collisions)")
parser.add_argument("--seed", type=int, default=13)


def django_setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(corpus_name: str, reviewers: int, ours: bool) -> tuple[list[str], list]:
    """For a server started here: migrate, and seed when the corpus is missing. Create the
    reviewers; return their names and the corpus's (segment, document, position) rows."""
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from corpus.models import Corpus, Segment

    if ours:
        call_command("migrate", verbosity=0)
        if not Corpus.objects.filter(name=corpus_name).exists():
            call_command("load_seeds", verbosity=0)
    corpus = Corpus.objects.get(name=corpus_name)
    group = Group.objects.get(name="reviewer")
    names = []
    for i in range(reviewers):
        name = f"load-reviewer-{i}"
        user, _ = User.objects.get_or_create(username=name)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(group)
        corpus.members.add(user)
        names.append(name)
    segments = list(
        Segment.objects.filter(document__corpus=corpus).values_list("pk", "document_id", "position")
    )
    return names, segments


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(database_url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "load-check-" + os.urandom(16).hex(),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    # DEBUG=0 serves static files from the manifest collectstatic writes.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    log = open(Path(tempfile.gettempdir()) / f"redline-load-{port}.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            # Django and spaCy load once, before the fork; the first requests find them ready.
            "--preload",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/accounts/login/", timeout=30)
            return process, url
        except httpx.TransportError:
            time.sleep(0.3)
    process.kill()
    sys.exit(f"gunicorn did not answer on {url} (log: {log.name})")


class Reviewer(threading.Thread):
    """One person: a session (cookies kept by hand, since production cookies are Secure and
    this runs over plain HTTP on the loopback), timings per request type, accepted saves."""

    def __init__(self, name, base, ready, plan, stats, rng):
        super().__init__(daemon=True)
        self.ready = ready
        self.name_, self.base, self.until, self.plan, self.stats, self.rng = (
            name,
            base,
            float("inf"),
            plan,
            stats,
            rng,
        )
        self.client = httpx.Client(base_url=base, timeout=120, follow_redirects=False)
        self.cookies: dict[str, str] = {}
        self.saves: list[tuple[int, int, str]] = []  # (segment, version, text) accepted
        self.count = 0

    def request(self, kind: str, method: str, path: str, data=None, htmx=True) -> httpx.Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if htmx:
            headers["HX-Request"] = "true"
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Referer"] = self.base + path
        started = time.perf_counter()
        try:
            response = self.client.request(method, path, data=data, headers=headers)
        except httpx.HTTPError as error:
            self.stats.record(kind, time.perf_counter() - started, f"transport: {error!r}")
            raise
        self.stats.record(kind, time.perf_counter() - started, response.status_code)
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def login(self) -> None:
        self.request("login page", "GET", "/accounts/login/", htmx=False)
        response = self.request(
            "login",
            "POST",
            "/accounts/login/",
            {
                "username": self.name_,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies.get("csrftoken", ""),
            },
            htmx=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.name_} could not log in ({response.status_code})")

    def run(self) -> None:
        try:
            self.login()
        except (httpx.HTTPError, RuntimeError) as error:
            print(f"{self.name_}: {error}", file=sys.stderr)
            self.until = 0
        self.ready.wait()  # the clock starts when everybody is in: logins hash passwords slowly
        try:
            while time.monotonic() < self.until:
                self.step()
        except httpx.HTTPError:
            pass  # recorded; this reviewer stops

    def step(self) -> None:
        rng, plan = self.rng, self.plan
        segment, document, position = rng.choice(plan["hot"] if rng.random() < 0.3 else plan["all"])
        roll = rng.random()
        if roll < 0.2:
            self.request("review page", "GET", f"/documents/{document}/?after={position - 1}")
        elif roll < 0.75:
            self.save(segment)
        elif roll < 0.9:
            self.approve(segment)
        else:
            self.request("history", "GET", f"/segments/{segment}/history/", htmx=False)

    def save(self, segment: int) -> None:
        form = self.request("edit form", "GET", f"/segments/{segment}/edit/")
        found, text = VERSION.search(form.text), TEXTAREA.search(form.text)
        if form.status_code != 200 or not found or not text:
            return
        self.count += 1
        base = SUFFIX.sub("", html.unescape(text.group(1)).lstrip("\n"))
        # Unique per run too: a database reused from an earlier run holds earlier suffixes.
        new_text = f"{base} [load {RUN}-{self.name_.rsplit('-', 1)[1]}-{self.count}]"
        response = self.request(
            "save",
            "POST",
            f"/segments/{segment}/edit/",
            {"text": new_text, "version": found.group(1), "confirm": "1"},
        )
        if response.status_code == 200:
            after = VERSION.search(response.text)
            self.saves.append((segment, int(after.group(1)) if after else -1, new_text))

    def approve(self, segment: int) -> None:
        current = self.request("segment", "GET", f"/segments/{segment}/")
        found = VERSION.search(current.text)
        if current.status_code == 200 and found:
            self.request(
                "approve", "POST", f"/segments/{segment}/approve/", {"version": found.group(1)}
            )


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.codes: dict[str, dict] = defaultdict(lambda: defaultdict(int))

    def record(self, kind: str, seconds: float, code) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.codes[kind][code] += 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def report(stats: Stats, seconds: float) -> int:
    print(f"{'request':<12} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  status codes")
    server_errors = 0
    total = 0
    for kind in sorted(stats.times):
        times = stats.times[kind]
        total += len(times)
        codes = stats.codes[kind]
        server_errors += sum(
            n for code, n in codes.items() if not isinstance(code, int) or code >= 500
        )
        shown = ", ".join(f"{code}: {n}" for code, n in sorted(codes.items(), key=str))
        print(
            f"{kind:<12} {len(times):>6} {percentile(times, 0.5) * 1000:>8.1f} "
            f"{percentile(times, 0.95) * 1000:>8.1f} {percentile(times, 0.99) * 1000:>8.1f}  {shown}"
        )
    print(
        f"{total} requests in {seconds:.1f} s ({total / seconds:.0f}/s); 5xx or transport errors: {server_errors}"
    )
    return server_errors


def verify(saves: list[tuple[int, int, str]]) -> int:
    """Lost updates: accepted saves with no revision of that version and text, and segments whose
    text is not their last accepted save."""
    from corpus.models import Revision, Segment

    lost = 0
    ids = {segment for segment, _, _ in saves}
    revisions = set(
        Revision.objects.filter(segment_id__in=ids, action=Revision.Action.EDIT).values_list(
            "segment_id", "version", "after"
        )
    )
    last: dict[int, tuple[int, str]] = {}
    for segment, version, text in saves:
        if (segment, version, text) not in revisions:
            lost += 1
            print(f"  lost: segment {segment} v{version} has no revision with the saved text")
        if version > last.get(segment, (-1, ""))[0]:
            last[segment] = (version, text)
    texts = dict(Segment.objects.filter(pk__in=ids).values_list("pk", "text"))
    for segment, (_, text) in last.items():
        if texts.get(segment) != text:
            lost += 1
            print(f"  lost: segment {segment} holds {texts.get(segment)!r}, not {text!r}")
    print(f"{len(saves)} accepted saves on {len(ids)} segments; lost updates: {lost}")
    return lost


def main() -> int:
    options = parser.parse_args()
    if options.url and urlsplit(options.url).hostname not in ("localhost", "127.0.0.1", "::1"):
        sys.exit("--url must be a loopback address (this is a load test).")
    if options.url and not os.environ.get("DATABASE_URL"):
        sys.exit("--url needs DATABASE_URL set to that server's database (to verify the saves).")
    database_url = os.environ.get("DATABASE_URL") or (
        f"sqlite:///{tempfile.mkdtemp(prefix='redline-load-')}/load.sqlite3"
    )
    django_setup(database_url)
    names, segments = prepare(options.corpus, options.reviewers, ours=not options.url)
    server = None
    if options.url:
        base = options.url.rstrip("/")
    else:
        from django.db import connections

        connections.close_all()
        server, base = start_gunicorn(database_url, options.workers)
        print(f"gunicorn --workers {options.workers} at {base} on {database_url.split('@')[-1]}")
    rng = random.Random(options.seed)
    plan = {"all": segments, "hot": rng.sample(segments, min(options.hot, len(segments)))}
    stats = Stats()
    ready = threading.Event()
    try:
        reviewers = [
            Reviewer(name, base, ready, plan, stats, random.Random(options.seed + i))
            for i, name in enumerate(names)
        ]
        for reviewer in reviewers:
            reviewer.start()
        while any(r.is_alive() and not r.cookies.get("sessionid") and r.until for r in reviewers):
            time.sleep(0.1)
        started = time.monotonic()
        for reviewer in reviewers:
            if reviewer.until:
                reviewer.until = started + options.seconds
        ready.set()
        for reviewer in reviewers:
            reviewer.join(timeout=options.seconds + 180)
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    print(f"{len(names)} reviewers for {options.seconds:.0f} s")
    errors = report(stats, elapsed)
    lost = verify([save for reviewer in reviewers for save in reviewer.saves])
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
