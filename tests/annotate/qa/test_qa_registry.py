"""The registry: stable ids, complete metadata, pure modules, the shared types."""

from __future__ import annotations

import ast
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

import annotate.qa
from annotate.qa import CHECKS, Check, CheckContext, Finding, Severity, get_check, run_checks

STABLE_IDS = [
    "chinese-leftover",
    "mojibake",
    "control-chars",
    "joined-words",
    "missing-space",
    "stray-punctuation",
    "space-before-punctuation",
    "repeated-word",
    "repeated-phrase",
    "x-and-x",
    "capital-after-comma",
    "mid-sentence-capital",
    "unbalanced-quotes",
    "suspicious-unit",
    "numbers-changed",
    "fragment",
    "space-before-quote",
    "split-sentence",
    "dash-misuse",
    "glued-source",
    "unseparated-number",
    "repeated-across-punctuation",
    "untranslated",
    "placeholder-mismatch",
    "source-numbers",
    "verbatim-token",
    "missing-term",
    "length-ratio",
    "sentence-type",
    "source-pairs",
]


def test_ids_are_stable_and_unique():
    assert [c.id for c in CHECKS] == STABLE_IDS


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_every_check_explains_itself(check):
    assert isinstance(check, Check)
    assert isinstance(check.severity, Severity)
    assert check.title and len(check.explanation) > 40
    assert get_check(check.id) is check


def test_unknown_id():
    with pytest.raises(KeyError):
        get_check("spelling")


def test_run_checks_sorts_and_accepts_check_classes():
    text = "The the plan was approved .Then twoThe rest."
    findings = run_checks(text)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    only = run_checks(text, checks=[type(get_check("repeated-word"))])
    assert [f.check_id for f in only] == ["repeated-word"]


def test_types():
    finding = Finding(
        "repeated-word", 0, 9, 'Repeated word: "task Task"', "task", severity=Severity.ERROR
    )
    with pytest.raises(FrozenInstanceError):
        finding.start = 1
    with pytest.raises(ValueError):
        Finding("repeated-word", 5, 2, "backwards", severity=Severity.ERROR)
    assert Severity.ERROR == "error"
    ctx = CheckContext()
    assert ctx.mt_text is None and ctx.paragraph is None and dict(ctx.forbidden) == {}
    assert ctx.previous is None and ctx.next is None
    assert (ctx.style.quotes, ctx.style.dash, ctx.style.thousands) == (None, "em", ",")
    with pytest.raises(FrozenInstanceError):
        ctx.style.dash = "en"


def test_pure_modules_import_no_django_or_spacy():
    package = Path(annotate.qa.__file__).parent
    for path in package.glob("**/*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(("django", "spacy", "en_core_web")), (
                    f"{path.name} imports {name}"
                )
