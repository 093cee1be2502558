"""All definitions of the code location against a committed snapshot (tests/ops/defs_snapshot.json), so an
accidental change to the graph (assets, checks, schedules, sensors, jobs, resources) shows in review.

After an intended change, update the snapshot and commit it with the change:
    KZUZ_UPDATE_SNAPSHOT=1 .venv/bin/pytest tests/ops/test_defs_snapshot.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

SNAPSHOT = Path(__file__).with_name("defs_snapshot.json")
REPO = Path(__file__).resolve().parents[2]
VARIABLES = ("KZUZ_DAILY_CRON", "KZUZ_WEEKLY_CRON", "KZUZ_SCHEDULE_TZ", "KZUZ_MART_FRESHNESS_HOURS", "KZUZ_AUTOMATION")


def describe(defs: dg.Definitions) -> dict:
    repo = defs.get_repository_def()
    graph = repo.asset_graph
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        policy = node.freshness_policy
        assets[key.to_user_string()] = {
            "group": node.group_name,
            "deps": sorted(k.to_user_string() for k in node.parent_keys),
            "freshness": type(policy).__name__ if policy else None,
            "pool": next(iter(node.pools), None) if getattr(node, "pools", None) else None,
        }
    return {
        "assets": assets,
        "checks": sorted(f"{k.asset_key.to_user_string()}:{k.name}" for k in graph.asset_check_keys),
        "jobs": sorted(j.name for j in repo.get_all_jobs() if not j.name.startswith("__")),
        "schedules": {
            s.name: {"cron": s.cron_schedule, "timezone": s.execution_timezone, "job": s.job_name}
            for s in sorted(repo.schedule_defs, key=lambda s: s.name)
        },
        "sensors": {
            s.name: {"jobs": sorted(t.job_name for t in s.targets)}
            for s in sorted(repo.sensor_defs, key=lambda s: s.name)
        },
        "resources": {k: type(v).__name__ for k, v in sorted(defs.resources.items())},
    }


def test_definitions_match_the_committed_snapshot():
    # The module-level definitions read the crons and freshness from the environment when they load: describe
    # them in a fresh process without those variables, whatever this test process has set or imported.
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", "import json; from tests.ops.test_defs_snapshot import describe; "
         "from pipelines.definitions import defs; print(json.dumps(describe(defs)))"],
        env=env, cwd=REPO, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    current = json.loads(done.stdout.strip().splitlines()[-1])
    if os.environ.get("KZUZ_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(json.dumps(current, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    committed = json.loads(SNAPSHOT.read_text("utf-8"))
    for part in committed.keys() | current.keys():
        assert current.get(part) == committed.get(part), (
            f"definitions changed ({part}); if intended: "
            "KZUZ_UPDATE_SNAPSHOT=1 pytest tests/ops/test_defs_snapshot.py, and commit the snapshot"
        )
