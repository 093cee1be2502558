"""`KZUZ_COMTRADE=on kzuz refresh` against a local imitation of the API (reached through KZUZ_MIRROR): the answers
are archived, parsed and modelled like imported files, and the key never reaches the archive."""

from __future__ import annotations

import os
import shutil
import subprocess

import duckdb
import pytest

from tests.comtrade.fake_api import record
from tests.conftest import KZUZ

pytestmark = pytest.mark.slow

KEY = "test-live-key-0123456789"
RECORDS = [  # test data, not Comtrade figures
    record(398, 860, "X", "2020", 2001750000.0),
    record(398, 860, "M", "2020", 905210000.0),
    record(860, 398, "X", "2020", 997640000.0),
    record(860, 398, "M", "2020", 2061480000.0),
]


def test_live_refresh_fetches_the_pair_and_fills_the_mirror(built_home, tmp_path, fake_api):
    home = tmp_path / "home"
    shutil.copytree(built_home, home, ignore=shutil.ignore_patterns("*.lock"))
    api = fake_api(RECORDS, keys={KEY})
    env = {
        **os.environ,
        "KZUZ_HOME": str(home),
        "KZUZ_COMTRADE": "on",
        "KZUZ_COMTRADE_KEY": KEY,
        "KZUZ_COMTRADE_YEARS": "2019-2020",
        "KZUZ_COMTRADE_MONTHLY": "off",
        "KZUZ_MIRROR": f"comtradeapi.un.org={api.base}",
        "KZUZ_MIRROR_ONLY": "1",
        "KZUZ_RATE": "0.02",
    }
    done = subprocess.run(
        [KZUZ, "refresh", "--only", "comtradeapi.un.org"], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(api.api_paths()) == 2 and all(p.startswith("/data/v1/get/C/A/HS?") for p in api.api_paths())
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        official = con.execute(
            "select reporter_iso3, flow, value_usd from fct_trade_flows where source_kind = 'official_statistics' "
            "and is_latest order by all"
        ).fetchall()
        mirror = con.execute(
            "select reporter_flow, reporter_value_usd, partner_value_usd, partner_source_kind from mart_trade_mirror "
            "order by reporter_flow"
        ).fetchall()
        urls = [
            u for (u,) in con.execute("select source_url from dim_documents where page_kind = 'statistics'").fetchall()
        ]
    assert official == [
        ("KAZ", "export", 2001750000.0),
        ("KAZ", "import", 905210000.0),
        ("KAZ", "total", 2906960000.0),
        ("UZB", "export", 997640000.0),
        ("UZB", "import", 2061480000.0),
        ("UZB", "total", 3059120000.0),
    ]
    assert mirror == [
        ("export", 2001750000.0, 2061480000.0, "official_statistics"),
        ("import", 905210000.0, 997640000.0, "official_statistics"),
        ("total", 2906960000.0, 3059120000.0, "official_statistics"),
    ]
    assert len(urls) == 2 and all(u.startswith("https://comtradeapi.un.org/data/v1/get/C/A/HS?") for u in urls)
    assert not any(KEY in u for u in urls)
