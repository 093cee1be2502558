"""Two refreshes started at once queue (the home's refresh lock) and end equal to one refresh; while a
refresh holds the NEXT warehouse, readers (`duckdb -readonly`, `kzuz sql`) read the current one."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import run_kzuz
from tests.ops.marts import marts_digest, start_kzuz

DUCKDB = str(Path(sys.executable).with_name("duckdb"))


def test_two_concurrent_refreshes_queue_and_readers_are_never_blocked(built_home, home_copy: Path, tmp_path):
    expected = marts_digest(built_home / "warehouse.duckdb")
    trade_rows = expected["fct_trade_flows"][0]
    documents = expected["dim_documents"][0]
    # --rebuild: nothing changed in this home, and a no-op refresh would not build NEXT at all
    first = start_kzuz("refresh", "--offline", "--rebuild", home=home_copy, log=tmp_path / "first.log")
    second = start_kzuz("refresh", "--offline", "--rebuild", home=home_copy, log=tmp_path / "second.log")

    # readers while a refresh builds NEXT
    nxt = home_copy / "warehouse.next.duckdb"
    deadline = time.monotonic() + 600
    while not nxt.exists() and time.monotonic() < deadline and (first.poll() is None or second.poll() is None):
        time.sleep(0.1)
    assert nxt.exists(), "a refresh builds warehouse.next.duckdb"
    reads = 0
    while nxt.exists() and reads < 3:
        cli = subprocess.run(
            [
                DUCKDB,
                "-readonly",
                str(home_copy / "warehouse.duckdb"),
                "-csv",
                "-c",
                "select count(*) from fct_trade_flows",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert cli.returncode == 0 and not cli.stderr.strip(), cli.stderr
        assert int(cli.stdout.split()[-1]) == trade_rows, "the reader sees the whole current warehouse"
        sql = run_kzuz("sql", "select count(*) as n from dim_documents", "--format", "json", home=home_copy)
        assert not sql.stderr.strip(), sql.stderr
        assert json.loads(sql.stdout) == [{"n": documents}]
        reads += 1
    assert reads >= 1

    assert first.wait(timeout=1200) == 0, (tmp_path / "first.log").read_text()[-3000:]
    assert second.wait(timeout=1200) == 0, (tmp_path / "second.log").read_text()[-3000:]
    logs = (tmp_path / "first.log").read_text() + (tmp_path / "second.log").read_text()
    assert "another refresh is running in this home; waiting for it to finish" in logs, "the second one queued"
    assert logs.count("promoted") >= 2
    assert not nxt.exists()
    assert marts_digest(home_copy / "warehouse.duckdb") == expected
