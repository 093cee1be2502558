"""Dates of entry into force and of loss of force, as the registers' status lines and notes print them.

"Вводится в действие с 01.01.2016", "вступает в силу с 1 июля 2020 года", "Утратил силу с 08.01.2020",
Kazakh "2016 жылғы 1 қаңтардан бастап қолданысқа енгізіледі", Uzbek "Ҳужжат кучини йўқотган 28.09.2020" /
"Hujjat kuchini yo‘qotgan 02.07.2019", "2020-yil 1-yanvardan kuchga kiradi". Only a phrase that names the
date counts: "вступает в силу со дня подписания" names none, and a date is never guessed from it.
Hand-written: a handful of fixed phrases per language around ``parse_date``.
"""

from __future__ import annotations

import re
from datetime import date

from sources.normalise.dates import parse_date
from sources.normalise.spelling import clean

_A = "'?"  # the o‘ apostrophe, after clean() made every variant "'"
# A date as registers print it: 01.01.2016, "1 июля 2020 года", "2016 жылғы 1 қаңтардан", "2020-yil 1-yanvardan".
_DATE = (
    r"(?P<date>\d{1,2}\.\d{1,2}\.\d{4}"
    r"|\d{1,2}\s+[^\W\d_]+\s+\d{4}"
    r"|\d{4}\s*-?\s*(?:жылғы|йил|yil)\w*\s+\d{1,2}\s*-?\s*[^\W\d_]+)"
)
IN_FORCE_FROM = [
    re.compile(rf"(?:вводится|введен\w*|вступа\w*|вступил\w*)\s+(?:в\s+действие|в\s+силу)\s+с\s+{_DATE}", re.I),
    re.compile(rf"{_DATE}\s+бастап\s+(?:қолданысқа\s+енгізіл|күшіне\s+ен)", re.I),
    re.compile(rf"{_DATE}\s*(?:дан|dan)?\s+(?:кучга\s+кир|kuchga\s+kir)", re.I),
]
LOST_FORCE_ON = [
    re.compile(rf"утрат\w*\s+силу\s+с\s+{_DATE}", re.I),
    re.compile(rf"{_DATE}\s+бастап\s+күшін\s+жой", re.I),
    re.compile(rf"(?:кучини\s+йўқотган|kuchini\s+yo{_A}qotgan)\s+{_DATE}", re.I),
]


# Every phrase above holds one of these stems and a digit: a text without them is not searched.
_IN_FORCE_STEMS = ("действ", "сил", "қолданыс", "күшіне", "кучга", "kuchga")
_LOST_FORCE_STEMS = ("утрат", "күшін", "кучини", "kuchini")
_DIGIT = re.compile(r"\d")


def _first(patterns: list[re.Pattern[str]], stems: tuple[str, ...], text: str | None) -> date | None:
    if not text or not _DIGIT.search(text):
        return None
    lowered = text.lower()
    if not any(stem in lowered for stem in stems):
        return None
    cleaned = clean(text)
    for pattern in patterns:
        for match in pattern.finditer(cleaned):
            found = parse_date(match["date"])
            if found is not None:
                return found
    return None


def in_force_from(text: str | None) -> date | None:
    """The date of entry into force that ``text`` states, else None."""
    return _first(IN_FORCE_FROM, _IN_FORCE_STEMS, text)


def lost_force_on(text: str | None) -> date | None:
    """The date of loss of force that ``text`` states, else None."""
    return _first(LOST_FORCE_ON, _LOST_FORCE_STEMS, text)
