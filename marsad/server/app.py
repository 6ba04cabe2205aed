"""The workbench application: the REST API under ``/api/v1`` and the bundled web app under ``/``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from marsad import __version__
from marsad.server.accounts import Accounts
from marsad.server.api import router
from marsad.server.errors import error_response, install_error_handlers
from marsad.server.security import SecurityHeaders
from marsad.store import Producer, Store

STATIC = Path(__file__).with_name("static")


def _pipeline_loader(
    kb_paths: Sequence[str], gazetteer_path: str | None
) -> Callable[[], tuple[Any, Producer]]:
    """Loads the extraction pipeline on the first upload (a second or two), then keeps it."""
    lock = threading.Lock()

    @cache
    def load() -> tuple[Any, Producer]:
        from marsad.pipeline import Pipeline
        from marsad.resources import Resources

        pipeline = Pipeline.default(kb_paths=kb_paths, gazetteer_path=gazetteer_path)
        version = Resources.load(tuple(kb_paths), gazetteer_path).version
        return pipeline, Producer(marsad=__version__, knowledge=version)

    def locked() -> tuple[Any, Producer]:
        with lock:
            return load()

    return locked


def create_app(
    store: Store,
    *,
    secure_cookies: bool = False,
    kb_paths: Sequence[str] = (),
    gazetteer_path: str | None = None,
    session_hours: float = 12,
) -> FastAPI:
    """The workbench over ``store``. ``secure_cookies``: mark the session cookie Secure (behind HTTPS)."""
    app = FastAPI(
        title="marsad workbench API",
        version=__version__,
        description="Review Arabic conflict events against their source text. Errors always have the shape "
        '{"error": {"status", "code", "message", "details"}}.',
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.store = store
    app.state.accounts = Accounts(store, session_hours=session_hours)
    app.state.secure_cookies = secure_cookies
    app.state.login_failures = {}
    app.state.pipeline = _pipeline_loader(kb_paths, gazetteer_path)
    app.add_middleware(SecurityHeaders)
    install_error_handlers(app)
    app.include_router(router)

    @app.get("/api/v1/health", tags=["session"], summary="Liveness (no sign-in needed)")
    def health() -> dict[str, Any]:
        return {"ok": True, "version": __version__}

    @app.api_route(
        "/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False
    )
    def unknown_api(rest: str) -> Response:
        return error_response(404, f"no API route /api/{rest}")

    if (STATIC / "index.html").is_file():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    return app


def app_from_environment() -> FastAPI:
    """The app for each uvicorn worker process of ``marsad serve --workers N``: settings come from the
    environment that ``marsad serve`` sets (MARSAD_DB, MARSAD_SERVE_SECURE, MARSAD_SERVE_SESSION_HOURS,
    MARSAD_SERVE_KB as os.pathsep-separated paths, MARSAD_SERVE_GAZETTEER)."""
    import os

    kb = os.environ.get("MARSAD_SERVE_KB", "")
    return create_app(
        Store.open(os.environ.get("MARSAD_DB") or None),
        secure_cookies=os.environ.get("MARSAD_SERVE_SECURE") == "1",
        kb_paths=[p for p in kb.split(os.pathsep) if p],
        gazetteer_path=os.environ.get("MARSAD_SERVE_GAZETTEER") or None,
        session_hours=float(os.environ.get("MARSAD_SERVE_SESSION_HOURS", "12")),
    )
