"""Unattended, for real: `dagster-daemon run` on this code location (DAGSTER_HOME in a temporary home) runs the
`daily_refresh` schedule, its cron set to every minute, and the discovery sensor against local imitations of
every catalog site (tests/fetch/sites.py). The scheduled run promotes a warehouse. Then two sites serve, with a
200, pages their parsers cannot read (gazeta.uz a cookie wall, lex.uz a maintenance notice: pages with text
of their own, which a main-text extractor could take for an article) and gazeta.uz publishes a story the
sensor finds: the sensor's run still promotes, every fact of the earlier captures stays, and the alerts of
that run name those two sites and no other.

The daemon and everything it starts (its code server, the run workers) live in one process group, stopped
in a ``finally``. A few minutes: the schedule ticks on the minute, each run is a whole live refresh.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from dagster import AssetKey, DagsterInstance, DagsterRun, DagsterRunStatus, RunsFilter

from pipelines.commands.serve import write_workspace
from pipelines.home import KzuzHome
from pipelines.project import DAGSTER_YAML, REPO
from sources.archive import ArchiveStore
from tests.fetch.sites import GazetaImitation, Imitations, Story

pytestmark = pytest.mark.slow

BROKEN = {"gazeta.uz": "cookie_wall", "lex.uz": "maintenance"}  # site -> what it serves instead of pages
# The facts a refetch that cannot be read must not take away: what they say and which page said it. Not the
# evidence: a newer capture read by the main-text fallback may restate a table's figure in a sentence.
FACTS = {
    "fct_trade_flows": """select reporter_iso3, period_start, period_end, period_type, flow, value_usd, source_url
        from fct_trade_flows where is_latest order by all""",
    "fct_legal_acts": """select act_key, source_url, title, act_type, act_number, adopted_on, status
        from fct_legal_acts order by all""",
    "fct_indicators": """select indicator, country_iso3, partner_iso3, value, unit, as_of, source_url
        from fct_indicators order by all""",
}
FINISHED = (DagsterRunStatus.SUCCESS, DagsterRunStatus.FAILURE, DagsterRunStatus.CANCELED)
RUN_TIMEOUT = 420  # seconds: a tick on the minute, the queue, a run process loading the code location, the run


def tashkent_today():
    return datetime.now(ZoneInfo("Asia/Tashkent")).date()


def a_story_of_today() -> Story:
    return Story(
        lang="ru",
        day=tashkent_today(),
        slug="granitsa-novyi-punkt-propuska",
        title="Узбекистан и Казахстан откроют ещё один пункт пропуска на границе",
        lead="Новый пункт пропуска рассчитан на грузовики и должен сократить очереди на трассе.",
        paragraphs=(
            "Строительство пункта пропуска начнётся весной, сообщили в пограничной службе.",
            "Перевозчики жаловались, что в сезон сбора урожая фуры стоят у границы по двое суток.",
        ),
    )


class Daemon:
    """`dagster-daemon run` in its own process group, with the home's DAGSTER_HOME and workspace."""

    def __init__(self, home: KzuzHome, env: dict[str, str], log: Path):
        workspace = write_workspace(home)
        self.log = log
        self._out = open(log, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("dagster-daemon")), "run", "-w", str(workspace)],
            env=env,
            cwd=REPO,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        """SIGTERM to the whole group (daemon, code server, run workers), SIGKILL to whatever is left."""
        for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                continue
            deadline = time.monotonic() + grace
            while time.monotonic() < deadline and _group_alive(self.proc.pid):
                time.sleep(0.2)
            if not _group_alive(self.proc.pid):
                break
        self._out.close()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for_run(
    instance: DagsterInstance, daemon: Daemon, what: str, wanted: Callable[[DagsterRun], bool]
) -> DagsterRun:
    """The first finished run of `refresh` that ``wanted`` accepts; fails with the runs seen and the daemon's log."""
    deadline = time.monotonic() + RUN_TIMEOUT
    seen: list[DagsterRun] = []
    while time.monotonic() < deadline:
        seen = instance.get_runs(RunsFilter(job_name="refresh"))
        done = [r for r in seen if wanted(r) and r.status in FINISHED]
        if done:
            return done[-1]  # get_runs lists the newest first
        if daemon.proc.poll() is not None:
            pytest.fail(f"dagster-daemon exited {daemon.proc.returncode} waiting for {what}:\n{daemon.tail()}")
        if "Error loading repository location" in daemon.log.read_text(errors="replace"):
            pytest.fail(f"the daemon could not load the code location:\n{daemon.tail()}")
        time.sleep(2)
    runs = [(r.run_id[:8], r.status.value, dict(r.tags)) for r in seen]
    pytest.fail(f"no finished {what} after {RUN_TIMEOUT} s; runs: {runs}\n{daemon.tail()}")


