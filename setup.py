"""Build hook: compile the text-analysis modules to C with mypyc (metadata lives in pyproject.toml).

The recognizer and the event extractor are plain, fully typed Python; mypyc turns them into C
extensions that run the same code about 1.4 times faster (see docs/development.md). Set
``MARSAD_COMPILE=0`` to install pure Python (no C compiler needed; handy while editing those modules).
When the C build fails, for instance on a machine without a compiler, the install goes on with pure
Python and says so.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent


def _native_module() -> Any:
    """marsad/native.py (standard library only), loaded without importing the package."""
    spec = importlib.util.spec_from_file_location("_marsad_native", HERE / "marsad" / "native.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


# The hot path of `marsad extract`: per-document work over text, mentions and triggers.
NATIVE = _native_module()


def compiled_modules() -> list[str]:
    """The module files mypyc compiles, as marsad/native.py lists them."""
    return [str(path.relative_to(HERE)) for path in NATIVE.compiled_sources(HERE / "marsad")]


class OptionalBuildExt(build_ext):
    """build_ext that falls back to pure Python when the C build fails.

    mypyc's shims import one shared library, so a partial build is removed entirely."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # a missing compiler raises several distutils error types
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            reason = (str(exc).splitlines() or [""])[0][:160]
            print(
                f"marsad: could not compile the native modules ({type(exc).__name__}: {reason}); "
                "installing pure Python, which gives the same results more slowly",
                file=sys.stderr,
            )


def remove_inplace_builds() -> None:
    """Delete compiled files an earlier editable build left beside the sources: they would shadow the
    sources of a pure install, and a new build names its shared library anew."""
    suffixes = importlib.machinery.EXTENSION_SUFFIXES
    for source in NATIVE.compiled_sources(HERE / "marsad"):
        for suffix in suffixes:
            source.with_name(source.stem + suffix).unlink(missing_ok=True)
    for shared in HERE.glob("*__mypyc*"):
        if shared.name.endswith(tuple(suffixes)):
            shared.unlink()


def ext_modules() -> list[Any]:
    """mypyc's extensions, or none when compiling is switched off or mypyc is missing."""
    remove_inplace_builds()
    if os.environ.get("MARSAD_COMPILE", "1").strip().lower() in ("0", "no", "false", "off"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("marsad: mypyc is not available; installing pure Python", file=sys.stderr)
        return []
    try:
        return mypycify(["--ignore-missing-imports", *compiled_modules()], opt_level="3")
    except (Exception, SystemExit) as exc:  # mypy reports type errors by exiting
        print(f"marsad: mypyc could not compile ({exc!r}); installing pure Python", file=sys.stderr)
        return []


setup(ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
