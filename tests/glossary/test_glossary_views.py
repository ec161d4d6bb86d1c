"""Glossary pages and endpoints over HTTP: who may change what, the link box search, escaping."""

import pytest
from django.test.html import parse_html
from django.urls import reverse

from annotate.models import Label, Span
from corpus import roles
from corpus.models import Corpus, Job
from glossary.models import GlossaryTerm, TermChange
from glossary.services.concepts import create_term, update_term
from tests.helpers import HX, login

pytestmark = pytest.mark.django_db
ROLES = {
    "translator": (roles.TRANSLATOR,),
    "reviewer": (roles.REVIEWER,),
    "glossary admin": (roles.GLOSSARY_ADMIN,),
    "project admin": (roles.PROJECT_ADMIN,),
    "non-member": tuple(roles.ALL_ROLES),  # every role, but in another corpus
}


@pytest.fixture
def world(corpus, make_user, text_document):
    """A segment with a marked span, an approved concept with a forbidden variant, a draft."""
    gale = make_user("gale", roles.GLOSSARY_ADMIN, member_of=corpus)
    label = Label.objects.create(corpus=corpus, key="TERM", name="Term")
    segment = text_document("Gazelle enterprises grew on 20 acres.").segments.get()
    span = Span.objects.create(
        segment=segment, start=0, end=19, text="Gazelle enterprises", label=label
    )
    mu = create_term(gale, corpus=corpus, preferred="mu", status="approved", forbidden=["acres"])
    draft = create_term(gale, corpus=corpus, preferred="little giant")
    return {
        "corpus": corpus,
        "segment": segment,
        "span": span,
        "mu": mu,
        "acres": mu.variants.get(),
        "draft": draft,
    }


def user_with(make_user, corpus, role):
    member_of = Corpus.objects.create(name="Elsewhere") if role == "non-member" else corpus
    return make_user(role.replace(" ", "-"), *ROLES[role], member_of=member_of)


