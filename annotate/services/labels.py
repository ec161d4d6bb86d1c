"""The default label set every new corpus starts with, and creating a corpus with it.

Corpus creation lives in corpus, labels here; so whatever creates a corpus (the admin, the
import_texts and import_dataset commands, any future screen or API) creates it through
create_corpus (or new_corpus, for a person), or calls ensure_default_labels right after. The defaults are seeds/labels.json.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from annotate.models import Label
from corpus.models import Corpus
from corpus.services import corpora


@cache
def default_labels() -> tuple[dict, ...]:
    path = Path(settings.BASE_DIR) / "seeds" / "labels.json"
    return tuple(json.loads(path.read_text(encoding="utf-8")))


def ensure_default_labels(corpus: Corpus) -> list[str]:
    """Add the default labels the corpus lacks (by key); returns the keys added.

    Labels the corpus already has are left as they are; a default whose shortcut is taken comes
    without one rather than failing.
    """
    with transaction.atomic():
        existing = dict(corpus.labels.values_list("key", "shortcut"))
        taken = set(existing.values()) - {""}
        added = []
        for spec in default_labels():
            if spec["key"] in existing:
                continue
            shortcut = spec.get("shortcut", "")
            Label.objects.create(
                corpus=corpus, **{**spec, "shortcut": "" if shortcut in taken else shortcut}
            )
            taken.add(shortcut)
            added.append(spec["key"])
    return added


def create_corpus(name: str, *, labels: bool = True, **defaults) -> tuple[Corpus, bool]:
    """The corpus of this name, created (with the default labels unless `labels` is False) if
    there is none yet. Returns (corpus, created)."""
    with transaction.atomic():
        corpus, created = Corpus.objects.get_or_create(name=name, defaults=defaults)
        if created and labels:
            ensure_default_labels(corpus)
    return corpus, created


def new_corpus(actor, **fields) -> Corpus:
    """A corpus a person starts (the screen and the API): corpus's rules, plus the labels."""
    with transaction.atomic():
        corpus = corpora.create(actor, **fields)
        ensure_default_labels(corpus)
    return corpus
