"""Run the refresh job in-process for the CLI: progress while it runs, a plain summary when it ends."""

from __future__ import annotations

import fcntl
import json
import os
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipelines import progress
from pipelines.home import KzuzHome
from pipelines.run_failures import check_evaluations, metadata_value, run_failures
from pipelines.warehouse import discard_next

LOCK_NAME = "refresh.lock"
QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass
class RefreshOutcome:
    promoted: bool
    run_id: str
    unchanged: bool = False  # no input changed: nothing was rebuilt, the current warehouse stays (a success)
    new_captures: int = 0
    parse_errors: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    failure: str | None = None  # one line: what stopped promotion (the first of `failures`, with a count)
    # what stopped promotion, each with kind, name, model, failing_rows, source_urls and a readable line
    failures: list[dict] = field(default_factory=list)


_held: dict[Path, tuple[IO[str], str]] = {}  # locks this process holds, by lock file: (handle, owner)


def _take(home: KzuzHome, say: Callable[[str], None], owner: str) -> IO[str] | None:
    """Take the home's refresh lock (waiting for another holder); None when this process holds it already.

    The lock is an flock, so the OS drops it when its holder dies (even by kill -9); the file keeps the
    holder's pid, so a lock file left by a killed run is recognised, reported and reused.
    """
    path = home.root / LOCK_NAME
    if path in _held:
        return None
    home.root.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held beyond this function
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        say("another refresh is running in this home; waiting for it to finish…")
        fcntl.flock(handle, fcntl.LOCK_EX)
    handle.seek(0)
    previous = handle.read().strip()
    if previous:
        say(f"cleaning up the lock left by an interrupted refresh ({previous}); it was no longer held")
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}\n")
    handle.flush()
    _held[path] = (handle, owner)
    return handle


def _release(home: KzuzHome, handle: IO[str]) -> None:
    _held.pop(home.root / LOCK_NAME, None)
    handle.seek(0)
    handle.truncate()  # an empty lock file means "released cleanly"
    handle.flush()
    fcntl.flock(handle, fcntl.LOCK_UN)
    handle.close()


@contextmanager
def refresh_lock(home: KzuzHome, console: Console):
    """One refresh per home at a time: a second one waits here (the OS drops the lock if a run dies)."""
    handle = _take(home, lambda message: console.print(f"[yellow]{message}[/]"), owner="cli")
    try:
        yield
    finally:
        if handle is not None:
            _release(home, handle)


def hold_refresh_lock(home: KzuzHome, say: Callable[[str], None], instance=None, run_id: str | None = None) -> None:
    """For runs launched by the Dagster daemon (one process per run, in-process executor): take the same lock
    as the CLI for the rest of this process, so a CLI refresh and a scheduled one never build NEXT together.
    Released when the run's process exits or `release_refresh_lock` is called after promotion."""
    if _take(home, say, owner="run") is not None and instance is not None:
        clean_interrupted_runs(instance, say, exclude_run_id=run_id)


def release_refresh_lock(home: KzuzHome) -> None:
    """Release a lock taken by `hold_refresh_lock` (the CLI's own lock is released by `refresh_lock`)."""
    held = _held.get(home.root / LOCK_NAME)
    if held is not None and held[1] == "run":
        _release(home, held[0])


LOCKED_JOBS = ("refresh", "refresh_site")  # the jobs whose runs hold the refresh lock


def clean_interrupted_runs(instance, say: Callable[[str], None], exclude_run_id: str | None = None) -> None:
    """Runs of this home that a kill -9 left "started": mark them failed and free their writer-pool slots.

    Call it only while holding the refresh lock: then no other refresh of this home is alive, so an
    unfinished refresh run is a dead one. Without this, its claimed `duckdb_writer` slot would make every
    later run wait forever (the daemon's run monitoring is not there for CLI runs).
    """
    from dagster import DagsterRunStatus, RunsFilter  # noqa: PLC0415

    unfinished = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.CANCELING]
    for run in instance.get_runs(RunsFilter(statuses=unfinished)):
        if run.run_id == exclude_run_id or run.job_name not in LOCKED_JOBS:
            continue
        say(
            f"cleaning up run {run.run_id[:8]} interrupted while {run.status.value.lower()}: "
            "marked failed, its writer slot freed"
        )
        instance.report_run_failed(run, "interrupted (its process died); cleaned up by a later refresh")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)


