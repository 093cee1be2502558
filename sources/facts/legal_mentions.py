"""Legal acts published as news: a page whose title names an act (a declaration, treaty, agreement...).

News agencies print the text of bilateral documents the day they are signed (uza.uz printed the
Declaration on Allied Relations); such a page is the act's public record on that side. The act's date is
the date in the sentence that says it was signed, else the publication date; the place, the city named
in that sentence.
"""

from __future__ import annotations

import re

from sources.normalise.dates import parse_date

_ACT_TITLE = (
    (re.compile(r"^(совместная\s+)?декларация|^declaration|^deklaratsiya|^декларацияси", re.I), "declaration"),
    (re.compile(r"^договор|^treaty|^shartnoma|^шартнома|^шарт\b", re.I), "treaty"),
    (re.compile(r"^соглашение|^agreement|^bitim|^битим|^келісім", re.I), "agreement"),
    (re.compile(r"^протокол|^protocol|^bayonnoma", re.I), "protocol"),
    (re.compile(r"^меморандум|^memorandum", re.I), "other"),
)
_SIGNED = re.compile(r"подпис|signed|imzol|имзол|қол қой", re.I)
# City as printed after "в" (locative) -> its nominative name.
_CITIES = {
    "нур-султане": "Нур-Султан",
    "астане": "Астана",
    "ташкенте": "Ташкент",
    "самарканде": "Самарканд",
    "алматы": "Алматы",
    "шымкенте": "Шымкент",
    "туркестане": "Туркестан",
    "бухаре": "Бухара",
}
_PLACE = re.compile(r"\bв\s+(" + "|".join(re.escape(c) for c in _CITIES) + r")\b", re.I)


def extract_act_mention(document: dict, site_country: str | None) -> dict | None:
    """A `legal_acts` row when the page's title names an act, else None."""
    title = (document.get("title") or "").strip()
    act_type = next((kind for pattern, kind in _ACT_TITLE if pattern.search(title)), None)
    if act_type is None:
        return None
    text = "\n".join(filter(None, [document.get("lead"), document.get("body_text")]))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if _SIGNED.search(s)]
    adopted_on = None
    place = None
    for sentence in sentences:
        adopted_on = adopted_on or parse_date(sentence)
        found = _PLACE.search(sentence)
        if found and place is None:
            place = _CITIES[found.group(1).lower()]
    published = document.get("published_at")
    if adopted_on is None and published is not None:
        adopted_on = published.date()
    return {
        "site": document.get("site"),
        "jurisdiction_iso3": site_country,
        "title": title,
        "act_type": act_type,
        "act_form_raw": title.split()[0],
        "act_number": None,
        "adopted_on": adopted_on,
        "signed_place": place,
        "issuing_body": None,
        "status": "unknown",
        "status_raw": None,
        "language": document.get("language"),
        "is_partial": False,
    }
