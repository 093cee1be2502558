"""What lex.uz's act page and its card share: the site, act types, the signing place, the text's language.

Its own module so that the page parser (parser.py) and the card parser (card.py) both import it and neither
imports the other.
"""

from __future__ import annotations

import re

import numpy as np

from sources.normalise.spelling import squash_spaces

SITE = "lex.uz"
JURISDICTION = "UZB"

_A = "[‘ʻ'’`]?"  # the o‘/g‘ apostrophe is written five ways, or left out
# Checked in order: the kind of act (decree, law...) wins over an instrument named in its title.
ACT_TYPES = [
    ("decree", r"\bфармон|\bуказ\b|\bfarmon|\bdecree|^(?:УП|ПФ|UP|PF)-"),
    ("resolution", r"\bқарор|\bпостановлени|\bqaror|\bresolution|^(?:ПП|ПҚ|PP|PQ)-"),
    ("law", r"\bқонун|\bзакон(?:а|у|ом|е|ы)?\b|\bqonun|\blaw\b|^(?:ЗРУ|ЎРҚ|O" + _A + r"RQ)-"),
    ("code", r"\bкодекс|\bkodeks|\bcode\b"),
    ("treaty", r"\bшартнома|\bдоговор|\bshartnoma|\btreaty"),
    ("agreement", r"\bбитим|\bсоглашени|\bbitim|\bagreement"),
    ("declaration", r"\bдекларац|\bdeklaratsiya|\bdeclaration"),
    ("protocol", r"\bпротокол|\bprotokol|\bprotocol|\bбаённома|\bbayonnoma"),
]
_ACT_TYPE_PATTERNS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in ACT_TYPES]
PLACE_NOISE = re.compile(r"(?<!\w)(?:г|гор|ш|sh)\.|\b(?:город|шаҳри|шаҳрида|shahri|shahrida)\b", re.IGNORECASE)
# detect_language's letter classes, as code points: exactly what the single-letter classes r"[а-яёўқғҳ]",
# r"[a-z]", r"[ўқғҳ]" and r"[ыщ]" match with re.IGNORECASE (case folds such as U+212A KELVIN SIGN and
# U+1C80.. included; tests/parsers/test_parser_speedups.py checks this against the regexes for every code
# point). All lie in the BMP, so a text is looked up by its UTF-16 code units: a character outside the BMP
# becomes two surrogate units, which belong to no class, as the character itself does not. Counting
# through this table is many times faster than findall over the act's text.
_CYRILLIC, _LATIN, _UZBEK_CYRL, _RUSSIAN = 1, 2, 4, 8
_LETTER_RANGES = {
    _CYRILLIC: ((0x401, 0x401), (0x40E, 0x40E), (0x410, 0x44F), (0x451, 0x451), (0x45E, 0x45E), (0x492, 0x493),
                (0x49A, 0x49B), (0x4B2, 0x4B3), (0x1C80, 0x1C86)),
    _LATIN: ((0x41, 0x5A), (0x61, 0x7A), (0x130, 0x131), (0x17F, 0x17F), (0x212A, 0x212A)),
    _UZBEK_CYRL: ((0x40E, 0x40E), (0x45E, 0x45E), (0x492, 0x493), (0x49A, 0x49B), (0x4B2, 0x4B3)),
    _RUSSIAN: ((0x429, 0x429), (0x42B, 0x42B), (0x449, 0x449), (0x44B, 0x44B)),
}  # fmt: skip
_LETTER_TABLE = np.zeros(0x10000, dtype=np.uint8)
for _bit, _ranges in _LETTER_RANGES.items():
    for _low, _high in _ranges:
        _LETTER_TABLE[_low : _high + 1] |= _bit
_UZBEK_LATN = re.compile(r"[og][‘ʻ'’`]|\b(?:va|bilan|uchun|yil|respublikasi)\b|q", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:the|of|and|to|in|is)\b", re.IGNORECASE)

# Collapse every run of unicode whitespace (``&nbsp;`` included) to one space and strip the ends.
clean = squash_spaces


def act_type(form: str | None, number: str | None, title: str | None) -> str:
    """Normalise an act's type from its form word, then its number prefix, then its title."""
    for text in (form, number, title):
        if text:
            for kind, pattern in _ACT_TYPE_PATTERNS:
                if pattern.search(text):
                    return kind
    return "other"


def signed_place(essentials: str | None) -> str | None:
    """The place from "г. Ташкент, 7 февраля 2017 г." / "Астана ш., 2013 йил 14 июнь"."""
    for part in re.split(r"[,\n]", essentials or ""):
        place = clean(PLACE_NOISE.sub(" ", part))
        if place and not re.search(r"\d", place):
            return place
    return None


def letter_counts(text: str) -> dict[int, int]:
    """How many letters of each detect_language class (_CYRILLIC, _LATIN, _UZBEK_CYRL, _RUSSIAN) ``text`` has."""
    classes = _LETTER_TABLE.take(np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2"))
    return {bit: int(np.count_nonzero(classes & bit)) for bit in _LETTER_RANGES}


def detect_language(text: str) -> str | None:
    """Ru / uz-Cyrl / uz-Latn / en from the script and letters of the document text itself."""
    counts = letter_counts(text)
    cyrillic, latin = counts[_CYRILLIC], counts[_LATIN]
    if not cyrillic and not latin:
        return None
    if cyrillic >= latin:
        # Uzbek Cyrillic has ў қ ғ ҳ and no ы щ; Russian the reverse.
        return "uz-Cyrl" if counts[_UZBEK_CYRL] > counts[_RUSSIAN] else "ru"
    uzbek = len(_UZBEK_LATN.findall(text))
    english = len(_ENGLISH.findall(text))
    return "uz-Latn" if uzbek > english else "en"
