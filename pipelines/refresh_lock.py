"""One refresh per home at a time: the home's refresh lock, taken by the CLI and by daemon-launched runs.

An flock on HOME/refresh.lock, so the OS drops it when its holder dies (even by kill -9); the file keeps the
holder's pid. Its own module so that the assets (which take it for daemon runs) and the CLI's refresh (which
takes it around its in-process run) both import it, and neither imports the other.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from dagster import DagsterRunStatus, RunsFilter
from rich.console import Console

from pipelines.home import KzuzHome

LOCK_NAME = "refresh.lock"
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
    """Take the CLI's refresh lock for a run the Dagster daemon launched, for the rest of this process.

    The daemon runs one process per run (in-process executor), so a CLI refresh and a scheduled one never
    build NEXT together. Released when the run's process exits or `release_refresh_lock` is called after
    promotion. The first holder also cleans up runs a dead process left started (`clean_interrupted_runs`).
    """
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
