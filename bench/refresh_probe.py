"""Run `kzuz refresh --offline --home HOME` in this process with a stopwatch on its stages.

Used by e2e_bench in a child process (so the parent can watch the memory of the whole process tree,
dbt's subprocess included). Writes OUT.json: the first/last time of every progress stage, the step
durations of the Dagster run (from the event log in HOME/dagster), and the loader's own split of
read / parse / insert seconds.

    python -m bench.refresh_probe HOME OUT.json
"""

from __future__ import annotations

import json
import sys
import time

T0 = time.perf_counter()

from pipelines import load, progress  # noqa: E402

stages: dict[str, dict] = {}
loads: list[dict] = []


def _on_progress(stage: str, done: int, total: int, message: str) -> None:
    now = time.perf_counter() - T0
    entry = stages.setdefault(stage, {"first": now, "last": now, "events": 0})
    entry["last"] = now
    entry["events"] += 1


_original = load.parse_and_load


def _timed_parse_and_load(*args, **kwargs):
    report = _original(*args, **kwargs)
    loads.append(
        {
            "parsed": report.parsed,
            "reused": report.reused,
            "rows": dict(report.rows),
            "seconds": dict(getattr(report, "seconds", {}) or {}),
            "errors": len(report.errors),
        }
    )
    return report


load.parse_and_load = _timed_parse_and_load  # before pipelines.defs.assets imports it by name


def _dagster_steps() -> dict[str, float]:
    from dagster import DagsterEventType, DagsterInstance  # noqa: PLC0415

    instance = DagsterInstance.get()
    runs = instance.get_runs(limit=1)
    if not runs:
        return {}
    starts, steps = {}, {}
    for record in instance.all_logs(runs[0].run_id):
        event = record.dagster_event
        if event is None or not record.step_key:
            continue
        if event.event_type == DagsterEventType.STEP_START:
            starts[record.step_key] = record.timestamp
        elif event.event_type in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE):
            steps[record.step_key] = round(record.timestamp - starts.get(record.step_key, record.timestamp), 3)
    return steps


def main() -> None:
    """Run `kzuz refresh --offline` in this process and write what each stage took to the output JSON."""
    home, out = sys.argv[1], sys.argv[2]
    progress.subscribe(_on_progress)
    from pipelines.cli import app  # noqa: PLC0415

    code = 0
    try:
        code = app(["refresh", "--offline", "--home", home], standalone_mode=False) or 0
    except SystemExit as exc:
        code = exc.code or 0
    except Exception as exc:  # typer/click Exit
        code = getattr(exc, "exit_code", 1)
    wall = time.perf_counter() - T0
    try:
        steps = _dagster_steps()
    except Exception as exc:  # the figures above are still worth keeping
        steps = {"error": repr(exc)}
    with open(out, "w") as fh:
        json.dump({"exit": code, "wall": wall, "stages": stages, "load": loads, "steps": steps}, fh, indent=2)
    sys.exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":
    main()
