"""What the target must carry over unchanged: Latin-script names and codes, URLs, e-mails,
hashtags, printf-style variables and the placeholders standing for inline XLIFF codes."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from corpus.text.i18n import N_

from ..base import Check, CheckContext, Finding, Severity, quote

PLACEHOLDER = re.compile("[\ue000-\uf8ff]")
"""Private-use characters: the import writes one per inline code (<g>, <x/>, <ph>, ...)."""

_STOP = r"\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_TOKEN = re.compile(
    rf"(?P<url>(?:https?://|www\.)[^{_STOP}]+[^{_STOP}.,;:!?)\]])"
    r"|(?P<email>[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)"
    r"|(?P<tag>#[A-Za-z_]\w*#?)"
    r"|(?P<var>\{\{?\w*\}\}?|%\d*\$?[sdif]\b|\$\{\w+\})"
    r"|(?<![\d\w])(?P<word>[A-Za-z][A-Za-z0-9]*(?:[-_.'’&][A-Za-z0-9]+)*)",
    re.ASCII,
)
# Latin words Chinese writers use as ordinary nouns; English writes them in its own case.
_COMMON = frozenset({"app", "apps", "ok", "wifi", "email", "vs", "pk"})


def source_tokens(source: str) -> list[str]:
    """The tokens of ``source`` a translation keeps unchanged, in order, without repeats."""
    if source.isascii() and not PLACEHOLDER.search(source):
        return []  # an English or empty "source" has nothing to carry over
    tokens: dict[str, None] = {}
    for m in _TOKEN.finditer(source):
        token = m.group()
        if m.group("word"):
            if source[m.start() - 1 : m.start()].isdigit() and m.start():
                continue  # a unit stuck to its number: 500ML, 10kg
            if len(token) == 1 or token.lower() in _COMMON:
                continue
        tokens[token] = None
    return list(tokens)


@lru_cache(maxsize=4096)
def _pattern(token: str) -> re.Pattern[str]:
    # Spaces the MT slipped in next to punctuation (#PRS_ORG # for #PRS_ORG#) and a plural or
    # possessive ending still find the token, case-insensitively; the case is judged apart.
    parts = [re.escape(token[0])]
    for a, b in itertools.pairwise(token):
        parts.append(("" if a.isalnum() and b.isalnum() else r" ?") + re.escape(b))
    tail = r"(?:s|es|'s|’s)?" if token[-1].isalpha() else ""
    end = r"(?![\w@])" if token[-1].isalnum() else ""
    return re.compile(rf"(?<![\w@])(?P<core>{''.join(parts)})(?P<tail>{tail}){end}", re.I)


def _acceptable(token: str, core: str) -> bool:
    # A source "tiktok" may become "TikTok"; a name "Meta" must not become "meta".
    return core == token or (token.islower() and core.lower() == token)


class VerbatimTokens(Check):
    id = "verbatim-token"
    severity = Severity.WARNING
    title = N_("Name, code or link of the source changed")
    explanation = N_(
        "Latin-script names and codes, URLs, e-mail addresses, hashtags and variables in the Chinese source belong unchanged in the English target. Missing ones are flagged; one that is there with spaces slipped in or its capitals lost gets its source form as a fix."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if not ctx.source:
            return
        for token in source_tokens(ctx.source):
            if len(token) > 1 and PLACEHOLDER.fullmatch(token):
                continue
            matches = list(_pattern(token).finditer(text))
            if any(_acceptable(token, m.group("core")) for m in matches):
                continue
            if not matches:
                yield self.finding(
                    0, len(text), N_("Source %(token)s is not in the target", token=quote(token))
                )
                continue
            for m in matches:
                core = m.group("core")
                fix = token
                if (
                    " " in core
                    and not token[-1].isalnum()
                    and text[m.end() : m.end() + 1].isalnum()
                ):
                    fix += " "  # "#PRS_ORG #RED" -> "#PRS_ORG# RED": the space moves out
                message = N_(
                    "Source %(token)s appears as %(core)s in the target",
                    token=quote(token),
                    core=quote(core),
                )
                yield self.finding(m.start(), m.end("core"), message, fix)


class Placeholders(Check):
    id = "placeholder-mismatch"
    severity = Severity.ERROR
    title = N_("Inline codes differ from the source")
    explanation = N_(
        "The placeholders standing for the source's inline codes (formatting, links, variables of the XLIFF file) must all be in the target, each once. A placeholder the source does not have cannot be exported and gets its removal as a fix."
    )

    def find(self, text: str, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.source is None or (
            not PLACEHOLDER.search(ctx.source) and not PLACEHOLDER.search(text)
        ):
            return
        wanted = Counter(PLACEHOLDER.findall(ctx.source))
        have = Counter(PLACEHOLDER.findall(text))
        for code, count in (wanted - have).items():
            message = N_(
                "Inline code %(name)s of the source is missing from the target", name=_name(code)
            )
            if count > 1:
                message += f" ({count} times)"
            yield self.finding(0, len(text), message)
        extra = have - wanted
        for m in PLACEHOLDER.finditer(text):
            code = m.group()
            if extra[code]:
                extra[code] -= 1
                fix = "" if code not in wanted else None
                yield self.finding(
                    m.start(),
                    m.end(),
                    (N_("Inline code %(name)s is not in the source", name=_name(code)))
                    if fix == ""
                    else (
                        N_(
                            "Inline code %(name)s occurs more often than in the source",
                            name=_name(code),
                        )
                    ),
                    fix,
                )


def _name(code: str) -> str:
    return f"#{ord(code) - 0xE000 + 1}"
