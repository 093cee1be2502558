"""The report is an asset downstream of promotion, so every successful refresh re-renders it."""

from __future__ import annotations

import dagster as dg

from pipelines.definitions import defs


def test_report_asset_follows_promotion_and_is_in_the_refresh_job():
    graph = defs.get_repository_def().asset_graph
    node = graph.get(dg.AssetKey("report"))
    assert node.parent_keys == {dg.AssetKey("warehouse")}
    assert node.group_name == "report"
    job = defs.resolve_job_def("refresh")
    assert dg.AssetKey("report") in job.asset_layer.selected_asset_keys
