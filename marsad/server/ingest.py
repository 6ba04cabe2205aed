"""Uploaded files into the store: saved to a private temporary folder, read with ``marsad.ingest`` (the
same readers and checks as ``marsad run``), extracted and committed in batches. One upload at a time."""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, UploadFile

from marsad.server.errors import ApiError

_SAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
_lock = threading.Lock()


def safe_name(name: str | None) -> str:
    """A file name that cannot leave the upload folder ("../../x.txt" → "x.txt"), keeping its suffix."""
    base = Path(name or "").name
    cleaned = _SAFE.sub("_", base).strip("._")
    return cleaned or "upload.txt"


def ingest_uploads(app: FastAPI, files: list[UploadFile], max_bytes: int) -> dict[str, Any]:
    """Store the uploaded files' documents; returns what was read, stored and refused (with reasons)."""
    from marsad.ingest import IngestOptions, ingest_documents
    from marsad.runner.local import RunOptions, run_corpus

    if not files:
        raise ApiError(422, "no files were uploaded")
    if not _lock.acquire(blocking=False):
        raise ApiError(409, "another upload is being processed; try again when it is done")
    folder = Path(tempfile.mkdtemp(prefix="marsad-upload-"))
    try:
        total = 0
        saved: dict[str, str] = {}  # saved path -> the name the client gave
        for i, upload in enumerate(files):
            # one folder per file: two uploads may share a name; the document id comes from the name
            target = folder / f"{i:03d}" / safe_name(upload.filename)
            target.parent.mkdir()
            saved[str(target)] = upload.filename or target.name
            with target.open("wb") as out:
                while chunk := upload.file.read(1 << 20):
                    total += len(chunk)
                    if total > max_bytes:
                        raise ApiError(413, f"the upload is larger than {max_bytes // (1024 * 1024)} MB")
                    out.write(chunk)
        pipeline, producer = app.state.pipeline()
        refused: list[str] = []
        documents = ingest_documents(list(saved), IngestOptions())
        ids: list[str] = []  # the documents read, in order (the app links to them)

        def tracked() -> Any:
            for item in documents:
                doc_id = getattr(item, "id", None)
                if isinstance(doc_id, str) and len(ids) < 200:
                    ids.append(doc_id)
                yield item

        def refuse(err: Any) -> None:
            message = str(err)
            for path, name in saved.items():
                message = message.replace(path, name)
            refused.append(message)

        summary = run_corpus(
            app.state.store,
            pipeline,
            producer,
            tracked(),
            RunOptions(writer="inline", include_pending=False),
            on_input_error=refuse,
        )
        return {
            "files": len(files),
            "read": summary.read,
            "stored": summary.extracted,
            "already_stored": summary.unchanged + summary.outdated + summary.repeated,
            "refused": refused + summary.failed_documents,
            "document_ids": ids,
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _lock.release()
