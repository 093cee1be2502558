"""The raw archive: append-only WARC captures of every response, with a small SQLite index.

Each capture is one gzipped WARC file (ISO 28500, written by warcio) holding the HTTP response exactly as
received: readable by any web-archiving tool, and re-parseable without the network. A capture is keyed by
``capture_id = sha256(url + body sha256)``, so storing the same body for the same URL twice is a no-op
(idempotent imports, no duplicates after a crash) while a changed page becomes a new capture (vintage).

Write order makes crashes harmless: the WARC file is written to a temporary name and renamed into place,
then the index row is inserted. A crash before the insert leaves a file the next store of the same
capture simply replaces; the index never names a file that does not exist.
"""

from __future__ import annotations

import hashlib
import io
import json
import mimetypes
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sources.catalog import load_catalog

RECONSTRUCTION_HEADER = "WARC-Kzuz-Reconstruction"

_SCHEMA = """
create table if not exists captures (
    capture_id text primary key,
    url text not null,
    site text not null,
    fetched_at text not null,
    http_status integer not null,
    content_type text,
    content_sha256 text not null,
    content_length integer not null,
    headers_json text not null,
    warc_path text not null,
    is_reconstruction integer not null default 0
);
create index if not exists captures_url on captures(url, fetched_at);
"""


@dataclass(frozen=True)
class ArchiveCapture:
    """One stored response: where it came from, when, and where its bytes are."""

    capture_id: str
    url: str
    site: str
    fetched_at: datetime
    http_status: int
    content_type: str | None
    content_sha256: str
    content_length: int
    headers: dict[str, str]
    warc_path: str  # relative to the archive root
    is_reconstruction: bool


def capture_key(url: str, content_sha256: str) -> str:
    """The capture id: a digest of the URL and the content's digest (so the same bytes at one URL are one capture)."""
    return hashlib.sha256(f"{url}\n{content_sha256}".encode()).hexdigest()[:32]


def _as_utc(ts: datetime) -> datetime:
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


def guess_content_type(url: str, body: bytes) -> str:
    """The type of an imported page (no response headers came with it); no charset is claimed, so the
    page's own declaration, or the detector, decides how its bytes are read (``sources.charset``).
    """
    if body.startswith(b"%PDF"):
        return "application/pdf"
    guessed, _ = mimetypes.guess_type(url.split("?")[0])
    if guessed and guessed != "application/octet-stream":
        return guessed
    return "text/html"


class ArchiveStore:
    """Append-only store of captures under ``root`` (the home folder's ``archive/``)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as con:
            con.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.root / "index.sqlite", timeout=60)
        con.execute("pragma journal_mode=wal")
        return con

    def store(
        self,
        url: str,
        body: bytes,
        fetched_at: datetime,
        *,
        http_status: int = 200,
        headers: dict[str, str] | None = None,
        is_reconstruction: bool = False,
    ) -> tuple[ArchiveCapture, bool]:
        """Archive one response. Returns the capture and whether it is new (False: same body already held)."""
        site = load_catalog().site_for_url(url).site  # refuses hosts outside the catalog
        sha = hashlib.sha256(body).hexdigest()
        capture_id = capture_key(url, sha)
        existing = self.get(capture_id)
        if existing is not None:
            return existing, False
        fetched_at = _as_utc(fetched_at)
        headers = dict(headers or {})
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        if content_type is None:
            content_type = guess_content_type(url, body)
            headers["Content-Type"] = content_type
        rel = Path("warc") / fetched_at.strftime("%Y/%m") / f"{capture_id}.warc.gz"
        self._write_warc(rel, url, body, fetched_at, http_status, headers, sha, is_reconstruction)
        capture = ArchiveCapture(
            capture_id=capture_id,
            url=url,
            site=site,
            fetched_at=fetched_at,
            http_status=http_status,
            content_type=content_type,
            content_sha256=sha,
            content_length=len(body),
            headers=headers,
            warc_path=rel.as_posix(),
            is_reconstruction=is_reconstruction,
        )
        with closing(self._connect()) as con, con:
            con.execute(
                "insert or ignore into captures values (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    capture.capture_id,
                    url,
                    site,
                    fetched_at.isoformat(),
                    http_status,
                    content_type,
                    sha,
                    len(body),
                    json.dumps(headers, ensure_ascii=False),
                    capture.warc_path,
                    int(is_reconstruction),
                ),
            )
        return capture, True

    def _write_warc(self, rel, url, body, fetched_at, status, headers, sha, is_reconstruction) -> None:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        reason = "OK" if status == 200 else "Response"
        http_headers = StatusAndHeaders(f"{status} {reason}", list(headers.items()), protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Date": fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "WARC-Payload-Digest": f"sha256:{sha}",
        }
        if is_reconstruction:
            warc_headers[RECONSTRUCTION_HEADER] = "true"
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                writer = WARCWriter(out, gzip=True)
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http_headers,
                    warc_headers_dict=warc_headers,
                )
                writer.write_record(record)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, capture_id: str) -> ArchiveCapture | None:
        """The capture with this id, or None."""
        with closing(self._connect()) as con:
            row = con.execute("select * from captures where capture_id = ?", (capture_id,)).fetchone()
        return _row_to_capture(row) if row else None

    def captures(self, sites: set[str] | None = None) -> Iterator[ArchiveCapture]:
        """Every capture, oldest first."""
        with closing(self._connect()) as con:
            rows = con.execute("select * from captures order by fetched_at, capture_id").fetchall()
        for row in rows:
            capture = _row_to_capture(row)
            if sites is None or capture.site in sites:
                yield capture

    def latest_for_url(self, url: str) -> ArchiveCapture | None:
        """The newest capture of ``url`` by fetch time, or None."""
        with closing(self._connect()) as con:
            row = con.execute(
                "select * from captures where url = ? order by fetched_at desc limit 1", (url,)
            ).fetchone()
        return _row_to_capture(row) if row else None

    def state(self) -> tuple:
        """A token that changes whenever a capture is added (the index is append-only): count, last row, sizes."""
        with closing(self._connect()) as con:
            return tuple(
                con.execute(
                    "select count(*), max(rowid), sum(content_length), max(fetched_at) from captures"
                ).fetchone()
            )

    def count(self) -> int:
        """How many captures the archive holds."""
        with closing(self._connect()) as con:
            return con.execute("select count(*) from captures").fetchone()[0]

    def read_body(self, capture: ArchiveCapture) -> bytes:
        """The response body of a capture, read from its WARC record."""
        with open(self.root / capture.warc_path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    return record.content_stream().read()
        raise ValueError(f"no response record in {capture.warc_path}")


def _row_to_capture(row) -> ArchiveCapture:
    return ArchiveCapture(
        capture_id=row[0],
        url=row[1],
        site=row[2],
        fetched_at=datetime.fromisoformat(row[3]),
        http_status=row[4],
        content_type=row[5],
        content_sha256=row[6],
        content_length=row[7],
        headers=json.loads(row[8]),
        warc_path=row[9],
        is_reconstruction=bool(row[10]),
    )
