"""The blocking expectations every mart suite starts with: its columns exist, it has rows, its key is a key."""

from __future__ import annotations

from collections.abc import Sequence

import great_expectations.expectations as gxe

from expectations.suite import SuiteExpectation

EARLIEST_YEAR = 1991  # both republics' independence: no bilateral act or visit of theirs is older


def mart_shape(
    columns: Sequence[str], key: str | Sequence[str], *, may_be_empty: bool = False, inputs: str | None = None
) -> tuple[SuiteExpectation, ...]:
    """Columns missing, mart empty, key null, key duplicated (a compound key is checked as a whole).

    All four are failures of our own making, so they block promotion: the mart's SQL or the loader broke,
    not a page. ``inputs`` names the relation the mart is built from (e.g. ``intermediate.int_documents``):
    the mart may then be empty when that relation is (every page of the archive unreadable is the pages'
    problem, reported in parse_errors, not a reason to keep the old warehouse). ``may_be_empty`` is for
    derived marts that are legitimately empty on some archives (a mirror needs both sides to report).
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
        checks.append(mart_empty(inputs))
    checks += [SuiteExpectation(f"{k} null", "blocking", gxe.ExpectColumnValuesToNotBeNull(column=k)) for k in keys]
    unique = (
        gxe.ExpectColumnValuesToBeUnique(column=keys[0])
        if len(keys) == 1
        else gxe.ExpectCompoundColumnsToBeUnique(column_list=keys)
    )
    checks.append(SuiteExpectation(f"{label} duplicated", "blocking", unique))
    return tuple(checks)


def mart_empty(inputs: str | None = None) -> SuiteExpectation:
    """Blocking: the mart has no row although ``inputs`` (a relation, counted) has some, or always without it."""
    return SuiteExpectation(
        "mart empty",
        "blocking",
        gxe.ExpectTableRowCountToBeBetween(min_value=1),
        inputs_sql=f"select count(*) from {inputs}" if inputs else None,
    )


def not_null(column: str, severity: str = "row") -> SuiteExpectation:
    """An expectation that ``column`` holds no null (a row check unless ``severity`` says otherwise)."""
    return SuiteExpectation(f"{column} null", severity, gxe.ExpectColumnValuesToNotBeNull(column=column))


def in_set(column: str, values: Sequence[str], severity: str = "row") -> SuiteExpectation:
    """An expectation that ``column`` holds only ``values`` (nulls pass)."""
    return SuiteExpectation(
        f"{column} not in accepted set",
        severity,
        gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values)),
    )
