"""The user overlay: places imported by the user (GeoNames dumps, custom CSV), kept in their own SQLite
file next to the index so that rebuilding the packaged index never loses them.

Every import runs in one transaction: either all of its accepted records are stored or none, and
records stored by earlier imports are only ever replaced by a record with the same id.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from marsad.gazetteer.common import CommonWords
from marsad.gazetteer.names import make_key
from marsad.gazetteer.store import PLACE_COLUMNS, PLACE_FIELDS, PlaceRecord, create_schema

MAX_ERRORS_KEPT = 200
OVERLAY_FORMAT = "1"


@dataclass(slots=True)
class ImportReport:
    """Counts and row-numbered errors of one import."""

    source: str
    read: int = 0  # data rows read
    new: int = 0  # places added
    updated: int = 0  # places replaced (same id imported before)
    skipped: int = 0  # rows left out by the filters
    arabic_names: int = 0  # Arabic names added
    failed: int = 0  # rows with errors (reported, not imported)
    errors: list[str] = field(default_factory=list)  # the first MAX_ERRORS_KEPT messages

    @property
    def imported(self) -> int:
        return self.new + self.updated

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def error(self, message: str) -> None:
        """Record one failed row."""
        self.failed += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)

    def summary(self) -> dict[str, Any]:
        out = asdict(self)
        out.pop("errors")
        out["imported"] = self.imported
        return out


class Overlay:
    """Writable access to an overlay file (created on first use)."""

    def __init__(self, path: Path, common: CommonWords | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=60.0)
        self.conn.execute("PRAGMA foreign_keys=OFF")
        create_schema(self.conn, overlay=True)
        self.conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('overlay_format', ?)", (OVERLAY_FORMAT,)
        )
        self._common = common
        self._known_keys: dict[str, None] = {}

    @property
    def common(self) -> CommonWords:
        if self._common is None:
            self._common = CommonWords()
        return self._common

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Overlay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside are committed together, or rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            # Keys whose names were all replaced by this import.
            self.conn.execute("DELETE FROM keys WHERE key NOT IN (SELECT key FROM names)")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._known_keys.clear()

    def upsert(self, rec: PlaceRecord) -> tuple[int, bool]:
        """Store a place (replacing the one with the same id and its names); returns (rid, is_new)."""
        row = self.conn.execute("SELECT rid FROM places WHERE id = ?", (rec.id,)).fetchone()
        values = rec.row()
        if row is None:
            marks = ",".join("?" * len(PLACE_FIELDS))
            cur = self.conn.execute(f"INSERT INTO places ({PLACE_COLUMNS}) VALUES ({marks})", values)
            rid = int(cur.lastrowid or 0)
            is_new = True
        else:
            rid = int(row[0])
            assignments = ", ".join(f"{f} = ?" for f in PLACE_FIELDS)
            self.conn.execute(f"UPDATE places SET {assignments} WHERE rid = ?", (*values, rid))
            self.conn.execute("DELETE FROM names WHERE rid = ?", (rid,))
            is_new = False
        self.add_names(rid, rec.names)
        return rid, is_new

    def add_names(self, rid: int, names: Iterable[str]) -> int:
        """Index more names of a stored place; returns how many keys were new for it."""
        added = 0
        for key in {k for k in map(make_key, names) if k}:
            cur = self.conn.execute("INSERT OR IGNORE INTO names (key, rid) VALUES (?, ?)", (key, rid))
            added += cur.rowcount
            if key not in self._known_keys:
                self.conn.execute(
                    "INSERT OR IGNORE INTO keys (key, common) VALUES (?, ?)",
                    (key, int(self.common.is_common(key))),
                )
                self._known_keys[key] = None
        return added

    def rid_for_geonameid(self, geonameid: int) -> int | None:
        row = self.conn.execute("SELECT rid FROM places WHERE geonameid = ?", (geonameid,)).fetchone()
        return int(row[0]) if row else None

    def display_names(self, rid: int) -> tuple[str, str]:
        """(name_en, name_ar) of a stored place."""
        row = self.conn.execute("SELECT name_en, name_ar FROM places WHERE rid = ?", (rid,)).fetchone()
        return (str(row[0]), str(row[1])) if row else ("", "")

    def set_name_ar(self, rid: int, name: str) -> None:
        self.conn.execute("UPDATE places SET name_ar = ? WHERE rid = ?", (name, rid))

    def log(self, kind: str, report: ImportReport) -> None:
        """Append the import to the audit trail (inside the import's transaction)."""
        self.conn.execute(
            "INSERT INTO imports (at, kind, source, summary) VALUES (?, ?, ?, ?)",
            (
                time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                kind,
                report.source,
                json.dumps(report.summary(), ensure_ascii=False),
            ),
        )

    def history(self) -> list[dict[str, Any]]:
        """Past imports, oldest first."""
        rows = self.conn.execute("SELECT at, kind, source, summary FROM imports ORDER BY n").fetchall()
        return [{"at": a, "kind": k, "source": s, **json.loads(m)} for a, k, s, m in rows]
