"""kill -9 a refresh at each stage (fetch, parse/load, dbt, checks, promotion), then run it again: the
warehouse ends equal to an uninterrupted refresh, and the leftovers (NEXT file, lock) are reported.

The stages are reached with the test-only hook of pipelines/progress.py (KZUZ_TEST_PAUSE_AT), and each kill
hits the whole process group, dbt included. The kills are chained on one fresh home: every run starts from
the previous crash's leftovers, the hardest case; the last run is not interrupted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_kzuz
from tests.fetch.sites import FakeSite, mirror_spec
from tests.ops.marts import kill9, marts_digest, start_kzuz, wait_for

STAGES = ["fetch", "parse", "dbt", "checks", "promote"]


@pytest.fixture
def mirror():
    """gazeta.uz, lex.uz and zakon.kz imitated locally: empty feeds, every document 404, so a fetch has work
    to do (and report) but adds no capture: the marts stay comparable with an offline refresh."""
    servers = {site: FakeSite() for site in ("gazeta.uz", "lex.uz", "zakon.kz")}
    yield {
        "KZUZ_MIRROR": mirror_spec(servers),
        "KZUZ_MIRROR_ONLY": "1",
        "KZUZ_RATE": "0.01",
        "KZUZ_FETCH_RETRIES": "0",
        "KZUZ_FETCH_TIMEOUT": "2,5",
    }
    for server in servers.values():
        server.close()


def test_kill_at_each_stage_then_rerun_equals_uninterrupted(built_home, tmp_path, mirror):
    home = tmp_path / "crash-home"
    expected = marts_digest(built_home / "warehouse.duckdb")
    for n, stage in enumerate(STAGES):
        mark = tmp_path / f"paused-{stage}"
        env = {"KZUZ_TEST_PAUSE_AT": stage, "KZUZ_TEST_PAUSE_MARK": str(mark), "KZUZ_TEST_PAUSE_SECONDS": "600"}
        args = ["refresh"] if stage == "fetch" else ["refresh", "--offline"]
        if stage == "fetch":
            env.update(mirror)
        log = tmp_path / f"run-{n}-{stage}.log"
        proc = start_kzuz(*args, home=home, env=env, log=log)
        wait_for(mark, proc, timeout=900)
        kill9(proc)
        assert not (home / "warehouse.duckdb").exists(), f"nothing may be promoted before promotion ({stage})"
        if n:
            text = log.read_text()
            assert "cleaning up the lock left by an interrupted refresh" in text, text[-2000:]
            assert "cleaning up run" in text, "the dead run is marked failed and its writer slot freed"
            if STAGES[n - 1] in ("parse", "dbt", "checks", "promote"):
                assert "removing stale warehouse.next.duckdb" in text, text[-2000:]
    assert (home / "warehouse.next.duckdb").exists(), "the promotion kill leaves a complete NEXT behind"

    done = run_kzuz("refresh", "--offline", home=home)
    assert "removing stale warehouse.next.duckdb" in done.stderr + done.stdout
    assert "cleaning up the lock left by an interrupted refresh" in done.stderr + done.stdout
    assert "cleaning up run" in done.stderr + done.stdout
    assert not (home / "warehouse.next.duckdb").exists()
    assert marts_digest(home / "warehouse.duckdb") == expected
    # and the lock is left released and clean
    assert (home / "refresh.lock").read_text() == ""


def test_kill_during_promotion_keeps_the_current_warehouse(home_copy: Path, tmp_path):
    """With a current warehouse in place, a kill between checkpoint and rename leaves it untouched and
    readable; the rerun replaces it with an equal one."""
    current = home_copy / "warehouse.duckdb"
    before = current.read_bytes()
    expected = marts_digest(current)
    mark = tmp_path / "paused"
    proc = start_kzuz(
        "refresh",
        "--offline",
        "--rebuild",
        home=home_copy,
        log=tmp_path / "run.log",
        env={"KZUZ_TEST_PAUSE_AT": "promote", "KZUZ_TEST_PAUSE_MARK": str(mark), "KZUZ_TEST_PAUSE_SECONDS": "600"},
    )
    wait_for(mark, proc, timeout=900)
    kill9(proc)
    assert current.read_bytes() == before
    rows = run_kzuz("sql", "select count(*) as n from fct_trade_flows", "--format", "json", home=home_copy)
    assert json.loads(rows.stdout) == [{"n": expected["fct_trade_flows"][0]}]

    inode = current.stat().st_ino
    rerun = run_kzuz("refresh", "--offline", "--rebuild", home=home_copy)
    output = rerun.stdout + rerun.stderr
    assert "removing stale warehouse.next.duckdb" in output, output[-2000:]
    assert "promoted" in output
    assert current.stat().st_ino != inode, "the rerun renamed a new warehouse over the current one"
    assert not (home_copy / "warehouse.next.duckdb").exists()
    assert marts_digest(current) == expected
