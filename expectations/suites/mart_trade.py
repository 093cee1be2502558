"""The suites guarding ``mart_trade_mirror`` and ``mart_trade_targets``: keys and plausible values only.

Both marts are derived from ``fct_trade_flows`` (already checked row by row), so nothing here quarantines.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, SuiteExpectation
from expectations.suites.shape import mart_shape

MIRROR = Suite(
    name="mart_trade_mirror",
    mart="mart_trade_mirror",
    key="mirror_id",
    sql="select * from main.mart_trade_mirror",
    expectations=(
        *mart_shape(
            ("mirror_id", "period_start", "period_end", "reporter_iso3", "partner_iso3", "gap_usd"),
            "mirror_id",
            may_be_empty=True,
        ),
        SuiteExpectation(
            "reporter_value_usd out of range (0, 1e12)",
            "warn",
            gxe.ExpectColumnValuesToBeBetween(
                column="reporter_value_usd", min_value=0, max_value=1e12, strict_min=True
            ),
        ),
    ),
)

TARGETS = Suite(
    name="mart_trade_targets",
    mart="mart_trade_targets",
    key="target_progress_id",
    sql="select * from main.mart_trade_targets",
    expectations=(
        *mart_shape(
            ("target_progress_id", "target_id", "target_usd", "horizon_end"), "target_progress_id", may_be_empty=True
        ),
        SuiteExpectation(
            "target_usd out of range (0, 1e12)",
            "warn",
            gxe.ExpectColumnValuesToBeBetween(column="target_usd", min_value=0, max_value=1e12, strict_min=True),
        ),
    ),
)
