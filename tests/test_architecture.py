"""The shape of the code, checked from its import statements and its syntax tree,
so the rules in ARCHITECTURE.md stay true: no import cycles between modules of
arena/, core/ below every feature, small files and functions, and a label for
every audit log action the code writes."""

import ast
import re
from pathlib import Path

from arena.audit.labels import ACTION_LABELS

ARENA = Path(__file__).resolve().parents[1] / "arena"
# Modules below the features that core may use: wiring, settings and languages.
CORE_MAY_IMPORT = {"arena.extensions", "arena.config", "arena.i18n"}
MAX_FILE_LINES, MAX_FUNCTION_LINES = 400, 60


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ARENA.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in ARENA.rglob("*.py")}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _known(name: str) -> str | None:
    """The arena module `name` refers to (a name inside a module: that module)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, tree: ast.AST) -> set[str]:
    """Every arena module this one imports, at the top or inside functions.

    `from package import submodule` depends on the submodule, not on the package's
    own code; a module's own parent packages are not counted (Python runs them anyway).
    """
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            subs = [
                f"{node.module}.{a.name}"
                for a in node.names
                if f"{node.module}.{a.name}" in MODULES
            ]
            names = subs if len(subs) == len(node.names) else [*subs, node.module]
        else:
            continue
        for name in names:
            target = _known(name)
            if target and target != module and not module.startswith(f"{target}."):
                found.add(target)
    return found


GRAPH = {name: _imported(name, tree) for name, tree in TREES.items()}


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_is_read():
    assert len(MODULES) > 60
    assert "arena.proposals.services" in GRAPH["arena.proposals.views"]


def test_no_import_cycle_between_modules():
    assert _cycles() == []


def test_core_imports_no_feature_package():
    wrong = {
        (module, target)
        for module, targets in GRAPH.items()
        if module.startswith("arena.core")
        for target in targets
        if not target.startswith("arena.core") and target not in CORE_MAY_IMPORT
    }
    assert wrong == set()


def test_no_file_over_400_lines():
    long = {
        str(p.relative_to(ARENA)): n
        for p in MODULES.values()
        if (n := len(p.read_text().splitlines())) > MAX_FILE_LINES
    }
    assert long == {}


def test_no_function_over_60_lines():
    long = [
        f"{module}.{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for module, tree in TREES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


AUDIT_KEY = re.compile(r"^[a-z_]+\.[a-z_]+$")
# What `moderation.rules.kind_of` names the items facilitators decide on.
MODERATED_KINDS = ("proposal", "comment")


def _audit_keys(tree: ast.AST) -> set[str]:
    """The action keys a module that writes the audit log uses: string constants shaped
    like "proposal.select", and `f"{kind}.{verb}"` keys completed from the verbs passed
    to the function that builds them."""
    keys = {
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and AUDIT_KEY.match(n.value)
    }
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        parameters = [a.arg for a in function.args.args]
        for joined in (n for n in ast.walk(function) if isinstance(n, ast.JoinedStr)):
            named = [
                v.value.id
                for v in joined.values
                if isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name)
            ]
            for verb_name in (name for name in named if name in parameters):
                position = parameters.index(verb_name)
                for call in (
                    n
                    for n in ast.walk(tree)
                    if isinstance(n, ast.Call) and getattr(n.func, "id", None) == function.name
                ):
                    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
                        keys.update(
                            f"{kind}.{call.args[position].value}" for kind in MODERATED_KINDS
                        )
    return keys


def test_every_audit_action_has_a_label():
    written = set()
    for module, tree in TREES.items():
        if module.startswith("arena.audit") or "arena.audit.services" not in GRAPH[module]:
            continue
        written |= _audit_keys(tree)
    # The walk must find the keys, or this test would pass by finding none.
    assert {"proposal.hide", "comment.auto_hide", "cycle.create", "commitment.adopt"} <= written
    assert sorted(written - ACTION_LABELS.keys()) == []
