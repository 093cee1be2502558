"""Trade observations from tables in a page body: each numeric cell becomes one typed observation.

A table qualifies when its caption or labels name US dollars (`describe_table` reads the unit, scale and
orientation: periods as columns or as rows); flows come from the other labels. Reporter: the statistics
office the caption or the page cites, else the site's country. Partner: the other catalogued country named
in the labels, caption or title. A cell whose period, flow or partner cannot be read is skipped: precision
over recall. The cell's row and column labels travel with it as evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from sources.catalog import Catalog
from sources.facts.countries import countries_in
from sources.facts.reporters import OFFICE_WORDS, reporter_in_text
from sources.facts.sentences import sentence_spans
from sources.facts.table_layout import describe_table
from sources.normalise.numbers import parse_number
from sources.normalise.periods import parse_period
from sources.normalise.prefilter import lowered, quick_clean

_FLOW_WORDS = {
    "total": (
        "товарооборот",
        "всего",
        "оборот",
        "итого",
        "turnover",
        "total",
        "savdo aylanmasi",
        "tovar aylanmasi",
        "товар айланмаси",
        "савдо айланмаси",
        "тауар айналымы",
        "жалпы",
    ),
    "export": ("экспорт", "eksport", "export", "вывоз", "экспорти"),
    "import": ("импорт", "import", "ввоз", "импорти"),
}


def _flow(label: str) -> str | None:
    low = label.lower()
    hits = [flow for flow, words in _FLOW_WORDS.items() if any(w in low for w in words)]
    return hits[0] if len(hits) == 1 else None


def detect_reporter(caption: str, page_text: str, site_country: str | None) -> str | None:
    """The country whose statistics the table shows: its caption, then any sentence of the page, then the site."""
    found = reporter_in_text(caption)
    if found:
        return found
    # The sentences of split_sentences(page_text), as spans of the page text squashed; cleaned, each is the
    # same span of the squashed text cleaned (clean maps one character to one).
    squashed = " ".join(page_text.split())
    cleaned = quick_clean(squashed)
    office_words = OFFICE_WORDS.within(cleaned)
    if not office_words.literals:
        return site_country
    spans = sentence_spans(squashed)
    for start, end in _spans_holding(spans, cleaned, office_words.literals):
        found = reporter_in_text(squashed[start:end], office_words)
        if found:
            return found
    return site_country


def _spans_holding(spans: list[tuple[int, int]], cleaned: str, literals: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans, in order, whose text may hold one of the literals (all of them when that cannot be told)."""
    low = lowered(cleaned)
    if low is None or len(low) != len(cleaned):
        return spans
    starts = [start for start, _ in spans]
    keep: set[int] = set()
    for literal in literals:
        at = low.find(literal)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            if index >= 0 and at + len(literal) <= spans[index][1]:
                keep.add(index)
            at = low.find(literal, at + 1)
    return [spans[index] for index in sorted(keep)]


def _grids(cells: list[dict]) -> list[tuple[int, str, dict[tuple[int, int], str]]]:
    by_table: dict[int, list[dict]] = defaultdict(list)
    for cell in cells:
        by_table[cell["table_index"]].append(cell)
    out = []
    for index, rows in sorted(by_table.items()):
        grid = {(c["row_index"], c["col_index"]): " ".join((c.get("text") or "").split()) for c in rows}
        caption = next((c.get("caption") or "" for c in rows if c.get("caption")), "")
        out.append((index, caption, grid))
    return out


def extract_trade_tables(cells: list[dict], document: dict, catalog: Catalog, site_country: str | None) -> list[dict]:
    """Trade observations (rows of ``trade_observations``) from one page's table cells."""
    page_text = " ".join(filter(None, [document.get("title"), document.get("lead"), document.get("body_text")]))
    published = document.get("published_at")
    default_year = published.year if published else None
    known = {c["iso3"] for c in catalog.countries}
    out: list[dict] = []
    for index, caption, grid in _grids(cells):
        layout = describe_table(grid, caption)
        if layout.currency != "USD" or layout.orientation is None:
            continue
        scale = layout.unit_scale or 1.0
        reporter = detect_reporter(caption, page_text, site_country)
        if reporter is None:
            continue
        header = layout.header_row
        n_rows = max(r for r, _ in grid) + 1
        n_cols = max(c for _, c in grid) + 1
        body_rows = [r for r in range(header + 1, n_rows) if r not in layout.footnote_rows]
        by_columns = layout.orientation == "periods_as_columns"
        title_partners = [p for p in countries_in(caption + " " + (document.get("title") or "")) if p != reporter]
        for r in body_rows:
            for c in range(1, n_cols):
                text = grid.get((r, c), "")
                period_label = grid.get((header, c), "") if by_columns else grid.get((r, 0), "")
                label = grid.get((r, 0), "") if by_columns else grid.get((header, c), "")
                period = parse_period(period_label, default_year)
                flow = _flow(label)
                if period is None or flow is None or not text:
                    continue
                partners = [p for p in countries_in(label) if p != reporter and p in known] or [
                    p for p in title_partners if p in known
                ]
                if len(set(partners)) != 1:
                    continue
                reading = parse_number(text, default_scale=scale)
                if reading is None:
                    continue
                out.append(
                    {
                        "reporter_iso3": reporter,
                        "partner_iso3": partners[0],
                        "flow": flow,
                        "period_start": period.start,
                        "period_end": period.end,
                        "period_type": period.period_type,
                        "value_usd": reading.value,
                        "qualifier": reading.qualifier,
                        "evidence": f"{caption} | {label} | {period_label} | {text}".strip(" |"),
                        "evidence_kind": "table_cell",
                        "table_index": index,
                        "row_index": r,
                        "col_index": c,
                    }
                )
    return out
