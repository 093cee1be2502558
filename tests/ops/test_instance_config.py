"""The project's dagster.yaml: one writer at a time (pool default limit 1) and one run at a time (run queue)."""

from __future__ import annotations

import shutil

import dagster as dg

from pipelines.defs.resources import WRITER_POOL
from pipelines.project import DAGSTER_YAML


def test_dagster_yaml_limits_writers_and_runs_to_one(tmp_path, monkeypatch):
    shutil.copyfile(DAGSTER_YAML, tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        config = instance.get_concurrency_config()
        assert config.pool_config.default_pool_limit == 1
        assert config.run_queue_config.max_concurrent_runs == 1  # what the daemon's run queue reads
        assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
        instance.event_log_storage.initialize_concurrency_limit_to_default(WRITER_POOL)
        assert instance.event_log_storage.get_concurrency_info(WRITER_POOL).slot_count == 1
