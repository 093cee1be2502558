"""Fact extractors: typed observations read from what the site parsers found (tables, act mentions, prose)."""

from __future__ import annotations

from sources.catalog import Site, load_catalog
from sources.facts.legal_mentions import extract_act_mention
from sources.facts.legal_relations import extract_legal_relations
from sources.facts.prose import extract_prose_facts
from sources.facts.trade_tables import extract_trade_tables
from sources.records import ParseResult

# The fact extractors' version, part of every capture's parse stamp: bump it when they read differently.
VERSION = "5"  # issue #15: trade figures read in their paragraph


def extract_facts(parsed: ParseResult, url: str, site: Site) -> ParseResult:
    """Observations from one parsed page; pure, like the parsers."""
    facts = ParseResult()
    document = parsed.rows["documents"][0]
    cells = parsed.rows.get("table_cells", [])
    if cells:
        for row in extract_trade_tables(cells, document, load_catalog(), site.country_iso3):
            facts.add("trade_observations", **row)
    if document.get("page_kind") == "article" and not parsed.rows.get("legal_acts"):
        act = extract_act_mention(document, site.country_iso3)
        if act is not None:
            facts.add("legal_acts", **act)
    for row in extract_legal_relations(parsed):
        facts.add("legal_act_relations", **row)
    from_tables = {_trade_key(row) for row in facts.rows.get("trade_observations", [])}
    for table, rows in extract_prose_facts(document, site.country_iso3).items():
        for row in rows:
            # a sentence that repeats a figure of the page's own table is the same observation, not a second one
            if table == "trade_observations" and _trade_key(row) in from_tables:
                continue
            facts.add(table, **row)
    return facts


def _trade_key(row: dict) -> tuple:
    return (
        row["reporter_iso3"],
        row["partner_iso3"],
        row["flow"],
        row["period_start"],
        row["period_end"],
        row["value_usd"],
    )
