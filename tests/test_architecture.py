"""The layering rules of ARCHITECTURE.md, checked on the source so they cannot rot."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE_PACKAGES = [
    "corpus/text",
    "corpus/importers",
    "annotate/qa",
    "annotate/glossary",
    "annotate/exporters",
    "annotate/rules.py",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_import_no_django(package):
    path = ROOT / package
    files = [path] if path.is_file() else list(path.rglob("*.py"))
    assert files, f"{package} has no modules"
    for path in files:
        bad = {
            m
            for m in imported_modules(path)
            if m == "django" or m.startswith(("django.", "django_"))
        }
        assert not bad, (
            f"{path.relative_to(ROOT)} imports {sorted(bad)}: pure packages stay free of Django"
        )


def test_corpus_never_imports_annotate():
    for path in (ROOT / "corpus").rglob("*.py"):
        bad = {m for m in imported_modules(path) if m == "annotate" or m.startswith("annotate.")}
        assert not bad, (
            f"{path.relative_to(ROOT)} imports {sorted(bad)}: annotate depends on corpus, not the reverse"
        )


def test_modules_stay_small():
    for path in list((ROOT / "corpus").rglob("*.py")) + list((ROOT / "annotate").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 450, f"{path.relative_to(ROOT)} has {lines} lines; split it"
