"""The raw archive: WARC captures of every page, and imports of saved pages into it."""

from sources.archive.importer import ImportReport, import_file, import_manifest
from sources.archive.store import ArchiveCapture, ArchiveStore

__all__ = ["ArchiveCapture", "ArchiveStore", "ImportReport", "import_file", "import_manifest"]
