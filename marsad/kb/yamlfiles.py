"""Reading the knowledge files: strict YAML (a repeated key is an error) with readable errors.

Both the knowledge-base loader and the event lexicon loader read their files here; each passes its
own error factory so that messages keep the loader's exception type.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available

# (where, problem, what to do) -> the exception to raise
ErrorFactory = Callable[[str, str, str], Exception]


class StrictLoader(_BaseLoader):
    """A safe loader that rejects a key repeated in one mapping (YAML would keep only the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key is reported by the base constructor
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def read_yaml(path: Path, fail: ErrorFactory, digest: Any = None) -> Any:
    """Parse one UTF-8 YAML file (BOM allowed); ``digest`` (a hashlib object) gets its bytes."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(
            str(path), f"cannot be read ({exc.strerror or exc})", "Check the path and permissions"
        ) from exc
    if digest is not None:
        digest.update(len(raw).to_bytes(8, "big"))
        digest.update(raw)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(str(path), f"is not UTF-8 (byte {exc.start})", "Save the file as UTF-8") from exc
    try:
        return yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise fail(str(path), f"is not valid YAML{at}: {problem}", "Fix the YAML syntax") from exc


def yaml_files(path: Path, fail: ErrorFactory, missing_hint: str) -> list[Path]:
    """A file, or the *.yaml / *.yml files under a directory (recursively, sorted)."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
        if not files:
            raise fail(
                str(path), "contains no .yaml or .yml files", "Give a YAML file or a directory of them"
            )
        return files
    if not path.exists():
        raise fail(str(path), "does not exist", missing_hint)
    return [path]


ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def entry_id(data: Any, where: Any, fail: Callable[[Any, str, str], Exception], example: str) -> str:
    """The kebab-case ``id`` of a YAML list entry, or a readable error naming the entry."""
    if not isinstance(data, dict):
        raise fail(
            where,
            f"must be a mapping of fields, got {type(data).__name__}",
            "Start each entry with '- id: ...' followed by its fields",
        )
    value = data.get("id")
    if not isinstance(value, str) or not value:
        raise fail(where, "missing required field 'id'", f"Add 'id:' (kebab-case ASCII, e.g. {example})")
    if not ID_RE.match(value):
        raise fail(
            where,
            f"bad id {value!r}",
            f"Use kebab-case ASCII: lowercase letters, digits and single hyphens (e.g. {example})",
        )
    return value
