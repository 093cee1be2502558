"""Announced trade targets ("довести товарооборот до 5 млрд долларов к 2022 году"): value, horizon, who, when.

Hand-written: no library reads policy targets; the horizon phrases are a short fixed list per language.
Each figure takes the horizon phrase of its own clause (the text since the previous figure, else up to
the next one). horizon_end is the last day of a named year ("к 2022 году" -> 2022-12-31); "within N
years" counts N calendar years from the announcement year inclusive ("в течение пяти лет" announced in
2022 -> 2026-12-31); vague horizons ("в ближайшие годы", "in the medium term") have none.
"""

from __future__ import annotations

import re
from datetime import date

from sources.facts.sentences import Sentence
from sources.normalise.dates import parse_date
from sources.normalise.numbers import NumberReading
from sources.normalise.prefilter import gated

TRADE_WORDS = re.compile(
    r"товарооборот\w*|торгов\w*|торговл\w*|trade|savdo\w*|савдо\w*|сауда\w*|тауар айналым\w*|tovar aylanma\w*|"
    r"товар айланма\w*",
    re.IGNORECASE,
)
TARGET_WORDS = re.compile(
    r"довести|доведен\w*|выйти на|выход\w* на|достичь|достиж\w*|достигнуть|увеличить до|нарастить|цел[ьи]\w*|"
    r"целев\w*|должн\w*|планиру\w*|намерен\w*|(?:to|will|would|should|could) (?:bring|reach|boost|raise|increase)|"
    r"target\w*|goal\w*|aim\w*|"
    r"yetkaz\w*|етказ\w*|oshirish\w*|ошириш\w*|жеткіз\w*|арттыр\w*|мақсат\w*|maqsad\w*",
    re.IGNORECASE,
)
_COUNT_WORDS = {
    "двух": 2,
    "два": 2,
    "трёх": 3,
    "трех": 3,
    "три": 3,
    "четырёх": 4,
    "четырех": 4,
    "пяти": 5,
    "пять": 5,
    "шести": 6,
    "семи": 7,
    "десяти": 10,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "ten": 10,
    "ikki": 2,
    "uch": 3,
    "besh": 5,
    "o'n": 10,
    "икки": 2,
    "уч": 3,
    "беш": 5,
    "ўн": 10,
    "екі": 2,
    "үш": 3,
    "бес": 5,
    "он": 10,
}
_COUNT = r"\d{1,2}|" + "|".join(re.escape(w) for w in sorted(_COUNT_WORDS, key=len, reverse=True))
_HORIZON_YEAR = re.compile(
    r"(?<![\w])(?:к|до|by|until|by the end of|до конца)\s+(?P<year>(?:19|20)\d\d)(?:\s*(?:год\w*|г\.))?"
    r"|(?P<year2>(?:19|20)\d\d)\s*-?\s*(?:yil|йил|жыл)\w*?(?:gacha|гача|ға дейін|ге дейін)",
    re.IGNORECASE,
)
_HORIZON_YEARS = re.compile(
    rf"(?:в течение|за|в ближайшие|within|in the next|over the next)\s+(?P<n>{_COUNT})\s+(?:лет|года|years)"
    rf"|(?P<n2>{_COUNT})\s+(?:yil|йил|жыл)\s+(?:ichida|ичида|ішінде|davomida|давомида)",
    re.IGNORECASE,
)
_HORIZON_VAGUE = re.compile(
    r"в ближайшие годы|в ближайшей перспективе|в среднесрочной перспективе|в долгосрочной перспективе|"
    r"в перспективе|in the coming years|in the near future|in the medium term|in the long term|"
    r"yaqin yillarda|o'rta muddatli istiqbolda|uzoq muddatli istiqbolda|яқин йилларда|ўрта муддатли истиқболда|"
    r"жақын жылдары|орта мерзімді перспективада|ұзақ мерзімді перспективада",
    re.IGNORECASE,
)
_ANNOUNCER = re.compile(
    r"(?:руководств\w*|президент\w*|глав\w* государств\w*|лидер\w*|presidents?|leaders?|leadership|"
    r"heads? of state|prezident\w*|rahbar\w*|раҳбар\w*|басшы\w*|президенттер\w*)"
    r"(?:\s+(?:двух|обеих|обоих|of|the|two|both|ikki|икки|екі|и|and|va|ва|және|государств\w*|стран\w*|"
    r"states?|countries|davlat\w*|давлат\w*|мемлекет\w*|[А-ЯЁA-Z][\w-]*стан\w*)){0,4}",
    re.IGNORECASE,
)


