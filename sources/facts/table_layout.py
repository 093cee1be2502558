"""How a table in a page body is laid out: periods as columns or rows, header language, units, footnotes.

Pure: a grid of cell texts and its caption in, a ``TableLayout`` out; the fact extractors use it to read
each cell as a typed observation. Hand-written: table libraries (pandas.read_html and the like) read cells,
not what a statistical table's headers mean; periods go through ``sources.normalise.periods`` and the rest
is a few word lists for the four languages of the sources (FORMATS.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sources.generic.language import language_from_script
from sources.normalise.periods import parse_period
from sources.normalise.prefilter import quick_clean as _normalise

Grid = dict[tuple[int, int], str]

_B = r"(?<![^\W\d_])"  # no letter before
_E = r"(?![^\W\d_])"  # no letter after
# Scale words, largest first; the first one found in caption, header row or label column wins.
_SCALES = (
    (1e12, re.compile(rf"{_B}(?:трлн|триллион\w*|trln|trillion\w*)\.?{_E}", re.I)),
    (1e9, re.compile(rf"{_B}(?:млрд|миллиард\w*|mlrd|milliard\w*|billion\w*|bn)\.?{_E}", re.I)),
    (1e6, re.compile(rf"{_B}(?:млн|миллион\w*|mln|million\w*|mn)\.?{_E}", re.I)),
    (1e3, re.compile(rf"{_B}(?:тыс|тысяч\w*|ming|минг|мың|thousand\w*|thous)\.?{_E}", re.I)),
)
_CURRENCIES = (
    ("USD", re.compile(r"\$|долл|доллар|dollar|\busd\b|\bAQSH\b|\bАҚШ\b", re.I)),
    ("UZS", re.compile(rf"{_B}(?:сум(?:а|ов|ы|ах)?|сўм\w*|so'm\w*|som){_E}", re.I)),
    ("KZT", re.compile(r"тенге|теңге|tenge|₸", re.I)),
    ("RUB", re.compile(r"рубл|rubl", re.I)),
    ("EUR", re.compile(r"€|евро|\beuro?\b", re.I)),
)
_UNITS = (
    ("tonnes", re.compile(rf"{_B}(?:тонн\w*|tonna\w*|tonnes?|tons?){_E}", re.I)),
    ("percent", re.compile(r"%|процент|foiz|percent", re.I)),
)
# Footnote markers: "*", "**", "1)", "(1)", "¹" - at the start of a note line, or glued to a header cell.
_MARK = r"(?:\*{1,3}|\(\d{1,2}\)|\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
_NOTE_LINE = re.compile(rf"^(?P<mark>{_MARK})\s*(?P<text>[^\W\d_].*)$", re.S)
_NOTE_IN_TEXT = re.compile(rf"(?:^|\s)(?P<mark>{_MARK})\s+(?P<text>[^\W\d_].*?)(?=\s{_MARK}\s+[^\W\d_]|$)", re.S)
_NOTE_WORDS = re.compile(r"^(?:примечани[ея]|изоҳ|izoh|eslatma|ескерту|note|source|источник|manba)\s*[:.]", re.I)
_TRAILING_MARK = re.compile(rf"\s*{_MARK}$")

_UZ_LATN_WORDS = re.compile(
    r"\b(?:aqsh|dollari|eksport|yil|ming|jami|davr|tovar|aylanma\w*|savdo\w*|oylar\w*|yanvar|hajmi|o'sish)\b",
    re.I,
)
_EN_WORDS = re.compile(r"\b(?:the|of|and|exports?|imports?|total|turnover|million|thousand|period|trade)\b", re.I)


@dataclass
class TableLayout:
    """How a trade table is laid out: orientation, header language, unit and currency, header row, footnotes."""

    orientation: str | None  # 'periods_as_columns' | 'periods_as_rows' | None when unclear
    header_language: str | None  # 'ru' | 'uz-Latn' | 'uz-Cyrl' | 'kk' | 'en' | None
    unit_scale: float | None  # 1e3, 1e6, 1e9 from "тыс.", "млн", "mlrd"...; None when none is named
    currency: str | None  # 'USD' | 'UZS' | 'KZT' | 'RUB' | 'EUR' | None
    footnotes: list[str] = field(default_factory=list)  # as printed, marker included: "* Предварительные данные"
    unit: str | None = None  # a non-money unit: 'tonnes' | 'percent' | None
    footnote_marks: dict[str, str] = field(default_factory=dict)  # marker -> its text
    header_row: int = 0  # the row holding the column labels
    footnote_rows: list[int] = field(default_factory=list)  # grid rows that are notes, not data


def _is_period(text: str) -> bool:
    # default_year only for detection: "январь-ноябрь" with no year is still a period label.
    return bool(text) and parse_period(_TRAILING_MARK.sub("", text), default_year=2000) is not None


def _note_row(cells: list[str]) -> str | None:
    """The note a row holds when it is a footnote row: one distinct non-empty text with a marker or note word."""
    texts = list(dict.fromkeys(t for t in cells if t))
    if len(texts) != 1:
        return None
    text = texts[0]
    return text if _NOTE_LINE.match(text) or _NOTE_WORDS.match(text) else None


def _notes_in(text: str) -> list[tuple[str | None, str]]:
    """(marker, text) of every footnote written inside a caption or the text after a table."""
    text = " ".join(_normalise(text or "").split())
    found: list[tuple[str | None, str]] = [(m["mark"], m["text"].strip()) for m in _NOTE_IN_TEXT.finditer(text)]
    if not found and _NOTE_WORDS.match(text):
        found.append((None, text))
    return found


def _header_language(texts: list[str]) -> str | None:
    text = " ".join(t for t in texts if t)
    found = language_from_script(text)
    if found in ("uz", "en"):
        normalised = _normalise(text)
        uzbek = len(_UZ_LATN_WORDS.findall(normalised)) + 2 * len(re.findall(r"[oOgG]'", normalised))
        return "uz-Latn" if uzbek > len(_EN_WORDS.findall(normalised)) else "en"
    return found


def _first(patterns, texts: list[str]):
    for text in texts:
        if not text:
            continue
        normalised = _normalise(text)
        for value, pattern in patterns:
            if pattern.search(normalised):
                return value
    return None


def describe_table(grid: Grid, caption: str, notes: str | None = None) -> TableLayout:
    """The layout of one table: ``grid`` maps (row, col) to cell text; ``notes`` is text printed below it."""
    cells = {key: " ".join((text or "").split()) for key, text in grid.items()}
    if not cells:
        return TableLayout(None, None, None, None)
    n_rows = max(r for r, _ in cells) + 1
    n_cols = max(c for _, c in cells) + 1
    rows = [[cells.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]

    footnote_rows = [r for r, row in enumerate(rows) if _note_row(row) is not None]
    data_rows = [r for r in range(n_rows) if r not in footnote_rows]
    header_row = next((r for r in data_rows if sum(bool(t) for t in rows[r]) >= 2), data_rows[0] if data_rows else 0)
    body_rows = [r for r in data_rows if r > header_row]

    column_periods = sum(_is_period(rows[header_row][c]) for c in range(1, n_cols))
    row_periods = sum(_is_period(rows[r][0]) for r in body_rows)
    orientation = None
    if column_periods > row_periods:
        orientation = "periods_as_columns"
    elif row_periods > column_periods:
        orientation = "periods_as_rows"

    header_cells = [t for t in rows[header_row] if t] if data_rows else []
    label_cells = [rows[r][0] for r in body_rows if rows[r][0]]
    labels = [caption or "", *header_cells, *label_cells]
    language_texts = [t for t in labels if not _is_period(t)] or labels

    notes_found: list[tuple[str | None, str]] = []
    for r in footnote_rows:
        text = _note_row(rows[r]) or ""
        match = _NOTE_LINE.match(text)
        notes_found.append((match["mark"], match["text"].strip()) if match else (None, text))
    notes_found += _notes_in(caption or "") + _notes_in(notes or "")
    footnotes = [f"{mark} {text}" if mark else text for mark, text in notes_found]
    marks = {mark: text for mark, text in reversed(notes_found) if mark}

    # The caption's footnote text does not name the unit of the table.
    caption_head = caption or ""
    for _mark, text in _notes_in(caption_head):
        caption_head = caption_head.replace(text, "")
    unit_texts = [caption_head, *header_cells, *label_cells]
    currency = _first(_CURRENCIES, unit_texts)
    unit = _first(_UNITS, unit_texts)
    if currency and unit == "percent":
        unit = None  # a growth-rate column beside money figures; the table's unit is the currency
    return TableLayout(
        orientation=orientation,
        header_language=_header_language(language_texts),
        unit_scale=_first(_SCALES, unit_texts),
        currency=currency,
        footnotes=footnotes,
        unit=unit,
        footnote_marks=marks,
        header_row=header_row,
        footnote_rows=footnote_rows,
    )
