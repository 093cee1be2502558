"""A refresh stopped by a failure of our own making says what failed: the test, its model, rows and pages.

The failure is made the way our own code would make it: the raw layer (which the next warehouse reuses
for unchanged captures) holds a page's document twice, so the capture key our loader writes is no longer
a key. The message must name the dbt test, the model, the number of failing rows and the page, in the
terminal, in runs/*.json and in alerts.jsonl; never a cut-off exception string.
"""

from __future__ import annotations

import json

import dagster as dg
import duckdb

from pipelines.alerts import read_alerts
from pipelines.run_failures import blocking_check_failures
from tests.conftest import run_kzuz

URL = "https://www.gazeta.uz/ru/2022/01/07/kaz-uzb/"
LINE = f"dbt test unique_stg_raw__documents_capture_id on stg_raw__documents: 1 failing row(s); pages: {URL}"


def test_a_duplicated_key_stops_promotion_and_every_channel_names_test_model_rows_and_page(home_copy):
    current = home_copy / "warehouse.duckdb"
    with duckdb.connect(str(current)) as con:
        con.execute("insert into raw.documents select * from raw.documents where source_url = ?", [URL])
    before = current.read_bytes()
    runs_before = set((home_copy / "runs").glob("*.json"))

    done = run_kzuz("refresh", "--offline", "--rebuild", home=home_copy, check=False)
    said = done.stdout + done.stderr
    assert done.returncode == 1, said[-3000:]
    assert "not promoted" in said
    assert f"  - {LINE}" in said.splitlines(), said[-3000:]
    assert "DagsterDbtCliRuntimeError" not in said and "The dbt CLI process with command" not in said
    assert current.read_bytes() == before, "the previous warehouse stays current"

    (run_file,) = set((home_copy / "runs").glob("*.json")) - runs_before
    summary = json.loads(run_file.read_text(encoding="utf-8"))
    assert summary["promoted"] is False
    assert [(f["kind"], f["name"], f["model"], f["failing_rows"], f["source_urls"]) for f in summary["failures"]] == [
        ("dbt test", "unique_stg_raw__documents_capture_id", "stg_raw__documents", 1, [URL])
    ]
    assert summary["failure"] == LINE

    (alert,) = [a for a in read_alerts(home_copy / "alerts.jsonl") if a["run_id"] == summary["run_id"]]
    assert alert["kind"] == "failed_run"
    assert alert["summary"] == f"refresh run {summary['run_id'][:8]} not promoted: {LINE}"
    assert alert["details"]["failures"] == summary["failures"]


def test_a_blocking_check_is_named_with_its_mart_rows_and_pages_and_warnings_are_not():
    urls = [f"https://lex.uz/docs/{n}" for n in range(7)]
    blocking = dg.AssetCheckEvaluation(
        asset_key=dg.AssetKey("fct_legal_acts"),
        check_name="act_key_duplicated",
        passed=False,
        metadata={"severity": "blocking", "unexpected_count": 7, "source_urls": dg.MetadataValue.json(urls)},
    )
    warning = dg.AssetCheckEvaluation(
        asset_key=dg.AssetKey("dim_documents"),
        check_name="source_url_captured_at_duplicated",
        passed=False,
        metadata={"severity": "warn", "unexpected_count": 2},
    )
    (failure,) = blocking_check_failures([blocking, warning])
    assert failure["line"] == (
        "check act_key_duplicated on fct_legal_acts (blocking): 7 failing row(s); pages: " + ", ".join(urls[:5])
    )
    assert (failure["model"], failure["failing_rows"], failure["source_urls"]) == ("fct_legal_acts", 7, urls[:5])
