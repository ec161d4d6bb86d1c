"""The Chinese interface (issue 12.5): every template string marked for translation, and every
marked string (templates and scripts) translated in the committed, compiled zh-hans catalogues."""

import pytest

from tests.i18n_catalogues import (
    LOCALE,
    SCRIPTS,
    TEMPLATES,
    read_mo,
    read_po,
    script_msgids,
    template_files,
    template_msgids,
    unmarked_script_strings,
    untranslated_text,
)


@pytest.mark.parametrize("path", template_files(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_template_text_is_marked_for_translation(path):
    found = untranslated_text(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(TEMPLATES)}: not marked for translation: {found}"


def test_the_walker_sees_text_attributes_and_filters():
    source = (
        '{% load i18n %}<p title="Plain title">{% translate "Fine" %} Loose words</p>'
        '{% blocktranslate %}Also fine{% endblocktranslate %}<script>const x = "a b";</script>'
        '<input type="submit" value="Send it"><span>{{ n }} item{{ n|pluralize }}</span>'
        '{{ who|default:"nobody" }}{{ who|default:_("nobody") }}<kbd>Ctrl+Enter</kbd> · ¶'
    )
    assert untranslated_text(source) == [
        "{{ n|pluralize }}",
        '{{ who|default:"nobody" }}',
        'title="Plain title"',
        "… Loose words",
        'value="Send it"',
        "… item…",
    ]


@pytest.mark.parametrize("path", sorted(SCRIPTS.glob("*.js")), ids=lambda p: p.name)
def test_script_messages_go_through_gettext(path):
    found = unmarked_script_strings(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: not marked for translation: {found}"


def test_the_script_check_sees_unmarked_sentences():
    source = (
        'showError(s, "The link was refused.");\n'
        'showError(s, gettext("The link was marked."));\n'
        "// A comment: Not a message.\n"
        'x.querySelector(\'[data-action="help"]\'); const k = "Ctrl+" + key;\n'
        'announce(s, "Word " + n);'
    )
    assert unmarked_script_strings(source) == ['"The link was refused."', '"Word "']


def _catalogue_keys(ids):
    return {(ctx + "\x04" if ctx else "") + msgid: plural for ctx, msgid, plural in ids}


def _assert_translated(domain: str, wanted: dict):
    mo = read_mo(LOCALE / f"{domain}.mo")
    po = read_po(LOCALE / f"{domain}.po")
    missing, untranslated = [], []
    for key, plural in sorted(wanted.items()):
        strings, fuzzy, _ = po.get(key, ([], False, None))
        if key not in po:
            missing.append(key)
        elif fuzzy or not all(strings):
            untranslated.append(key)
        elif (plural is None and not mo.get(key)) or (plural is not None and not mo.get((key, 0))):
            untranslated.append(key)  # in the .po, not in the compiled .mo: run compilemessages
    assert not missing, f"{domain}.po lacks (run makemessages, README Translations): {missing}"
    assert not untranslated, f"{domain}: no Chinese (or fuzzy, or not compiled): {untranslated}"


def _assert_compiled(domain: str):
    """The .mo says what the .po says: nobody edited one and forgot to compile."""
    mo = read_mo(LOCALE / f"{domain}.mo")
    expected = {}
    for key, (strings, fuzzy, plural) in read_po(LOCALE / f"{domain}.po").items():
        if fuzzy and key:
            continue
        if plural is None:
            expected[key] = strings[0]
        else:
            expected.update({(key, n): text for n, text in enumerate(strings)})
    header = expected.pop("", None)
    compiled = {key: value for key, value in mo.items() if key != ""}
    assert compiled == {key: value for key, value in expected.items() if value}
    assert header is not None and "Plural-Forms" in header


def test_every_template_msgid_has_a_chinese_translation():
    wanted = {}
    for path in template_files():
        wanted |= _catalogue_keys(template_msgids(path.read_text(encoding="utf-8")))
    assert len(wanted) > 300  # the walker found the tags
    _assert_translated("django", wanted)


def test_every_script_msgid_has_a_chinese_translation():
    wanted = {}
    for path in sorted(SCRIPTS.glob("*.js")):
        wanted |= _catalogue_keys(script_msgids(path.read_text(encoding="utf-8")))
    assert len(wanted) > 5
    _assert_translated("djangojs", wanted)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_its_po(domain):
    _assert_compiled(domain)
