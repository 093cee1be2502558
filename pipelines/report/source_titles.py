"""Links to source pages titled as the pages title themselves (in their own language), from dim_documents."""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.report.content import Link
from pipelines.report.reader import WarehouseReader


class SourceTitles:
    """The title and language of each source page (dim_documents), for links that say what they point to."""

    def __init__(self, reader: WarehouseReader):
        self.titles: dict[str, tuple[str, str | None]] = {}
        if reader.has("dim_documents", "source_url", "title", "language", "captured_at"):
            for row in reader.rows(
                "select source_url, title, language from dim_documents where title is not null order by captured_at"
            ):
                self.titles[row["source_url"]] = (row["title"], row["language"])  # the latest capture wins

    def link(self, url: str) -> Link:
        """A link to ``url`` titled with its page's title (the URL itself when unknown)."""
        title, lang = self.titles.get(url, (url, None))
        return Link(title, url, lang)

    def links(self, urls: Iterable[str | None]) -> list[Link]:
        """Links to the distinct URLs, in order."""
        return [self.link(u) for u in dict.fromkeys(u for u in urls if u)]


def sites_of(links: Iterable[Link]) -> str:
    """The sites the links point to, comma-separated ("—" for none)."""
    return ", ".join(dict.fromkeys(link.site for link in links)) or "—"
