"""What the translation tests read: the user-visible text of a template outside translate tags,
the msgids its translate tags ask for, the scripts' msgids, and .po/.mo catalogues without gettext
or polib (python's gettext module reads a .mo; a .po is read here)."""

import ast
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

from django.template import engines
from django.template.base import Lexer, TokenType
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
SCRIPTS = ROOT / "static" / "redline"
LOCALE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"

# Words a Chinese interface shows as they are: the product, key caps, metric and file-format names.
UNTRANSLATED = {
    "Redline", "Ctrl", "Shift", "Alt", "Enter", "Esc", "Tab", "HTER", "JSONL", "JSON", "CSV",
    "TBX", "TMX", "XLIFF", "IOB", "DocBin", "spaCy", "API", "URL", "HMAC", "SHA",
}  # fmt: skip
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# Attributes a reader sees or hears (button values are checked on <input type=submit|button>).
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "aria-description", "alt", "hx-confirm"}
# Filters whose string argument is shown: it must be _("…"); pluralize is English-only plurals.
TEXT_FILTER = re.compile(r'\|(default|default_if_none|yesno):"([^"]*)"|\|(pluralize)\b')
HOLE = "\ue000"  # stands for what a tag or variable prints
# Not prose: scripts, styles, and code shown as typed (a token's prefix, a command line).
UNREAD = {"script", "style", "code", "pre"}


def template_files() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def english_words(text: str) -> list[str]:
    return [word for word in WORD.findall(text.replace(HOLE, " ")) if word not in UNTRANSLATED]


class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in UNREAD:
            self._hidden_depth += 1
        attrs = dict(attrs)
        for name, value in attrs.items():
            shown = name in VISIBLE_ATTRIBUTES or (
                name == "value" and tag == "input" and attrs.get("type") in ("submit", "button")
            )
            if shown and value and english_words(value):
                self.found.append(f'{name}="{value.replace(HOLE, "…")}"')

    def handle_endtag(self, tag):
        if tag in UNREAD and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if not self._hidden_depth and english_words(data):
            self.found.append(" ".join(data.replace(HOLE, "…").split()))


def untranslated_text(source: str) -> list[str]:
    """Each piece of user-visible English outside {% translate %} and {% blocktranslate %}."""
    rebuilt, found, skipping = [], [], None
    for token in Lexer(source).tokenize():
        bits = token.split_contents() if token.token_type == TokenType.BLOCK else []
        name = bits[0] if bits else ""
        if skipping:
            if name == skipping:
                skipping = None
            continue
        if token.token_type == TokenType.TEXT:
            rebuilt.append(token.contents)
        elif token.token_type == TokenType.VAR:
            rebuilt.append(HOLE)
            for match in TEXT_FILTER.finditer(token.contents):
                if match.group(3) or english_words(match.group(2)):
                    found.append("{{ " + token.contents + " }}")
        elif name in ("blocktranslate", "blocktrans"):
            rebuilt.append(HOLE)
            skipping = "end" + name
        elif name == "comment":
            skipping = "endcomment"
        elif name in ("translate", "trans"):
            rebuilt.append(HOLE)
    parser = _Visible()
    parser.feed("".join(rebuilt))
    parser.close()
    return found + parser.found


def template_msgids(source: str) -> set[tuple[str | None, str, str | None]]:
    """(context, msgid, plural msgid) for every translate tag in a template."""

    def literal(expression):
        return (
            expression.var if expression is not None and isinstance(expression.var, str) else None
        )

    template = engines["django"].from_string(source).template
    ids = set()
    for node in template.nodelist.get_nodes_by_type(TranslateNode):
        if not node.noop and isinstance(node.filter_expression.var.literal, str):
            ids.add((literal(node.message_context), node.filter_expression.var.literal, None))
    for node in template.nodelist.get_nodes_by_type(BlockTranslateNode):
        singular = node.render_token_list(node.singular)[0]
        plural = node.render_token_list(node.plural)[0] if node.plural else None
        ids.add((literal(node.message_context), singular, plural))
    return ids


_JS_CALL = re.compile(
    r"\b(gettext|ngettext|pgettext)\(\s*"
    r'("(?:[^"\\]|\\.)*")(?:\s*,\s*("(?:[^"\\]|\\.)*"))?'
)


def script_msgids(source: str) -> set[tuple[str | None, str, str | None]]:
    ids = set()
    for function, first, second in _JS_CALL.findall(source):
        first = ast.literal_eval(first)
        second = ast.literal_eval(second) if second else None
        if function == "pgettext":
            ids.add((first, second, None))
        else:
            ids.add((None, first, second if function == "ngettext" else None))
    return ids


_JS_STRING = re.compile(
    r"""(\b(?:n|p)?gettext\(\s*)?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)"""
)
_PROSE = re.compile(r"^[A-Z][a-z]+[ ,:.]")  # "Word ", "Saved. …": a sentence starts


def unmarked_script_strings(source: str) -> list[str]:
    """String literals that read as English sentences but do not go through gettext()."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("//"))
    return [
        text for marked, text in _JS_STRING.findall(code) if not marked and _PROSE.match(text[1:-1])
    ]


def read_po(path: Path) -> dict:
    """msgctxt+msgid (as gettext keys them) → (msgstrs, fuzzy), obsolete entries left out."""
    entries, entry, field = {}, None, None

    def finish():
        if entry and "msgid" in entry:
            key = entry["msgid"]
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            strings = [entry[k] for k in sorted(entry) if k.startswith("msgstr")]
            entries[key] = (strings, entry.get("fuzzy", False), entry.get("msgid_plural"))

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
                entry, field = None, None
            continue
        if entry is None:
            entry = {}
        if line.startswith("#,") and "fuzzy" in line:
            entry["fuzzy"] = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return entries


def read_mo(path: Path) -> dict:
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)._catalog
