"""Readers for numbers, dates and periods as the Russian, Uzbek, Kazakh and English sources write them."""

from sources.normalise.dates import find_date_ranges, parse_date, parse_datetime
from sources.normalise.numbers import NumberReading, find_numbers, format_number, parse_number
from sources.normalise.periods import Period, parse_period

__all__ = [
    "NumberReading",
    "Period",
    "find_date_ranges",
    "find_numbers",
    "format_number",
    "parse_date",
    "parse_datetime",
    "parse_number",
    "parse_period",
]
