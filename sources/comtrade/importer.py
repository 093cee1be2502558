"""`kzuz comtrade import`: store Comtrade files (API JSON or the site's CSV) in the archive as official statistics.

Archive first: the file's bytes are stored unchanged as a capture, and only a refresh parses them. The file
is read here just far enough to name its capture URL (sources/comtrade/query.py: the ``data/v1/get`` query
it answers) and to refuse what is not a Comtrade file, so bad input is stopped with a reason and nothing
half-imported is left behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sources.archive.store import ArchiveCapture, ArchiveStore
from sources.comtrade.query import ComtradeQuery, query_for_records
from sources.comtrade.reader import LAYOUT_CSV, NotComtradeError, read_comtrade


class ComtradeImportError(ValueError):
    """A file that cannot be imported; the message names the file and why."""


@dataclass(frozen=True)
class ComtradeImport:
    """One imported Comtrade file: its path, the capture it became, and whether that capture is new."""

    path: Path
    capture: ArchiveCapture
    created: bool  # False: the archive already held these bytes for this query
    query: ComtradeQuery
    records: int


def import_comtrade_file(store: ArchiveStore, path: Path, fetched_at: datetime | None = None) -> ComtradeImport:
    """Archive one Comtrade file as a capture of the API URL it answers; the file's mtime is the default time."""
    path = Path(path)
    if not path.is_file():
        raise ComtradeImportError(f"{path}: no such file")
    body = path.read_bytes()
    try:
        found = read_comtrade(body)
        query = query_for_records(found.records)
    except (NotComtradeError, ValueError) as exc:
        raise ComtradeImportError(f"{path}: not imported: {exc}") from exc
    when = fetched_at or datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    headers = {
        "Content-Type": "text/csv; charset=utf-8" if found.layout == LAYOUT_CSV else "application/json",
        # the file's own name stays with the capture (the URL names the query, not the download)
        "Content-Disposition": f'attachment; filename="{path.name}"',
    }
    capture, created = store.store(query.url(), body, when, headers=headers)
    return ComtradeImport(path, capture, created, query, len(found.records))
