"""Compare two warehouses by the contents of their marts (schema main), ignoring run timestamps."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import duckdb

from tests.conftest import KZUZ

RUN_COLUMNS = {"loaded_at", "built_at", "refreshed_at", "run_id", "checked_at", "quarantined_at", "quarantine_run_id"}
# (these differ between runs by design: when a row was loaded or quarantined, by which run)


def marts_digest(warehouse: Path) -> dict[str, tuple[int, str]]:
    """{mart: (rows, md5 of the sorted rows)} for every table of schema main."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main' order by 1"
            ).fetchall()
        ]
        for table in tables:
            cols = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where table_schema = 'main' and table_name = ?"
                    " order by ordinal_position",
                    [table],
                ).fetchall()
                if r[0] not in RUN_COLUMNS
            ]
            row = ", ".join(f'"{c}"' for c in cols)
            out[table] = con.execute(
                f"select count(*), coalesce(md5(string_agg(x, '|' order by x)), '') "
                f'from (select cast(row({row}) as varchar) x from main."{table}")'
            ).fetchone()
    return out


def start_kzuz(*args: str, home: Path, env: dict | None = None, log: Path | None = None) -> subprocess.Popen:
    """`kzuz ARGS` in its own process group (so kill -9 reaches dbt too, as a crashed machine would)."""
    full_env = {**os.environ, "KZUZ_HOME": str(home), "COLUMNS": "200", **(env or {})}
    out = open(log, "w") if log else subprocess.PIPE  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [KZUZ, *args], env=full_env, stdout=out, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )


def wait_for(path: Path, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"kzuz exited {proc.returncode} before pausing")
        if time.monotonic() > deadline:
            raise AssertionError(f"no pause mark {path} after {timeout} s")
        time.sleep(0.2)


def kill9(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
