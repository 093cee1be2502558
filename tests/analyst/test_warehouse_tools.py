"""The warehouse outside the pipeline: dbt build on its own, the duckdb shell, `kzuz export` and `kzuz docs`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from tests.analyst.conftest import query
from tests.conftest import REPO, run_kzuz

# The marts this project builds; the quarantine step may add quarantine_<mart> tables beside them.
MARTS = (
    "dim_countries",
    "dim_documents",
    "dim_sites",
    "fct_events",
    "fct_indicators",
    "fct_legal_act_articles",
    "fct_legal_act_relations",
    "fct_legal_acts",
    "fct_trade_flows",
    "mart_news_vs_official",
    "mart_trade_mirror",
    "mart_trade_targets",
    "parse_errors",
    "quarantine_fct_trade_flows",
)


def _relations_in_main(home: Path) -> list[str]:
    rows = query(home, "select table_name from information_schema.tables where table_schema = 'main' order by 1")
    return [name for (name,) in rows]


def test_dbt_build_passes_outside_dagster(built_home, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copyfile(built_home / "warehouse.duckdb", warehouse)
    env = {
        **os.environ,
        "KZUZ_WAREHOUSE_PATH": str(warehouse),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
    }
    done = subprocess.run(
        [
            str(Path(sys.executable).with_name("dbt")),
            "build",
            "--project-dir",
            "dbt_project",
            "--profiles-dir",
            "dbt_project",
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " ERROR=0 " in done.stdout


def test_duckdb_shell_opens_the_warehouse_read_only_and_sees_the_marts(built_home):
    shell = Path(sys.executable).with_name("duckdb")
    done = subprocess.run(
        [
            str(shell),
            "-readonly",
            str(built_home / "warehouse.duckdb"),
            "-csv",
            "-c",
            "select table_name from information_schema.tables where table_schema = 'main' order by 1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = done.stdout.split()[1:]
    assert seen == _relations_in_main(built_home)
    assert set(MARTS) <= set(seen)
    assert all(name in MARTS or name.startswith("quarantine_") for name in seen)
    done = subprocess.run(
        [
            str(shell),
            "-readonly",
            str(built_home / "warehouse.duckdb"),
            "-csv",
            "-noheader",
            "-c",
            "select count(*) from fct_trade_flows where is_latest and period_type = 'ytd'",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "3"


def test_export_reads_back_with_the_marts_row_counts(built_home, tmp_path):
    target = tmp_path / "export"
    done = run_kzuz("export", str(target), home=built_home)
    assert "written to" in done.stderr
    files = sorted(p.stem for p in target.glob("*.parquet"))
    assert files == _relations_in_main(built_home)  # every mart and every quarantine table
    assert set(MARTS) <= set(files)
    for mart in files:
        table = pq.read_table(target / f"{mart}.parquet")
        assert table.num_rows == query(built_home, f"select count(*) from main.{mart}")[0][0], mart
    events = pq.read_table(target / "fct_events.parquet")
    assert str(events.schema.field("source_urls").type) == "list<element: string>"
    assert str(pq.read_table(target / "fct_trade_flows.parquet").schema.field("value_usd").type) == "double"


def test_export_without_a_warehouse_fails_cleanly(tmp_path):
    done = run_kzuz("export", str(tmp_path / "out"), home=tmp_path / "nohome", check=False)
    assert done.returncode == 2
    assert "kzuz refresh --offline" in done.stderr


def test_docs_are_generated_into_the_home(home_copy):
    done = run_kzuz("docs", "--no-open", home=home_copy)
    index = home_copy / "docs" / "dbt" / "index.html"
    assert done.stdout.strip().endswith("index.html")
    assert index.is_file()
    assert (home_copy / "docs" / "dbt" / "catalog.json").is_file()
