"""Fixtures for the fetch tests: a fresh home and archive, and fake sites closed after each test."""

from __future__ import annotations

import pytest

from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore
from tests.fetch.sites import FakeSite


@pytest.fixture
def home(tmp_path) -> KzuzHome:
    return KzuzHome(tmp_path / "home").ensure()


@pytest.fixture
def store(home) -> ArchiveStore:
    return ArchiveStore(home.archive)


@pytest.fixture
def fake_site():
    servers: list[FakeSite] = []

    def make(*args, **kwargs) -> FakeSite:
        server = FakeSite(*args, **kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()
