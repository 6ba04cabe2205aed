"""The REST API, version 1 (``/api/v1``). Reads need the viewer role, review actions and uploads the
reviewer role, accounts the admin role. OpenAPI: ``/api/v1/openapi.json``; interactive docs: ``/api/docs``."""

from __future__ import annotations

import queue
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, File, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from marsad.server.accounts import AccountError, User
from marsad.server.errors import ApiError
from marsad.server.security import (
    SESSION_COOKIE,
    accounts_of,
    admin,
    identify,
    reviewer,
    set_session_cookie,
    viewer,
)
from marsad.store import Filters, Store, browse
from marsad.store.filters import parse_near
from marsad.store.types import REVIEW_FILTER_VALUES

router = APIRouter(prefix="/api/v1")

EXPORT_TYPES = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "plover-jsonl": ("application/x-ndjson", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
LOGIN_FAILURES = 10  # per client and user name within LOGIN_WINDOW_S, then 429
LOGIN_WINDOW_S = 15 * 60
# Characters that reorder text (bidi embeddings, overrides and isolates) or hide it.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


# -- filters (the same as the CLI's --actor, --place, --near, --type, --from, --to, --source, --review) --


def filters_of(request: Request) -> Filters:
    """Filters from the query string; repeat a parameter for several values (``?actor=hts&actor=isis``)."""
    params = request.query_params
    near = params.get("near")
    near_value: tuple[float, float, float] | None = None
    if near:
        try:
            near_value = parse_near(near)
        except ValueError as err:
            raise ApiError(422, f"near: {err}") from None
    for key in ("from", "to"):
        value = params.get(key)
        if value and not _is_date_prefix(value):
            raise ApiError(422, f"{key}: {value!r} is not a date like 2017-05-05 (or 2017-05, 2017)")
    review = tuple(params.getlist("review"))
    for value in review:
        if value not in REVIEW_FILTER_VALUES:
            raise ApiError(422, f"review: {value!r}: use {', '.join(REVIEW_FILTER_VALUES)}")
    if params.get("reviewed_only") in ("1", "true", "yes"):
        review = review or ("accepted", "edited")
    return Filters(
        actors=tuple(v for v in params.getlist("actor") if v.strip()),
        places=tuple(v for v in params.getlist("place") if v.strip()),
        near=near_value,
        event_types=tuple(v for v in params.getlist("type") if v.strip()),
        date_from=params.get("from") or None,
        date_to=params.get("to") or None,
        sources=tuple(v for v in params.getlist("source") if v.strip()),
        review=review,
    )


def _is_date_prefix(value: str) -> bool:
    from datetime import date

    padded = {4: value + "-01-01", 7: value + "-01"}.get(len(value), value[:10])
    try:
        date.fromisoformat(padded)
    except ValueError:
        return False
    return True


FILTER_HELP = (
    "Filters (repeatable where it makes sense): actor, place, near=lat,lon,km, type (PLOVER or ACLED), "
    "from, to (YYYY-MM-DD), source, review (accepted|edited|rejected|unreviewed), reviewed_only=true."
)

# -- session -----------------------------------------------------------------------------------------


class LoginIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


@router.post("/session", tags=["session"], summary="Sign in (sets the session cookie)")
def login(body: LoginIn, request: Request, response: Response) -> dict[str, Any]:
    failures: dict[tuple[str, str], list[float]] = request.app.state.login_failures
    key = (request.client.host if request.client else "?", body.name)
    now = time.monotonic()
    if len(failures) > 10_000:  # forget clients whose failures are all older than the window
        for stale in [k for k, times in failures.items() if now - max(times) >= LOGIN_WINDOW_S]:
            del failures[stale]
    recent = [t for t in failures.get(key, []) if now - t < LOGIN_WINDOW_S]
    if len(recent) >= LOGIN_FAILURES:
        raise ApiError(429, "too many failed sign-ins; wait 15 minutes")
    accounts = accounts_of(request)
    user = accounts.authenticate(body.name, body.password)
    if user is None:
        failures[key] = [*recent, now]
        raise ApiError(401, "wrong user name or password")
    failures.pop(key, None)
    session = accounts.start_session(user)
    set_session_cookie(response, session, request.app.state.secure_cookies)
    return {"user": {"name": user.name, "role": user.role}, "csrf_token": session.csrf_token}


@router.get("/session", tags=["session"], summary="Who is signed in, and the CSRF token")
def whoami(request: Request) -> dict[str, Any]:
    cookie = request.cookies.get(SESSION_COOKIE)
    found = accounts_of(request).session(cookie) if cookie else None
    if found is None:
        user = identify(request)  # an API token
        if user is None:
            raise ApiError(401, "not signed in")
        return {"user": {"name": user.name, "role": user.role}, "csrf_token": None}
    user, csrf = found
    return {"user": {"name": user.name, "role": user.role}, "csrf_token": csrf}


@router.delete("/session", tags=["session"], summary="Sign out")
def logout(request: Request, response: Response) -> dict[str, bool]:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        identify(request)  # checks the CSRF token: a forged request cannot sign a user out
        accounts_of(request).end_session(cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"signed_out": True}


# -- reading -----------------------------------------------------------------------------------------


@router.get("/status", tags=["corpus"], summary="What the store holds")
def status(request: Request, user: User = viewer) -> dict[str, Any]:
    return {"counts": store_of(request).counts(), "user": {"name": user.name, "role": user.role}}


@router.get("/documents", tags=["documents"], summary="Search documents", description=FILTER_HELP)
def search_documents(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Words to find (Arabic-aware)")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    user: User = viewer,
) -> dict[str, Any]:
    result = store_of(request).search(q, filters_of(request), limit=limit, offset=offset)
    return {
        "total": result.total,
        "elapsed_ms": round(result.elapsed_ms, 1),
        "hits": [hit.to_dict() for hit in result.hits],
    }


@router.get("/documents/{document_id}", tags=["documents"], summary="A document with its analysis")
def document(document_id: str, request: Request, user: User = viewer) -> dict[str, Any]:
    doc = store_of(request).get_document(document_id)
    if doc is None:
        raise ApiError(404, f"no stored document has id {document_id!r}")
    numbers: dict[str, int] = doc.meta.pop("event_numbers", {})
    statuses: dict[str, str | None] = doc.meta.pop("review_status", {})
    out = doc.to_dict()
    for event in out.get("events", []):
        event["number"] = numbers.get(event["id"])
        event["review_status"] = statuses.get(event["id"])
    out["bidi_controls"] = [
        {"offset": i, "codepoint": f"U+{ord(ch):04X}", "name": unicodedata.name(ch, "")}
        for i, ch in enumerate(doc.text)
        if ch in BIDI_CONTROLS
    ]
    return out


@router.get("/events", tags=["events"], summary="A page of events", description=FILTER_HELP)
def events(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    order: Annotated[Literal["newest", "oldest"], Query()] = "newest",
    user: User = viewer,
) -> dict[str, Any]:
    total, rows = browse.event_page(
        store_of(request), filters_of(request), limit=limit, offset=offset, newest_first=order == "newest"
    )
    return {"total": total, "offset": offset, "events": rows}


@router.get("/events/{number}", tags=["events"], summary="One event, its review and audit trail")
def event(number: int, request: Request, user: User = viewer) -> dict[str, Any]:
    found = browse.event_detail(store_of(request), number)
    if found is None:
        raise ApiError(404, f"no stored event has number {number}")
    return found


@router.get("/events/{number}/audit", tags=["events"], summary="The audit trail of one event")
def audit(number: int, request: Request, user: User = viewer) -> list[dict[str, Any]]:
    return store_of(request).audit_trail(number)


@router.get("/entities", tags=["entities"], summary="Find actors, persons and places by name")
def entities(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    kind: Annotated[Literal["org", "group", "person", "place"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    user: User = viewer,
) -> list[dict[str, Any]]:
    return browse.find_entities(store_of(request), q, kind=kind, limit=limit)


@router.get("/map", tags=["views"], summary="Located events for the map", description=FILTER_HELP)
def map_points(
    request: Request, limit: Annotated[int, Query(ge=1, le=100_000)] = 20_000, user: User = viewer
) -> dict[str, Any]:
    points = browse.map_points(store_of(request), filters_of(request), limit=limit)
    return {"points": points, "truncated": len(points) >= limit}


@router.get("/timeline", tags=["views"], summary="Events per day and type", description=FILTER_HELP)
def timeline(request: Request, user: User = viewer) -> list[dict[str, Any]]:
    return browse.timeline(store_of(request), filters_of(request))


@router.get(
    "/graph", tags=["views"], summary="Actor relations: who did what to whom", description=FILTER_HELP
)
def graph(
    request: Request, limit: Annotated[int, Query(ge=1, le=2000)] = browse.GRAPH_LIMIT, user: User = viewer
) -> dict[str, list[dict[str, Any]]]:
    return browse.actor_graph(store_of(request), filters_of(request), limit=limit)


# -- exports ------------------------------------------------------------------------------------------


class ExportCancelled(Exception):
    """The client went away before the export was sent: the export stops."""


class _QueueWriter:
    """A binary stream whose writes a streaming response reads (bounded: the export waits for the
    client, and stops when the client has gone)."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], gone: threading.Event) -> None:
        self.chunks = chunks
        self.gone = gone

    def write(self, data: bytes) -> int:
        if data:
            while True:
                if self.gone.is_set():
                    raise ExportCancelled
                try:
                    self.chunks.put(bytes(data), timeout=0.5)
                    break
                except queue.Full:
                    continue
        return len(data)

    def flush(self) -> None:
        return None


@router.get(
    "/export",
    tags=["exports"],
    summary="Stream the filtered events in an export format",
    description=FILTER_HELP,
)
def export(
    request: Request,
    format: Annotated[Literal["acled-csv", "plover-jsonl", "geojson", "jsonl", "parquet"], Query()],
    bom: bool = False,
    include_negated: bool = False,
    user: User = viewer,
) -> Response:
    from marsad.export import ExportOptions, export_events

    store = store_of(request)
    filters = filters_of(request)
    options = ExportOptions(bom=bom, include_negated=include_negated)
    media, suffix = EXPORT_TYPES[format]
    name = f"marsad-events.{suffix}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if format == "parquet":  # a file format with a footer: written whole, then sent
        folder = tempfile.mkdtemp(prefix="marsad-export-")
        path = Path(folder) / name
        export_events(format, store.iter_events(filters), str(path), options)
        return FileResponse(
            path, media_type=media, headers=headers, background=BackgroundTask(shutil.rmtree, folder, True)
        )
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=64)
    gone = threading.Event()

    def produce() -> None:
        try:
            rows = store.iter_events(filters)
            export_events(format, rows, _QueueWriter(chunks, gone), options)  # type: ignore[arg-type]
        except ExportCancelled:
            return
        except BaseException as err:  # the client sees a truncated stream; the server logs it
            chunks.put(err)
        else:
            chunks.put(None)

    def consume() -> Iterator[bytes]:
        try:
            while True:
                item = chunks.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            gone.set()  # finished, failed or disconnected: a waiting export stops

    threading.Thread(target=produce, name="marsad-export", daemon=True).start()
    return StreamingResponse(consume(), media_type=media, headers=headers)


# -- review -------------------------------------------------------------------------------------------


class ReviewIn(BaseModel):
    status: Literal["accepted", "edited", "rejected"]
    changes: dict[str, Any] = Field(default_factory=dict, description="Edited event fields (status edited)")
    note: str | None = Field(default=None, max_length=2000)


class MergeIn(BaseModel):
    into: int = Field(description="The event that stays")
    note: str | None = Field(default=None, max_length=2000)


class SpanIn(BaseModel):
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str | None = None


class NewEventIn(BaseModel):
    type: str = Field(min_length=1, max_length=32, description="PLOVER type, e.g. ASSAULT")
    trigger: SpanIn
    fields: dict[str, Any] = Field(
        default_factory=dict, description="Other event fields (actor1, place, date…)"
    )
    note: str | None = Field(default=None, max_length=2000)


def _review_call(action: Any) -> dict[str, Any]:
    try:
        action()
    except KeyError as err:
        raise ApiError(404, str(err.args[0]) if err.args else "not found") from None
    except ValueError as err:
        raise ApiError(422, str(err)) from None
    return {"ok": True}


@router.post("/events/{number}/review", tags=["review"], summary="Accept, edit or reject an event")
def review(number: int, body: ReviewIn, request: Request, user: User = reviewer) -> dict[str, Any]:
    store = store_of(request)
    _review_call(lambda: store.review_event(number, body.status, user.name, body.changes, body.note))
    return browse.event_detail(store, number) or {}


@router.post("/events/{number}/merge", tags=["review"], summary="Merge a duplicate into another event")
def merge(number: int, body: MergeIn, request: Request, user: User = reviewer) -> dict[str, Any]:
    store = store_of(request)
    _review_call(lambda: store.merge_events(number, body.into, user.name, body.note))
    return browse.event_detail(store, body.into) or {}


@router.post(
    "/documents/{document_id}/events",
    tags=["review"],
    status_code=201,
    summary="Add an event the extractor missed",
)
def create_event(
    document_id: str, body: NewEventIn, request: Request, user: User = reviewer
) -> dict[str, Any]:
    store = store_of(request)
    fields = {**body.fields, "type": body.type.upper(), "trigger": body.trigger.model_dump()}
    created: list[int] = []
    _review_call(lambda: created.append(store.create_event(document_id, fields, user.name, body.note)))
    return browse.event_detail(store, created[0]) or {}


# -- ingest ------------------------------------------------------------------------------------------


@router.post("/ingest", tags=["corpus"], summary="Upload files to read, extract and store")
def ingest(
    request: Request,
    files: Annotated[list[UploadFile], File(description="Text, HTML, JSONL, CSV or Telegram JSON")],
    user: User = reviewer,
) -> dict[str, Any]:
    from marsad.server.ingest import ingest_uploads

    return ingest_uploads(request.app, files, MAX_UPLOAD_BYTES)


# -- accounts ----------------------------------------------------------------------------------------


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)
    role: Literal["viewer", "reviewer", "admin"] = "viewer"


class UserPatch(BaseModel):
    role: Literal["viewer", "reviewer", "admin"] | None = None
    disabled: bool | None = None
    password: str | None = Field(default=None, max_length=1024)


class TokenIn(BaseModel):
    label: str = Field(default="api", max_length=200)


def _account_call(action: Any) -> Any:
    try:
        return action()
    except AccountError as err:
        raise ApiError(404 if str(err).startswith("no user") else 422, str(err)) from None


@router.get("/users", tags=["accounts"], summary="Every user")
def users(request: Request, user: User = admin) -> list[dict[str, Any]]:
    return accounts_of(request).users()


@router.post("/users", tags=["accounts"], status_code=201, summary="Add a user")
def add_user(body: UserIn, request: Request, user: User = admin) -> dict[str, str]:
    made = _account_call(lambda: accounts_of(request).create_user(body.name, body.password, body.role))
    return {"name": made.name, "role": made.role}


@router.patch("/users/{name}", tags=["accounts"], summary="Change a user's role, password or access")
def change_user(name: str, body: UserPatch, request: Request, user: User = admin) -> dict[str, bool]:
    accounts = accounts_of(request)
    if body.role is not None:
        _account_call(lambda: accounts.set_role(name, body.role))
    if body.password is not None:
        _account_call(lambda: accounts.set_password(name, body.password))
    if body.disabled is not None:
        _account_call(lambda: accounts.set_disabled(name, body.disabled))
    return {"ok": True}


@router.post(
    "/users/{name}/tokens", tags=["accounts"], status_code=201, summary="A new API token (shown once)"
)
def new_token(
    name: str, request: Request, body: Annotated[TokenIn, Body()], user: User = admin
) -> dict[str, str]:
    return {"token": _account_call(lambda: accounts_of(request).create_token(name, body.label))}
