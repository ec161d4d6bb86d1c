"""The layering rules of ARCHITECTURE.md, checked on the source so they cannot rot.

Four apps, one direction: corpus <- glossary <- annotate <- export. Each imports only the apps to
its left; pure packages import no Django; no module imports itself back through a cycle; tasks
are declared beside the function they run and only their own app enqueues them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("corpus", "glossary", "annotate", "export", "api")  # in dependency order
PURE_PACKAGES = [
    "corpus/text",
    "corpus/importers",
    "glossary/terms",
    "annotate/qa",
    "annotate/rules.py",
    "annotate/charts.py",
    "export/exporters",
]
# The text writes that leave spans where they were; only the edits that remap spans call them.
RAW_WRITES = {"raw_edit", "raw_restore", "raw_merge", "raw_split"}
RAW_CALLERS = {"corpus/services/segments.py", "annotate/services/edits.py"}


def app_modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the four apps (migrations aside)."""
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = app_modules()


def imports_of(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Absolute module names a file imports (``from a.b import c`` counts a.b.c when that is a
    module of ours, else a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                names.add(candidate if candidate in MODULES else node.module)
    return names


def app_of(module: str) -> str | None:
    head = module.split(".")[0]
    return head if head in APPS else None


def _framework(module: str) -> bool:
    return module == "django" or module.startswith(("django.", "django_"))


def _pure(module: str) -> bool:
    return any(
        module == p.removesuffix(".py").replace("/", ".")
        or module.startswith(p.replace("/", ".") + ".")
        for p in PURE_PACKAGES
    )


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_import_no_django(package):
    path = ROOT / package
    files = [path] if path.is_file() else list(path.rglob("*.py"))
    assert files, f"{package} has no modules"
    for path in files:
        bad = {
            m
            for m in imports_of(path)
            if m == "django"
            or m.startswith(("django.", "django_"))
            or (
                app_of(m)
                and not m.startswith(package.removesuffix(".py").replace("/", "."))
                and not m.startswith(("corpus.text", "corpus.importers"))
            )
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}: pure packages stay pure"


def test_apps_import_only_to_their_left():
    for module, path in MODULES.items():
        allowed = set(APPS[: APPS.index(app_of(module)) + 1])
        against = {m for m in imports_of(path) if app_of(m) and app_of(m) not in allowed}
        assert not against, (
            f"{path.relative_to(ROOT)} imports {sorted(against)}: the direction is "
            + " <- ".join(APPS)
        )


def test_no_import_cycles():
    graph = {m: {i for i in imports_of(p) if i in MODULES and i != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], module, target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*path, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_no_imports_of_our_modules_inside_functions():
    """An import inside a function is how a cycle hides; the apps import each other at the top."""
    for path in MODULES.values():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [
                    alias.name if isinstance(n, ast.Import) else n.module or ""
                    for n in ast.walk(node)
                    if isinstance(n, ast.Import | ast.ImportFrom)
                    for alias in n.names
                ]
                ours = [name for name in inner if app_of(name)]
                assert not ours, f"{path.relative_to(ROOT)}: imports {ours} inside {node.name}()"


def _task_names() -> dict[str, set[str]]:
    """Module -> names of the tasks it declares (functions decorated with django_tasks' task)."""
    found: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if isinstance(target, ast.Name) and target.id == "task":
                        found.setdefault(module, set()).add(node.name)
    return found


def test_tasks_are_declared_beside_their_function_and_enqueued_by_their_own_app():
    tasks = _task_names()
    assert tasks, "no task declarations found: the scan is broken"
    assert not any(m.endswith(".tasks") for m in MODULES), "tasks live beside their functions"
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in tasks:
                used = {alias.name for alias in node.names} & tasks[node.module]
                foreign = app_of(node.module) != app_of(module)
                assert not (used and foreign), (
                    f"{path.relative_to(ROOT)} imports the task(s) {sorted(used)} of "
                    f"{node.module}: call that app's service, which enqueues them"
                )


def test_only_the_span_keeping_edits_call_the_raw_text_writes():
    for path in MODULES.values():
        relative = path.relative_to(ROOT).as_posix()
        if relative in RAW_CALLERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        named |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        named |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        assert not named & RAW_WRITES, (
            f"{relative} uses {sorted(named & RAW_WRITES)}: edit through "
            "annotate.services.edits, which keeps spans on their characters"
        )


def test_no_file_is_named_after_another_app():
    for app in APPS:
        others = [a for a in APPS if a != app]
        for path in (ROOT / app).rglob("*.py"):
            assert not path.stem.startswith(tuple(f"{o}_" for o in others)), (
                f"{path.relative_to(ROOT)} is named after another app: move it there"
            )


def test_modules_stay_small():
    for path in MODULES.values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines; split it"
