"""Fixtures for the Comtrade tests: a fresh home and archive, and local imitations of the API closed after each test."""

from __future__ import annotations

import pytest

from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore
from tests.comtrade.fake_api import FakeComtradeApi


@pytest.fixture
def home(tmp_path) -> KzuzHome:
    return KzuzHome(tmp_path / "home").ensure()


@pytest.fixture
def store(home) -> ArchiveStore:
    return ArchiveStore(home.archive)


@pytest.fixture
def fake_api():
    servers: list[FakeComtradeApi] = []

    def make(*args, **kwargs) -> FakeComtradeApi:
        server = FakeComtradeApi(*args, **kwargs)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()
