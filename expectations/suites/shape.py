"""The blocking expectations every mart suite starts with: its columns exist, it has rows, its key is a key."""

from __future__ import annotations

from collections.abc import Sequence

import great_expectations.expectations as gxe

from expectations.suite import SuiteExpectation

EARLIEST_YEAR = 1991  # both republics' independence: no bilateral act or visit of theirs is older


def mart_shape(
    columns: Sequence[str], key: str | Sequence[str], *, may_be_empty: bool = False
) -> tuple[SuiteExpectation, ...]:
    """Columns missing, mart empty, key null, key duplicated (a compound key is checked as a whole).

    ``may_be_empty`` is for derived marts that are legitimately empty on some archives (a mirror needs
    both sides to report): no emptiness check for them.
    """
    keys = [key] if isinstance(key, str) else list(key)
    label = " + ".join(keys)
    checks = [
        SuiteExpectation(
            "mart columns missing",
            "blocking",
            gxe.ExpectTableColumnsToMatchSet(column_set=list(columns), exact_match=False),
        ),
    ]
    if not may_be_empty:
        checks.append(SuiteExpectation("mart empty", "blocking", gxe.ExpectTableRowCountToBeBetween(min_value=1)))
    checks += [SuiteExpectation(f"{k} null", "blocking", gxe.ExpectColumnValuesToNotBeNull(column=k)) for k in keys]
    unique = (
        gxe.ExpectColumnValuesToBeUnique(column=keys[0])
        if len(keys) == 1
        else gxe.ExpectCompoundColumnsToBeUnique(column_list=keys)
    )
    checks.append(SuiteExpectation(f"{label} duplicated", "blocking", unique))
    return tuple(checks)


def not_null(column: str, severity: str = "row") -> SuiteExpectation:
    return SuiteExpectation(f"{column} null", severity, gxe.ExpectColumnValuesToNotBeNull(column=column))


def in_set(column: str, values: Sequence[str], severity: str = "row") -> SuiteExpectation:
    return SuiteExpectation(
        f"{column} not in accepted set",
        severity,
        gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values)),
    )
