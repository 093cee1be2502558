"""Fetch state in ``archive/fetch_state.sqlite``: validators per URL, discovery progress, host health, faults.

Kept beside the archive because it only makes sense with it: validators are tied to the content sha256 of
the capture they came with, so they are sent only while that capture is still the latest one. Every
update happens after the capture it describes is stored, so a killed fetch at worst repeats a request.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

FILENAME = "fetch_state.sqlite"

_SCHEMA = """
create table if not exists validators (
    url text primary key,
    etag text,
    last_modified text,
    content_sha256 text not null,
    checked_at text not null
);
create table if not exists feeds (
    feed text primary key,
    last_seen_date text,
    last_success_at text
);
create table if not exists backfill_days (
    feed text not null,
    day text not null,
    completed_at text not null,
    primary key (feed, day)
);
create table if not exists backfill_weeks (
    feed text not null,
    week_start text not null,
    completed_at text not null,
    primary key (feed, week_start)
);
create table if not exists discovered (
    url text primary key,
    site text not null,
    feed text not null,
    title text,
    published text,
    discovered_at text not null,
    done_at text,
    outcome text
);
create table if not exists hosts (
    site text primary key,
    status text not null,
    last_success_at text,
    last_failure_at text,
    last_error text
);
create table if not exists fetch_faults (
    at text not null,
    site text not null,
    url text not null,
    kind text not null,
    status integer,
    detail text
);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Validators:
    """The ETag and Last-Modified a capture came with, and that capture's digest."""

    etag: str | None
    last_modified: str | None
    content_sha256: str


@dataclass(frozen=True)
class PendingItem:
    """An item discovery found and the refresh has not fetched yet."""

    url: str
    site: str
    feed: str
    title: str


class FetchState:
    """The fetch layer's memory (archive/fetch_state.sqlite): validators, feeds, backfill progress, hosts, faults."""

    def __init__(self, archive_root: Path):
        self.path = Path(archive_root) / FILENAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write_lock = threading.Lock()
        with closing(self._connect()) as con:
            con.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=60)
        con.execute("pragma journal_mode=wal")
        return con

    def _write(self, sql: str, params: Iterable = ()) -> None:
        with self._write_lock, closing(self._connect()) as con, con:
            con.execute(sql, tuple(params))

    def _one(self, sql: str, params: Iterable = ()):
        with closing(self._connect()) as con:
            return con.execute(sql, tuple(params)).fetchone()

    def _all(self, sql: str, params: Iterable = ()) -> list:
        with closing(self._connect()) as con:
            return con.execute(sql, tuple(params)).fetchall()

    # validators (conditional requests)
    def validators(self, url: str) -> Validators | None:
        """The validators stored for ``url``, or None."""
        row = self._one("select etag, last_modified, content_sha256 from validators where url = ?", (url,))
        return Validators(*row) if row else None

    def save_validators(self, url: str, etag: str | None, last_modified: str | None, sha256: str) -> None:
        """Store the validators a capture of ``url`` came with."""
        self._write("insert or replace into validators values (?,?,?,?,?)", (url, etag, last_modified, sha256, _now()))

    # discovery
    def feed_last_seen(self, feed: str) -> date | None:
        """The newest item date seen in ``feed``, or None."""
        row = self._one("select last_seen_date from feeds where feed = ?", (feed,))
        return date.fromisoformat(row[0]) if row and row[0] else None

    def mark_feed_seen(self, feed: str, last_seen: date | None) -> None:
        """Remember the newest item date of ``feed`` (never moves back)."""
        previous = self.feed_last_seen(feed)
        keep = max(d for d in (previous, last_seen) if d) if (previous or last_seen) else None
        self._write("insert or replace into feeds values (?,?,?)", (feed, keep.isoformat() if keep else None, _now()))

    def completed_days(self, feed: str) -> set[date]:
        """The days of ``feed`` a backfill read whole."""
        rows = self._all("select day from backfill_days where feed = ?", (feed,))
        return {date.fromisoformat(r[0]) for r in rows}

    def mark_day_completed(self, feed: str, day: date) -> None:
        """Remember that a backfill read ``day`` of ``feed`` whole."""
        self._write("insert or replace into backfill_days values (?,?,?)", (feed, day.isoformat(), _now()))

    def completed_weeks(self, feed: str) -> set[date]:
        """Mondays of the ISO weeks whose weekly map a backfill has read and fetched whole."""
        rows = self._all("select week_start from backfill_weeks where feed = ?", (feed,))
        return {date.fromisoformat(r[0]) for r in rows}

    def mark_week_completed(self, feed: str, monday: date) -> None:
        """Remember that a backfill read the week of ``monday`` of ``feed`` whole."""
        self._write("insert or replace into backfill_weeks values (?,?,?)", (feed, monday.isoformat(), _now()))

    def remember_items(self, site: str, feed: str, items: Iterable) -> None:
        """Remember discovered items of ``site``'s ``feed`` as pending (a URL is remembered once)."""
        rows = [(i.url, site, feed, i.title, i.published.isoformat() if i.published else None, _now()) for i in items]
        if not rows:
            return
        with self._write_lock, closing(self._connect()) as con, con:
            con.executemany(
                "insert or ignore into discovered (url, site, feed, title, published, discovered_at)"
                " values (?,?,?,?,?,?)",
                rows,
            )

    def pending_items(self, site: str) -> list[PendingItem]:
        """Relevant items found by an earlier (possibly killed) run and not fetched yet."""
        rows = self._all(
            "select url, site, feed, coalesce(title, '') from discovered where site = ? and done_at is null"
            " order by discovered_at, url",
            (site,),
        )
        return [PendingItem(*r) for r in rows]

    def mark_item_done(self, url: str, outcome: str) -> None:
        """Mark a pending item fetched, with its outcome."""
        self._write("update discovered set done_at = ?, outcome = ? where url = ?", (_now(), outcome, url))

    # host health
    def mark_host(self, site: str, ok: bool, error: str = "") -> None:
        """Record a site's host as ok or stale (with the error), keeping the last success and failure times."""
        now = _now()
        row = self._one("select last_success_at, last_failure_at from hosts where site = ?", (site,))
        success, failure = row if row else (None, None)
        self._write(
            "insert or replace into hosts values (?,?,?,?,?)",
            (
                site,
                "ok" if ok else "stale",
                now if ok else success,
                failure if ok else now,
                None if ok else error[:500],
            ),
        )

    def stale_sites(self) -> set[str]:
        """The sites whose host is marked stale."""
        return {r[0] for r in self._all("select site from hosts where status = 'stale'")}

    def record_fault(self, site: str, url: str, kind: str, status: int | None, detail: str) -> None:
        """Record one fetch fault (kind, status, detail) of ``url``."""
        self._write("insert into fetch_faults values (?,?,?,?,?,?)", (_now(), site, url, kind, status, detail[:500]))

    def fault_counts(self, site: str | None = None) -> dict[str, int]:
        """Fault counts by kind, of one site or of all."""
        sql = "select kind, count(*) from fetch_faults" + (" where site = ?" if site else "") + " group by kind"
        return dict(self._all(sql, (site,) if site else ()))
