"""Relevance filter for discovered items: does a title or lead mention a partner country?

Terms come from the catalog (ru, uz Latin and Cyrillic, kk spellings); the code names no country. Matching
is on a folded form (case, ё/е, the four apostrophes of Uzbek Latin), by substring and without a term's
final vowel, so inflections ("Казахстана", "в Астану", "Qozog‘istonda") match. An item from a site of
country X is relevant when it names another catalogued country; from a site without a country, when it
names two. Items without a title (plain
sitemaps) are judged on their URL slug against a Latin transliteration of the terms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

_APOSTROPHES = str.maketrans({"‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "`": "'", "ё": "е"})
_TRANSLIT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ү": "u",
    "ұ": "u",
    "ў": "o",
    "ф": "f",
    "х": "kh",
    "ҳ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sch",
    "ы": "y",
    "і": "i",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ә": "a",
    "ъ": "",
    "ь": "",
}
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Case-folded text with one spelling for apostrophes, for matching the relevance terms."""
    return text.casefold().translate(_APOSTROPHES)


def stem(word: str) -> str:
    """A term without its final vowel, so case endings match too: "Астана" -> "астан" (finds "в Астану")."""
    folded = fold(word)
    return folded[:-1] if len(folded) >= 5 and folded[-1] in "аяеиоыуaeiou" else folded


def _slug_form(text: str) -> str:
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in fold(text))
    return _SLUG_JUNK.sub("", latin)


def mentioned_countries(text: str, terms: Mapping[str, Sequence[str]]) -> set[str]:
    """ISO3 codes whose terms occur in ``text``."""
    folded = fold(text)
    slug = _slug_form(text) if text.startswith("http") else ""
    found = set()
    for iso3, words in terms.items():
        for word in words:
            if stem(word) in folded or (slug and len(_slug_form(word)) >= 5 and _slug_form(word) in slug):
                found.add(iso3)
                break
    return found


def is_relevant(text: str, terms: Mapping[str, Sequence[str]], home_iso3: str | None = None) -> bool:
    """Whether ``text`` names a country of the pair other than the site's own (``home_iso3``), or both when none."""
    countries = mentioned_countries(text, terms)
    if home_iso3:
        return bool(countries - {home_iso3})
    return len(countries) >= 2
