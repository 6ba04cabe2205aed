"""The compiled (mypyc) build: which modules are compiled, stale builds, and the CI requirement."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import importlib.machinery
import importlib.util
import os
import re
import types
from pathlib import Path

import pytest

from marsad.native import (
    COMPILED_MODULES,
    COMPILED_PACKAGES,
    PACKAGE_DIR,
    compiled_sources,
    native_status,
    rebuild_hint,
)

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
REPO = Path(__file__).resolve().parents[1]


def fake_package(
    tmp: Path, built: dict[str, float], sources: dict[str, float], checkout: bool = True
) -> Path:
    """A package tree with sources and extension files at given modification times, in a source
    checkout (with setup.py beside it) or laid out as installed."""
    root = tmp / "marsad"
    if checkout:
        (tmp / "setup.py").write_text("")
    for name, mtime in sources.items():
        path = root / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")
        os.utime(path, (mtime, mtime))
    for name, mtime in built.items():
        path = root / f"{name}{SUFFIX}"
        path.write_bytes(b"")
        os.utime(path, (mtime, mtime))
    return root


def test_pure_tree_reports_pure_python(tmp_path: Path) -> None:
    root = fake_package(tmp_path, {}, {"text/normalize": 100, "events/extract": 100})
    status = native_status(root)
    assert status.compiled == () and status.stale == ()
    assert status.describe() == "pure Python"


def test_compiled_modules_and_stale_ones(tmp_path: Path) -> None:
    root = fake_package(
        tmp_path,
        built={"text/normalize": 200, "events/extract": 200},
        sources={"text/normalize": 100, "events/extract": 300, "recognize/times": 100},
    )
    status = native_status(root)
    assert status.compiled == ("marsad.text.normalize", "marsad.events.extract")
    assert status.stale == ("marsad.events.extract",)
    assert "1 older than their source: marsad.events.extract" in status.describe()
    hint = rebuild_hint(status)
    assert "marsad.events.extract" in hint and "pip install -e ." in hint and "MARSAD_COMPILE=0" in hint


def test_installed_layout_is_never_stale(tmp_path: Path) -> None:
    """pip writes a wheel's files in any order: without setup.py beside the package, times are not read."""
    root = fake_package(
        tmp_path, built={"events/extract": 200}, sources={"events/extract": 300}, checkout=False
    )
    status = native_status(root)
    assert status.compiled == ("marsad.events.extract",) and status.stale == ()


def test_single_compiled_modules_are_found(tmp_path: Path) -> None:
    """A compiled module outside the packages (the document model) is listed and judged like the others."""
    root = fake_package(tmp_path, built={"model": 200}, sources={"model": 300, "events/extract": 100})
    status = native_status(root)
    assert status.compiled == ("marsad.model",) and status.stale == ("marsad.model",)


def test_setup_compiles_the_modules_native_lists() -> None:
    """setup.py reads its module list from marsad/native.py, so the two cannot drift apart."""
    setup = (REPO / "setup.py").read_text(encoding="utf-8")
    assert re.search(r"NATIVE\.compiled_sources\(", setup)
    assert all((PACKAGE_DIR / package / "__init__.py").exists() for package in COMPILED_PACKAGES)
    sources = compiled_sources(PACKAGE_DIR)
    assert all(path.exists() and path.name != "__init__.py" for path in sources)
    assert {PACKAGE_DIR / f"{name}.py" for name in COMPILED_MODULES} <= set(sources)


@pytest.mark.skipif(
    os.environ.get("MARSAD_REQUIRE_COMPILED") != "1", reason="needs MARSAD_REQUIRE_COMPILED=1"
)
def test_installed_build_is_compiled_and_current() -> None:
    """CI installs the compiled build (the one users get) and must test it, not a silent fallback."""
    status = native_status()
    expected = {
        ".".join(("marsad", *path.relative_to(PACKAGE_DIR).with_suffix("").parts))
        for path in compiled_sources(PACKAGE_DIR)
    }
    assert set(status.compiled) == expected
    assert status.stale == ()
    spec = importlib.util.find_spec("marsad.events.extract")
    assert spec is not None and spec.origin is not None and spec.origin.endswith(SUFFIX)


HAND_WRITTEN_INITS = [
    ("marsad.recognize.lexicon", "LexMatch"),
    ("marsad.events.triggers", "TriggerHit"),
    ("marsad.recognize.candidates", "Candidate"),
    ("marsad.recognize.times", "TimeMatch"),
    ("marsad.text.segment", "Span"),
    ("marsad.events.actors", "_DraftFacts"),
]


