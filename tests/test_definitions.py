"""The Dagster code location loads, and its graph runs from raw captures through the marts to promotion."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import defs


def _key(graph, name: str) -> dg.AssetKey:
    """A dbt model's key whatever prefix (staging/, intermediate/) the translator gives it."""
    return next(k for k in graph.get_all_asset_keys() if k.path[-1] == name)


def test_definitions_load_and_lineage_runs_from_captures_to_promotion():
    repo = defs.get_repository_def()
    graph = repo.asset_graph
    names = {key.path[-1] for key in graph.get_all_asset_keys()}
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    for expected in ("archive_captures", "raw/documents", "raw/table_cells", "raw/trade_observations", "warehouse"):
        assert expected in keys, expected
    for expected in ("stg_raw__trade_observations", "fct_trade_flows", "fct_legal_acts", "dim_documents"):
        assert expected in names, expected
    upstream = graph.get(dg.AssetKey("warehouse")).parent_keys
    assert dg.AssetKey("fct_trade_flows") in upstream
    # lineage: the staging model reads the raw table the loader writes, which depends on the captures
    staging = graph.get(_key(graph, "stg_raw__trade_observations"))
    assert dg.AssetKey(["raw", "trade_observations"]) in staging.parent_keys
    assert dg.AssetKey("archive_captures") in graph.get(dg.AssetKey(["raw", "trade_observations"])).parent_keys


def test_trade_suite_is_attached_as_asset_checks_with_a_blocking_key_check():
    checks = {key.name: key for key in defs.get_repository_def().asset_graph.asset_check_keys}
    trade = [k for k in checks.values() if k.asset_key == dg.AssetKey("fct_trade_flows")]
    assert any("total_differs_from_export_import" in k.name for k in trade)
    assert defs.resolve_job_def("refresh") is not None


def test_operations_schedules_sensors_partitions_and_freshness_are_defined():
    repo = defs.get_repository_def()
    assert {s.name for s in repo.schedule_defs} >= {"daily_refresh", "weekly_full_reparse"}
    assert {s.name for s in repo.sensor_defs} >= {"discovery_sensor", "mart_freshness_alerts"}
    assert defs.resolve_job_def("refresh_site").partitioned_config is not None
    assert defs.resolve_job_def("gazeta_sitemap_backfill").partitions_def is not None
    assert defs.resolve_job_def("refresh").partitions_def is None, "the CLI's refresh job stays unpartitioned"
    assert repo.asset_graph.get(dg.AssetKey("fct_trade_flows")).freshness_policy is not None


def test_the_code_location_module_holds_exactly_one_definitions_object():
    # a code server (dagster api grpc, `kzuz serve`) refuses a module with two Definitions at its top level
    import pipelines.definitions as module

    found = [name for name, value in vars(module).items() if isinstance(value, dg.Definitions)]
    assert found == ["defs"]
