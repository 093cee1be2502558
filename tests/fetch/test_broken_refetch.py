"""A live refresh whose refetched pages no parser can read still promotes, keeps every earlier fact, and says
once per site that its layout may have changed (issue #14: a page's problems stay with that page).

The sites are imitated locally (tests/fetch/sites.py); every cited page is served again in a form the
parsers cannot read ("redesign": every class renamed), as a new capture of the same URL.
"""

from __future__ import annotations

import json
from collections import Counter

import duckdb
import pytest

from pipelines.alerts import read_alerts
from tests.conftest import run_kzuz
from tests.fetch.sites import Imitations

FACTS = {
    "fct_trade_flows": "select * exclude (observation_id) from fct_trade_flows order by all",
    "fct_legal_acts": "select * exclude (captured_at) from fct_legal_acts order by all",
    "fct_indicators": "select * exclude (indicator_observation_id, captured_at) from fct_indicators order by all",
    "fct_events": "select * from fct_events order by all",
    "current vintages": "select source_url, document_id from dim_documents where is_latest_capture order by all",
}


def _facts(warehouse) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in FACTS.items()}


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["redesign", "maintenance"])
def test_unreadable_refetches_promote_keep_the_facts_and_alert_once_per_site(home_copy, mode):
    before = _facts(home_copy / "warehouse.duckdb")
    imitations = Imitations.for_catalog()
    try:
        for imitation in imitations.imitations.values():
            imitation.break_pages(mode)
        env = {**imitations.env(), "KZUZ_LOOKBACK_DAYS": "1", "KZUZ_FETCH_RETRIES": "0"}
        done = run_kzuz("refresh", home=home_copy, check=False, env=env)
    finally:
        imitations.close()
    said = done.stdout + done.stderr
    assert done.returncode == 0, said[-4000:]
    assert "promoted" in said

    warehouse = home_copy / "warehouse.duckdb"
    assert _facts(warehouse) == before, "every fact of the earlier captures stays, and stays current"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        refetched = dict(
            con.execute(
                "select site, count(distinct source_url) from intermediate.int_captures__status "
                "where is_failed_refetch group by site"
            ).fetchall()
        )
        unlisted = con.execute(
            "select source_url from intermediate.int_captures__status where is_failed_refetch "
            "and capture_id not in (select capture_id from parse_errors)"
        ).fetchall()
    assert len(refetched) >= 8, refetched  # every cited site served its page again, unreadable
    assert unlisted == [], "each refetch that did not take over is in parse_errors, with why"

    run_id = json.loads(sorted((home_copy / "runs").glob("*.json"))[-1].read_text())["run_id"]
    layout = [a for a in read_alerts(home_copy / "alerts.jsonl") if a["run_id"] == run_id and a["kind"] == "yield_drop"]
    assert Counter(a["details"]["site"] for a in layout) == Counter(dict.fromkeys(refetched, 1)), layout
    assert all("Layout change?" in a["summary"] for a in layout)
