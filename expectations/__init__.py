"""GX suites as code over the marts, the runner that validates and quarantines, and the Dagster adapter."""

from expectations.runner import (
    ExpectationResult,
    SuiteResult,
    apply_quarantine,
    blocking_failures,
    run_suite,
)
from expectations.suite import Suite, SuiteExpectation
from expectations.suites import FCT_TRADE_FLOWS, SUITES

__all__ = [
    "FCT_TRADE_FLOWS",
    "SUITES",
    "ExpectationResult",
    "Suite",
    "SuiteExpectation",
    "SuiteResult",
    "apply_quarantine",
    "blocking_failures",
    "run_suite",
]