def run_failure(instance: DagsterInstance, run: DagsterRun) -> str:
    errors = [
        f"{e.step_key}: {e.dagster_event.step_failure_data.error.message.strip()[:400]}"
        for e in instance.all_logs(run.run_id)
        if e.dagster_event is not None and e.dagster_event.is_step_failure
    ]
    return "\n".join(errors) or f"run {run.run_id} ended {run.status.value}"


def promoted_by(instance: DagsterInstance, run: DagsterRun) -> bool:
    event = instance.get_latest_materialization_event(AssetKey("warehouse"))
    return event is not None and event.run_id == run.run_id


def facts(home: KzuzHome) -> dict[str, list[tuple]]:
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        return {mart: con.execute(query).fetchall() for mart, query in FACTS.items()}


def sites_named(home: KzuzHome, run_id: str) -> set[str]:
    """Sites named by the run's page alerts (a page that could not be read, a site's yield drop)."""
    named = set()
    for line in home.alerts.read_text(encoding="utf-8").splitlines():
        alert = json.loads(line)
        if alert.get("run_id") != run_id or alert["kind"] not in ("parse_error", "yield_drop"):
            continue
        named.add(alert.get("details", {}).get("site") or alert["summary"].split(":", 1)[0])
    return named


def test_the_daemon_runs_the_schedule_and_the_sensor_and_a_broken_site_still_promotes(tmp_path):
    home = KzuzHome(tmp_path / "home").ensure()
    home.dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DAGSTER_YAML, home.dagster_home / "dagster.yaml")
    imitations = Imitations.for_catalog()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("KZUZ_OFFLINE", "DAGSTER_HOME")},
        **imitations.env(),
        "KZUZ_HOME": str(home.root),
        "DAGSTER_HOME": str(home.dagster_home),
        "KZUZ_AUTOMATION": "on",
        "KZUZ_DAILY_CRON": "* * * * *",
        "KZUZ_DISCOVERY_INTERVAL_SECONDS": "15",
        "KZUZ_LOOKBACK_DAYS": "2",
        "KZUZ_FETCH_RETRIES": "0",
        "KZUZ_FETCH_TIMEOUT": "2,10",
    }
    daemon = None
    try:
        # The instance's storages are made here, before the daemon and its code server start: processes
        # creating one fresh sqlite instance at once race on its schema (alembic "more than one head").
        with DagsterInstance.from_config(str(home.dagster_home)) as instance:
            instance.get_runs(limit=1)
            instance.all_instigator_state()
            daemon = Daemon(home, env, tmp_path / "daemon.log")
            check_unattended_runs(instance, daemon, home, imitations)
    finally:
        if daemon is not None:
            daemon.stop()
        imitations.close()
    assert not _group_alive(daemon.proc.pid), "every process the daemon started is gone"


def check_unattended_runs(instance: DagsterInstance, daemon: Daemon, home: KzuzHome, imitations: Imitations) -> None:
    # 1. The schedule's run: a live refresh of every cited page, promoted.
    scheduled = wait_for_run(
        instance, daemon, "daily_refresh run", lambda r: r.tags.get("dagster/schedule_name") == "daily_refresh"
    )
    assert scheduled.status == DagsterRunStatus.SUCCESS, run_failure(instance, scheduled)
    assert scheduled.tags.get("kzuz/trigger") == "daily_refresh"
    assert promoted_by(instance, scheduled), "the scheduled run materialised the warehouse"
    before = facts(home)
    counts = {mart: len(rows) for mart, rows in before.items()}
    assert counts == {"fct_trade_flows": 12, "fct_legal_acts": 5, "fct_indicators": 22}, counts
    gazeta_indicators = [r for r in before["fct_indicators"] if "gazeta.uz" in r[6]]
    assert len(gazeta_indicators) == 4, "the partner shares and the 2017 growth of the gazeta.uz table page"

    # 2. Two sites serve pages their parsers cannot read; a new story in gazeta.uz's feed: the sensor's run.
    for site, mode in BROKEN.items():
        imitations.site(site).break_pages(mode)
    story = a_story_of_today()
    imitations.site("gazeta.uz").add(story)
    sensed = wait_for_run(
        instance, daemon, "discovery_sensor run", lambda r: r.tags.get("dagster/sensor_name") == "discovery_sensor"
    )
    assert sensed.status == DagsterRunStatus.SUCCESS, run_failure(instance, sensed)
    assert promoted_by(instance, sensed), "the run with the broken sites materialised the warehouse"
    store = ArchiveStore(home.archive)
    archived = store.latest_for_url(GazetaImitation.url(story))
    assert archived is not None, "the sensor's run fetched the story it found"
    assert b"consent-overlay" in store.read_body(archived), "as the site served it: a cookie wall"
    after = facts(home)
    for mart, rows in before.items():
        lost = sorted(set(rows) - set(after[mart]))
        assert after[mart] == rows, f"{mart}: the unreadable refetches of {sorted(BROKEN)} took away {lost}"
    named = sites_named(home, sensed.run_id)
    assert named == set(BROKEN), f"the run's page alerts name {sorted(named) or 'no site'}, not {sorted(BROKEN)}"