# Behind the literals every match holds (see `sources.normalise.prefilter.gated`): most sentences hold none.
TRADE_WORDS, TARGET_WORDS, _HORIZON_YEARS, _HORIZON_VAGUE, _ANNOUNCER = map(
    gated, (TRADE_WORDS, TARGET_WORDS, _HORIZON_YEARS, _HORIZON_VAGUE, _ANNOUNCER)
)


def is_target_sentence(text: str) -> bool:
    """Whether the sentence speaks of trade and of a target (a figure to reach, not one reached)."""
    return bool(TRADE_WORDS.search(text) and TARGET_WORDS.search(text))


def _horizon(text: str, start: int, end: int, announced: date | None) -> tuple[str, date | None] | None:
    for pattern in (_HORIZON_YEAR, _HORIZON_YEARS, _HORIZON_VAGUE):
        match = pattern.search(text, start, end)
        if not match:
            continue
        groups = match.groupdict()
        year = groups.get("year") or groups.get("year2")
        if year:
            return match.group(0), date(int(year), 12, 31)
        if groups.get("n") or groups.get("n2"):
            raw = (groups.get("n") or groups["n2"]).lower()
            count = int(raw) if raw.isdigit() else _COUNT_WORDS[raw]
            end_date = date(announced.year + count - 1, 12, 31) if announced else None
            return match.group(0), end_date
        return match.group(0), None
    return None


def _announcer(sentences: list[Sentence], at: int, published: date | None) -> tuple[str | None, date | None]:
    """Who announced (the sentence's actor, else the nearest earlier one) and on which date."""
    for sentence in [sentences[at]] + list(reversed(sentences[:at])):
        if sentence.part == "title":
            continue
        match = _ANNOUNCER.search(sentence.clean)
        if match:
            on = parse_date(sentence.clean, default_year=published.year if published else None)
            return sentence.text[match.start() : match.end()].strip(), on or published
    return None, published


def extract_targets(
    sentences: list[Sentence], at: int, readings: list[tuple[int, int, NumberReading]], published: date | None
) -> list[dict]:
    """`trade_targets` rows for the USD figures of sentences[at] (a target sentence)."""
    sentence = sentences[at]
    announced_by, announced_on = _announcer(sentences, at, published)
    money = [(s, e, r) for s, e, r in readings if r.currency == "USD"]
    rows = []
    for k, (start, end, reading) in enumerate(money):
        before_start = money[k - 1][1] if k else 0
        after_end = money[k + 1][0] if k + 1 < len(money) else len(sentence.clean)
        horizon = _horizon(sentence.clean, before_start, start, announced_on) or _horizon(
            sentence.clean, end, after_end, announced_on
        )
        rows.append(
            {
                "value_usd": reading.value,
                "qualifier": reading.qualifier,
                "horizon_text": sentence.text[_span(sentence.clean, horizon[0])] if horizon else None,
                "horizon_end": horizon[1] if horizon else None,
                "announced_by": announced_by,
                "announced_on": announced_on,
                "evidence": sentence.text,
            }
        )
    return rows


def _span(clean_text: str, phrase: str) -> slice:
    start = clean_text.find(phrase)
    return slice(start, start + len(phrase))
