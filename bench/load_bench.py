"""Load throughput into DuckDB: pipelines.load's path next to a plain Arrow insert of the same rows.

Rows come from the site parsers over generated pages, shaped exactly as `parse_and_load` shapes them
(capture columns added, a batch per `BATCH` captures). Path "kzuz": `pipelines.load._flush` per batch
(dicts -> Arrow -> registered scan -> `insert ... by name`, one transaction per batch). Path "arrow": the
same rows already in Arrow tables, one `insert into ... select *` per table: the floor. Each path writes a
fresh warehouse file; best of `--repeat` runs; wall time (DuckDB uses its own threads).

    python -m bench.load_bench [--pages 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow as pa

from bench.generate import generate_pages
from bench.report import print_table, write_result
from pipelines import load
from pipelines.warehouse import ALL_RAW_SCHEMAS, ensure_raw_schema
from sources.parsing import _parser, parser_key, parser_version


def shaped_batches(n: int, seed: int) -> list[dict[str, list[dict]]]:
    """The parsed rows of ``n`` generated pages in the loader's batches, with their capture columns."""
    batches, batch = [], {}
    for i, page in enumerate(generate_pages(n, seed), start=1):
        key = parser_key(page.url)
        result = _parser(key)(page.body, page.url, page.fetched_at)
        capture_id = f"{i:032x}"
        ident = {"capture_id": capture_id, "source_url": page.url}
        for table, rows in result.rows.items():
            batch.setdefault(table, []).extend({**row, **ident} for row in rows)
        ledger = {"capture_id": capture_id, "parser_version": parser_version(key)}
        batch.setdefault("parsed_captures", []).append(ledger)
        if i % load.BATCH == 0:
            batches.append(batch)
            batch = {}
    if batch:
        batches.append(batch)
    return batches


def _fresh(path: Path) -> duckdb.DuckDBPyConnection:
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    ensure_raw_schema(con)
    return con


def time_kzuz(path: Path, batches) -> float:
    """Seconds to load ``batches`` through the loader's own insert path into a fresh file at ``path``."""
    con = _fresh(path)
    report = load.LoadReport()
    t0 = time.perf_counter()
    for batch in batches:
        load._flush(con, {k: list(v) for k, v in batch.items()}, report)
    con.execute("checkpoint")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def time_arrow(path: Path, tables: dict[str, pa.Table]) -> float:
    """Seconds to insert the same rows as plain Arrow tables, one insert a raw table (the floor for the loader)."""
    con = _fresh(path)
    t0 = time.perf_counter()
    con.execute("begin")
    for name, table in tables.items():
        con.register("_rows", table)
        con.execute(f"insert into raw.{name} select * from _rows")
        con.unregister("_rows")
    con.execute("commit")
    con.execute("checkpoint")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def run(n: int, seed: int, repeat: int) -> dict:
    """The loader and plain Arrow inserts of ``n`` pages' rows, best of ``repeat``, with rows a second."""
    batches = shaped_batches(n, seed)
    merged: dict[str, list[dict]] = {}
    for batch in batches:
        for k, v in batch.items():
            merged.setdefault(k, []).extend(v)
    tables = {k: pa.Table.from_pylist(v, schema=ALL_RAW_SCHEMAS[k]) for k, v in merged.items()}
    rows = sum(t.num_rows for t in tables.values())
    counts = Counter({k: t.num_rows for k, t in tables.items()})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "load.duckdb"
        kzuz = min(time_kzuz(path, batches) for _ in range(repeat))
        arrow = min(time_arrow(path, tables) for _ in range(repeat))
    out = [
        {"path": "kzuz (pipelines.load._flush)", "rows": rows, "seconds": kzuz, "rows_s": rows / kzuz},
        {"path": "plain Arrow insert", "rows": rows, "seconds": arrow, "rows_s": rows / arrow},
    ]
    return {
        "pages": n,
        "seed": seed,
        "repeat": repeat,
        "batch_captures": load.BATCH,
        "rows_per_table": counts,
        "rows": out,
        "kzuz_vs_arrow": kzuz / arrow,
    }


def main() -> None:
    """Command line: run the load benchmark, print its table and write bench/results/load.json."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    result = run(args.pages, args.seed, args.repeat)
    print_table(result["rows"], ["path", "rows", "seconds", "rows_s"])
    print(f"kzuz / plain Arrow = {result['kzuz_vs_arrow']:.2f}x (target <= 1.5x)")
    write_result("load", result)


if __name__ == "__main__":
    main()
