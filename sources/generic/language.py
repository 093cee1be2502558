"""Language of a text from its script, for pages that do not declare one.

Hand-written: the letters that tell Kazakh, Uzbek Cyrillic and Russian apart are few and fixed, and a
statistical detector confuses these three on short texts.
"""

from __future__ import annotations

import re

# қ and ғ occur in both Kazakh and Uzbek Cyrillic, so only the letters unique to each language count.
_KAZAKH_ONLY = set("әңөұүһіӘҢӨҰҮҺІ")
_UZBEK_CYRL_ONLY = set("ўҳЎҲ")
_UZBEK_LATN = re.compile(r"[oOgG][‘ʻ'`]")


def language_from_lang_attr(value: str | None) -> str | None:
    """Normalise an html ``lang`` value: "ru-RU" -> "ru", "kz" -> "kk", "uz-Cyrl" stays; "" -> None."""
    if not value or not value.strip():
        return None
    value = value.strip().replace("_", "-")
    primary, _, rest = value.partition("-")
    primary = {"kz": "kk", "oz": "uz-Cyrl"}.get(primary.lower(), primary.lower())
    if primary == "uz" and rest.lower().startswith("cyrl"):
        return "uz-Cyrl"
    return primary


def language_from_script(text: str) -> str | None:
    """Guess ru | kk | uz-Cyrl | uz | en from the letters used; None when the text has no letters."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic * 2 >= len(letters):
        kazakh = sum(c in _KAZAKH_ONLY for c in letters)
        uzbek = sum(c in _UZBEK_CYRL_ONLY for c in letters)
        # At least two such letters and 1 % of all: a Kazakh name quoted in a Russian text stays Russian.
        enough = max(2, len(letters) / 100)
        if kazakh > uzbek and kazakh >= enough:
            return "kk"
        if uzbek >= enough:
            return "uz-Cyrl"
        return "ru"
    if len(_UZBEK_LATN.findall(text)) >= 2:
        return "uz"
    return "en"
