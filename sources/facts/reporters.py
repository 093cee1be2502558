"""Whose statistics a sentence cites: a statistics office or ministry named in the text, with its country.

Hand-written: no library knows the names of the Uzbek and Kazakh statistics offices and trade ministries
in four languages. A source phrase ("по данным Госкомстата Узбекистана", "Uzbekistan's statistics
agency", "Ұлттық статистика бюросы", "Savdo va integratsiya vazirligi") names its country next to it;
offices whose names exist in one country only (Kazakhstan's Bureau of National Statistics, Uzbekistan's
"Statistika agentligi") give their country by themselves. A generic office with no country next to it
says nothing: the caller falls back to the site's country, else leaves the reporter unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sources.facts.countries import country_mentions
from sources.normalise.prefilter import GatedPattern, LiteralGate, gated
from sources.normalise.prefilter import quick_clean as clean

# Statistics offices and ministries that report trade, with no country of their own.
_GENERIC_OFFICE = gated(
    re.compile(
        r"госкомстат\w*|статкомитет\w*|статведомств\w*|(?:государственн\w+ )?комитет\w* по статистике|"
        r"агентств\w* (?:по )?статистик\w*|статистическ\w+ (?:агентств|ведомств|служб|управлени|комитет)\w*|"
        r"министерств\w*(?: \w+){0,4} (?:торговл|экономик|финанс|инвестици)\w*|минэкономики|минторг\w*|"
        r"таможенн\w+ (?:комитет|служб)\w*|"
        r"statistics (?:agency|committee|office|service|bureau)|statistical (?:agency|committee|office|service)|"
        r"state statistics committee|ministry of (?:\w+ )?(?:trade|economy|finance|investment)\w*(?: and \w+)*|"
        r"customs (?:committee|service)|"
        r"statistika (?:agentligi|qo'mitasi|boshqarmasi|byurosi)|davlat statistika qo'mitasi|"
        r"статистика (?:агентлиги|қўмитаси|бошқармаси|бюроси)|давлат статистика қўмитаси|"
        r"(?:savdo|iqtisodiyot|investitsiyalar)\w*(?: va \w+)* vazirligi|"
        r"(?:савдо|иқтисодиёт|инвестициялар)\w*(?: ва \w+)* вазирлиги|"
        r"статистика (?:комитеті|агенттігі)|(?:сауда|экономика)\w*(?: және \w+)* министрлігі",
        re.IGNORECASE,
    )
)
# Offices whose very name gives the country.
_OWN_COUNTRY_OFFICE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (iso3, gated(re.compile(pattern, re.IGNORECASE)))
    for iso3, pattern in (
        (
            "KAZ",
            r"бюро национальной статистики|ұлттық статистика бюросы|bureau of national statistics|"
            r"national statistics bureau|министерств\w* торговли и интеграции|ministry of trade and integration|"
            r"сауда және интеграция министрлігі|комитет\w* по статистике министерства национальной экономики|"
            r"министерств\w* национальной экономики|ministry of national economy|"
            r"ұлттық экономика министрлігі|стратегическому планированию и реформам",
        ),
        (
            "UZB",
            r"statistika agentligi|статистика агентлиги|davlat statistika qo'mitasi|давлат статистика қўмитаси|"
            r"министерств\w* инвестиций,? промышленности и торговли|министерств\w* инвестиций и внешней торговли|"
            r"investitsiyalar,? sanoat va savdo vazirligi|инвестициялар,? саноат ва савдо вазирлиги|"
            r"ministry of investment,? industry and trade|ministry of investments and foreign trade|"
            r"milliy statistika qo'mitasi|миллий статистика қўмитаси|"
            r"национальн\w+ комитет\w* (?:республики узбекистан )?по статистике",
        ),
    )
)
# A country belongs to an office when written right next to it: "Госкомстата Узбекистана",
# "Uzbekistan's statistics agency", "O'zbekiston Statistika agentligi", "ҚР Ұлттық статистика бюросы".
_NEAR_AFTER = 45
_NEAR_BEFORE = 45  # room for "Республикаси", "Respublikasi": "Qozog'iston Respublikasi Milliy statistika byurosi"
_REPUBLIC_ABBREVIATIONS = (
    ("KAZ", re.compile(r"(?<!\w)(?:РК|ҚР|RK)(?!\w)")),
    ("UZB", re.compile(r"(?<!\w)(?:РУз|РУ|RUz|ЎзР|O'zR)(?!\w)")),
)


def _countries_near(text: str, start: int, end: int) -> list[str]:
    window_after = text[end : end + _NEAR_AFTER]
    # Stop at the end of the noun phrase: a comma, a dash, a colon, a full stop, or a verb-like break.
    window_after = re.split(r"[,;:.!?()]|\s-\s|\s(?:товарооборот|trade|savdo|экспорт|импорт)", window_after)[0]
    window_before = re.split(
        r"[,;:.!?()]|\s-\s|(?:по данным|according to|ma'lumotlariga|маълумотларига)",
        text[max(0, start - _NEAR_BEFORE) : start],
    )[-1]
    found = [m.iso3 for m in country_mentions(window_after)]
    found += [m.iso3 for m in country_mentions(window_before)]
    for iso3, pattern in _REPUBLIC_ABBREVIATIONS:
        if pattern.search(window_after) or pattern.search(window_before):
            found.append(iso3)
    return list(dict.fromkeys(found))


# One of these is in every text that names an office (the literals of the office patterns' gates; "" for a
# pattern without one, which is in every text).
OFFICE_WORDS = LiteralGate(
    *(
        literal
        for pattern in (_GENERIC_OFFICE, *(p for _, p in _OWN_COUNTRY_OFFICE))
        for literal in (pattern.literals if isinstance(pattern, GatedPattern) else ("",))
    )
)


def reporter_in_text(text: str, office_words: LiteralGate = OFFICE_WORDS) -> str | None:
    """ISO3 of the country whose office a sentence cites, or None when it names none (or two).

    `office_words` may be ``OFFICE_WORDS.within(page)`` for a sentence whose cleaned text is a part of `page`.
    """
    cleaned = clean(text)
    if not office_words.may_match(cleaned):
        return None
    return _reporter_in_cleaned(cleaned)


@lru_cache(maxsize=2048)
def _reporter_in_cleaned(cleaned: str) -> str | None:
    """reporter_in_text of a cleaned text, memoised: a sentence is asked about as itself and as the neighbour
    of the next and the previous ones.
    """
    for iso3, pattern in _OWN_COUNTRY_OFFICE:
        if pattern.search(cleaned):
            return iso3
    for match in _GENERIC_OFFICE.finditer(cleaned):
        found = _countries_near(cleaned, match.start(), match.end())
        if len(found) == 1:
            return found[0]
    return None


def reporter_for(sentences: list[str], at: int, site_country: str | None) -> tuple[str | None, str]:
    """Reporter of the figure in sentences[at]: the sentence, then its neighbours, then the site's country.

    Returns (iso3 or None, how): how is 'sentence', 'neighbour', 'site' or 'unknown'.
    """
    found = reporter_in_text(sentences[at])
    if found:
        return found, "sentence"
    for other in (at - 1, at + 1):
        if 0 <= other < len(sentences):
            found = reporter_in_text(sentences[other])
            if found:
                return found, "neighbour"
    if site_country:
        return site_country, "site"
    return None, "unknown"
