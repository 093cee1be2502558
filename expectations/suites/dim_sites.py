"""The suite guarding ``dim_sites`` (the catalogued sites) and the freshness of each site's latest capture.

Freshness is its own suite over the same mart: one row per site that was ever captured, with the age of
its latest capture; a site older than ``KZUZ_STALE_AFTER_DAYS`` (default 30) raises one ``stale_source``
alert. Sites never captured are not judged: that is a matter for the catalog and discovery, not staleness.
"""

from __future__ import annotations

import os

import great_expectations.expectations as gxe

from expectations.suite import Suite, SuiteExpectation
from expectations.suites.shape import in_set, mart_shape

COLUMNS = ("site", "country_iso3", "kind", "parser", "hosts")
KINDS = ("news", "legal", "report", "statistics")
STALE_AFTER_ENV = "KZUZ_STALE_AFTER_DAYS"
DEFAULT_STALE_AFTER_DAYS = 30.0


def stale_after_days() -> float:
    """Days after which a site's newest capture is stale: KZUZ_STALE_AFTER_DAYS, else the default."""
    return float(os.environ.get(STALE_AFTER_ENV) or DEFAULT_STALE_AFTER_DAYS)


SQL = """
with sites as (
    select * from main.dim_sites
),

countries as (
    select iso3 from main.dim_countries
),

final as (
    select
        sites.*,
        sites.country_iso3 is null or sites.country_iso3 in (select iso3 from countries) as country_known
    from sites
)

select * from final
"""

SUITE = Suite(
    name="dim_sites",
    mart="dim_sites",
    key="site",
    sql=SQL,
    expectations=(
        *mart_shape(COLUMNS, "site"),
        in_set("kind", KINDS, "blocking"),
        SuiteExpectation("parser null", "blocking", gxe.ExpectColumnValuesToNotBeNull(column="parser")),
        SuiteExpectation(
            "country_iso3 not in dim_countries",
            "warn",
            gxe.ExpectColumnValuesToBeInSet(column="country_known", value_set=[True]),
        ),
    ),
)

FRESHNESS_SQL = """
with sites as (
    select site from main.dim_sites
),

captures as (
    select * from staging.stg_raw__captures
),

latest as (
    select site, max(captured_at) as latest_captured_at, count(*) as captures
    from captures
    group by site
),

final as (
    select
        sites.site,
        latest.latest_captured_at,
        latest.captures,
        'https://' || sites.site || '/' as source_url,
        date_diff('second', latest.latest_captured_at, current_timestamp) / 86400.0 as latest_capture_age_days
    from sites
    inner join latest on sites.site = latest.site
)

select * from final
"""


def freshness_suite(max_age_days: float | None = None) -> Suite:
    """The suite that warns when a site's newest capture is older than ``max_age_days`` (default: the environment's)."""
    days = stale_after_days() if max_age_days is None else max_age_days
    return Suite(
        name="source_freshness",
        mart="dim_sites",
        key="site",
        sql=FRESHNESS_SQL,
        expectations=(
            SuiteExpectation(
                "latest capture older than KZUZ_STALE_AFTER_DAYS",
                "warn",
                gxe.ExpectColumnValuesToBeBetween(column="latest_capture_age_days", max_value=days),
                alert_kind="stale_source",
            ),
        ),
    )
