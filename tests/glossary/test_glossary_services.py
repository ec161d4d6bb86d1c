"""Glossary writes (each recorded), the per-corpus matcher cache, proposals, links, import/export."""

import pytest
from django.urls import reverse
from translate.storage import tbx

from annotate.models import Label, Span
from annotate.services.linking import link_span, propose_draft
from corpus import roles
from corpus.models import Corpus
from glossary.models import GlossaryTerm, TermChange, TermVariant
from glossary.services.cache import matcher_and_info, matcher_for, search
from glossary.services.concepts import (
    GlossaryRefused,
    approve_term,
    create_term,
    deprecate_term,
    set_variants,
    touch,
    update_term,
)
from glossary.services.files import ImportResult, export_csv, export_tbx, import_csv, import_tbx
from glossary.terms import TermKind, read_tbx
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_user, corpus):
    return make_user("gale", roles.GLOSSARY_ADMIN, member_of=corpus)


@pytest.fixture
def mu(admin_user, corpus):
    return create_term(
        admin_user,
        corpus=corpus,
        preferred="mu",
        source="亩",
        status="approved",
        label_key="QUANTITY",
        forbidden=["acres", "acre"],
    )


def kinds(corpus, text):
    return [(text[m.start : m.end], m.kind) for m in matcher_for(corpus).find(text)]


def test_every_write_is_recorded_with_before_and_after(admin_user, corpus, mu):
    created = mu.changes.get()
    assert (created.action, created.user, created.before) == ("created", admin_user, None)
    assert created.after["forbidden"] == ["acres", "acre"] and created.after["source"] == "亩"
    update_term(mu, admin_user, definition="1/15 hectare")
    set_variants(mu, admin_user, admitted=["mu of land"], forbidden=["acres"])
    deprecate_term(mu, admin_user)
    approve_term(mu, admin_user)
    changes = list(mu.changes.order_by("id"))
    assert [c.action for c in changes] == [
        "created",
        "updated",
        "variants",
        "deprecated",
        "approved",
    ]
    assert (changes[1].before["definition"], changes[1].after["definition"]) == ("", "1/15 hectare")
    assert (changes[2].before["forbidden"], changes[2].after["admitted"]) == (
        ["acres", "acre"],
        ["mu of land"],
    )
    assert [d[0] for d in changes[2].differences()] == ["admitted", "forbidden"]
    mu.refresh_from_db()
    assert mu.version == 5 and mu.status == "approved"


def test_an_update_that_changes_nothing_records_nothing(admin_user, mu):
    update_term(mu, admin_user, preferred="  mu ", forbidden=["acres", "acre", "acres"])
    assert mu.changes.count() == 1
    with pytest.raises(GlossaryRefused, match="already approved"):
        approve_term(mu, admin_user)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"preferred": "  "}, "preferred term is empty"),
        ({"preferred": "MU"}, "already a concept of this corpus"),
        (
            {"preferred": "x", "admitted": ["acres"], "forbidden": ["Acres"]},
            "both admitted variant and forbidden variant",
        ),
        ({"preferred": "x", "forbidden": ["X"]}, "both the preferred term and forbidden variant"),
        ({"preferred": "x", "forbidden": ["a | b"]}, "separates variants"),
        ({"preferred": "x", "label_key": "policy"}, "upper-case"),
        ({"preferred": "x", "status": "maybe"}, "unknown status"),
    ],
)
def test_bad_concepts_are_refused_and_nothing_is_written(admin_user, corpus, mu, fields, message):
    with pytest.raises(GlossaryRefused, match=message):
        create_term(admin_user, corpus=corpus, **fields)
    assert GlossaryTerm.objects.count() == 1 and TermChange.objects.count() == 1


def test_matcher_is_cached_per_corpus_and_rebuilt_after_a_change(
    admin_user, corpus, mu, django_assert_num_queries
):
    first = matcher_for(corpus)
    with django_assert_num_queries(1):  # the state check; no rebuild
        assert matcher_for(corpus) is first
    assert kinds(corpus, "4,260 acres of land.") == [("acres", TermKind.FORBIDDEN)]
    set_variants(mu, admin_user, admitted=[], forbidden=["acres", "hectares"])
    rebuilt = matcher_for(corpus)
    assert rebuilt is not first
    assert kinds(corpus, "10 hectares, 4 acre.") == [("hectares", TermKind.FORBIDDEN)]
    matcher, info = matcher_and_info(corpus)
    assert matcher is rebuilt and info[mu.pk] == {
        "preferred": "mu",
        "source": "亩",
        "definition": "",
        "note": "",
        "label": "QUANTITY",
    }
    deprecate_term(mu, admin_user)
    assert kinds(corpus, "10 hectares of mu.") == []


