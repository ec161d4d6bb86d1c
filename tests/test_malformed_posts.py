"""Every POST endpoint answers malformed input with a 4xx or a page, never a 5xx (issue 13,
failure 7: `label_id=abc` was a 500).

The endpoints come from the URL resolver, so a new view is covered as soon as it is routed; a
route whose ids this test cannot fill fails it, rather than being skipped.
"""

import inspect
import re
from urllib.parse import urlencode

import pytest
from django import forms
from django.urls import URLPattern, get_resolver

import annotate.forms
import api.forms
import corpus.forms
import corpus.team_forms
import export.forms
import glossary.forms
from annotate.models import Comment, Finding, Label, Span
from annotate.services.edits import edit_segment
from api.models import WebhookDelivery, WebhookEndpoint
from api.services.tokens import create_token
from corpus.assignments import Assignment
from corpus.models import ImportBatch, Job
from glossary.models import TermVariant
from glossary.services.concepts import create_term

pytestmark = pytest.mark.django_db

APPS = ("corpus", "glossary", "annotate", "export", "api")
# The API's endpoints answer malformed bodies through DRF's serializers, checked by the
# permission matrix and the schema test; here only the API app's screens (tokens, webhooks).
API_ENDPOINTS = ("v1/", "schema/", "docs/")
# Fields no form declares, read by views (or by forms from raw data).
RAW_FIELDS = ("label_id", "confirm", "seen", "occurrence", "replace", "q", "page", "checking")
# Longer than any form field allows (the longest, a proposal note, is 2,000).
HUGE = "x" * 5_000

BAD_VALUES = {
    "missing": None,
    "non-numeric": "abc",
    "huge string": HUGE,
    "huge number": "9" * 40,
    "negative": "-1",
    "fraction": "1.5",
    "nul": "a\x00b",
    "several values": ["1", "abc", HUGE[:1000]],
    "odd pairs": "1:2:3",
}


def field_names() -> list[str]:
    names = set(RAW_FIELDS)
    modules = (corpus.forms, corpus.team_forms, glossary.forms, annotate.forms, export.forms)
    for module in (*modules, api.forms):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                names.update(cls.base_fields)
    return sorted(names)


def routes() -> list[tuple[str, str, dict]]:
    """(name, route, default kwargs) of every pattern of our apps."""
    found = []
    resolver = get_resolver()
    for app in APPS:
        namespace = resolver.namespace_dict[app][1]
        prefix = str(resolver.namespace_dict[app][0]).lstrip("^")
        for pattern in namespace.url_patterns:
            assert isinstance(pattern, URLPattern), pattern
            if str(pattern.pattern).startswith(API_ENDPOINTS):
                continue
            found.append(
                (f"{app}:{pattern.name}", prefix + str(pattern.pattern), pattern.default_args)
            )
    return found


@pytest.fixture
def world(seed_document, corpus, make_user, django_user_model):
    segment = seed_document.segments.order_by("position").first()
    edit_segment(segment, segment.text + " Edited.", segment.version, None)
    label = Label.objects.create(corpus=corpus, key="ORG", name="Organisation", shortcut="1")
    span = Span.objects.create(segment=segment, start=0, end=3, text=segment.text[:3], label=label)
    finding = Finding.objects.create(
        segment=segment,
        document=seed_document,
        corpus=corpus,
        check_id="repeated-word",
        severity="warning",
        start=0,
        end=3,
        message="m",
        fix="x",
    )
    term = create_term(
        None,
        corpus=corpus,
        preferred="development index",
        status="approved",
        forbidden=["developing index"],
    )
    ids = {
        "corpora": corpus.pk,
        "documents": seed_document.pk,
        "segments": segment.pk,
        "spans": span.pk,
        "findings": finding.pk,
        "labels": label.pk,
        "terms": term.pk,
        "variants": TermVariant.objects.get(term=term).pk,
        "restore": segment.revisions.first().pk,
        "imports": ImportBatch.objects.create(corpus=corpus).pk,
        "jobs": Job.objects.create(kind=Job.Kind.PREANNOTATE, corpus=corpus).pk,
        "comments": Comment.objects.create(segment=segment, text="A question.").pk,
    }
    users = {
        role: make_user(role.replace(" ", "_"), role, member_of=corpus)
        for role in ("translator", "reviewer", "glossary admin", "project admin")
    }
    ids["members"] = users["translator"].pk
    ids["assignments"] = Assignment.objects.create(
        document=seed_document, translator=users["translator"]
    ).pk
    webhook = WebhookEndpoint.objects.create(
        corpus=corpus, url="https://93.184.216.34/hook", events=["test"], secret="whsec_x"
    )
    ids["webhooks"] = webhook.pk
    ids["deliveries"] = WebhookDelivery.objects.create(
        endpoint=webhook, event="test", message_id="msg_1", payload={}, state="failed"
    ).pk
    ids["tokens"] = create_token(users["project admin"], "a token", "write")[0].pk
    ids["glossary"] = term.pk  # the API's corpora/<pk>/glossary/<term_pk>/
    users["outsider"] = make_user("outsider", "project admin")
    users["superuser"] = django_user_model.objects.create_superuser("root", password="x" * 20)
    users["anonymous"] = None
    return ids, users


def fill(route: str, ids: dict) -> str:
    """The route with each <int:…> replaced by the id of the noun before it."""

    def replace(match: re.Match) -> str:
        noun = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        assert noun in ids, f"no test object for <{match.group(1)}> after “{noun}/” in {route}"
        return str(ids[noun])

    return "/" + re.sub(r"<int:(\w+)>", replace, route)


def test_malformed_posts_never_answer_5xx(client, world):
    ids, users = world
    names = field_names()
    client.raise_request_exception = False
    failures = []
    for role, user in users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for name, route, _ in routes():
            url = fill(route, ids)
            for number, (kind, value) in enumerate(BAD_VALUES.items()):
                data = {} if value is None else dict.fromkeys(names, value)
                # Views read a few GET parameters on POST too; the huge string stays in the body.
                query = "" if value in (None, HUGE) else "?" + urlencode(data, doseq=True)
                # HTMX and plain posts take different answer paths: alternate between them.
                headers = {"HTTP_HX_REQUEST": "true"} if number % 2 else {}
                response = client.post(url + query, data, **headers)
                if response.status_code >= 500:
                    failures.append(f"{response.status_code} {role} {name} {kind} {headers}")
    assert not failures, "\n".join(failures)
