"""Which of marsad's modules run compiled, and whether a compiled one is older than its source.

``setup.py`` compiles the text-analysis packages with mypyc unless ``MARSAD_COMPILE=0``. In an
editable install the compiled files sit next to the sources and take precedence, so an edited source
has no effect until the package is built again: ``stale_modules`` finds such files for the tests and
the benchmarks, which refuse to measure code that is not the code on disk.
"""

from __future__ import annotations

import importlib.machinery
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED_PACKAGES = ("text", "recognize", "events")  # setup.py compiles these (their __init__ stays Python)
# Single modules compiled with them: the document model, whose mentions the compiled code reads
# attribute by attribute (a compiled class's fields are read directly, not looked up by name), and the
# gazetteer's place record, read the same way by the place recognizer and resolver.
COMPILED_MODULES = ("model", "gazetteer/model")


def compiled_sources(package_dir: Path) -> list[Path]:
    """The source files mypyc compiles, in a stable order: every module of the compiled packages but
    their ``__init__.py``, then the single modules."""
    sources = [
        path
        for package in COMPILED_PACKAGES
        for path in sorted((package_dir / package).glob("*.py"))
        if path.name != "__init__.py"
    ]
    return sources + [package_dir / f"{name}.py" for name in COMPILED_MODULES]


@dataclass(frozen=True, slots=True)
class NativeStatus:
    """The compiled modules found beside their sources, and those older than their source."""

    compiled: tuple[str, ...]
    stale: tuple[str, ...]

    def describe(self) -> str:
        """One line for reports: "compiled (17 modules, mypyc)" or "pure Python"."""
        if not self.compiled:
            return "pure Python"
        text = f"compiled ({len(self.compiled)} modules, mypyc)"
        if self.stale:
            text += f"; {len(self.stale)} older than their source: {', '.join(self.stale)}"
        return text


def native_status(package_dir: Path = PACKAGE_DIR) -> NativeStatus:
    """Look for compiled extension files next to the sources of the compiled packages. Staleness is
    judged in a source checkout only (``setup.py`` beside the package): an installer writes the files
    of a wheel in any order, so their times say nothing there."""
    checkout = (package_dir.parent / "setup.py").exists()
    compiled: list[str] = []
    stale: list[str] = []
    for source in compiled_sources(package_dir):
        built = [
            source.with_name(source.stem + suffix)
            for suffix in importlib.machinery.EXTENSION_SUFFIXES
            if source.with_name(source.stem + suffix).exists()
        ]
        if not built or not source.exists():
            continue
        name = ".".join(("marsad", *source.relative_to(package_dir).with_suffix("").parts))
        compiled.append(name)
        if checkout and source.stat().st_mtime > max(path.stat().st_mtime for path in built):
            stale.append(name)
    return NativeStatus(tuple(compiled), tuple(stale))


def rebuild_hint(status: NativeStatus) -> str:
    """What to run when compiled modules are older than their sources."""
    return (
        f"compiled modules are older than their source: {', '.join(status.stale)}. The compiled code "
        "would run, not your edits. Rebuild with `pip install -e .` (about two minutes), or install "
        "pure Python while you edit: `MARSAD_COMPILE=0 pip install -e .`"
    )