@pytest.mark.parametrize(("module", "name"), HAND_WRITTEN_INITS)
def test_a_hand_written_init_takes_the_fields_in_order_with_their_defaults(module: str, name: str) -> None:
    """The classes built by the thousand write their __init__ out (docs/development.md): it must accept
    exactly what the generated one would, and build the same object. The parameters are read from the
    source, as a compiled __init__ shows no signature."""
    cls = getattr(importlib.import_module(module), name)
    fields = dataclasses.fields(cls)
    init = _init_source(module, name)
    names = [arg.arg for arg in init.args.args[1:]]
    assert names == [f.name for f in fields]
    defaults = dict(zip(names[len(names) - len(init.args.defaults) :], init.args.defaults, strict=True))
    for field in fields:
        if field.default is not dataclasses.MISSING:
            assert ast.literal_eval(defaults[field.name]) == field.default, field.name
        elif field.default_factory is not dataclasses.MISSING:
            assert ast.literal_eval(defaults[field.name]) is None, field.name
        else:
            assert field.name not in defaults, field.name
    if native_status().compiled:
        return  # compiled fields check their types: the sentinel values below would be refused
    required = {n: object() for n in names if n not in defaults}
    built = cls(**required)
    for field in fields:
        expected = required.get(field.name, field.default)
        if field.default_factory is not dataclasses.MISSING:
            expected = field.default_factory()
        assert getattr(built, field.name) == expected, field.name


def _init_source(module: str, name: str) -> ast.FunctionDef:
    """The ``__init__`` of class ``name`` as written in the module's source file."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    source = (Path(spec.origin).parent / f"{module.rsplit('.', 1)[-1]}.py").read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.name == name:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "__init__":
                    return item
    raise AssertionError(f"{module}.{name} writes no __init__")


@pytest.mark.skipif(not native_status().compiled, reason="pure-Python build")
@pytest.mark.parametrize(("module", "name"), HAND_WRITTEN_INITS)
def test_the_compiled_build_compiles_the_hand_written_inits(module: str, name: str) -> None:
    cls = getattr(importlib.import_module(module), name)
    assert not isinstance(cls.__init__, types.FunctionType)


def test_the_document_model_keeps_its_generated_init_so_documents_pickle() -> None:
    """Documents travel to the store's writer process and to Dask workers by pickle. A compiled class
    with a compiled ``__init__`` cannot be unpickled (its ``__new__`` runs the ``__init__`` without
    arguments), so the model's classes keep the ``__init__`` ``@dataclass`` writes."""
    import pickle

    from marsad.model import Document, Entity, EntityKind, Event, Label, Mention, Span

    doc = Document(id="d", text="قصف الطيران حلب")
    doc.mentions.append(Mention(12, 15, "حلب", Label.PLACE, "place:x"))
    doc.entities["place:x"] = Entity("place:x", EntityKind.PLACE, "Aleppo")
    doc.events.append(Event("e1", "ASSAULT", Span(0, 3, "قصف"), evidence=[Span(0, 15, doc.text)]))
    assert pickle.loads(pickle.dumps(doc)) == doc


_CONSTANT_NAME = re.compile(r"_?[A-Z][A-Z0-9_]*")


def _module_constants_not_final(source: str) -> list[str]:
    """UPPER_CASE names a module binds once, at its top level, without ``Final`` (type variables aside)."""
    tree = ast.parse(source)
    bindings: dict[str, int] = {}
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.comprehension)):
            targets = [node.target]
        for target in targets:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    bindings[name.id] = bindings.get(name.id, 0) + 1
        if isinstance(node, ast.Global):
            for name_id in node.names:
                bindings[name_id] = bindings.get(name_id, 0) + 2
    plain = []
    for node in tree.body:
        target, annotation = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            called = node.value.func if isinstance(node.value, ast.Call) else None
            if isinstance(called, ast.Name) and called.id == "TypeVar":
                continue
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, annotation = node.target, ast.unparse(node.annotation)
        if (
            isinstance(target, ast.Name)
            and _CONSTANT_NAME.fullmatch(target.id)
            and bindings.get(target.id) == 1
            and not (annotation or "").startswith(("Final", "ClassVar"))
        ):
            plain.append(target.id)
    return plain


def test_the_constants_of_compiled_modules_are_final() -> None:
    """Compiled code reads a ``Final`` module name from a C variable; a plain one it looks up by name in
    the module's dict, and type-checks, at every use (docs/development.md)."""
    plain = {
        str(path.relative_to(PACKAGE_DIR)): names
        for path in compiled_sources(PACKAGE_DIR)
        if (names := _module_constants_not_final(path.read_text(encoding="utf-8")))
    }
    assert plain == {}


def test_the_constant_check_finds_a_plain_constant() -> None:
    source = (
        "from typing import Final, TypeVar\nT = TypeVar('T')\nA: Final = 1\nB = 2\nC: int = 3\n"
        "D = 4\nD = 5\nE: Final[int] = 6\nlower = 7\n"
    )
    assert _module_constants_not_final(source) == ["B", "C"]
