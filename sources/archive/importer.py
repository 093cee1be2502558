"""Import saved pages into the archive: one file, or a tab-separated manifest of many.

The bundled reconstructions enter through ``import_manifest`` exactly like a user's folder of saved pages.
Manifest lines: ``URL <TAB> path relative to the manifest [<TAB> fetched_at ISO 8601 [<TAB> reconstruction]]``;
blank lines, lines starting with ``#`` and a first line of column names (first column ``url``) are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sources.archive.store import ArchiveCapture, ArchiveStore
from sources.catalog import UnknownHostError


class ArchiveImportError(ValueError):
    """A line or file that cannot be imported; the message says which and why."""


@dataclass
class ImportReport:
    """What an import did: captures new to the archive, captures it held already, and one line per failure."""

    new: list[ArchiveCapture] = field(default_factory=list)
    unchanged: list[ArchiveCapture] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one readable line per failure


def parse_fetched_at(text: str) -> datetime:
    """A fetched-at time in ISO 8601 as UTC (a naive time is taken as UTC); ArchiveImportError when unreadable."""
    try:
        ts = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ArchiveImportError(f"fetched-at {text!r} is not an ISO 8601 time (e.g. 2022-01-07T10:00:00Z)") from exc
    return ts.replace(tzinfo=UTC) if ts.tzinfo is None else ts.astimezone(UTC)


def import_file(
    store: ArchiveStore,
    url: str,
    path: Path,
    fetched_at: datetime | None = None,
    *,
    is_reconstruction: bool = False,
) -> tuple[ArchiveCapture, bool]:
    """Store ``path`` as a capture of ``url``; without ``fetched_at`` the file's modification time is used."""
    path = Path(path)
    if not path.is_file():
        raise ArchiveImportError(f"{path}: no such file")
    if fetched_at is None:
        fetched_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return store.store(url, path.read_bytes(), fetched_at, is_reconstruction=is_reconstruction)


def import_manifest(store: ArchiveStore, manifest: Path) -> ImportReport:
    """Import every line of a manifest; bad lines are reported, good lines are still imported."""
    manifest = Path(manifest)
    if not manifest.is_file():
        raise ArchiveImportError(f"{manifest}: no such manifest")
    report = ImportReport()
    for lineno, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if lineno == 1 and line.split("\t", 1)[0].strip().lower() == "url":
            continue  # a header row (e.g. url, file, fetched_at, ...)
        cols = line.rstrip("\n").split("\t")
        where = f"{manifest.name}:{lineno}"
        if len(cols) < 2:
            report.failed.append(f"{where}: expected URL<TAB>FILE, got {line!r}")
            continue
        url, rel = cols[0].strip(), cols[1].strip()
        try:
            fetched_at = parse_fetched_at(cols[2]) if len(cols) > 2 and cols[2].strip() else None
            mark = cols[3].strip().lower() if len(cols) > 3 else ""
            capture, created = import_file(
                store, url, manifest.parent / rel, fetched_at, is_reconstruction=mark == "reconstruction"
            )
        except (ArchiveImportError, UnknownHostError) as exc:
            report.failed.append(f"{where}: {exc}")
            continue
        (report.new if created else report.unchanged).append(capture)
    return report
