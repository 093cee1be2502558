"""What every section builder receives: the open warehouse, the home folder, names and source titles."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.home import KzuzHome
from pipelines.report.labels import CountryNames
from pipelines.report.reader import WarehouseReader
from pipelines.report.source_titles import SourceTitles


@dataclass
class ReportContext:
    """What every section reads: the home, the warehouse reader, country names and source titles."""

    home: KzuzHome
    reader: WarehouseReader
    countries: CountryNames
    sources: SourceTitles

    @classmethod
    def open(cls, home: KzuzHome) -> ReportContext:
        """The context of the home's current warehouse."""
        reader = WarehouseReader(home.warehouse)
        return cls(home, reader, CountryNames(reader), SourceTitles(reader))

    def __enter__(self) -> ReportContext:
        return self

    def __exit__(self, *exc) -> None:
        self.reader.close()
