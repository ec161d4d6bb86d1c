"""A corpus with every kind of object the API addresses, and a foreign corpus with the same, so
each endpoint can be asked about both by every role with read and write tokens."""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from annotate.models import Finding, Label, Span
from api.models import WebhookDelivery, WebhookEndpoint
from api.services.tokens import create_token
from corpus import roles
from corpus.assignments import Assignment
from corpus.models import Corpus, ImportBatch, Job
from glossary.services.concepts import create_term
from tests.conftest import SEED_FILES, import_file

ROLES = {
    "translator": roles.TRANSLATOR,
    "reviewer": roles.REVIEWER,
    "glossary admin": roles.GLOSSARY_ADMIN,
    "project admin": roles.PROJECT_ADMIN,
}


@dataclass
class World:
    """One corpus's objects, by the names the endpoint table uses."""

    corpus: Corpus
    document: object
    segment: object
    span: object
    suggestion: object
    finding: object
    term: object
    job: object
    batch: object
    webhook: object
    delivery: object
    member: object  # a translator of this corpus only, whose membership and roles can change
    assignment: object  # the document, assigned to that member


def build_world(corpus: Corpus, author) -> World:
    document = import_file(corpus, SEED_FILES[1])
    segment = document.segments.order_by("position").first()
    label = Label.objects.create(corpus=corpus, key="ORG", name="Organisation", shortcut="1")
    Label.objects.create(corpus=corpus, key="GPE", name="Place", shortcut="2")
    span = Span.objects.create(
        segment=segment, start=0, end=3, text=segment.text[:3], label=label, created_by=author
    )
    suggestion = Span.objects.create(
        segment=segment,
        start=4,
        end=8,
        text=segment.text[4:8],
        label=label,
        origin=Span.Origin.MODEL,
        state=Span.State.SUGGESTED,
    )
    finding = Finding.objects.create(
        segment=segment,
        document=document,
        corpus=corpus,
        check_id="double-space",
        severity="warning",
        start=0,
        end=1,
        message="test finding",
        fix="X",
    )
    term = create_term(author, corpus=corpus, preferred=f"term of {corpus.name}")
    job = Job.objects.create(kind=Job.Kind.PREANNOTATE, corpus=corpus)
    batch = ImportBatch.objects.create(corpus=corpus, created_by=author)
    webhook = WebhookEndpoint.objects.create(
        corpus=corpus, url="https://93.184.216.34/hook", events=["test"], secret="whsec_x"
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=webhook, event="test", message_id=f"msg_{corpus.pk}", payload={}, state="failed"
    )
    member = get_user_model().objects.create_user(f"member of {corpus.name}")
    member.groups.add(Group.objects.get_or_create(name=roles.TRANSLATOR)[0])
    corpus.members.add(member)
    assignment = Assignment.objects.create(document=document, translator=member, created_by=author)
    return World(
        corpus,
        document,
        segment,
        span,
        suggestion,
        finding,
        term,
        job,
        batch,
        webhook,
        delivery,
        member,
        assignment,
    )


@pytest.fixture
def worlds(corpus, make_user):
    """(own, foreign): every role is a member of own; the foreign corpus has its own admin."""
    members = {
        name: make_user(name.replace(" ", "_"), role, member_of=corpus)
        for name, role in ROLES.items()
    }
    foreign_corpus = Corpus.objects.create(name="Foreign corpus")
    stranger = make_user("stranger", roles.PROJECT_ADMIN, member_of=foreign_corpus)
    own = build_world(corpus, members["project admin"])
    foreign = build_world(foreign_corpus, stranger)
    # Someone with every role who is a member of no corpus at all.
    members["non-member"] = make_user("nobody", *roles.ALL_ROLES)
    make_user("newcomer")  # whom the member-add operations add
    return own, foreign, members


def token_client(user, scope: str = "write") -> Client:
    _, text = create_token(user, f"{scope} token", scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {text}")
