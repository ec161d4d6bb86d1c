"""The Python code's user-facing messages are all in each app's compiled Simplified Chinese catalogue.

The messages are collected again here from the source (every call of gettext, gettext_lazy, N_ …
with a literal first argument), without xgettext, so a message added without running
makemessages, or left untranslated, fails naming it. The .mo files are read with the standard
library, as Django reads them at run time (no gettext tools needed).
"""

import ast
import gettext as stdlib_gettext
import pickle
import re
from pathlib import Path

import pytest
from django import forms
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from annotate.qa.base import CheckContext
from annotate.qa.registry import get_check
from corpus.i18n import localize, localize_error, localize_stored, portable
from corpus.models import Segment
from corpus.services import EditRefused
from corpus.services.corpora import _clean_name
from corpus.text.i18n import N_, Message
from corpus.text.search import QueryError, compile_query
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
APPS = ("corpus", "glossary", "annotate", "export", "api")
MARKERS = {"gettext", "gettext_lazy", "gettext_noop", "N_", "_", "ngettext", "ngettext_lazy"}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
LOCALE = "zh_Hans"


def marked_messages(app: str) -> dict[str, str]:
    """msgid -> where it is marked, for every module of ``app`` (migrations aside)."""
    found = {}
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if (
                name in MARKERS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value
            ):
                found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def compiled(app: str) -> dict[str, str]:
    path = ROOT / app / "locale" / LOCALE / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as mo:
        catalogue = stdlib_gettext.GNUTranslations(mo)._catalog  # type: ignore[attr-defined]
    return {k: v for k, v in catalogue.items() if k}


def po_entries(app: str) -> dict[str, str]:
    """msgid -> msgstr of the .po, obsolete (#~) entries aside."""
    text = (ROOT / app / "locale" / LOCALE / "LC_MESSAGES" / "django.po").read_text("utf-8")
    entries = {}
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        fields, current = {}, None
        for line in lines:
            keyword = line.split(" ", 1)[0]
            if keyword in ("msgid", "msgstr"):
                current = keyword
                line = line[len(keyword) + 1 :]
            fields[current] = fields.get(current, "") + ast.literal_eval(line)
        if fields.get("msgid"):
            entries[fields["msgid"]] = fields.get("msgstr", "")
    return entries


@pytest.mark.parametrize("app", APPS)
def test_every_marked_message_is_translated_in_the_compiled_catalogue(app):
    catalogue = compiled(app)
    missing = [
        f"{where}: {msgid!r}"
        for msgid, where in marked_messages(app).items()
        if not catalogue.get(msgid, "").strip()
    ]
    assert not missing, (
        f"{len(missing)} message(s) of {app}/ missing from {app}/locale/{LOCALE} (run "
        f"makemessages -l {LOCALE} in {app}/, translate, msgfmt):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("app", APPS)
def test_compiled_catalogue_matches_its_po(app):
    assert compiled(app) == po_entries(app), f"{app}: compile the .po again (msgfmt)"


@pytest.mark.parametrize("app", APPS)
def test_translations_keep_the_placeholders(app):
    wrong = [
        f"{msgid!r} -> {msgstr!r}"
        for msgid, msgstr in compiled(app).items()
        if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(msgstr))
    ]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_collector_sees_a_missing_message():
    # The first test is only as good as this collection: an unmarked-in-catalogue id must show.
    assert "Choose at least one role." in marked_messages("corpus")
    assert "Repeated word: %(m_group)s" in marked_messages("annotate")  # an N_ in a pure package
    assert "No such message, ever." not in compiled("corpus")


class _RoleForm(forms.Form):
    """A form refusal as the screens raise them: a ValidationError with a marked message."""

    name = forms.CharField()

    def clean_name(self):
        raise forms.ValidationError(translation.gettext("Choose at least one role."))


def test_a_form_refusal_a_service_refusal_and_a_qa_finding_come_out_in_chinese():
    with translation.override("zh-hans"):
        form = _RoleForm({"name": "x"})
        assert form.errors["name"] == ["请至少选择一个角色。"]
        with pytest.raises(EditRefused, match="名称为空；请为语料库命名。"):
            _clean_name("  ")
        check = get_check("repeated-word")
        assert localize(check.title) == "重复的单词"
        (finding,) = check.find("We did the the task.", CheckContext())
        assert localize(finding.message) == '重复的单词："the the"'
        # As stored with a finding and shown later to a reader of Chinese.
        assert (
            localize_stored(finding.message, portable(finding.message)) == '重复的单词："the the"'
        )
        assert str(Segment.Status.EDITED.label) == "已编辑"
        with pytest.raises(QueryError) as refused:
            compile_query("")
        assert localize_error(refused.value) == "请输入要搜索的内容。"


def test_english_stays_as_it_was():
    with translation.override("en"):
        (finding,) = get_check("repeated-word").find("We did the the task.", CheckContext())
        assert finding.message == 'Repeated word: "the the"'
        assert localize(finding.message) == 'Repeated word: "the the"'
        assert str(Segment.Status.EDITED.label) == "Edited"
        with pytest.raises(EditRefused, match="The name is empty; give the corpus a name."):
            _clean_name("")


def test_a_message_is_english_text_that_remembers_its_template():
    message = N_("Words glued together: %(token)s%(hint)s", token='"twoThe"', hint="")
    assert message == 'Words glued together: "twoThe"'
    assert isinstance(message, Message) and message.params == {"token": '"twoThe"', "hint": ""}
    again = pickle.loads(pickle.dumps(message))
    assert again == message and again.template == message.template


@pytest.mark.django_db
def test_the_review_screen_shows_a_stored_finding_in_the_readers_language(
    client, translator, text_document
):
    # The check runs (and the finding is stored) in English; the page is read in Chinese.
    document = text_document("We did the the task.")
    client.login(username=translator.username, password=PASSWORD)
    url = reverse("annotate:document_review", args=[document.pk])
    assert "Repeated word: &quot;the the&quot;" in client.get(url).content.decode()
    with override_settings(LANGUAGE_CODE="zh-hans"):
        html = client.get(url).content.decode()
    assert "重复的单词：&quot;the the&quot;" in html
    assert "Repeated word: &quot;the the&quot;" not in html
