"""Fixtures for the fetch tests: a fresh home and archive, fake sites and site imitations closed after each test."""

from __future__ import annotations

import pytest

from pipelines.home import KzuzHome
from sources.archive.store import ArchiveStore
from tests.fetch.sites import FakeSite, Imitations, SiteImitation


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


@pytest.fixture
def imitate():
    """``imitate(*site_imitations)`` or ``imitate()`` (every catalog site): an ``Imitations``, closed after the test."""
    made: list[Imitations] = []

    def make(*imitations: SiteImitation) -> Imitations:
        made.append(Imitations(*imitations) if imitations else Imitations.for_catalog())
        return made[-1]

    yield make
    for imitations in made:
        imitations.close()
