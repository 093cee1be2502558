"""The whole pipeline on the bundled archive, through the `kzuz` CLI: marts, quarantine, idempotency, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from datetime import date

import dagster as dg
import duckdb

from tests.conftest import KZUZ, run_kzuz

TRADE = "select * from fct_trade_flows order by period_start, flow"


def sql_json(home, query: str) -> list[dict]:
    done = run_kzuz("sql", query, "--format", "json", home=home)
    return json.loads(done.stdout)


def test_trade_flows_hold_eleven_clean_table_rows_in_dollars(built_home):
    everything = sql_json(built_home, TRADE)
    # the table gives 11 clean rows; the page's prose adds the 2017 turnover ("2 bn USD") as a sentence fact
    prose = [r for r in everything if r["evidence_kind"] == "sentence"]
    assert [(r["period_start"], r["flow"], r["value_usd"]) for r in prose] == [("2017-01-01", "total", 2e9)]
    rows = [r for r in everything if r["evidence_kind"] == "table_cell"]
    assert len(rows) == 11
    got = {(r["period_start"], r["period_end"], r["period_type"], r["flow"]): r["value_usd"] for r in rows}
    assert got == {
        ("2018-01-01", "2018-12-31", "year", "export"): 1_352e6,
        ("2018-01-01", "2018-12-31", "year", "import"): 1_567e6,
        ("2018-01-01", "2018-12-31", "year", "total"): 2_920e6,
        ("2019-01-01", "2019-12-31", "year", "export"): 1_393e6,
        ("2019-01-01", "2019-12-31", "year", "import"): 1_942e6,
        ("2020-01-01", "2020-12-31", "year", "export"): 908e6,
        ("2020-01-01", "2020-12-31", "year", "import"): 2_097e6,
        ("2020-01-01", "2020-12-31", "year", "total"): 3_006e6,
        ("2021-01-01", "2021-11-30", "ytd", "export"): 1_057e6,
        ("2021-01-01", "2021-11-30", "ytd", "import"): 2_481e6,
        ("2021-01-01", "2021-11-30", "ytd", "total"): 3_538e6,
    }
    assert {(r["reporter_iso3"], r["partner_iso3"]) for r in rows} == {("UZB", "KAZ")}
    assert {r["source_url"] for r in rows} == {"https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"}
    assert all(r["qualifier"] == "=" and r["published_at"].startswith("2022-01-07") for r in rows)


def test_garbled_2019_total_sits_in_quarantine_with_its_reason(built_home):
    rows = sql_json(built_home, "select * from quarantine_fct_trade_flows")
    assert len(rows) == 1
    row = rows[0]
    assert (row["flow"], row["period_start"], row["value_usd"]) == ("total", "2019-01-01", 3_333_503e6)
    assert "total differs from export + import" in row["quarantine_reason"]


def test_legal_acts_list_the_treaties_declaration_and_decree(built_home):
    rows = sql_json(built_home, "select title, act_type, adopted_on, jurisdiction_iso3, source_url from fct_legal_acts")
    by_date = {}
    for r in rows:
        by_date.setdefault((r["act_type"], r["adopted_on"]), []).append(r)
    assert ("treaty", "1998-10-31") in by_date  # Treaty of Eternal Friendship
    assert len(by_date[("treaty", "2013-06-14")]) == 2  # Strategic Partnership, both sides' registers
    assert ("decree", "2017-02-07") in by_date  # Strategy of Actions, УП-4947
    assert ("declaration", "2021-12-06") in by_date  # Declaration on Allied Relations
    decree = by_date[("decree", "2017-02-07")][0]
    assert "Стратеги" in decree["title"] and decree["jurisdiction_iso3"] == "UZB"


def test_documents_cover_every_bundled_page_marked_as_reconstruction(built_home):
    rows = sql_json(built_home, "select source_url, is_reconstruction, title from dim_documents")
    assert len({r["source_url"] for r in rows}) == 16
    assert all(r["is_reconstruction"] for r in rows)
    assert all(r["title"] for r in rows)


def test_second_refresh_with_nothing_changed_rebuilds_nothing(home_copy):
    warehouse = home_copy / "warehouse.duckdb"
    before = warehouse.read_bytes()
    done = run_kzuz("refresh", "--offline", home=home_copy)
    assert "nothing new" in done.stderr
    assert "unchanged" in done.stderr and "promoted" not in done.stderr
    assert warehouse.read_bytes() == before, "a no-op refresh writes nothing"
    assert not (home_copy / "warehouse.next.duckdb").exists()
    assert not any(
        json.loads(line)["kind"] == "run_failed" for line in (home_copy / "alerts.jsonl").read_text().splitlines()
    ), "a no-op is not a failure"


def test_rebuild_and_changed_code_rebuild_the_same_marts(home_copy):
    tables = ("fct_trade_flows", "fct_legal_acts", "dim_documents", "quarantine_fct_trade_flows")

    def rows(table):
        stamps = "captured_at, quarantined_at" if table.startswith("quarantine_") else "captured_at"
        return sql_json(home_copy, f"select * exclude ({stamps}) from {table} order by all")

    before = {t: rows(t) for t in tables}
    done = run_kzuz("refresh", "--offline", "--rebuild", home=home_copy)
    assert "nothing new" in done.stderr and "promoted" in done.stderr
    # a warehouse built by other dbt models or suites than the installed ones is rebuilt without --rebuild
    with duckdb.connect(str(home_copy / "warehouse.duckdb")) as con:
        con.execute("update raw.build_inputs set code_sha256 = 'built by an older dbt project'")
    done = run_kzuz("refresh", "--offline", home=home_copy)
    assert "promoted" in done.stderr and "unchanged" not in done.stderr
    assert {t: rows(t) for t in tables} == before


def test_broken_page_is_archived_reported_and_the_run_still_promotes(home_copy, tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"<html><head><title>\xd0\x93\xd0\xb0\xd0\xb7")  # cut off mid-title
    url = "https://www.gazeta.uz/ru/2022/02/01/broken/"
    run_kzuz("archive", "import", url, str(broken), "--fetched-at", "2022-02-01T09:00:00Z", home=home_copy)
    done = run_kzuz("refresh", "--offline", home=home_copy)
    assert "parse error" in done.stderr and url in done.stderr
    assert "promoted" in done.stderr
    errors = sql_json(home_copy, f"select * from parse_errors where source_url = '{url}'")
    assert len(errors) == 1 and errors[0]["site"] == "gazeta.uz"
    assert errors[0]["error_kind"] in {"truncated", "empty_body", "unknown_layout"}
    with duckdb.connect(str(home_copy / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from raw.captures where source_url = ?", [url]).fetchone()[0] == 1
    alerts = [json.loads(line) for line in (home_copy / "alerts.jsonl").read_text().splitlines()]
    assert any(a["kind"] == "parse_error" and a["details"]["source_url"] == url for a in alerts)


def test_readers_are_not_blocked_while_a_refresh_runs(home_copy):
    env_home = str(home_copy)
    refresh = subprocess.Popen(
        [KZUZ, "refresh", "--offline", "--rebuild", "--home", env_home],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    answered = 0
    try:
        deadline = time.monotonic() + 120
        while refresh.poll() is None and time.monotonic() < deadline:
            if (home_copy / "warehouse.next.duckdb").exists():
                rows = sql_json(home_copy, "select count(*) as n from fct_trade_flows")
                assert rows == [{"n": 12}]
                answered += 1
            time.sleep(0.2)
    finally:
        _, stderr = refresh.communicate(timeout=300)
    assert refresh.returncode == 0, stderr
    assert answered >= 1


def test_sql_errors_are_one_clear_line(built_home, tmp_path):
    bad = run_kzuz("sql", "select * from no_such_table", home=built_home, check=False)
    assert bad.returncode == 2
    assert bad.stderr.startswith("kzuz: query failed:") and len(bad.stderr.strip().splitlines()) == 1
    missing = run_kzuz("sql", "select 1", home=tmp_path / "nowhere", check=False)
    assert missing.returncode == 2 and "kzuz refresh --offline" in missing.stderr
    host = run_kzuz("archive", "import", "https://example.com/a", __file__, home=tmp_path / "h", check=False)
    assert host.returncode == 2 and "not in the catalog" in host.stderr


def test_sql_is_read_only(built_home):
    done = run_kzuz("sql", "drop table fct_trade_flows", home=built_home, check=False)
    assert done.returncode == 2 and "read-only" in done.stderr.lower()
    assert sql_json(built_home, "select count(*) as n from fct_trade_flows") == [{"n": 12}]


def test_sql_formats(built_home):
    csv_out = run_kzuz(
        "sql",
        "select flow, value_usd from fct_trade_flows order by value_usd limit 1",
        "--format",
        "csv",
        home=built_home,
    ).stdout
    # LF, as the duckdb shell and psql write it: grep, cut and wc in a pipeline see no stray \r
    assert csv_out == "flow,value_usd\nexport,908000000.0\n"
    table = run_kzuz(
        "sql", "select act_type, adopted_on from fct_legal_acts order by adopted_on limit 1", home=built_home
    ).stdout
    assert "treaty" in table and "1998-10-31" in table
    assert date(1998, 10, 31).isoformat() in table


def test_dbt_tests_are_tallied_and_only_failures_recorded(built_home):
    instance = dg.DagsterInstance.from_config(str(built_home / "dagster"))
    (run,) = instance.get_runs(limit=1)
    records = instance.all_logs(run.run_id)
    statuses = [
        e.dagster_event.event_specific_data.asset_observation.metadata["status"].value
        for e in records
        if e.dagster_event and e.dagster_event.event_type_value == "ASSET_OBSERVATION" and e.step_key == "dbt_models"
    ]
    assert "pass" not in statuses, "a passing dbt test writes no event"
    (tally,) = [e.user_message for e in records if e.user_message.startswith("dbt tests: ")]
    counts = {status: int(n) for n, status in re.findall(r"(\d+) (\w+)", tally)}
    manifest = json.loads((built_home / "dbt-target" / "manifest.json").read_text(encoding="utf-8"))
    tests = sum(node["resource_type"] == "test" for node in manifest["nodes"].values())
    assert sum(counts.values()) == tests, (tally, tests)  # every test of the project is counted once
    assert counts["pass"] > tests / 2 and counts.get("warn", 0) <= statuses.count("warn"), tally


def test_home_is_accepted_before_the_subcommand(built_home, tmp_path):
    """`kzuz --home DIR sql ...` as the README's "All commands take --home" suggests; no KZUZ_HOME needed."""
    env = {k: v for k, v in os.environ.items() if k != "KZUZ_HOME"}
    query = ["sql", "select count(*) as n from fct_legal_acts", "--format", "json"]
    before = subprocess.run([KZUZ, "--home", str(built_home), *query], env=env, capture_output=True, text=True)
    assert before.returncode == 0, before.stderr
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
        (acts,) = con.execute("select count(*) from fct_legal_acts").fetchone()
    assert json.loads(before.stdout) == [{"n": acts}]
    # the subcommand's own --home wins over the one before it
    nowhere = tmp_path / "nowhere"
    after = subprocess.run(
        [KZUZ, "--home", str(built_home), *query, "--home", str(nowhere)], env=env, capture_output=True, text=True
    )
    assert after.returncode == 2 and str(nowhere) in after.stderr
