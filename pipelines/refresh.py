"""Run the refresh job in-process for the CLI: progress while it runs, a plain summary when it ends."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipelines import progress
from pipelines.alerts import alert_failed_run
from pipelines.home import KzuzHome
from pipelines.project import ensure_dbt_manifest
from pipelines.refresh_lock import clean_interrupted_runs, refresh_lock
from pipelines.run_failures import check_evaluations, metadata_value, run_failures
from pipelines.warehouse import discard_next

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass
class RefreshOutcome:
    """What one refresh did, as the CLI prints it and HOME/runs/*.json keeps it."""

    promoted: bool
    run_id: str
    unchanged: bool = False  # no input changed: nothing was rebuilt, the current warehouse stays (a success)
    new_captures: int = 0
    parse_errors: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    failure: str | None = None  # one line: what stopped promotion (the first of `failures`, with a count)
    # what stopped promotion, each with kind, name, model, failing_rows, source_urls and a readable line
    failures: list[dict] = field(default_factory=list)


def run_refresh(
    home: KzuzHome, instance, *, offline: bool, only: set[str], console: Console, rebuild: bool = False
) -> RefreshOutcome:
    """Refresh ``home`` in this process: answer a no-op offline refresh at once, else run the refresh job.

    Prints progress while the job runs and a summary when it ends, writes the outcome to HOME/runs/, and
    alerts when the run neither promoted nor found everything unchanged.
    """
    outcome = _offline_no_op_locked(home, instance, console) if offline and not rebuild else None
    if outcome is None:
        # The lock is let go for a moment here: a refresh queued behind this one finds the new captures parsed
        # by the time it gets the lock, or builds on what this one promoted.
        run_id, events = _run_refresh_job(home, instance, offline=offline, only=only, rebuild=rebuild, console=console)
        outcome = _outcome_of(run_id, events)
        if not outcome.promoted and not outcome.unchanged:
            alert_failed_run(home, outcome.run_id, outcome.failure, failures=outcome.failures)
    _finish(outcome, home, console)
    return outcome


def _warn(console: Console) -> Callable[[str], None]:
    return lambda message: console.print(f"[yellow]{message}[/]")


def _offline_no_op_locked(home: KzuzHome, instance, console: Console) -> RefreshOutcome | None:
    """`_offline_no_op` under the refresh lock, after cleaning up runs a dead process left started."""
    with refresh_lock(home, console):
        clean_interrupted_runs(instance, _warn(console))
        return _offline_no_op(home, instance)


def _progress_bars(console: Console) -> tuple[Progress, Callable[[str, int, int, str], None]]:
    """A bar per stage the run reports (pipelines.progress), and the listener that drives them."""
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

    return bars, on_progress


def _run_refresh_job(
    home: KzuzHome, instance, *, offline: bool, only: set[str], rebuild: bool, console: Console
) -> tuple[str, list]:
    """Execute the refresh job in process under the refresh lock; return its run id and events.

    A run that did not promote leaves no NEXT file behind.
    """
    # Imported here, not at the top: loading the code location (dbt manifest, GX suites) costs seconds that
    # a no-op refresh, answered above without a run, does not pay.
    ensure_dbt_manifest()  # before the code location loads: it reads the manifest, never runs dbt itself
    from pipelines.definitions import defs  # noqa: PLC0415
    from pipelines.defs.resources import settings_run_config  # noqa: PLC0415

    job = defs.resolve_job_def("refresh")
    bars, on_progress = _progress_bars(console)
    unsubscribe = progress.subscribe(on_progress)
    try:
        with refresh_lock(home, console), bars:
            clean_interrupted_runs(instance, _warn(console))
            run_config = {
                **QUIET_LOGS,
                **settings_run_config(str(home.root), offline, sorted(only)),
                "ops": {"raw_tables": {"config": {"rebuild": rebuild}}},
            }
            result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
            if not any(_materialized(e, ["warehouse"]) for e in result.all_events):
                discard_next(home)
    finally:
        unsubscribe()
    return result.run_id, result.all_events


def _materialized(event, path: list[str]) -> bool:
    return bool(event.is_step_materialization and event.asset_key and event.asset_key.path == path)


def _outcome_of(run_id: str, events: list) -> RefreshOutcome:
    """What the run did, read from its events: captures, parse errors, checks, promotion, failures."""
    outcome = RefreshOutcome(promoted=False, run_id=run_id)
    for event in events:
        if event.is_step_materialization:
            _read_materialization(outcome, event.step_materialization_data.materialization)
        if event.is_asset_observation:
            observation = event.asset_observation_data.asset_observation
            if observation.asset_key.path == ["warehouse"] and metadata_value(observation.metadata.get("unchanged")):
                outcome.unchanged = True
    outcome.checks = [_check_row(evaluation) for evaluation in check_evaluations(events)]
    if not outcome.promoted:
        outcome.failures = run_failures(events)
        if outcome.failures:
            more = len(outcome.failures) - 1
            outcome.failure = outcome.failures[0]["line"] + (f" (and {more} more)" if more else "")
    return outcome


def _read_materialization(outcome: RefreshOutcome, mat) -> None:
    """Fill ``outcome`` from one materialization: new captures, the parse errors, promotion."""
    path = mat.asset_key.path
    meta = {k: metadata_value(v) for k, v in mat.metadata.items()}
    if path == ["archive_captures"]:
        outcome.new_captures = int(meta.get("new_captures", 0))
    if path == ["raw", "parse_errors"] and "parse_errors" in meta:
        outcome.parse_errors = list(meta["parse_errors"] or [])
    if path == ["warehouse"]:
        outcome.promoted = True


def _check_row(evaluation) -> dict:
    """One asset check evaluation as the plain dict runs/*.json and the summary use."""
    meta = {k: metadata_value(v) for k, v in evaluation.metadata.items()}
    return {
        "asset": evaluation.asset_key.to_user_string(),
        "check": evaluation.check_name,
        "passed": evaluation.passed,
        "severity": evaluation.severity.value,
        **meta,
    }


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
