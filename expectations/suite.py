"""What a suite is: the mart it guards, the SQL that reads it, and expectations with a severity each.

Severity decides what a failure does: ``blocking`` stops promotion of the new warehouse, ``row`` moves
the failing rows to ``quarantine_<mart>`` (the expectation's name is the quarantine reason), ``warn`` is
only reported. Names state the failure ("total differs from export + import"), since a row-level
expectation's name is the reason written next to the rows it quarantines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from great_expectations.expectations import Expectation

Severity = Literal["blocking", "row", "warn"]
SEVERITIES: tuple[Severity, ...] = ("blocking", "row", "warn")
# ``Suite.changed_rows`` of a suite whose rows each come from one page: the rows of the changed URLs.
ROWS_OF_CHANGED_URLS = "source_url in {changed_urls}"


def slug(text: str) -> str:
    """A Dagster-safe name: lowercase letters, digits and single underscores."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


@dataclass(frozen=True)
class SuiteExpectation:
    """One GX expectation with the severity of its failure; ``name`` doubles as the quarantine reason."""

    name: str
    severity: Severity
    expectation: Expectation
    # How a failure is alerted: one ``failed_check`` alert per run (default), or with ``alert_kind`` set,
    # one alert of that kind per failing row's key (e.g. one ``stale_source`` per stale site).
    alert_kind: str | None = None
    # For "mart empty": SQL counting the mart's inputs (the intermediate rows it is built from). An empty
    # mart is our failure only when its inputs are not empty; on empty inputs the check passes (and says so).
    inputs_sql: str | None = None

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.name!r}: severity must be one of {SEVERITIES}, not {self.severity!r}")

    @property
    def check_name(self) -> str:
        """The expectation's name as a Dagster check name (``slug``)."""
        return slug(self.name)


@dataclass(frozen=True)
class Suite:
    """Expectations over one mart; ``sql`` returns the mart's rows (plus derived columns) to validate."""

    name: str
    mart: str
    key: str
    sql: str
    expectations: tuple[SuiteExpectation, ...]
    schema: str = "main"
    # The rows an incremental refresh can change: a SQL condition over the rows of ``sql``, in which
    # ``{changed_urls}`` stands for the subquery of the URLs that gained a capture. Such a refresh validates
    # those rows only (and the rows in quarantine); table-wide expectations then run as SQL aggregates over
    # every row (expectations/runner.py). None: the suite reads every row on every refresh (small marts).
    changed_rows: str | None = None

    def __post_init__(self) -> None:
        names = [e.check_name for e in self.expectations]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ValueError(f"suite {self.name!r}: expectation names collide once slugged: {duplicated}")

    @property
    def quarantine_table(self) -> str:
        """The table the suite's failing rows are moved to: ``quarantine_<mart>``."""
        return f"quarantine_{self.mart}"

    @property
    def quarantines(self) -> bool:
        """Only suites with row-level expectations own (and rebuild) ``quarantine_<mart>``."""
        return any(e.severity == "row" for e in self.expectations)
