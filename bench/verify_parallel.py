"""Check that parsing on worker processes loads exactly what parsing in-process loads (same rows, same order).

python -m bench.verify_parallel [--pages 300]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb

from bench.generate import generate_pages, write_store
from pipelines import load
from pipelines.warehouse import ALL_RAW_SCHEMAS, ensure_raw_schema
from sources.archive import ArchiveStore


def _load(store: ArchiveStore, path: Path, workers: str) -> tuple[dict[str, list], float]:
    os.environ[load.PARSE_WORKERS_ENV] = workers
    with duckdb.connect(str(path)) as con:
        ensure_raw_schema(con)
        t0 = time.perf_counter()
        load.parse_and_load(con, store)
        elapsed = time.perf_counter() - t0
        tables = {name: con.execute(f"select * from raw.{name} order by all").fetchall() for name in ALL_RAW_SCHEMAS}
    return tables, elapsed


def main() -> None:
    """Load generated pages with worker processes and in process, and fail unless the rows are the same."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_store(root / "archive", generate_pages(args.pages, seed=7))
        store = ArchiveStore(root / "archive")
        serial, t1 = _load(store, root / "serial.duckdb", "1")
        parallel, t2 = _load(store, root / "parallel.duckdb", "2")
    assert serial == parallel, [k for k in serial if serial[k] != parallel[k]]
    rows = sum(len(v) for v in serial.values())
    print(f"identical: {rows} rows in {len(serial)} tables; in-process {t1:.1f} s, 2 workers {t2:.1f} s")


if __name__ == "__main__":
    main()
