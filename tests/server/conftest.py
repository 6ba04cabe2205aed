"""Workbench test fixtures: a filled store (SQLite and PostgreSQL), users of each role, and API clients."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from store_cases import P1, corpus
from workbench_cases import PASSWORD, ROLES, sign_in

from marsad.server import create_app
from marsad.server.accounts import Accounts
from marsad.store import Store


@pytest.fixture
def workbench(store: Store) -> Store:
    """The store with the store tests' analysed corpus and one user per role (name = role)."""
    docs = corpus()
    store.save_extractions(docs[:4], P1)
    accounts = Accounts(store)
    for role in ROLES:
        accounts.create_user(role, PASSWORD, role)
    return store


@pytest.fixture
def client(workbench: Store) -> Iterator[TestClient]:
    """A client that is not signed in."""
    with TestClient(create_app(workbench), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture
def reviewer(client: TestClient) -> TestClient:
    """The client signed in as a reviewer, sending its CSRF token on every request."""
    client.headers["X-CSRF-Token"] = sign_in(client, "reviewer")
    return client
