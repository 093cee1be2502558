"""What a report section holds, independent of HTML: figures, tables, links to sources, notes of what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Link:
    """A link to a source page; ``lang`` is the language of its text (source titles keep their own)."""

    text: str
    href: str
    lang: str | None = None

    @property
    def site(self) -> str:
        """The host the link points to, without "www."."""
        host = urlsplit(self.href).hostname or ""
        return host.removeprefix("www.")


@dataclass
class Chart:
    """One rendered chart: the PNG (inline in the page, also saved under report/charts/) and its texts."""

    name: str
    title: str
    png: bytes
    alt: str
    caption: str = ""
    sources: list[Link] = field(default_factory=list)
    path: Path | None = None
    total_sources: int = field(init=False, default=0)  # sources before the cut to CHART_SOURCES

    def __post_init__(self) -> None:
        self.total_sources = len(self.sources)
        self.sources = self.sources[:CHART_SOURCES]


# Rows a table in the report shows. A large archive gives tens of thousands of rows (100k pages made a
# 90 MB page that took ~25 s to render); the page says how many more the warehouse holds.
TABLE_ROWS = 200
CHART_SOURCES = 40  # source links under a chart; the tables name the source of every row they show


@dataclass
class Table:
    """A table of a section: caption, columns and rows (cells are text or links)."""

    caption: str
    columns: list[str]
    rows: list[list[object]]  # a cell is text, a number already formatted, a Link or a list of Links
    numeric: set[int] = field(default_factory=set)  # indexes of right-aligned columns
    # rows before the cut to TABLE_ROWS: len(rows), or more when the caller read only the first rows
    total_rows: int = 0

    def __post_init__(self) -> None:
        self.total_rows = max(self.total_rows, len(self.rows))
        self.rows = self.rows[:TABLE_ROWS]  # a copy: the caller's list stays whole


@dataclass
class Section:
    """One section of the report: id, title, intro, charts, tables, notes, links, and what is not available yet."""

    id: str
    title: str
    intro: str = ""
    missing: list[str] = field(default_factory=list)  # "not available yet: ..." lines
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def not_available(self, what: str) -> None:
        """Say in the section that ``what`` is not available yet (the warehouse lacks it)."""
        self.missing.append(f"not available yet: {what}")
