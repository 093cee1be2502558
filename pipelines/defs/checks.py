"""Asset checks: the GX suites of expectations/ run on the NEXT warehouse's marts after dbt builds them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from expectations.dagster_checks import build_suite_checks
from expectations.suites import SUITES
from pipelines.defs.assets import WRITER_POOL
from pipelines.home import KzuzHome


def build_checks(home: str) -> list[dg.AssetChecksDefinition]:
    paths = KzuzHome.resolve(home)

    @contextmanager
    def next_warehouse() -> Iterator[duckdb.DuckDBPyConnection]:
        con = duckdb.connect(str(paths.next_warehouse))
        try:
            yield con
        finally:
            con.close()

    return [
        build_suite_checks(suite, dg.AssetKey(suite.mart), next_warehouse, pool=WRITER_POOL) for suite in SUITES
    ]
