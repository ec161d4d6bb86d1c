"""Word-level diff of two versions of a segment, for the history and conflict views.

Chunks always rejoin exactly: ``"".join(c.old for c in chunks) == old`` and likewise for new,
so a template can render them without ever losing or inventing a character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

__all__ = ["DiffChunk", "DiffOp", "tokenize_words", "word_diff"]

DiffOp = Literal["equal", "insert", "delete", "replace"]

# Han ideographs and kana carry no spaces between words, so each one is its own token; a whole
# Chinese clause as one token would turn every small change into a full replacement.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN = re.compile(
    rf"[{_CJK}]"
    # Letters/digits; an apostrophe between them stays inside the word ("city's", "people’s").
    rf"|[^\W{_CJK}]+(?:['\u2019][^\W{_CJK}]+)*"
    r"|\s+"
    r"|[^\w\s]+"
)


@dataclass(frozen=True, slots=True)
class DiffChunk:
    op: DiffOp
    old: str
    new: str


def _split_glued(word: str) -> list[str]:
    # MT output often glues two sentences together ("integrate the twoThe development").
    # Splitting at a lower->upper case change lets "twoThe" diff against "two. The" as a pure
    # insertion of ". " instead of a replacement of the whole word. The price is only finer
    # chunks for camelCase words like "iPhone", which still rejoin exactly.
    parts: list[str] = []
    begin = 0
    for index in range(1, len(word)):
        if word[index].isupper() and word[index - 1].islower():
            parts.append(word[begin:index])
            begin = index
    parts.append(word[begin:])
    return parts


def tokenize_words(text: str) -> list[str]:
    """Words, punctuation runs and whitespace runs; ``"".join(tokenize_words(t)) == t``."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if len(token) > 1 and token[0].isalnum():
            tokens.extend(_split_glued(token))
        else:
            tokens.append(token)
    return tokens


def _as_ids(tokens: list[str], vocabulary: dict[str, int]) -> list[int]:
    # rapidfuzz compares list items by hash; small ints are their own hash, so interning
    # tokens rules out a collision ever reporting two different words as equal.
    return [vocabulary.setdefault(token, len(vocabulary)) for token in tokens]


def _raw_chunks(old_tokens: list[str], new_tokens: list[str]) -> list[DiffChunk]:
    vocabulary: dict[str, int] = {}
    old_ids = _as_ids(old_tokens, vocabulary)
    new_ids = _as_ids(new_tokens, vocabulary)
    chunks: list[DiffChunk] = []
    pending_old: list[str] = []
    pending_new: list[str] = []

    def flush() -> None:
        if pending_old or pending_new:
            removed, added = "".join(pending_old), "".join(pending_new)
            op: DiffOp = "replace" if removed and added else ("delete" if removed else "insert")
            chunks.append(DiffChunk(op, removed, added))
            pending_old.clear()
            pending_new.clear()

    # Indel (LCS) keeps the most words in common; its delete+insert pairs between two equal
    # runs are gathered into one "replace", which is what a reader calls that change.
    for tag, i1, i2, j1, j2 in Indel.opcodes(old_ids, new_ids).as_list():
        if tag == "equal":
            flush()
            same = "".join(old_tokens[i1:i2])
            chunks.append(DiffChunk("equal", same, "".join(new_tokens[j1:j2])))
        else:
            pending_old.extend(old_tokens[i1:i2])
            pending_new.extend(new_tokens[j1:j2])
    flush()
    return chunks


def _absorb_lone_spaces(chunks: list[DiffChunk]) -> list[DiffChunk]:
    # "the quick brown" -> "a slow brown" would otherwise read as replace, equal " ", replace.
    # A whitespace-only equal chunk between two changes is noise: fold it into one replacement.
    merged: list[DiffChunk] = []
    for index, chunk in enumerate(chunks):
        lone_space = (
            chunk.op == "equal"
            and chunk.old.isspace()
            and 0 < index < len(chunks) - 1
            and merged[-1].op != "equal"
            and chunks[index + 1].op != "equal"
        )
        if lone_space or (chunk.op != "equal" and merged and merged[-1].op != "equal"):
            previous = merged.pop()
            old, new = previous.old + chunk.old, previous.new + chunk.new
            merged.append(
                DiffChunk("replace" if old and new else ("delete" if old else "insert"), old, new)
            )
        else:
            merged.append(chunk)
    return merged


def word_diff(old: str, new: str) -> list[DiffChunk]:
    """Diff two texts word by word into chunks that rejoin to exactly ``old`` and ``new``."""
    if old == new:
        return [DiffChunk("equal", old, new)] if old else []
    return _absorb_lone_spaces(_raw_chunks(tokenize_words(old), tokenize_words(new)))