def run_refresh(
    home: KzuzHome, instance, *, offline: bool, only: set[str], console: Console, rebuild: bool = False
) -> RefreshOutcome:
    if offline and not rebuild:
        with refresh_lock(home, console):
            clean_interrupted_runs(instance, lambda message: console.print(f"[yellow]{message}[/]"))
            outcome = _offline_no_op(home, instance)
        if outcome is not None:
            _finish(outcome, home, console)
            return outcome
    # The lock is let go for a moment here: a refresh queued behind this one finds the new captures parsed
    # by the time it gets the lock, or builds on what this one promoted.
    from pipelines.definitions import build_definitions  # noqa: PLC0415 - loads dbt manifest

    defs = build_definitions(home=str(home.root), offline=offline, only=sorted(only))
    job = defs.resolve_job_def("refresh")
    bars = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
        console=console,
        transient=False,
    )
    tasks: dict[str, int] = {}

    def on_progress(stage: str, done: int, total: int, message: str) -> None:
        if stage == "cleanup":  # a stale NEXT file removed: a line of its own, not a bar
            bars.console.print(f"[yellow]{message}[/]")
            return
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total or None, note=message)
        bars.update(tasks[stage], completed=done if total else None, total=total or None, note=message)

    unsubscribe = progress.subscribe(on_progress)
    try:
        with refresh_lock(home, console), bars:
            clean_interrupted_runs(instance, lambda message: console.print(f"[yellow]{message}[/]"))
            run_config = {**QUIET_LOGS, "ops": {"raw_tables": {"config": {"rebuild": rebuild}}}}
            result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
            if not any(
                e.is_step_materialization and e.asset_key and e.asset_key.path == ["warehouse"]
                for e in result.all_events
            ):
                discard_next(home)
    finally:
        unsubscribe()

    outcome = _outcome_of(result.run_id, result.all_events)
    if not outcome.promoted and not outcome.unchanged:
        from pipelines.alerts import alert_failed_run  # noqa: PLC0415

        alert_failed_run(home, outcome.run_id, outcome.failure, failures=outcome.failures)
    _finish(outcome, home, console)
    return outcome


def _outcome_of(run_id: str, events: list) -> RefreshOutcome:
    """What the run did, read from its events: captures, parse errors, checks, promotion, failures."""
    outcome = RefreshOutcome(promoted=False, run_id=run_id)
    for event in events:
        if event.is_step_materialization:
            mat = event.step_materialization_data.materialization
            meta = {k: metadata_value(v) for k, v in mat.metadata.items()}
            if mat.asset_key.path == ["archive_captures"]:
                outcome.new_captures = int(meta.get("new_captures", 0))
            if "parse_errors" in meta and mat.asset_key.path == ["raw", "parse_errors"]:
                outcome.parse_errors = list(meta["parse_errors"] or [])
            if mat.asset_key.path == ["warehouse"]:
                outcome.promoted = True
        if event.is_asset_observation:
            observation = event.asset_observation_data.asset_observation
            if observation.asset_key.path == ["warehouse"] and metadata_value(observation.metadata.get("unchanged")):
                outcome.unchanged = True
    for evaluation in check_evaluations(events):
        meta = {k: metadata_value(v) for k, v in evaluation.metadata.items()}
        outcome.checks.append(
            {
                "asset": evaluation.asset_key.to_user_string(),
                "check": evaluation.check_name,
                "passed": evaluation.passed,
                "severity": evaluation.severity.value,
                **meta,
            }
        )
    if not outcome.promoted:
        outcome.failures = run_failures(events)
        if outcome.failures:
            more = len(outcome.failures) - 1
            outcome.failure = outcome.failures[0]["line"] + (f" (and {more} more)" if more else "")
    return outcome


