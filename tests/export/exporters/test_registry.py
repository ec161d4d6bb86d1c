"""The registry: stable ids, complete metadata, no Django, spaCy only when a format needs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from export.exporters import EXPORTERS, Exporter, exporters_of_kind, get_exporter

STABLE_IDS = [
    "redline-jsonl",
    "doccano-jsonl",
    "prodigy-jsonl",
    "spacy-docbin",
    "conll-iob",
    "plain-text",
    "pairs-jsonl",
    "pairs-tsv",
    "xliff-1.2",
    "xliff-2.0",
    "tmx",
]


def test_ids_are_stable_and_unique():
    # Ids are stored in forms and task arguments: renaming one breaks saved exports.
    assert [e.id for e in EXPORTERS] == STABLE_IDS


@pytest.mark.parametrize("exporter", EXPORTERS, ids=lambda e: e.id)
def test_each_exporter_describes_its_download(exporter):
    assert issubclass(exporter, Exporter)
    assert exporter.label and exporter.description
    assert exporter.extension.startswith(".") and exporter.extension == exporter.extension.lower()
    assert "/" in exporter.media_type
    assert get_exporter(exporter.id) is exporter
    exporter()  # every format works with its defaults


def test_unknown_ids_say_what_exists():
    with pytest.raises(KeyError, match="known: redline-jsonl"):
        get_exporter("tbx")


def test_segment_formats_are_the_segment_kind():
    assert exporters_of_kind("segments") == EXPORTERS
    assert exporters_of_kind("glossary") == ()


def test_importing_the_package_loads_neither_django_nor_spacy():
    code = "import sys, export.exporters; print(sorted(m for m in ('django', 'spacy') if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"