def test_concepts_written_without_the_services_are_never_served_stale(
    corpus, django_assert_num_queries
):
    with django_assert_num_queries(1):  # no glossary yet: the state check answers it
        assert matcher_for(corpus).find("4 acres") == []
    term = GlossaryTerm.objects.create(corpus=corpus, preferred="mu", status="approved")
    TermVariant.objects.create(term=term, text="acres", kind="forbidden")
    assert kinds(corpus, "4 acres") == [("acres", TermKind.FORBIDDEN)]
    touch(corpus.pk)  # what code writing concepts itself must do, to be cached again
    assert matcher_for(corpus) is matcher_for(corpus)


def test_scope_drafts_and_other_corpora(admin_user, corpus, mu):
    other = Corpus.objects.create(name="Other")
    create_term(
        admin_user, corpus=None, preferred="yuan", status="approved", forbidden=["RMB yuan"]
    )
    create_term(admin_user, corpus=other, preferred="little giant", status="approved")
    create_term(admin_user, corpus=corpus, preferred="gazelle enterprise")  # a draft
    text = "A little giant and a gazelle enterprise got 5 RMB yuan for 3 acres."
    assert kinds(corpus, text) == [("RMB yuan", TermKind.FORBIDDEN), ("acres", TermKind.FORBIDDEN)]
    assert kinds(other, text) == [
        ("little giant", TermKind.PREFERRED),
        ("RMB yuan", TermKind.FORBIDDEN),
    ]
    # the search box knows drafts (and deprecated concepts) too, but only of its own scope
    assert [h["preferred"] for h in search(corpus, "gazelle")] == ["gazelle enterprise"]
    assert search(corpus, "little giant") == []


def test_search_hits_are_plain_ranked_records(admin_user, corpus, mu):
    [hit] = search(corpus, "acre")
    assert hit == {
        "term_id": mu.pk,
        "text": "acre",
        "field": "variant",
        "score": 100.0,
        "preferred": "mu",
        "source": "亩",
        "label": "QUANTITY",
        "status": "approved",
    }
    assert search(corpus, "亩")[0]["field"] == "source"


@pytest.fixture
def span(text_document, corpus):
    label = Label.objects.create(corpus=corpus, key="TERM", name="Term")
    segment = text_document("Gazelle enterprises grew fast.").segments.get()
    return Span.objects.create(
        segment=segment, start=0, end=19, text="Gazelle enterprises", label=label
    )


def test_a_translator_proposes_a_draft_from_a_span(translator, span, admin_user, corpus):
    term = propose_draft(span, translator, note="MIIT programme")
    assert (term.preferred, term.status, term.corpus, term.label_key, term.note) == (
        "Gazelle enterprises",
        "draft",
        corpus,
        "TERM",
        "MIIT programme",
    )
    assert term.changes.get().action == "proposed"
    span.refresh_from_db()
    assert span.term == term
    with pytest.raises(GlossaryRefused, match="already in the glossary"):
        propose_draft(span, translator)
    set_variants(term, admin_user, admitted=[], forbidden=["gazelle companies"])
    span.text = "Gazelle Companies"
    with pytest.raises(GlossaryRefused, match="as a forbidden variant of “Gazelle enterprises”"):
        propose_draft(span, translator)


def test_link_span_only_to_a_concept_of_its_corpus(translator, span, admin_user, corpus):
    here = create_term(admin_user, corpus=corpus, preferred="gazelle enterprise", status="approved")
    everywhere = create_term(admin_user, corpus=None, preferred="enterprise")
    elsewhere = create_term(
        admin_user, corpus=Corpus.objects.create(name="Other"), preferred="gazelle"
    )
    assert link_span(span, here, translator).term == here
    assert link_span(span, everywhere, translator).term == everywhere
    with pytest.raises(GlossaryRefused, match="not in this corpus's glossary"):
        link_span(span, elsewhere, translator)
    assert link_span(span, None, translator).term is None


def test_seed_glossary_imports_once_and_again_changes_nothing(admin_user, corpus):
    data = (SEEDS / "glossary.csv").read_bytes()
    assert import_csv(corpus, data, admin_user) == ImportResult(created=42, updated=0, unchanged=0)
    assert TermChange.objects.filter(action="imported").count() == 42
    assert import_csv(corpus, data, admin_user) == ImportResult(created=0, updated=0, unchanged=42)
    assert TermChange.objects.count() == 42
    srdi = GlossaryTerm.objects.get(source="专精特新")
    assert "specialized, special and new" in srdi.variants.filter(kind="forbidden").values_list(
        "text", flat=True
    )
    assert export_csv(corpus) == data.decode("utf-8")  # the seed file is canonical export output


