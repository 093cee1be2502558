"""The full re-parse option of the loader: `force` ignores the parse ledger (weekly schedule), `force_sites`
ignores it for some sites (site partitions); either way the rows end the same, never doubled."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.load import parse_and_load
from pipelines.warehouse import ensure_raw_schema
from sources.archive import ArchiveStore, import_file

BUNDLED = Path(__file__).resolve().parents[2] / "sources" / "bundled"
PAGES = {
    "https://www.gazeta.uz/ru/2017/03/22/region/": "pages/ref01-gazeta-uz-2017-03-22-region.html",
}


def _rows(con) -> dict[str, int]:
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' order by 1"
        ).fetchall()
    ]
    return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in tables}


def test_force_reparses_every_capture_and_keeps_the_rows(tmp_path):
    store = ArchiveStore(tmp_path / "archive")
    manifest = {
        line.split("\t")[0]: line.split("\t")[1]
        for line in (BUNDLED / "manifest.tsv").read_text().splitlines()
        if line and not line.startswith("#")
    }
    sites = {}
    for url, rel in list(manifest.items())[:4]:
        capture, _ = import_file(store, url, BUNDLED / rel)
        sites[capture.site] = sites.get(capture.site, 0) + 1
    con = duckdb.connect()
    ensure_raw_schema(con)
    first = parse_and_load(con, store)
    assert first.parsed == 4
    rows = _rows(con)
    again = parse_and_load(con, store)
    assert again.parsed == 0 and again.reused == 4, "the ledger makes a normal refresh near-free"
    forced = parse_and_load(con, store, force=True)
    assert forced.parsed == 4 and forced.reparsed_stale == 4
    assert _rows(con) == rows, "re-parsing replaces a capture's rows, never doubles them"
    site = sorted(sites)[0]
    one_site = parse_and_load(con, store, force_sites=[site])
    assert one_site.parsed == sites[site] and one_site.reused == 4 - sites[site]
    assert _rows(con) == rows