def csv_upload(text="preferred,forbidden\nlittle dragon,small dragon\n", name="g.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def write_request(name, w):
    """(url, POST data) for each endpoint that changes the glossary or a span's link."""
    c, mu, segment = w["corpus"].pk, w["mu"].pk, w["segment"]
    where = f"{segment.pk}:{segment.text.index('acres')}"
    return {
        "new": (
            reverse("glossary:new", args=[c]),
            {"preferred": "new concept", "status": "approved", "scope": "corpus"},
        ),
        "edit": (
            reverse("glossary:edit", args=[c, mu]),
            {
                "preferred": "mu",
                "status": "approved",
                "definition": "1/15 ha",
                "forbidden": "acres",
            },
        ),
        "approve": (reverse("glossary:approve", args=[c, w["draft"].pk]), {}),
        "deprecate": (reverse("glossary:deprecate", args=[c, mu]), {}),
        "import": (reverse("glossary:import", args=[c]), {"file": csv_upload(), "scope": "corpus"}),
        "replace": (
            reverse("annotate:replace_variant", args=[c, mu, w["acres"].pk]),
            {"seen": f"{segment.pk}:{segment.version}", "occurrence": where, "replace": where},
        ),
        "propose": (reverse("annotate:term_propose"), {"span": w["span"].pk}),
        "link": (reverse("annotate:term_link"), {"span": w["span"].pk, "term": mu}),
    }[name]


ADMIN_ONLY = {
    "glossary admin": "ok",
    "translator": 403,
    "reviewer": 403,
    "project admin": 403,
    "non-member": 404,
}
MATRIX = {
    **dict.fromkeys(("new", "edit", "approve", "deprecate", "import", "replace"), ADMIN_ONLY),
    "propose": {
        "glossary admin": "ok",
        "translator": "ok",
        "reviewer": 403,
        "project admin": 403,
        "non-member": 404,
    },
    "link": {
        "glossary admin": 403,
        "translator": "ok",
        "reviewer": "ok",
        "project admin": "ok",
        "non-member": 404,
    },
}


def state():
    return (
        TermChange.objects.count(),
        Job.objects.count(),
        Span.objects.filter(term__isnull=False).count(),
    )


@pytest.mark.parametrize("role", list(ROLES))
@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_permission_matrix(
    client, make_user, world, endpoint, role, django_capture_on_commit_callbacks
):
    login(client, user_with(make_user, world["corpus"], role))
    url, data = write_request(endpoint, world)
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    expected = MATRIX[endpoint][role]
    if expected == "ok":
        assert response.status_code in (200, 201, 302), response.content[:300]
        assert state() != before
    else:
        assert response.status_code == expected
        assert state() == before


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_in_the_corpus_reads_and_nobody_else(client, make_user, world, role):
    login(client, user_with(make_user, world["corpus"], role))
    c, mu = world["corpus"].pk, world["mu"].pk
    urls = [
        reverse("glossary:list", args=[c]),
        reverse("glossary:term", args=[c, mu]),
        reverse("glossary:concordance", args=[c, mu]),
        reverse("glossary:export_csv", args=[c]),
        reverse("glossary:export_tbx", args=[c]),
        reverse("annotate:term_search") + f"?corpus={c}&q=mu",
    ]
    expected = 404 if role == "non-member" else 200
    assert [client.get(url).status_code for url in urls] == [expected] * len(urls)
    admin_pages = [
        reverse("glossary:new", args=[c]),
        reverse("glossary:edit", args=[c, mu]),
        reverse("annotate:replace_variant", args=[c, mu, world["acres"].pk]),
    ]
    admin_expected = 404 if role == "non-member" else 200 if role == "glossary admin" else 403
    assert [client.get(url).status_code for url in admin_pages] == [admin_expected] * len(
        admin_pages
    )


def link_options(response) -> list[dict]:
    """The link box's items as the reviewer sees them, in order: what each one says and links."""
    assert response.status_code == 200, response.content[:300]
    listbox = parse_html(
        "<ol>" + response.content.decode() + "</ol>"
    )  # one root, even for one item
    items = [node for node in listbox.children if node.name == "li"]
    found = []
    for item in items:
        attributes = dict(item.attributes)
        parts = {
            child.name + "." + dict(child.attributes).get("class", ""): "".join(
                str(bit) for bit in child.children
            )
            for child in item.children
            if not isinstance(child, str)
        }
        text = "".join(str(bit) for bit in item.children if isinstance(bit, str)).strip()
        found.append({**attributes, **parts, "text": text})
    return found


def test_search_lists_ranked_scoped_options(client, translator, world):
    other = Corpus.objects.create(name="Other")
    create_term(None, corpus=other, preferred="mud", status="approved")
    create_term(None, corpus=None, preferred="multi-purpose", status="approved")
    login(client, translator)
    url = reverse("annotate:term_search")
    options = link_options(client.get(url, {"corpus": world["corpus"].pk, "q": "mu"}, **HX))
    assert [o["strong."] for o in options] == ["mu", "multi-purpose"]
    assert options[0] == {
        "role": "option",
        "data-term": str(world["mu"].pk),
        "aria-selected": "true",  # Enter links the best hit unless the arrows choose another
        "strong.": "mu",
        "span.src": "",
        "text": "",
    }
    assert options[1]["aria-selected"] == "false"
    by_variant = link_options(client.get(url, {"corpus": world["corpus"].pk, "q": "acre"}))
    assert (by_variant[0]["strong."], by_variant[0]["span.via"]) == (
        "mu",
        "matched “acres” (variant)",
    )
    draft = link_options(client.get(url, {"corpus": world["corpus"].pk, "q": "little giant"}))
    assert (draft[0]["data-term"], draft[0]["span.src"]) == (str(world["draft"].pk), "draft")
    none = link_options(client.get(url, {"corpus": world["corpus"].pk, "q": "zzzz"}))
    assert none == [
        {
            "class": "empty",
            "text": "No concept matches “zzzz”. Try other words, or press p on the span to propose it.",
        }
    ]
    assert client.get(url, {"q": "mu"}).status_code == 400
    assert client.get(url, {"corpus": other.pk, "q": "mu"}).status_code == 404


def test_propose_and_link_answer_json_for_the_review_screen(client, translator, world):
    login(client, translator)
    proposed = client.post(
        reverse("annotate:term_propose"), {"span": world["span"].pk, "note": "MIIT"}
    )
    assert proposed.status_code == 201
    body = proposed.json()
    term = GlossaryTerm.objects.get(pk=body["term_id"])
    assert (body["preferred"], body["status"], body["span_id"]) == (
        "Gazelle enterprises",
        "draft",
        world["span"].pk,
    )
    assert body["url"] == reverse("glossary:term", args=[world["corpus"].pk, term.pk])
    again = client.post(reverse("annotate:term_propose"), {"span": world["span"].pk})
    assert again.status_code == 422 and "already in the glossary" in again.json()["error"]
    linked = client.post(
        reverse("annotate:term_link"), {"span": world["span"].pk, "term": world["mu"].pk}
    )
    assert (
        linked.json()["term_id"] == world["mu"].pk and Span.objects.get().term_id == world["mu"].pk
    )
    unlinked = client.post(reverse("annotate:term_link"), {"span": world["span"].pk})
    assert (
        unlinked.json() == {"span_id": world["span"].pk, "term_id": None}
        and Span.objects.get().term is None
    )
    elsewhere = create_term(None, corpus=Corpus.objects.create(name="Other"), preferred="x")
    assert (
        client.post(
            reverse("annotate:term_link"), {"span": world["span"].pk, "term": elsewhere.pk}
        ).status_code
        == 404
    )
    fragment = client.post(reverse("annotate:term_propose"), {"span": world["span"].pk}, **HX)
    assert fragment.status_code == 422  # refusals stay JSON, also for HTMX


HOSTILE = '<script>alert("x")</script>'


def test_hostile_term_text_is_escaped_everywhere(client, make_user, world, text_document):
    gale = make_user("gil", roles.GLOSSARY_ADMIN, member_of=world["corpus"])
    evil = create_term(
        gale,
        corpus=world["corpus"],
        preferred=HOSTILE,
        status="approved",
        definition="<img src=x onerror=alert(1)>",
        forbidden=["<b>bold</b>"],
    )
    text_document(f"Some {HOSTILE} and <b>bold</b> text.", name="evil.txt")
    login(client, gale)
    c = world["corpus"].pk
    pages = [
        client.get(reverse("glossary:list", args=[c])),
        client.get(reverse("glossary:list", args=[c]), {"q": "script"}, **HX),
        client.get(reverse("glossary:term", args=[c, evil.pk])),
        client.get(reverse("glossary:concordance", args=[c, evil.pk])),
        client.get(reverse("annotate:replace_variant", args=[c, evil.pk, evil.variants.get().pk])),
        client.get(reverse("glossary:edit", args=[c, evil.pk])),
        client.get(reverse("annotate:term_search"), {"corpus": c, "q": "script"}, **HX),
        client.get(reverse("annotate:term_search"), {"corpus": c, "q": "<b>bold</b> zz"}, **HX),
    ]
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
        assert "&lt;script&gt;" in html or "&lt;b&gt;bold" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in pages[3].content.decode()  # the concordance found it


def test_list_search_ranks_and_filters(client, translator, world):
    login(client, translator)
    url = reverse("glossary:list", args=[world["corpus"].pk])
    page = client.get(url, {"q": "acres"}, **HX)
    html = page.content.decode()
    assert html.lstrip().startswith('<div id="results">') and "found by its variant “acres”" in html
    drafts = client.get(url, {"status": "draft"})
    assert [t.preferred for t in drafts.context["terms"]] == ["little giant"]
    assert 'href="/glossary/"' in client.get(url).content.decode()  # the top bar link


def test_concept_page_costs_a_fixed_number_of_queries(
    client, translator, world, django_assert_max_num_queries
):
    login(client, translator)
    for n in range(5):
        update_term(world["mu"], None, definition=f"v{n}")
    url = reverse("glossary:term", args=[world["corpus"].pk, world["mu"].pk])
    client.get(url)
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.status_code == 200 and page.content.decode().count('class="revision"') == 6


def test_import_and_export_through_the_views(client, make_user, world):
    gale = make_user("gil", roles.GLOSSARY_ADMIN, member_of=world["corpus"])
    login(client, gale)
    c = world["corpus"].pk
    upload = csv_upload("preferred,forbidden,note\nlittle dragon,small dragon,=HYPERLINK(1)\n")
    page = client.post(
        reverse("glossary:import", args=[c]), {"file": upload, "scope": "all"}, follow=True
    )
    assert "1 concept(s) added, 0 updated, 0 unchanged" in page.content.decode()
    assert GlossaryTerm.objects.get(preferred="little dragon").corpus is None
    exported = client.get(reverse("glossary:export_csv", args=[c]))
    assert exported["Content-Disposition"] == f'attachment; filename="glossary-{c}.csv"'
    assert "little dragon,,,'=HYPERLINK(1)" in exported.content.decode()  # formula escaped
    tbx = client.get(reverse("glossary:export_tbx", args=[c])).content
    from translate.storage import tbx as tt_tbx

    # no Chinese source term: the English langSet is the only one, which translate-toolkit calls the source
    assert {u.source for u in tt_tbx.tbxfile.parsestring(tbx).units} == {
        "mu",
        "little giant",
        "little dragon",
    }
    refused = client.post(
        reverse("glossary:import", args=[c]),
        {"file": csv_upload("x", name="g.docx"), "scope": "corpus"},
        follow=True,
    )
    assert "neither .csv nor .tbx" in refused.content.decode()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE martif [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<martif type="TBX"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>fine</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>&lol9;</term></tig></langSet></termEntry>
</body></text></martif>"""


def test_hostile_tbx_is_refused_and_the_database_is_unchanged(client, make_user, world):
    gale = make_user("gil", roles.GLOSSARY_ADMIN, member_of=world["corpus"])
    login(client, gale)
    before = (GlossaryTerm.objects.count(), TermChange.objects.count())
    upload = csv_upload(BILLION_LAUGHS, name="laughs.tbx")
    page = client.post(
        reverse("glossary:import", args=[world["corpus"].pk]),
        {"file": upload, "scope": "corpus"},
        follow=True,
    )
    html = page.content.decode()
    assert "laughs.tbx: Nothing imported: TBX refused: it declares the XML entity" in html.replace(
        "&#x27;", "'"
    )
    assert (GlossaryTerm.objects.count(), TermChange.objects.count()) == before


def test_replace_all_from_the_preview_runs_a_job_with_progress(
    client, make_user, world, django_capture_on_commit_callbacks
):
    gale = make_user("gil", roles.GLOSSARY_ADMIN, member_of=world["corpus"])
    login(client, gale)
    url, data = write_request("replace", world)
    preview = client.get(url)
    assert (
        'name="replace"' in preview.content.decode() and "<ins>mu</ins>" in preview.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data, **HX)
    assert b"<progress" in response.content and b"Replace all" in response.content
    job = Job.objects.get()
    progress = client.get(reverse("corpus:job_progress", args=[job.pk]), **HX)
    assert b"done" in progress.content and progress["HX-Trigger"] == "job-finished"
    world["segment"].refresh_from_db()
    assert world["segment"].text == "Gazelle enterprises grew on 20 mu."


def test_the_edit_form_saves_every_field_and_one_variant_per_line(client, make_user, world):
    gale = make_user("gil", roles.GLOSSARY_ADMIN, member_of=world["corpus"])
    login(client, gale)
    c, mu = world["corpus"].pk, world["mu"]
    form = client.get(reverse("glossary:edit", args=[c, mu.pk])).content.decode()
    assert "acres</textarea>" in form
    data = {
        "preferred": "mu",
        "source": "亩",
        "definition": "1/15 hectare",
        "note": "Plural 'mu'.",
        "domain": "units",
        "part_of_speech": "noun",
        "status": "approved",
        "case_sensitive": "",
        "label_key": "quantity",
        "admitted": "mu of land\n\n",
        "forbidden": "acres\r\n hectares \n",
    }
    assert client.post(reverse("glossary:edit", args=[c, mu.pk]), data).status_code == 302
    mu.refresh_from_db()
    assert (mu.source, mu.definition, mu.note, mu.domain, mu.label_key) == (
        "亩",
        "1/15 hectare",
        "Plural 'mu'.",
        "units",
        "QUANTITY",
    )
    assert sorted(mu.variants.values_list("kind", "text")) == [
        ("admitted", "mu of land"),
        ("forbidden", "acres"),
        ("forbidden", "hectares"),
    ]
    change = mu.changes.last()
    assert (change.action, change.user, change.note) == ("updated", gale, "")
    clash = client.post(
        reverse("glossary:edit", args=[c, mu.pk]), {**data, "preferred": "little giant"}
    )
    assert clash.status_code == 200 and "already a concept of this corpus" in clash.content.decode()
