"""Run the refresh job in-process for the CLI: progress while it runs, a plain summary when it ends."""

from __future__ import annotations

import fcntl
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipelines import progress
from pipelines.home import KzuzHome
from pipelines.warehouse import discard_next

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}


@dataclass
class RefreshOutcome:
    promoted: bool
    run_id: str
    new_captures: int = 0
    parse_errors: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)
    failure: str | None = None


@contextmanager
def refresh_lock(home: KzuzHome, console: Console):
    """One refresh per home at a time: a second one waits here (the OS drops the lock if a run dies)."""
    home.root.mkdir(parents=True, exist_ok=True)
    with open(home.root / "refresh.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            console.print("another refresh is running in this home; waiting for it to finish…")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _metadata_value(entry):
    return getattr(entry, "value", getattr(entry, "data", entry))


def run_refresh(home: KzuzHome, instance, *, offline: bool, only: set[str], console: Console) -> RefreshOutcome:
    from pipelines.definitions import build_definitions  # noqa: PLC0415 - loads dbt manifest

    defs = build_definitions(home=str(home.root), offline=offline, only=sorted(only))
    job = defs.resolve_job_def("refresh")
    bars = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[note]}"), console=console, transient=False)
    tasks: dict[str, int] = {}

    def on_progress(stage: str, done: int, total: int, message: str) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total or None, note=message)
        bars.update(tasks[stage], completed=done if total else None, total=total or None, note=message)

    unsubscribe = progress.subscribe(on_progress)
    try:
        with refresh_lock(home, console), bars:
            result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=QUIET_LOGS)
            if not any(e.is_step_materialization and e.asset_key and e.asset_key.path == ["warehouse"]
                       for e in result.all_events):
                discard_next(home)
    finally:
        unsubscribe()

    outcome = RefreshOutcome(promoted=False, run_id=result.run_id)
    for event in result.all_events:
        if event.is_step_materialization:
            mat = event.step_materialization_data.materialization
            meta = {k: _metadata_value(v) for k, v in mat.metadata.items()}
            if mat.asset_key.path == ["archive_captures"]:
                outcome.new_captures = int(meta.get("new_captures", 0))
            if "parse_errors" in meta and mat.asset_key.path == ["raw", "parse_errors"]:
                outcome.parse_errors = list(meta["parse_errors"] or [])
            if mat.asset_key.path == ["warehouse"]:
                outcome.promoted = True
        if event.is_step_failure:
            outcome.failure = f"{event.step_key}: {event.step_failure_data.error.message.strip().splitlines()[0]}"
    for evaluation in result.get_asset_check_evaluations():
        meta = {k: _metadata_value(v) for k, v in evaluation.metadata.items()}
        outcome.checks.append(
            {"asset": evaluation.asset_key.to_user_string(), "check": evaluation.check_name,
             "passed": evaluation.passed, "severity": evaluation.severity.value, **meta}
        )
    _print_summary(outcome, home, console)
    home.runs.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (home.runs / f"{stamp}-{outcome.run_id[:8]}.json").write_text(
        json.dumps(outcome.__dict__, default=str, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return outcome


def _print_summary(outcome: RefreshOutcome, home: KzuzHome, console: Console) -> None:
    if outcome.new_captures == 0:
        console.print("archive: nothing new (no new or changed captures)")
    else:
        console.print(f"archive: {outcome.new_captures} new capture(s)")
    for err in outcome.parse_errors:
        console.print(f"[yellow]parse error[/] [{err['error_kind']}] {err['source_url']}: {err['message']}")
    for check in outcome.checks:
        if not check["passed"]:
            extra = f", {check['quarantined']} row(s) quarantined" if check.get("quarantined") else ""
            console.print(
                f"[yellow]check failed[/] {check['asset']}:{check['check']} ({check['severity']}{extra})"
            )
    if outcome.promoted:
        console.print(f"[green]promoted[/] {home.warehouse}  (run {outcome.run_id[:8]})")
    else:
        console.print(
            f"[red]not promoted[/]: {outcome.failure or 'a blocking check failed'}; "
            f"the previous warehouse stays current ({home.warehouse})"
        )
