"""The suite guarding ``dim_documents`` and the staging captures behind it: keys, vintages, known sites.

A vintage of a page is its URL and capture time: two different bodies captured for one URL at the same
instant (two files imported with one --fetched-at) leave "the latest capture" to the capture id, which
breaks the tie deterministically but arbitrarily. That is the importer's input, not our code's failure,
so it warns (naming the URL) instead of blocking the warehouse.
"""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import ROWS_OF_CHANGED_URLS, Suite, SuiteExpectation
from expectations.suites.shape import in_set, mart_shape

COLUMNS = (
    "document_id",
    "source_url",
    "site",
    "title",
    "published_at",
    "language",
    "captured_at",
    "content_sha256",
    "is_reconstruction",
    "page_kind",
    "layout",
    "is_latest_capture",
)
PAGE_KINDS = ("article", "legal_act", "legal_act_card", "legal_act_info", "listing", "report", "partial", "statistics")

SQL = """
with documents as (
    select * from main.dim_documents
),

final as (
    select
        documents.*,
        documents.site in (select site from main.dim_sites) as site_known,
        date_diff('second', current_timestamp, documents.captured_at) as captured_seconds_ahead
    from documents
)

select * from final
"""

SUITE = Suite(
    name="dim_documents",
    mart="dim_documents",
    key="document_id",
    sql=SQL,
    changed_rows=ROWS_OF_CHANGED_URLS,
    expectations=(
        *mart_shape(COLUMNS, "document_id", inputs="intermediate.int_documents"),
        SuiteExpectation(
            "source_url + captured_at duplicated",
            "warn",
            gxe.ExpectCompoundColumnsToBeUnique(column_list=["source_url", "captured_at"]),
        ),
        in_set("page_kind", PAGE_KINDS),
        SuiteExpectation(
            "site not in dim_sites", "row", gxe.ExpectColumnValuesToBeInSet(column="site_known", value_set=[True])
        ),
        # A clock a few minutes ahead is not an error; a capture from tomorrow is.
        SuiteExpectation(
            "captured_at in the future",
            "row",
            gxe.ExpectColumnValuesToBeBetween(column="captured_seconds_ahead", max_value=3600),
        ),
        SuiteExpectation(
            "content_sha256 not a sha256",
            "row",
            gxe.ExpectColumnValuesToMatchRegex(column="content_sha256", regex=r"^[0-9a-f]{64}$"),
        ),
    ),
)

CAPTURES_SQL = "select * from staging.stg_raw__captures"

CAPTURES_SUITE = Suite(
    name="stg_raw__captures",
    mart="dim_documents",  # checked on the mart the captures feed; staging views have no asset of their own
    key="capture_id",
    sql=CAPTURES_SQL,
    changed_rows=ROWS_OF_CHANGED_URLS,
    expectations=(
        SuiteExpectation("capture_id null", "blocking", gxe.ExpectColumnValuesToNotBeNull(column="capture_id")),
        SuiteExpectation("capture_id duplicated", "blocking", gxe.ExpectColumnValuesToBeUnique(column="capture_id")),
        SuiteExpectation("capture site null", "warn", gxe.ExpectColumnValuesToNotBeNull(column="site")),
        SuiteExpectation(
            "capture http_status not 2xx",
            "warn",
            gxe.ExpectColumnValuesToBeBetween(column="http_status", min_value=200, max_value=299),
        ),
    ),
)
