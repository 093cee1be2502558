"""An incremental refresh (dbt rebuilds the URLs that gained a capture only) gives the marts a full rebuild gives.

Real refreshes into a real home, over rounds of changes a daily refresh meets: a page's revision, a
refetch that fails to parse, a new URL that never parses, a later capture that corrects a row the
suites quarantined, and a quarantined row of a page no later round touches (an incremental mart keeps it out,
the suite reads it no more, and it must stay in quarantine). After each round the incremental home is
copied and rebuilt in full (`kzuz refresh --rebuild`); every mart, the quarantine tables and the vintage
model must be equal row for row.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.conftest import run_kzuz
from tests.ops.marts import marts_digest

BUNDLED = Path(__file__).resolve().parents[2] / "sources" / "bundled" / "pages"
REVISED = "https://www.gazeta.uz/ru/2017/03/22/region/"
TRADE = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"
REFETCHED = "https://uzdaily.uz/ru/post/65720"
NEVER_READ = "https://www.gazeta.uz/ru/2022/02/01/broken/"
LEX = "https://lex.uz/docs/2553826"
FROM_THE_FUTURE = "https://www.gazeta.uz/ru/2017/03/23/region/"  # captured in 2099: dim_documents quarantines it


def _page(name: str) -> bytes:
    return (BUNDLED / name).read_bytes()


def _revised(name: str, old: str, new: str) -> bytes:
    body = _page(name).decode("utf-8")
    assert old in body, f"{name} no longer holds {old!r}: pick another edit for this test"
    return body.replace(old, new, 1).encode("utf-8")


ROUNDS = [
    # a revision of a page (its title changes) and the quarantined 2019 total corrected by a later capture
    {
        REVISED: (_revised("ref01-gazeta-uz-2017-03-22-region.html", "Центральная Азия", "Центральная Азия —"), 1),
        TRADE: (_revised("ref09-gazeta-uz-2022-01-07-kaz-uzb.html", "3 333&nbsp;503", "3&nbsp;335"), 1),
        FROM_THE_FUTURE: (_page("ref01-gazeta-uz-2017-03-22-region.html"), "2099-01-01T00:00:00Z"),
    },
    # a refetch that fails to parse (the older capture stays current) and a URL never read
    {
        REFETCHED: (_page("ref10-uzdaily-uz-65720.html")[:300], 2),
        NEVER_READ: (b"<html><head><title>\xd0\x93\xd0\xb0\xd0\xb7", 2),
    },
    # a second revision of the revised page and a revised act
    {
        REVISED: (_revised("ref01-gazeta-uz-2017-03-22-region.html", "Центральная Азия", "Средняя Азия"), 3),
        LEX: (_revised("ref03-lex-uz-2553826.html", "</body>", "<!-- revised --></body>"), 3),
    },
]


def _vintages(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select * from intermediate.int_captures__status order by all").fetchall()


def _scope(warehouse: Path) -> tuple[bool, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select full_rebuild, changed_urls from raw.refresh_scope").fetchone()


def _apply(home: Path, changes: dict[str, tuple[bytes, int | str]], tmp: Path) -> None:
    for i, (url, (body, day)) in enumerate(changes.items()):
        page = tmp / f"page-{day}-{i}.html".replace(":", "")
        page.write_bytes(body)
        stamp = day if isinstance(day, str) else f"2026-12-0{day}T0{i}:00:00Z"
        run_kzuz("archive", "import", url, str(page), "--fetched-at", stamp, home=home)


def test_incremental_refreshes_equal_a_full_rebuild_round_after_round(home_copy, tmp_path):
    quarantined = marts_digest(home_copy / "warehouse.duckdb")["quarantine_fct_trade_flows"]
    assert quarantined[0] == 1, "the bundled build quarantines the garbled 2019 total this test corrects"
    for n, changes in enumerate(ROUNDS, start=1):
        _apply(home_copy, changes, tmp_path)
        run_kzuz("refresh", "--offline", home=home_copy)
        incremental = home_copy / "warehouse.duckdb"
        assert _scope(incremental) == (False, len(changes)), f"round {n}: the refresh was not incremental"
        full_home = tmp_path / f"full-{n}"
        shutil.copytree(home_copy, full_home, ignore=shutil.ignore_patterns("*.lock"))
        run_kzuz("refresh", "--offline", "--rebuild", home=full_home)
        full = full_home / "warehouse.duckdb"
        assert _scope(full)[0] is True, f"round {n}: --rebuild did not build in full"
        inc_marts, full_marts = marts_digest(incremental), marts_digest(full)
        differ = sorted(t for t in inc_marts.keys() | full_marts.keys() if inc_marts.get(t) != full_marts.get(t))
        assert not differ, f"round {n}: incremental and full builds differ in {differ}"
        assert _vintages(incremental) == _vintages(full), f"round {n}: int_captures__status differs"
    with duckdb.connect(str(home_copy / "warehouse.duckdb"), read_only=True) as con:
        # trade figures are kept per vintage: the garbled row of the old capture stays in quarantine and
        # the correcting capture's 2019 total (export 1,393 + import 1,942) is in the mart
        totals = con.execute(
            "select value_usd from fct_trade_flows"
            " where source_url = ? and flow = 'total' and period_start = '2019-01-01'",
            [TRADE],
        ).fetchall()
        errors = dict(con.execute("select source_url, count(*) from parse_errors group by 1").fetchall())
        future = con.execute(
            "select source_url, quarantine_reason from quarantine_dim_documents order by all"
        ).fetchall()
        current = con.execute(
            "select strftime(captured_at, '%d') from dim_documents where source_url = ? and is_latest_capture",
            [REVISED],
        ).fetchall()
    assert errors.get(REFETCHED) == 1 and errors.get(NEVER_READ) == 1, errors
    assert current == [("03",)], f"the second revision (day 3) is the page's current vintage: {current}"
    assert totals == [(3_335_000_000,)], f"the corrected 2019 total: {totals}"
    assert future == [(FROM_THE_FUTURE, "captured_at in the future")], future
