"""The shape of the package, as docs/architecture.md draws it: no module imports one that imports it back,
no private name is used outside its module, the kind of body is compared by name only in the rules, and
`check` stays small because the schema does the reading."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "govdocs"


def modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        out[name.removesuffix(".__init__")] = path
    return out


def imports(mods: dict[str, Path]) -> list[tuple[str, str, str | None]]:
    """(importer, imported module, name taken from it or None) for every import, inside functions too."""
    out = []
    for mod, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                out += [(mod, a.name, None) for a in node.names if a.name in mods]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    if full in mods:
                        out.append((mod, full, None))
                    elif node.module in mods:
                        out.append((mod, node.module, a.name))
    return out


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_module_imports_one_that_imports_it():
    mods = modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for a, b, _ in imports(mods):
        if a != b:
            edges[a].add(b)
    assert cycles(edges) == []


def test_no_private_name_is_imported_from_another_module():
    taken = [(a, b, n) for a, b, n in imports(modules()) if n and n.startswith("_") and not n.startswith("__")]
    assert taken == []


def test_the_kind_of_body_is_compared_by_name_only_in_the_rules():
    kinds = {"principal", "parish", "nhs", "partnership"}
    offenders = []
    for mod, path in modules().items():
        if mod == "govdocs.rules":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare):
                names = [c.value for c in [node.left, *node.comparators] if isinstance(c, ast.Constant)]
                if kinds & set(names):
                    offenders.append(f"{mod}:{node.lineno}")
    assert offenders == []


def test_check_is_small_because_the_schema_reads_the_record():
    lines = (PACKAGE / "validate.py").read_text().count("\n")
    assert lines < 200, f"validate.py has {lines} lines"


def test_nothing_catches_every_exception_silently():
    bare = []
    for mod, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler) and node.type is None:
                bare.append(f"{mod}:{node.lineno}")
    assert bare == []


def test_the_site_asks_the_render_context_what_is_public():
    """One way to decide what is public: the site has no exemption test of its own."""
    for path in (PACKAGE / "site").glob("*.py"):
        tree = ast.parse(path.read_text())
        names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert not names & {"is_exempt", "action_is_exempt", "item_is_exempt", "exempt"}, path.name