def _offline_no_op(home: KzuzHome, instance) -> RefreshOutcome | None:
    """An offline refresh with no input changed, answered without a Dagster run; None when there is work.

    The offline job would import the bundled archive (idempotent), find nothing to parse and skip every
    later step (raw_tables in pipelines/defs/assets.py makes the same test), after ~10 s of loading the
    code location (GX, dbt, Dagster). Here the test costs a read of the archive index and of the current
    warehouse's ledger. The verification is recorded on the `warehouse` asset all the same.
    """
    import dagster as dg  # noqa: PLC0415

    from pipelines import fingerprint  # noqa: PLC0415
    from pipelines.project import BUNDLED_MANIFEST  # noqa: PLC0415
    from sources.archive import ArchiveStore, import_manifest  # noqa: PLC0415

    if not home.warehouse.exists():
        return None
    store = ArchiveStore(home.archive)
    progress.report("inputs", "comparing the inputs with the current warehouse's")
    imported = import_manifest(store, BUNDLED_MANIFEST)
    if imported.new or imported.failed:
        return None  # the run imports again (a no-op) and reports what it found
    inputs, _ = fingerprint.current_inputs(store)
    if not fingerprint.inputs_unchanged(home, store, inputs):
        return None
    progress.report("unchanged", fingerprint.UNCHANGED)
    instance.report_runless_asset_event(dg.AssetObservation(asset_key="warehouse", metadata=inputs.observation()))
    return RefreshOutcome(promoted=False, run_id="", unchanged=True)


def _finish(outcome: RefreshOutcome, home: KzuzHome, console: Console) -> None:
    _print_summary(outcome, home, console)
    home.runs.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (home.runs / f"{stamp}-{outcome.run_id[:8] or 'no-run'}.json").write_text(
        json.dumps(outcome.__dict__, default=str, ensure_ascii=False, indent=2), encoding="utf-8"
    )


SHOWN_PARSE_ERRORS = 5


def _print_parse_errors(errors: list[dict], console: Console) -> None:
    """A count per kind and the first few pages; every one is in parse_errors and in runs/*.json."""
    if not errors:
        return
    kinds = Counter(e["error_kind"] for e in errors)
    said = ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())
    console.print(f"[yellow]parse errors[/]: {len(errors)} ({said}); all in the parse_errors mart", highlight=False)
    for err in errors[:SHOWN_PARSE_ERRORS]:
        console.print(f"  [{err['error_kind']}] {err['source_url']}: {err['message']}", markup=False)
    if len(errors) > SHOWN_PARSE_ERRORS:
        console.print(f"  … and {len(errors) - SHOWN_PARSE_ERRORS} more", markup=False)


def _print_summary(outcome: RefreshOutcome, home: KzuzHome, console: Console) -> None:
    if outcome.new_captures == 0:
        console.print("archive: nothing new (no new or changed captures)")
    else:
        console.print(f"archive: {outcome.new_captures} new capture(s)")
    _print_parse_errors(outcome.parse_errors, console)
    for check in outcome.checks:
        if not check["passed"]:
            moved = check.get("quarantined_count")
            extra = f", {moved} row(s) quarantined" if moved else ""
            console.print(f"[yellow]check failed[/] {check['asset']}:{check['check']} ({check['severity']}{extra})")
    dbt_log = home.root / "logs" / f"dbt-{outcome.run_id[:8]}.log"
    if outcome.run_id and dbt_log.exists():
        console.print(f"dbt's own log: {dbt_log}", highlight=False)
    if outcome.promoted:
        console.print(f"[green]promoted[/] {home.warehouse}  (run {outcome.run_id[:8]})")
    elif outcome.unchanged and not outcome.failure:
        run = f"run {outcome.run_id[:8]}" if outcome.run_id else "no run needed"
        console.print(
            f"[green]unchanged[/]: no capture to parse and the same catalog, dbt project and suites as the build of "
            f"{home.warehouse}; nothing rebuilt ({run}; `--rebuild` forces a build)"
        )
    else:
        console.print(f"[red]not promoted[/]: the previous warehouse stays current ({home.warehouse}); what failed:")
        for failure in outcome.failures or [{"line": "the run failed before promotion (see the Dagster run log)"}]:
            console.print(f"  - {failure['line']}", markup=False)
