"""A home holding the bundled archive plus tests/fixtures/mirror (Kazakh statistics pages and a revised
gazeta.uz capture), imported with `kzuz archive import` and refreshed offline once per module."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, run_kzuz

MIRROR_MANIFEST = REPO / "tests" / "fixtures" / "mirror" / "manifest.tsv"


@pytest.fixture(scope="session")
def mirror_home(built_home, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("mirror") / "home"
    shutil.copytree(built_home, home, ignore=shutil.ignore_patterns("*.lock"))
    run_kzuz("archive", "import", "--manifest", str(MIRROR_MANIFEST), home=home)
    run_kzuz("refresh", "--offline", home=home)
    return home


def query(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()
