"""The package's layers only look down: ``read`` (the only place that knows cells and grids) → ``validate`` and
``compute`` → ``report`` and ``documents`` (the outputs, one layer) → the doors through the library API
(``api.py``); the doors are ``cli*.py``, ``excel.py`` and ``nightly.py``. Every import counts, at the top of
a module or inside a function.

Each rule has a twin on a made-up graph, to show it fires.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "rpe_xl"
# layer -> layers it must not import
FORBIDDEN = {
    "read": {"compute", "validate", "validate.rules", "report", "documents", "api", "door"},
    "compute": {"validate", "validate.rules", "report", "documents", "api", "door"},
    "validate": {"report", "documents", "api", "door"},
    "validate.rules": {"report", "documents", "api", "door"},
    "report": {"validate", "validate.rules", "api", "door"},
    "documents": {"validate", "validate.rules", "api", "door"},
    "api": {"door", "validate.rules"},
    "door": {"validate", "validate.rules"},
}


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> str:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    if top == "validate":
        return "validate.rules" if len(parts) > 2 and parts[2] == "rules" else "validate"
    if top.startswith("cli") or top in ("excel", "nightly"):
        return "door"
    return top if top in ("read", "compute", "report", "documents", "api") else "base"


def imports(path: Path, root: Path = ROOT) -> list[tuple[str, str]]:
    """(module imported, name imported or "") of every import of the package in the file."""
    module = module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("rpe_xl")):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            out += [(target, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            out += [(alias.name, "") for alias in node.names if alias.name.startswith("rpe_xl")]
    return out


def graph(files: list[Path]) -> dict[str, set[str]]:
    """Module -> modules it imports (``from .x import y`` counts as the module ``x.y`` when it is one)."""
    known = {module_name(f) for f in files}
    return {module_name(f): {f"{t}.{n}" if f"{t}.{n}" in known else t for t, n in imports(f)} - {module_name(f)}
            for f in files}


def layer_faults(edges: dict[str, set[str]]) -> list[str]:
    return sorted(f"{m} -> {t}" for m, targets in edges.items() for t in targets
                  if layer(t) in FORBIDDEN.get(layer(m), ()))


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_faults(files: list[Path], root: Path = ROOT) -> list[str]:
    """Private modules (``_common``) or private names (``_helper``) imported from outside the package that owns
    them (a leading underscore means: private to its package)."""
    out = []
    for f in files:
        module = module_name(f, root)
        here = module if f.name == "__init__.py" else module.rsplit(".", 1)[0]
        for target, name in imports(f, root):
            parts = target.split(".")
            at = next((i for i, p in enumerate(parts) if _private(p)), None)
            if at is not None:
                owner = ".".join(parts[:at])
            elif _private(name):
                is_package = (root.joinpath(*parts) / "__init__.py").exists()
                owner = target if is_package else ".".join(parts[:-1])
            else:
                continue
            if not f"{here}.".startswith(f"{owner}."):
                out.append(f"{module} imports {target}.{name}")
    return sorted(out)


FILES = sorted(PACKAGE.rglob("*.py"))


def test_layers_only_look_down():
    assert layer_faults(graph(FILES)) == []


def test_no_door_or_document_reaches_into_the_rules():
    edges = graph(FILES)
    into_rules = sorted(f"{m} -> {t}" for m, ts in edges.items() for t in ts
                        if layer(t) == "validate.rules" and layer(m) not in ("validate", "validate.rules"))
    assert into_rules == []


def test_no_import_cycle():
    assert cycles(graph(FILES)) == []


def test_no_private_helper_is_used_outside_its_package():
    assert private_faults(FILES) == []


def test_the_rules_fire_on_a_made_up_graph(tmp_path):
    """A read module importing compute, a document importing a rule, two modules importing each other, and a
    rule importing a private helper of compute."""
    edges = {"rpe_xl.read.a": {"rpe_xl.compute.b"}, "rpe_xl.compute.b": {"rpe_xl.read.a"},
             "rpe_xl.documents.c": {"rpe_xl.validate.rules.d"}, "rpe_xl.validate.rules.d": set()}
    assert layer_faults(edges) == ["rpe_xl.documents.c -> rpe_xl.validate.rules.d", "rpe_xl.read.a -> rpe_xl.compute.b"]
    assert cycles(edges) == [["rpe_xl.compute.b", "rpe_xl.read.a"]]
    fake = tmp_path / "rpe_xl" / "validate" / "rules"
    fake.mkdir(parents=True)
    (tmp_path / "rpe_xl" / "compute" / "indicators").mkdir(parents=True)
    (tmp_path / "rpe_xl" / "compute" / "indicators" / "__init__.py").write_text("", encoding="utf-8")
    (fake / "x.py").write_text("from ...compute.indicators._common import filled\n"
                               "from ...compute.indicators import _helper\n", encoding="utf-8")
    assert private_faults([fake / "x.py"], tmp_path) == [
        "rpe_xl.validate.rules.x imports rpe_xl.compute.indicators._common.filled",
        "rpe_xl.validate.rules.x imports rpe_xl.compute.indicators._helper"]


def test_every_module_holding_a_rule_is_registered():
    """A module with an ``@rule`` that ``validate/rules/__init__.py`` does not import would never run."""
    import rpe_xl.validate.rules as rules

    folder = Path(rules.__file__).parent
    holding = {p.stem for p in folder.glob("*.py") if "\n@rule\n" in p.read_text(encoding="utf-8")}
    assert holding and holding <= set(vars(rules))
