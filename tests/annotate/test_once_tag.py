"""{% once %}: rendered for the first use in a response, then repeated as it was."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

SOURCE = (
    "{% load review %}{% for item in items %}"
    "[{{ item }}:{% once 'fields' %}{{ item }}{{ calls.next }}{% endonce %}]"
    "{% endfor %}"
)


class Counter:
    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return self.count


def test_the_block_is_rendered_once_and_repeated():
    calls = Counter()
    html = Template(SOURCE).render(Context({"items": ["a", "b", "c"], "calls": calls}))
    # Repeated as first rendered: the block must not depend on the loop (its contract).
    assert html == "[a:a1][b:a1][c:a1]"
    assert calls.count == 1


def test_each_response_renders_it_afresh():
    template = Template(SOURCE)
    assert template.render(Context({"items": ["x"], "calls": Counter()})) == "[x:x1]"
    assert template.render(Context({"items": ["y"], "calls": Counter()})) == "[y:y1]"


def test_names_keep_blocks_apart():
    html = Template(
        "{% load review %}{% once 'a' %}A{% endonce %}{% once 'b' %}B{% endonce %}"
    ).render(Context())
    assert html == "AB"


def test_a_name_is_required():
    with pytest.raises(TemplateSyntaxError, match="once"):
        Template("{% load review %}{% once %}x{% endonce %}")
