"""The command-line side: load_seeds (idempotent), import_texts, create_demo_users."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from annotate.models import Label
from corpus.models import Corpus, Document, Segment
from tests.conftest import SEED_FILES

pytestmark = pytest.mark.django_db


def test_load_seeds_is_idempotent():
    call_command("load_seeds", stdout=StringIO())
    counts = (Document.objects.count(), Segment.objects.count(), Label.objects.count())
    call_command("load_seeds", stdout=StringIO())
    assert (Document.objects.count(), Segment.objects.count(), Label.objects.count()) == counts
    seeds = Corpus.objects.get(name="Seeds")
    assert seeds.documents.count() == len(SEED_FILES) == 2
    assert set(seeds.labels.values_list("key", flat=True)) >= {
        "PERSON",
        "ORG",
        "GPE",
        "MONEY",
        "POLICY",
        "TERM",
    }
    for document in seeds.documents.all():
        assert document.current_text() == document.raw_text


def test_import_texts_imports_and_names_refusals(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("One sentence. Two sentences.", encoding="utf-16")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("import_texts", str(good), str(bad), corpus="CLI", stdout=out, stderr=err)
    assert "Imported good.txt (utf-16): 2 segments." in out.getvalue()
    assert "bad.txt" in err.getvalue() and "empty" in err.getvalue()
    assert Corpus.objects.get(name="CLI").documents.get().raw_text == "One sentence. Two sentences."


def test_import_texts_refuses_a_missing_path(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_texts", str(tmp_path / "nope.txt"), corpus="CLI", stdout=StringIO())


def test_demo_users_join_the_seeds_corpus(settings):
    settings.DEBUG = True  # the test runner turns DEBUG off; `make run` has it on
    call_command("load_seeds", stdout=StringIO())
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    assert "translator" in out.getvalue() and "redline-demo" in out.getvalue()
    reviewer = get_user_model().objects.get(username="reviewer")
    assert reviewer.check_password("redline-demo")
    assert list(reviewer.groups.values_list("name", flat=True)) == ["reviewer"]
    assert Corpus.objects.get(name="Seeds").members.filter(pk=reviewer.pk).exists()


def test_load_seeds_creates_the_bilingual_demo_from_the_apps_own_copy(settings):
    from annotate.management.commands.load_seeds import BILINGUAL_SAMPLE

    # The sample ships inside the app (seeds/), never read from a sibling checkout.
    assert BILINGUAL_SAMPLE.resolve().is_relative_to(settings.BASE_DIR)
    call_command("load_seeds", stdout=StringIO())
    call_command("load_seeds", stdout=StringIO())
    demo = Corpus.objects.get(name="WMT22 sample (zh→en)")
    [document] = demo.documents.all()
    sources = (BILINGUAL_SAMPLE / "source.zh.txt").read_text(encoding="utf-8").splitlines()
    assert document.bilingual and document.segments.count() == len(sources) == 195
    first = document.segments.order_by("position").first()
    assert (first.unit_id, first.source_text, first.text) == ("1", "不停延误", "Non-stop delays")
    assert demo.labels.exists()


def test_demo_users_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    call_command("load_seeds", stdout=StringIO())
    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        call_command("create_demo_users", stdout=StringIO())
    assert not get_user_model().objects.exists()


def test_demo_users_with_debug_off_need_the_explicit_flag(settings):
    settings.DEBUG = False
    call_command("load_seeds", stdout=StringIO())
    call_command("create_demo_users", i_know_this_is_not_production=True, stdout=StringIO())
    assert get_user_model().objects.get(username="admin").is_superuser


def test_demo_users_join_both_demo_corpora(settings):
    from annotate.management.commands.load_seeds import BILINGUAL_CORPUS
    from corpus.management.commands.create_demo_users import DEMO_CORPORA

    assert BILINGUAL_CORPUS in DEMO_CORPORA
    settings.DEBUG = True  # demo accounts are for development
    call_command("load_seeds", stdout=StringIO())
    call_command("create_demo_users", stdout=StringIO())
    translator = get_user_model().objects.get(username="translator")
    assert set(Corpus.objects.visible_to(translator).values_list("name", flat=True)) == set(
        DEMO_CORPORA
    )
