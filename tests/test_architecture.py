"""The package's layout rules, read from the source with ``ast``: every import counts, including those
inside functions and under ``TYPE_CHECKING``.

- no import cycle between any two modules of the package;
- no GUI section package imports another section package (they meet through the navigator and the
  change notices);
- the layers point down: ``domain`` knows no Qt and no peewee, nothing below ``gui`` imports Qt widgets.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "jiazheng_desktop"
PACKAGE = PACKAGE_DIR.name
SECTIONS = {
    "home",
    "customers",
    "incidents",
    "vouchers",
    "renewals",
    "workers",
    "scripts",
    "reminders",
    "reports",
    "settings",
}
GENERATED = PACKAGE_DIR / "gui" / "forms"


def module_name(path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {
        module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py")) if GENERATED not in path.parents
    }


MODULES = all_modules()


def imported_names(name: str, path: Path) -> Iterator[str]:
    """Every module ``path`` imports (absolute names), wherever the import statement stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield sub if sub in MODULES else target


def import_graph() -> dict[str, set[str]]:
    return {
        name: {target for target in imported_names(name, path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }


GRAPH = import_graph()


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (as a closed path of modules), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def section_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] == "gui" and parts[2] in SECTIONS:
        return parts[2]
    return None


def test_the_checker_sees_every_kind_of_import() -> None:
    """The walk finds imports inside functions and under TYPE_CHECKING, relative and absolute."""
    shell = GRAPH[f"{PACKAGE}.gui.window.shell"]
    assert f"{PACKAGE}.gui.customers.page" in shell  # imported inside a page factory
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_anywhere_in_the_package() -> None:
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_no_gui_section_imports_another() -> None:
    crossings = sorted(
        f"{source} → {target}"
        for source, targets in GRAPH.items()
        for target in targets
        if section_of(source) and section_of(target) and section_of(source) != section_of(target)
    )
    assert crossings == []


def test_gui_common_and_sections_never_import_the_window_frame() -> None:
    """Sections reach the frame through the page contract and the navigator's protocol only."""
    offending = sorted(
        f"{source} → {target}"
        for source, targets in GRAPH.items()
        if section_of(source) or source.startswith(f"{PACKAGE}.gui.common")
        for target in targets
        if target.startswith(f"{PACKAGE}.gui.window")
    )
    assert offending == []


def test_gui_common_imports_no_section() -> None:
    offending = sorted(
        f"{source} → {target}"
        for source, targets in GRAPH.items()
        if source.startswith(f"{PACKAGE}.gui.common")
        for target in targets
        if section_of(target)
    )
    assert offending == []


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("domain", ("PySide6", "peewee", "playhouse", f"{PACKAGE}.storage", f"{PACKAGE}.services")),
        ("storage", ("PySide6", f"{PACKAGE}.services", f"{PACKAGE}.gui")),
        ("services", ("PySide6", f"{PACKAGE}.gui")),
        ("reminders", ("PySide6", f"{PACKAGE}.gui")),
        ("documents", ("PySide6", f"{PACKAGE}.gui", "peewee")),
    ],
)
def test_layers_point_down(layer: str, forbidden: tuple[str, ...]) -> None:
    offending = sorted(
        f"{name} → {target}"
        for name, path in MODULES.items()
        if name.startswith(f"{PACKAGE}.{layer}")
        for target in imported_names(name, path)
        if target.startswith(forbidden)
    )
    assert offending == []
