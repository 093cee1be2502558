"""Visits, talks, signings, forums and conferences a sentence reports, with their dates, place and actors.

Hand-written: event extractors (spaCy, natasha) need models this project does not ship and know no
Uzbek or Kazakh; the event words are few and fixed. Precision over recall: a sentence yields an event
only when it names the kind of event and exactly one date, day range, month or year. Two exceptions,
both documented in the report: a day and month with no year take the publication year, and the page's
own subject (an event kind named in the title, reported with no date) takes the publication date.
Precision of a month or year is kept as its span: "в ноябре 2021 года" is 2021-11-01..2021-11-30.
"""

from __future__ import annotations

import re
from datetime import date

from sources.facts.countries import place_in
from sources.facts.sentences import PageText, Sentence
from sources.normalise.dates import find_date_ranges, parse_date
from sources.normalise.periods import parse_period
from sources.normalise.prefilter import LiteralGate, gated

_EVENT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, gated(re.compile(pattern, re.IGNORECASE)))
    for kind, pattern in (
        (
            "state_visit",
            r"государственн\w* визит\w*|state visit|davlat tashrif\w*|давлат ташриф\w*|"
            r"мемлекеттік сапар\w*",
        ),
        ("official_visit", r"официальн\w* визит\w*|official visit|rasmiy tashrif\w*|расмий ташриф\w*|ресми сапар\w*"),
        ("working_visit", r"рабоч\w* визит\w*|working visit|ishchi tashrif\w*|ишчи ташриф\w*|жұмыс сапар\w*"),
        ("talks", r"переговор\w*|\btalks\b|muzokara\w*|музокара\w*|келіссөз\w*"),
        ("signing", r"подписал\w*|подписан\w*|\bsigned\b|imzola\w*|имзола\w*|қол қой\w*"),
        ("forum", r"форум\w*|\bforum\w*"),
        ("conference", r"конференци\w*|conference\w*|konferensiya\w*|конференция\w*"),
    )
)
_PERSON = re.compile(
    r"(?<![^\W\d_])(?:[А-ЯЁЎҚҒҲӘӨҮҰІ][а-яёўқғҳәөүұі]+(?:-[А-ЯЁЎҚҒҲӘӨҮҰІ][а-яёўқғҳәөүұі]+)?\s+"
    r"[А-ЯЁЎҚҒҲӘӨҮҰІ][а-яёўқғҳәөүұі]*(?:ев|ёв|ов|ин|ын|ий|ова|ева|ёева|енко)[а-яё]*"
    r"|[A-Z][a-z']+(?:-[A-Z][a-z']+)?\s+[A-Z][a-z']*(?:ev|ov|in|yev|yoyev|ova|eva|enko)(?:[a-z']*))(?![^\W\d_])"
)
_ACRONYM = re.compile(r"(?<![^\W\d_])[А-ЯЁA-Z]{3,6}(?![^\W\d_])")
_NOT_ACTOR_ACRONYMS = frozenset({"США", "ООН", "СНГ", "ШОС", "ЕАЭС", "USD", "ОДКБ", "ЮНЕСКО", "ЕС", "UN", "CIS"})
_ROLE = re.compile(
    r"(?:президент\w*|глав\w* государств\w*|лидер\w*|руководител\w*|presidents?|leaders?|heads? of state|"
    r"prezident\w*|президентлар\w*|президенттер\w*)"
    r"(?:\s+(?:двух|обеих|обоих|of|the|two|both|ikki|икки|екі|и|and|va|ва|және|государств\w*|стран\w*|"
    r"states?|countries|davlat\w*|давлат\w*|мемлекет\w*|[А-ЯЁA-Z][\w-]*стан\w*)){0,4}",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


# Parts one of which every event word holds (each pattern's own gate holds longer ones): most sentences
# hold none, and are then done with one look.
EVENT_WORD_PARTS = LiteralGate(
    "визит",
    "visit",
    "tashrif",
    "ташриф",
    "сапар",
    "переговор",
    "talks",
    "muzokara",
    "музокара",
    "келіссөз",
    "подписа",
    "signed",
    "imzola",
    "имзола",
    "қой",
    "форум",
    "forum",
    "конференц",
    "conference",
    "konferensiya",
)


def _kinds(text: str) -> list[str]:
    if not EVENT_WORD_PARTS.may_match(text):
        return []
    return [kind for kind, pattern in _EVENT_WORDS if pattern.search(text)]


def _dates(text: str, published: date | None) -> tuple[date, date] | None:
    default_year = published.year if published else None
    ranges = find_date_ranges(text, default_year)
    if len(ranges) > 1:
        return None
    if len(set(_YEARS.findall(text))) > 1:
        return None
    if ranges:
        return ranges[0]
    day = parse_date(text, default_year=default_year)
    if day is not None:
        return day, day
    period = parse_period(text)
    if period is not None and period.period_type in ("month", "year"):
        return period.start, period.end
    return None


def _actors(text: str) -> str | None:
    names = [m.group(0) for m in _PERSON.finditer(text)]
    names += [a for a in _ACRONYM.findall(text) if a not in _NOT_ACTOR_ACRONYMS and not a.isdigit()]
    if names:
        return ", ".join(dict.fromkeys(names))
    role = _ROLE.search(text)
    return role.group(0).strip() if role else None


def extract_events(
    sentences: list[Sentence],
    published: date | None,
    english: bool = False,
    page: PageText | None = None,
    words: LiteralGate | None = None,
) -> list[dict]:
    """`events` rows from a document's sentences; one row per event kind and date span in the page.

    `page`, when given, is ``PageText(sentences)``; `words`, ``event_words(text)`` of a text every sentence
    (cleaned) is a part of (the caller has them already).
    """
    page = page or PageText(sentences)
    # Only the sentences holding an event word's part can name an event; in order.
    holding = page.holding(words or EVENT_WORD_PARTS)
    candidates = range(len(sentences)) if holding is None else sorted(holding)
    title_kinds = {kind for at in candidates if sentences[at].part == "title" for kind in _kinds(sentences[at].clean)}
    dated_by_publication: set[str] = set()
    found: dict[tuple[str, date, date], dict] = {}
    for at in candidates:
        sentence = sentences[at]
        if sentence.part == "title":
            continue
        kinds = _kinds(sentence.clean)
        if not kinds:
            continue
        span = _dates(sentence.clean, published)
        for kind in kinds:
            when = span
            if when is None and kind in title_kinds and kind not in dated_by_publication and published:
                # The page's subject, reported the day it happened: the publication date is its date.
                when = (published, published)
                dated_by_publication.add(kind)
            if when is None:
                continue
            actors = _actors_near(sentences, at)
            row = {
                "event_type": kind,
                "start_date": when[0],
                "end_date": when[1],
                "place": place_in(sentence.clean, when[0], english),
                "actors": actors,
                "evidence": sentence.text,
            }
            key = (kind, when[0], when[1])
            found[key] = _fuller(row, found.get(key))
    return list(found.values())


def _actors_near(sentences: list[Sentence], at: int) -> str | None:
    """Who acts in sentence ``at``; when it names no one by name, the two sentences before often do."""
    actors = _actors(sentences[at].clean)
    if actors is None or not any(c.isupper() for c in actors[:1]):
        # The two sentences before often name who "the institutes" or "they" are.
        for previous in reversed(sentences[max(0, at - 2) : at]):
            if previous.part == "title":
                break
            named = _actors(previous.clean)
            if named and named[:1].isupper():
                return named
    return actors


def _fuller(row: dict, kept: dict | None) -> dict:
    """One event told twice in a page (lead and body): the fuller telling, its gaps filled from the other."""
    if kept is None:
        return row
    better, other = (row, kept) if _fullness(row) > _fullness(kept) else (kept, row)
    for column in ("place", "actors"):
        if better[column] is None:
            better[column] = other[column]
    return better


def _fullness(row: dict) -> int:
    actors = row["actors"] or ""
    return (row["place"] is not None) + (actors[:1].isupper()) * 2 + bool(actors)
