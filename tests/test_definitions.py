"""The Dagster code location loads, and its graph runs from raw captures through the marts to promotion."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import defs


def test_definitions_load_and_lineage_runs_from_captures_to_promotion():
    repo = defs.get_repository_def()
    graph = repo.asset_graph
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    for expected in ("archive_captures", "raw/documents", "raw/table_cells", "raw/trade_observations",
                     "stg_raw__trade_observations", "fct_trade_flows", "fct_legal_acts", "dim_documents",
                     "warehouse"):
        assert expected in keys, expected
    upstream = graph.get(dg.AssetKey("warehouse")).parent_keys
    assert dg.AssetKey("fct_trade_flows") in upstream
    # lineage: the staging model reads the raw table the loader writes, which depends on the captures
    staging = graph.get(dg.AssetKey("stg_raw__trade_observations"))
    assert dg.AssetKey(["raw", "trade_observations"]) in staging.parent_keys
    assert dg.AssetKey("archive_captures") in graph.get(dg.AssetKey(["raw", "trade_observations"])).parent_keys


def test_trade_suite_is_attached_as_asset_checks_with_a_blocking_key_check():
    checks = {key.name: key for key in defs.get_repository_def().asset_graph.asset_check_keys}
    trade = [k for k in checks.values() if k.asset_key == dg.AssetKey("fct_trade_flows")]
    assert any("total_differs_from_export_import" in k.name for k in trade)
    assert defs.resolve_job_def("refresh") is not None