def test_import_updates_by_preferred_term_and_is_all_or_nothing(admin_user, corpus, mu):
    good = b"preferred,forbidden,definition,note\nmu,acres,1/15 hectare,Plural mu\nlittle giant,,top tier,\n"
    assert import_csv(corpus, good, admin_user) == ImportResult(created=1, updated=1, unchanged=0)
    mu.refresh_from_db()
    assert (mu.definition, mu.note) == ("1/15 hectare", "Plural mu")
    assert list(mu.variants.values_list("text", flat=True)) == ["acres"]
    assert (mu.changes.last().action, mu.changes.last().note) == ("imported", "")
    state = (GlossaryTerm.objects.count(), TermVariant.objects.count(), TermChange.objects.count())
    bad = b"preferred,forbidden\nnew one,\nnew two,x | new two\nnew one,\n"
    with pytest.raises(
        GlossaryRefused, match=r"Nothing imported: concept 2 \(“new two”\): “new two” is both"
    ):
        import_csv(corpus, bad, admin_user)
    duplicate = b"preferred\nnew one\nNew One\n"
    with pytest.raises(GlossaryRefused, match="concept 2 .*concept 1 has the same preferred term"):
        import_csv(corpus, duplicate, admin_user)
    with pytest.raises(GlossaryRefused, match="Nothing imported: row 2: unknown status 'maybe'"):
        import_csv(corpus, b"preferred,status\nx,maybe\n", admin_user)
    assert (
        GlossaryTerm.objects.count(),
        TermVariant.objects.count(),
        TermChange.objects.count(),
    ) == state


def test_tbx_export_loads_in_translate_toolkit_and_its_files_import(admin_user, corpus, mu):
    data = export_tbx(corpus)
    unit = tbx.tbxfile.parsestring(data).units[0]
    assert (unit.source, unit.target) == ("亩", "mu")
    assert [(t.text, t.deprecated) for t in unit.get_target_terms()] == [
        ("mu", False),
        ("acres", True),
        ("acre", True),
    ]
    other = Corpus.objects.create(name="Other")
    assert import_tbx(other, data, admin_user).created == 1
    assert read_tbx(export_tbx(other)) == read_tbx(data)
    store = tbx.tbxfile(sourcelanguage="zh", targetlanguage="en")
    store.addsourceunit("单项冠军").set_target_terms(["single champion", "single champions"])
    assert import_tbx(other, bytes(store), admin_user).created == 1
    champion = GlossaryTerm.objects.get(corpus=other, preferred="single champion")
    assert (champion.source, champion.status) == ("单项冠军", "approved")


def test_load_seeds_loads_the_starter_glossary_once():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_seeds", stdout=StringIO())
    out = StringIO()
    call_command("load_seeds", stdout=out)
    seeds = Corpus.objects.get(name="Seeds")
    assert seeds.glossary_terms.count() == 42 and TermChange.objects.count() == 42
    assert "42 glossary concepts" in out.getvalue() and "concepts added" not in out.getvalue()
    text = "\n".join(
        seeds.documents.get(original_name__startswith="004").segments.values_list("text", flat=True)
    )
    forbidden = {
        text[m.start : m.end].lower()
        for m in matcher_for(seeds).find(text)
        if m.kind == TermKind.FORBIDDEN
    }
    assert {"acres", "individual champion", "specialized, special and new"} <= forbidden


def test_django_admin_edits_are_recorded_and_rebuild_the_matcher(
    client, django_user_model, corpus, mu
):
    boss = django_user_model.objects.create_superuser("boss", password="a-long-test-password")
    client.force_login(boss)
    assert client.get(reverse("admin:glossary_glossaryterm_changelist")).status_code == 200
    url = reverse("admin:glossary_glossaryterm_change", args=[mu.pk])
    assert client.get(url).status_code == 200
    matcher_for(corpus)
    variant = mu.variants.get(text="acres")
    data = {
        "corpus": corpus.pk,
        "preferred": "mu",
        "source": "亩",
        "definition": "",
        "note": "",
        "domain": "",
        "part_of_speech": "",
        "status": "approved",
        "label_key": "QUANTITY",
        "variants-TOTAL_FORMS": "3",
        "variants-INITIAL_FORMS": "2",
        "variants-MIN_NUM_FORMS": "0",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-id": variant.pk,
        "variants-0-term": mu.pk,
        "variants-0-text": "acres",
        "variants-0-kind": "forbidden",
        "variants-1-id": mu.variants.get(text="acre").pk,
        "variants-1-term": mu.pk,
        "variants-1-text": "acre",
        "variants-1-kind": "forbidden",
        "variants-2-term": mu.pk,
        "variants-2-text": "hectares",
        "variants-2-kind": "forbidden",
        "changes-TOTAL_FORMS": "1",
        "changes-INITIAL_FORMS": "1",
        "changes-MIN_NUM_FORMS": "0",
        "changes-MAX_NUM_FORMS": "1000",
        "changes-0-id": mu.changes.get().pk,
        "changes-0-term": mu.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = mu.changes.order_by("id").last()
    assert (change.action, change.user, change.note) == ("updated", boss, "in the Django admin")
    assert change.before["forbidden"] == ["acres", "acre"] and change.after["forbidden"] == [
        "acres",
        "acre",
        "hectares",
    ]
    assert kinds(corpus, "10 hectares.") == [("hectares", TermKind.FORBIDDEN)]
