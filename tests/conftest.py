"""Shared fixtures: a corpus with one member per role, and seeded documents.

Tests segment with spaCy's blank English pipeline plus the rule sentencizer (no model weights),
and run background tasks immediately.
"""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

# Django-dependent imports stay inside the fixtures: the pure-package tests (corpus/text,
# importers, qa) also run without Django (`-p no:django`) and load this file too.

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fast_pipeline_and_immediate_tasks(request):
    if not request.config.pluginmanager.hasplugin("django"):
        return  # pure-package tests run with `-p no:django`
    settings = request.getfixturevalue("settings")
    settings.REDLINE_SPACY_MODEL = "blank:en"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Django's client.login() authenticates without a request, which django-axes refuses; the
    # login-throttling tests (tests/corpus/test_login_throttling.py) switch it back on.
    settings.AXES_ENABLED = False


@pytest.fixture
def corpus(db):
    from corpus.models import Corpus

    return Corpus.objects.create(name="Test corpus")


@pytest.fixture
def make_user(db, django_user_model):
    from django.contrib.auth.models import Group

    def make(username: str, *role_names: str, member_of=None):
        user = django_user_model.objects.create_user(username=username, password=PASSWORD)
        # get_or_create: transactional tests flush the groups the roles migration made.
        user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in role_names))
        if member_of is not None:
            member_of.members.add(user)
        return user

    return make


@pytest.fixture
def translator(make_user, corpus):
    return make_user("tina", "translator", member_of=corpus)


@pytest.fixture
def reviewer(make_user, corpus):
    return make_user("rui", "reviewer", member_of=corpus)


@pytest.fixture
def project_admin(make_user, corpus):
    return make_user("pat", "project admin", member_of=corpus)


def import_file(corpus, path: Path):
    from corpus.importers import parse_upload
    from corpus.services.imports import import_limits, import_text

    [imported] = parse_upload(path.name, path.read_bytes(), import_limits())
    return import_text(corpus, imported.name, imported.text, imported.encoding, imported.sha256)


@pytest.fixture
def seed_document(corpus):
    """The Jining press conference (004_…), which has "integrate the twoThe development index"."""
    return import_file(corpus, SEED_FILES[1])


@pytest.fixture
def text_document(corpus):
    import hashlib

    from corpus.services.imports import import_text

    def make(text: str, name: str = "doc.txt"):
        return import_text(corpus, name, text, "utf-8", hashlib.sha256(text.encode()).hexdigest())

    return make


@pytest.fixture
def receiver():
    """A local HTTP server that records what it receives and answers with `status`."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        status = 204

        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", received, Handler
    server.shutdown()
