"""The records parsers emit: one Arrow schema per raw table, shared by parsers, loader and dbt sources.

Parsers are pure functions ``(body: bytes, url: str, fetched_at: datetime, headers=None) -> ParseResult``
(``headers``: the archived HTTP response headers, read for the charset). A ``ParseResult`` holds plain dicts
keyed by raw table name; the loader turns each list into an Arrow table with the schema below and
bulk-inserts it into the ``raw`` schema of the next warehouse. Every row is tied to its capture by
``capture_id`` (added by the loader) and carries ``source_url``.

``parse_errors`` holds two sorts of rows, told apart by ``error_kind`` alone:

- errors (``NO_DOCUMENT_KINDS``): the capture produced no ``documents`` row, so nothing else either.
  ``http_status``, ``no_parser``, ``parser_crash`` (the dispatcher); ``empty_body``; ``bad_encoding`` (the
  text still holds more U+FFFD than ``sources.charset.REPLACEMENT_SHARE`` allows); ``truncated`` (the page
  ends before ``</html>`` and before the part that was needed); ``js_shell`` (a script-only page that the
  site serves instead of the document); ``unknown_layout`` (the page is no kind of page the parser knows);
  ``missing_part`` (a page of a known kind lacks a part, e.g. ``missing_part: act text``, even after the
  main-text fallback; the message names the selectors tried); ``unsupported_page`` (a known sub-page the
  parser does not read); ``broken_pdf``; ``not_comtrade`` (a Comtrade capture that is no Comtrade answer).
- warnings (``WARNING_KINDS``): the capture DID produce its ``documents`` row; the row says what is weak
  about it. ``layout_fallback`` (the site's selectors found no body; trafilatura supplied the text and the
  document's layout is ``fallback:trafilatura``); ``truncated_text`` (the page ends before ``</html>``; the
  document holds what arrived); ``facts_crash`` (the fact extractors failed; the page's own rows are kept);
  ``bad_record`` and ``count_mismatch`` (a Comtrade answer with records it cannot use or fewer than it says).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

_ts = pa.timestamp("us", tz="UTC")

# Columns every row of every raw table carries (filled by the loader, not by parsers).
CAPTURE_COLUMNS = [
    pa.field("capture_id", pa.string(), nullable=False),
    pa.field("source_url", pa.string(), nullable=False),
]

RAW_SCHEMAS: dict[str, pa.Schema] = {
    # One row per archived response (written by the loader from the archive index).
    "captures": pa.schema(
        [
            pa.field("capture_id", pa.string(), nullable=False),
            pa.field("source_url", pa.string(), nullable=False),
            pa.field("site", pa.string()),
            pa.field("fetched_at", _ts),
            pa.field("http_status", pa.int32()),
            pa.field("content_type", pa.string()),
            pa.field("content_sha256", pa.string()),
            pa.field("content_length", pa.int64()),
            pa.field("is_reconstruction", pa.bool_()),
            pa.field("parser", pa.string()),
            pa.field("parser_version", pa.string()),
        ]
    ),
    # One row per parsed page.
    "documents": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("site", pa.string()),
            pa.field("page_kind", pa.string()),  # article | legal_act | legal_act_card | legal_act_info | listing | ...
            pa.field("layout", pa.string()),  # which layout variant of SITES.md matched
            pa.field("title", pa.string()),
            pa.field("published_at", _ts),
            pa.field("language", pa.string()),
            pa.field("author", pa.string()),
            pa.field("lead", pa.string()),
            pa.field("body_text", pa.string()),
        ]
    ),
    # One row per table cell found in a page body (header cells included, flagged).
    "table_cells": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("table_index", pa.int32()),
            pa.field("row_index", pa.int32()),
            pa.field("col_index", pa.int32()),
            pa.field("is_header", pa.bool_()),
            pa.field("text", pa.string()),
            pa.field("caption", pa.string()),
        ]
    ),
    # Trade observations read from tables or prose: one figure each, with its evidence.
    "trade_observations": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("reporter_iso3", pa.string()),
            pa.field("partner_iso3", pa.string()),
            pa.field("flow", pa.string()),  # export | import | total (reporter -> partner)
            pa.field("period_start", pa.date32()),
            pa.field("period_end", pa.date32()),
            pa.field("period_type", pa.string()),  # year | ytd | quarter | half | month
            pa.field("value_usd", pa.float64()),
            pa.field("qualifier", pa.string()),  # = > < ~
            # the cell, or the sentence; a figure read with help from earlier sentences of its paragraph holds
            # them too, earliest first, one per line (sources.facts.trade_prose.EVIDENCE_SEPARATOR)
            pa.field("evidence", pa.string()),
            pa.field("evidence_kind", pa.string()),  # table_cell | sentence
            pa.field("table_index", pa.int32()),
            pa.field("row_index", pa.int32()),
            pa.field("col_index", pa.int32()),
        ]
    ),
    # Other numeric facts (enterprises, flights, freight, investment, targets...).
    "indicator_observations": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("indicator", pa.string()),
            pa.field("country_iso3", pa.string()),
            pa.field("partner_iso3", pa.string()),
            pa.field("value", pa.float64()),
            pa.field("unit", pa.string()),
            pa.field("period_start", pa.date32()),
            pa.field("period_end", pa.date32()),
            pa.field("as_of", pa.date32()),
            pa.field("qualifier", pa.string()),
            pa.field("evidence", pa.string()),
        ]
    ),
    "legal_acts": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("site", pa.string()),
            pa.field("jurisdiction_iso3", pa.string()),
            pa.field("title", pa.string()),
            pa.field("act_type", pa.string()),  # treaty | agreement | declaration | law | code | decree | ...
            pa.field("act_form_raw", pa.string()),
            pa.field("act_number", pa.string()),
            pa.field("adopted_on", pa.date32()),
            pa.field("signed_place", pa.string()),
            pa.field("issuing_body", pa.string()),
            pa.field("status", pa.string()),  # in_force | lost_force | not_in_force | unknown
            pa.field("status_raw", pa.string()),
            pa.field("language", pa.string()),
            pa.field("is_partial", pa.bool_()),  # only title and requisites were public
            pa.field("in_force_from", pa.date32()),  # date of entry into force, where the page states it
            pa.field("lost_force_on", pa.date32()),  # date the act lost force, where the page states it
        ]
    ),
    "legal_act_articles": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("position", pa.int32()),
            pa.field("block_id", pa.string()),
            pa.field("level", pa.string()),  # section | chapter | article | clause | text | note
            pa.field("number", pa.string()),
            pa.field("heading", pa.string()),
            pa.field("text", pa.string()),
            pa.field("is_editorial", pa.bool_()),
        ]
    ),
    "events": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("event_type", pa.string()),  # state_visit | official_visit | working_visit | forum | signing
            pa.field("start_date", pa.date32()),
            pa.field("end_date", pa.date32()),
            pa.field("place", pa.string()),
            pa.field("actors", pa.string()),
            pa.field("evidence", pa.string()),
        ]
    ),
    # Announced trade targets ("5 bn USD by 2022"): who, when, for which horizon.
    "trade_targets": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("value_usd", pa.float64()),
            pa.field("qualifier", pa.string()),
            pa.field("horizon_text", pa.string()),  # as printed: "к 2022 году", "в среднесрочной перспективе"
            pa.field("horizon_end", pa.date32()),  # last day of the horizon when the text names a year
            pa.field("announced_by", pa.string()),
            pa.field("announced_on", pa.date32()),
            pa.field("evidence", pa.string()),
        ]
    ),
    # Figures whose period, direction or reporter could not be read: kept, never guessed.
    "unresolved_mentions": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("measure", pa.string()),  # trade | indicator
            pa.field("value", pa.float64()),
            pa.field("unit", pa.string()),
            pa.field("reason", pa.string()),
            pa.field("evidence", pa.string()),
        ]
    ),
    # Relations an act's page states about another act (ratifies, amends, repeals, lost_force_by).
    "legal_act_relations": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("relation", pa.string()),  # ratifies | amends | repeals | lost_force_by
            pa.field("target_title", pa.string()),  # as printed
            pa.field("target_number", pa.string()),
            pa.field("target_date_text", pa.string()),
            pa.field("target_date", pa.date32()),
            pa.field("evidence", pa.string()),
            pa.field("block_id", pa.string()),
        ]
    ),
    # UN Comtrade records as the API or an exported file gives them: every record, flow totals or not
    # (sources/comtrade/parser.py); record_json is the record with Comtrade's own column names.
    "comtrade_records": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("record_index", pa.int32()),  # 0-based position in the file
            pa.field("type_code", pa.string()),
            pa.field("freq_code", pa.string()),  # A | M
            pa.field("period", pa.string()),  # YYYY | YYYYMM
            pa.field("ref_year", pa.int32()),
            pa.field("ref_month", pa.int32()),  # null for annual records (Comtrade writes 52)
            pa.field("reporter_code", pa.int32()),  # M49 / Comtrade area code
            pa.field("reporter_iso", pa.string()),
            pa.field("reporter_desc", pa.string()),
            pa.field("flow_code", pa.string()),  # X | M | RX | RM | ...
            pa.field("flow_desc", pa.string()),
            pa.field("partner_code", pa.int32()),
            pa.field("partner_iso", pa.string()),
            pa.field("partner_desc", pa.string()),
            pa.field("partner2_code", pa.int32()),
            pa.field("classification_code", pa.string()),
            pa.field("cmd_code", pa.string()),
            pa.field("cmd_desc", pa.string()),
            pa.field("aggr_level", pa.int32()),
            pa.field("customs_code", pa.string()),
            pa.field("mos_code", pa.string()),
            pa.field("mot_code", pa.int32()),
            pa.field("primary_value", pa.float64()),  # US dollars
            pa.field("cif_value", pa.float64()),
            pa.field("fob_value", pa.float64()),
            pa.field("net_wgt", pa.float64()),
            pa.field("is_reported", pa.bool_()),
            pa.field("is_aggregate", pa.bool_()),
            pa.field("record_json", pa.string()),
        ]
    ),
    "parse_errors": pa.schema(
        CAPTURE_COLUMNS
        + [
            pa.field("site", pa.string()),
            pa.field("parser", pa.string()),
            pa.field("error_kind", pa.string()),  # NO_DOCUMENT_KINDS (errors) or WARNING_KINDS (see above)
            pa.field("message", pa.string()),
        ]
    ),
}


# Kinds of parse_errors rows whose capture produced no document, and kinds that come with one (docstring).
NO_DOCUMENT_KINDS = frozenset(
    {
        "http_status",
        "no_parser",
        "parser_crash",
        "empty_body",
        "bad_encoding",
        "truncated",
        "js_shell",
        "unknown_layout",
        "missing_part",
        "unsupported_page",
        "broken_pdf",
        "not_comtrade",
    }
)
WARNING_KINDS = frozenset({"layout_fallback", "truncated_text", "facts_crash", "bad_record", "count_mismatch"})


@dataclass
class ParseError:
    """Why a page (or part of one) could not be read; becomes a ``parse_errors`` row."""

    error_kind: str
    message: str

    @property
    def kind(self) -> str:
        """``error_kind`` under its short name (external checkers read ``error.kind``)."""
        return self.error_kind

    @property
    def is_warning(self) -> bool:
        """True when the capture still produced its document (``WARNING_KINDS``)."""
        return self.error_kind in WARNING_KINDS

    @classmethod
    def missing_part(cls, site: str, part: str, tried: list[str] | tuple[str, ...], url: str) -> ParseError:
        """``missing_part: <part>``, naming every selector (and the fallback) that was tried."""
        return cls("missing_part", f"{site}: missing_part: {part}; tried {'; '.join(tried)} at {url}")


@dataclass
class ParseResult:
    """What a parser returns: rows per raw table (without capture columns) and errors."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    errors: list[ParseError] = field(default_factory=list)

    def add(self, table: str, **row: Any) -> None:
        """Add one row of ``table`` (a raw table name; KeyError for another)."""
        if table not in RAW_SCHEMAS:
            raise KeyError(f"unknown raw table {table!r}")
        self.rows.setdefault(table, []).append(row)

    def extend(self, other: ParseResult) -> None:
        """Add another result's rows and errors to this one."""
        for table, rows in other.rows.items():
            self.rows.setdefault(table, []).extend(rows)
        self.errors.extend(other.errors)

    def count(self, table: str) -> int:
        """How many rows of ``table`` this result holds."""
        return len(self.rows.get(table, []))
