"""Facts from the prose of one document: indicators, trade figures, targets, events, unresolved mentions.

Hand-written: information-extraction libraries need trained models for Russian at best and know nothing
of Uzbek or Kazakh; the facts wanted here are a short list of measures, each recognised by its unit or a
few keywords next to the figure (see `sources.normalise.numbers` for the figures themselves).

Rules, all precision over recall:
- A flow (trade value, freight, growth, enterprises created, forum deals) needs a period read from its
  clause, from the previous sentence when the sentence opens with "тогда"/"это"/"then" or refers back to
  a forum ("по его итогам", "на нём"), or from "с начала года" (Jan 1 of the publication year to the
  publication date). Comparison bases ("к показателю 2016 года", "чем годом ранее") are not periods.
  A phrase with no year takes the publication year only when it says "this year"; else unresolved.
- A stock (enterprises with partner capital, flights a week, production capacity) is as of the date the
  sentence gives ("в начале 2019 года" -> 2019-01-01, "по состоянию на ..."), else of the publication
  date: news state current stocks in the present tense. A stock tied to a year but no date is unresolved.
- A project's value and a forecast ("1,9 млн пассажиров в год" by forecast: indicator
  passengers_per_year_forecast, unit passengers_per_year, qualifier as printed) are as of publication.
- country_iso3 is where the thing is counted: the location for enterprises, the owner of the foreign trade
  for partner shares, the reporter for trade growth; for bilateral counts (flights, freight, passengers,
  forum and project deals) the site's country when it is one of the two countries named, else the first.
- Trade values (`sources.facts.trade_prose`): reporter from the sentence, its paragraph, its neighbours,
  else the site's country (`reporters`); partner is the other country named (or the paragraph's, or, for
  "двух стран", the title's); period, partner, unit and scale carry across a paragraph's sentences
  (`sources.facts.paragraph`); export/import need a direction read from cases, prepositions, verbs or the
  paragraph. Whatever is missing sends the figure to unresolved_mentions.
- Legal acts are not read for figures (their numbers are article numbers, not statistics).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sources.facts.countries import (
    countries_in,
    country_mentions,
    location_country,
)
from sources.facts.events import EVENT_WORD_PARTS, extract_events
from sources.facts.paragraph import SINCE_YEAR_START, PendingFrame, TradeFrame, without_comparisons
from sources.facts.reporters import OFFICE_WORDS
from sources.facts.sentences import PageText, Sentence, document_sentences
from sources.facts.targets import TRADE_WORDS, extract_targets, is_target_sentence
from sources.facts.trade_prose import read_trade
from sources.normalise.dates import find_date_ranges, parse_date
from sources.normalise.numbers import SCALE_WORD_GATE, NumberReading, find_numbers, may_hold_numbers
from sources.normalise.periods import Period, parse_period
from sources.normalise.prefilter import GatedPattern, LiteralGate, gated, has_digit, restrict

_I = re.IGNORECASE

_COMPARISON = re.compile(
    r"(?:(?<!\w)(?:к|по сравнению с|в сравнении с|против|относительно|чем в|compared (?:with|to)|against|"
    r"vs\.?|on|over|from)\s+(?:показател\w+\s+|уровн\w+\s+|аналогичн\w+\s+период\w+\s+)?(?:19|20)\d\d"
    r"(?:\s*(?:год\w*|г\.|-го|-м))?)"
    r"|(?:(?:19|20)\d\d\s*-?\s*(?:yil|йил)\w*?(?:ga|га)\s+(?:nisbatan|нисбатан|solishtirganda|солиштирганда))"
    r"|(?:(?:19|20)\d\d\s*жыл\w*\s+(?:салыстырғанда|қарағанда))"
    r"|годом ранее|year earlier|a year ago|previous year|прошлым годом|o'tgan yilga nisbatan|ўтган йилга нисбатан",
    _I,
)
_THIS_YEAR = re.compile(
    r"текущ\w*\s+год\w*|этого\s+года|этом\s+году|joriy\s+yil\w*|жорий\s+йил\w*|bu\s+yil\w*|биыл\w*|"
    r"ағымдағы\s+жыл\w*|this\s+year",
    _I,
)
_START_OF_YEAR = re.compile(
    r"(?:в начале|на начало|на начале|at the (?:start|beginning) of|early)\s+(?P<y1>(?:19|20)\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)\s*-?\s*(?:yil|йил|жыл)\w*\s+(?:boshida|бошида|басында)",
    _I,
)
_NOW = re.compile(
    r"(?<!\w)(?:сейчас|ныне|в настоящее время|на сегодня\w*|now|currently|today|at present|hozirda|hozir|"
    r"ҳозирда|ҳозир|қазіргі|қазір)(?!\w)",
    _I,
)
_ANAPHORA_PERIOD = re.compile(
    r"^\s*(?:тогда|в том же году|в тот год|это|then|that year|this|o'sha yili|шу йили|бу|сол жылы|бұл)(?!\w)", _I
)
_ANAPHORA_EVENT = re.compile(r"по (?:его|её|их) итогам|на нём|на нем|там же|at it|there|unda|унда|онда", _I)
_ANAPHORA_SUBJECT = re.compile(r"(?<!\w)(?:их|таких|they|them|ular|улар|олар)(?!\w)", _I)
_GROWTH = re.compile(
    r"прибав\w*|рост\w*|вырос\w*|увелич\w*|больше|growth|grew|increas\w*|rose|up by|o'sdi|ўсди|oshdi|ошди|өсті|"
    r"өсім\w*|артты",
    _I,
)
_SHARE = re.compile(r"дол[яеию]\w*|пришл\w*|share|ulush\w*|улуш\w*|үлес\w*", _I)
_OWNER_OF_TRADE = re.compile(
    r"(?:партн[её]р\w*|торговл\w*|товарооборот\w*|trade\w*|partner\w*|savdo\w*|савдо\w*|сауда\w*)\s+(?P<after>\S+)",
    _I,
)
# "166 новых предприятий": a count whose unit word comes a word or two later.
_ENTERPRISE_AFTER = re.compile(
    r"\s*(?:[^\W\d_]+\s+){1,2}(?:предприяти|enterprise|korxona|корхона|кәсіпорын|компани|compan)", _I
)
_CAPITAL = re.compile(r"капитал\w*|capital|kapital\w*|капитали|капиталы", _I)
_CREATED = re.compile(r"созда\w*|новых|created|new|tashkil etil\w*|ташкил этил\w*|yangi|янги|құрыл\w*|жаңа", _I)
_SHARE_OF_ALL = re.compile(r"от (?:всех|общего)|of all|of the total|share|дол[яеию]\w*|ulush\w*|улуш\w*|үлес\w*", _I)
_CARGO = re.compile(r"груз\w*|перевез\w*|перевоз\w*|cargo|freight|yuk\w*|юк\w*|жүк\w*", _I)
_PER_YEAR = re.compile(r"\s*(?:в год|per year|a year|annually|yiliga|йилига|жылына)", _I)
_FORECAST = re.compile(r"прогноз\w*|forecast\w*|ожида\w*|expected|projected|kutil\w*|кутил\w*|болжам\w*", _I)
_UNITS_WORD = re.compile(r"\s*(?:единиц\w*|units?|dona|дона|бірлік)", _I)
_COUNTED_THINGS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (indicator, unit, re.compile(r"\s*(?:[^\W\d_]+\s+){0,2}?(?:" + pattern + ")", _I))
    for indicator, unit, pattern in (
        ("memoranda_count", "memoranda", r"меморандум\w*|memorand\w*"),
        (
            "investment_projects_count",
            "projects",
            r"инвестиционн\w* проект\w*|investment projects?|"
            r"investitsiya loyiha\w*|инвестиция лойиҳа\w*",
        ),
        ("contracts_count", "contracts", r"контракт\w*|contracts?|shartnoma\w*|шартнома\w*|келісімшарт\w*"),
    )
)
_MONEY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("contracts_usd", re.compile(r"контракт\w*|contracts?|shartnoma\w*|шартнома\w*|келісімшарт\w*", _I)),
    (
        "investment_usd",
        re.compile(
            r"инвестици\w*|проект\w*|investment\w*|project\w*|investitsiya\w*|loyiha\w*|"
            r"инвестиция\w*|лойиҳа\w*|инвестиция\w*",
            _I,
        ),
    ),
)
_SINGLE_PROJECT = re.compile(r"проект\w* стоимостью|project worth|project (?:valued|costing)|loyiha qiymati", _I)


_FORUM = re.compile(r"форум|forum|конференц|conference", _I)

# The patterns searched over whole sentences, behind the literals every match of theirs holds: a sentence
# without any is not scanned (see `sources.normalise.prefilter.gated`).
(
    _THIS_YEAR,
    _START_OF_YEAR,
    _NOW,
    _ANAPHORA_EVENT,
    _GROWTH,
    _SHARE,
    _OWNER_OF_TRADE,
    _CAPITAL,
    _CREATED,
    _SHARE_OF_ALL,
    _FORECAST,
    _SINGLE_PROJECT,
    _FORUM,
) = map(
    gated,
    (
        _THIS_YEAR,
        _START_OF_YEAR,
        _NOW,
        _ANAPHORA_EVENT,
        _GROWTH,
        _SHARE,
        _OWNER_OF_TRADE,
        _CAPITAL,
        _CREATED,
        _SHARE_OF_ALL,
        _FORECAST,
        _SINGLE_PROJECT,
        _FORUM,
    ),
)
_MONEY_KINDS = tuple((name, gated(pattern)) for name, pattern in _MONEY_KINDS)


@dataclass
class _Frame:
    """What a sentence was about, for the next sentences that refer back to it ("их", "это", "на нём")."""

    kind: str  # 'enterprises' | 'cargo' | 'share' | 'event'
    paragraph: int
    country: str | None = None
    partner: str | None = None
    period: Period | None = None
    as_of: date | None = None
    span: tuple[date, date] | None = None


@dataclass
class _Context:
    document: dict
    sentences: list[Sentence]
    site_country: str | None
    published: date | None
    title_countries: list[str]
    out: dict[str, list[dict]]
    frames: dict[str, _Frame]
    trade_frames: dict[int, TradeFrame | PendingFrame] = field(default_factory=dict)  # sources.facts.paragraph
    page: PageText | None = None
    _office_words: LiteralGate | None = None

    @property
    def office_words(self) -> LiteralGate:
        """The literals of office names (reporters.OFFICE_WORDS) the page holds: read on first need."""
        if self._office_words is None:
            self._office_words = OFFICE_WORDS.within(self.page.text) if self.page is not None else OFFICE_WORDS
        return self._office_words

    def indicator(
        self,
        sentence: Sentence,
        indicator: str,
        value: float,
        unit: str,
        *,
        country: str | None,
        partner: str | None,
        qualifier: str,
        period: Period | None = None,
        span: tuple[date, date] | None = None,
        as_of: date | None = None,
        evidence: str | None = None,
    ) -> None:
        start = period.start if period else span[0] if span else None
        end = period.end if period else span[1] if span else None
        if country is None:
            self.unresolved(sentence, "indicator", value, unit, f"{indicator}: country not read")
            return
        if start is None and as_of is None and not indicator.endswith("_forecast"):
            self.unresolved(sentence, "indicator", value, unit, f"{indicator}: period not read")
            return
        self.out["indicator_observations"].append(
            {
                "indicator": indicator,
                "country_iso3": country,
                "partner_iso3": partner,
                "value": value,
                "unit": unit,
                "period_start": start,
                "period_end": end,
                "as_of": as_of,
                "qualifier": qualifier,
                "evidence": evidence or sentence.text,
            }
        )

    def anaphoric_period(self, at: int) -> Period | None:
        """The period of the sentence before, for a sentence that opens with "тогда", "это", "then"...: the
        previous sentence's, when it names one year only.
        """
        text = _masked(self.sentences[at].clean)
        if _ANAPHORA_PERIOD.search(text) and at > 0 and self.sentences[at - 1].part != "title":
            previous = _masked(self.sentences[at - 1].clean)
            years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", previous))
            if len(years) == 1:
                return parse_period(previous)
        return None

    def unresolved(self, sentence: Sentence, measure: str, value: float, unit: str | None, reason: str) -> None:
        self.out["unresolved_mentions"].append(
            {"measure": measure, "value": value, "unit": unit, "reason": reason, "evidence": sentence.text}
        )


def _published(document: dict) -> date | None:
    value = document.get("published_at")
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _located_readings(text: str) -> list[tuple[int, int, NumberReading]]:
    """Figures with their offsets; plain years that slipped through ("2020-го") are dropped."""
    out = []
    cursor = 0
    for reading in find_numbers(text):
        start = text.find(reading.text, cursor)
        if start < 0:
            continue
        end = start + len(reading.text)
        cursor = end
        bare = reading.text.split("-")[0]
        if reading.unit is None and reading.currency is None and re.fullmatch(r"(?:19|20)\d\d", bare):
            continue
        out.append((start, end, reading))
    return out


@functools.lru_cache(maxsize=1024)
def _masked(text: str) -> str:
    return without_comparisons(_COMPARISON.sub(lambda m: " " * len(m.group(0)), text))


def _period_of(ctx: _Context, at: int, start: int, end: int, before_start: int, after_end: int) -> Period | None:
    """Period of the figure at text[start:end]: its clause before, then after, then an anaphoric sentence."""
    sentence = ctx.sentences[at]
    text = _masked(sentence.clean)
    default_year = ctx.published.year if ctx.published and _THIS_YEAR.search(text) else None
    if SINCE_YEAR_START.search(text) and ctx.published:
        return Period(date(ctx.published.year, 1, 1), ctx.published, "ytd")
    for lo, hi in ((before_start, start), (end, after_end)):
        period = parse_period(text[lo:hi], default_year)
        if period is not None and period.period_type != "as_of":
            return period
    return ctx.anaphoric_period(at)


def _stock_date(ctx: _Context, text: str) -> tuple[date | None, str | None]:
    """As-of date of a stock, or (None, reason)."""
    start = _START_OF_YEAR.search(text)
    if start:
        return date(int(start.group("y1") or start.group("y2")), 1, 1), None
    period = parse_period(text)
    if period is not None and period.period_type == "as_of":
        return period.as_of, None
    if _NOW.search(text) or period is None:
        return ctx.published, None if ctx.published else "no publication date for a present-tense stock"
    return None, "stock tied to a period, not a date"


def _bilateral(ctx: _Context, text: str) -> tuple[str | None, str | None]:
    named = [c for c in countries_in(text) if c in ("KAZ", "UZB")] or countries_in(text)
    pair = named if len(named) == 2 else ctx.title_countries if len(ctx.title_countries) == 2 else []
    if len(pair) != 2:
        return None, None
    country = ctx.site_country if ctx.site_country in pair else pair[0]
    return country, next(c for c in pair if c != country)


def _capital_country(text: str, location: str | None) -> str | None:
    for capital in _CAPITAL.finditer(text):
        near = [
            m
            for m in country_mentions(text)
            if m.iso3 != location and (abs(m.start - capital.end()) < 30 or abs(capital.start() - m.end) < 30)
        ]
        if len(near) >= 1:
            return min(near, key=lambda m: min(abs(m.start - capital.end()), abs(capital.start() - m.end))).iso3
    return None


def _event_span(ctx: _Context, at: int) -> tuple[date, date] | None:
    return _span_of(ctx.sentences[at].clean)


@functools.lru_cache(maxsize=4096)
def _span_of(text: str) -> tuple[date, date] | None:
    """The dates a sentence names; cached, since reading dates (dateparser) dominates prose extraction."""
    ranges = find_date_ranges(text)
    if len(ranges) == 1:
        return ranges[0]
    day = parse_date(text) if re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text) else None
    if day:
        return day, day
    period = parse_period(_masked(text))
    if period is not None and period.period_type in ("month", "year"):
        return period.start, period.end
    return None


def _enterprises(ctx: _Context, at: int, readings: list[tuple[int, int, NumberReading]]) -> bool:
    sentence = ctx.sentences[at]
    text = sentence.clean
    frame = ctx.frames.get("enterprises")
    same_paragraph = frame is not None and frame.paragraph == sentence.paragraph
    counts = [
        (s, e, r)
        for s, e, r in readings
        if r.unit == "enterprises" or (r.unit is None and r.currency is None and _ENTERPRISE_AFTER.match(text, e))
    ]
    if not counts and same_paragraph and _ANAPHORA_SUBJECT.search(text):
        counts = [(s, e, r) for s, e, r in readings if r.unit is None and r.currency is None][:1]
    if not counts:
        return False
    location = location_country(text)
    partner = _capital_country(text, location)
    if (location is None or partner is None) and same_paragraph:
        location, partner = location or frame.country, partner or frame.partner
    for start, end, reading in counts:
        if _CREATED.search(text[max(0, start - 60) : end + 30]) and not _CAPITAL.search(text):
            period = _period_of(ctx, at, start, end, 0, len(text))
            if period is None:
                ctx.unresolved(
                    sentence, "indicator", reading.value, "enterprises", "enterprises_created: period not read"
                )
                continue
            ctx.indicator(
                sentence,
                "enterprises_created",
                reading.value,
                "enterprises",
                country=location,
                partner=partner,
                qualifier=reading.qualifier,
                period=period,
            )
            continue
        as_of, reason = _stock_date(ctx, _masked(text))
        if as_of is None:
            ctx.unresolved(
                sentence, "indicator", reading.value, "enterprises", f"enterprises_with_partner_capital: {reason}"
            )
            continue
        ctx.indicator(
            sentence,
            "enterprises_with_partner_capital",
            reading.value,
            "enterprises",
            country=location,
            partner=partner,
            qualifier=reading.qualifier,
            as_of=as_of,
        )
        for p_start, p_end, share in readings:
            if share.unit == "percent" and p_start > end and _SHARE_OF_ALL.search(text[p_end:] + text[end:p_start]):
                ctx.indicator(
                    sentence,
                    "enterprises_with_partner_capital_share_pct",
                    share.value,
                    "percent",
                    country=location,
                    partner=partner,
                    qualifier=share.qualifier,
                    as_of=as_of,
                )
        ctx.frames["enterprises"] = _Frame("enterprises", sentence.paragraph, location, partner, as_of=as_of)
    return True


def _owner_of_trade(text: str) -> str | None:
    for match in _OWNER_OF_TRADE.finditer(text):
        found = countries_in(match.group("after"))
        if found:
            return found[0]
    possessive = re.search(r"(\S+)'s (?:foreign )?trade", text)
    if possessive:
        found = countries_in(possessive.group(1))
        if found:
            return found[0]
    return None


def _shares(ctx: _Context, at: int, readings: list[tuple[int, int, NumberReading]]) -> bool:
    sentence = ctx.sentences[at]
    text = sentence.clean
    percents = [(s, e, r) for s, e, r in readings if r.unit == "percent"]
    frame = ctx.frames.get("share")
    carried = frame is not None and frame.paragraph == sentence.paragraph
    if not percents or not _SHARE.search(text) or not (TRADE_WORDS.search(text) or carried):
        return False
    owner = _owner_of_trade(text) or (frame.country if carried else None)
    period = _period_of(ctx, at, 0, 0, 0, len(text)) or (frame.period if carried else None)
    mentions = [m for m in country_mentions(text) if m.iso3 != owner]
    for start, _end, reading in percents:
        before = [m for m in mentions if m.end <= start]
        partner = before[-1].iso3 if before else None
        if partner is None:
            ctx.unresolved(sentence, "indicator", reading.value, "percent", "trade_partner_share_pct: partner not read")
            continue
        ctx.indicator(
            sentence,
            "trade_partner_share_pct",
            reading.value,
            "percent",
            country=owner,
            partner=partner,
            qualifier=reading.qualifier,
            period=period,
        )
    ctx.frames["share"] = _Frame("share", sentence.paragraph, owner, period=period)
    return True


def _transport(ctx: _Context, at: int, readings: list[tuple[int, int, NumberReading]]) -> bool:
    """Transport figures: flights a week, cargo tonnes (and its growth later in the paragraph), passengers,
    production units a year. True when the sentence held one.
    """
    sentence = ctx.sentences[at]
    text = sentence.clean
    handled = False
    pair = _bilateral(ctx, text)
    for start, end, reading in readings:
        if reading.unit == "flights_per_week":
            _flights(ctx, sentence, reading, pair)
            handled = True
        elif reading.unit == "tonnes" and _CARGO.search(text):
            period = _period_of(ctx, at, start, end, 0, len(text))
            ctx.indicator(sentence, "cargo_tonnes", reading.value, "tonnes", **_about(pair, reading), period=period)
            ctx.frames["cargo"] = _Frame("cargo", sentence.paragraph, *pair, period=period)
            handled = True
        elif reading.unit == "passengers":
            _passengers(ctx, at, start, end, reading, pair)
            handled = True
        elif reading.unit is None and reading.currency is None and _UNITS_WORD.match(text, end):
            after = _UNITS_WORD.match(text, end)
            if _PER_YEAR.match(text, after.end()):
                unit = "units_per_year"
                indicator = "production_units_per_year"
                ctx.indicator(sentence, indicator, reading.value, unit, **_about(pair, reading), as_of=ctx.published)
                handled = True
    return handled or _cargo_growth(ctx, sentence, readings)


def _about(pair: tuple[str | None, str | None], reading: NumberReading) -> dict:
    """The country, partner and qualifier keywords of an indicator row."""
    return {"country": pair[0], "partner": pair[1], "qualifier": reading.qualifier}


def _flights(ctx: _Context, sentence: Sentence, reading: NumberReading, pair: tuple[str | None, str | None]) -> None:
    """Flights a week: a stock as of the date the sentence states, else an unresolved mention."""
    as_of, reason = _stock_date(ctx, _masked(sentence.clean))
    if as_of is None:
        ctx.unresolved(sentence, "indicator", reading.value, "flights_per_week", f"flights_per_week: {reason}")
        return
    ctx.indicator(sentence, "flights_per_week", reading.value, "flights_per_week", **_about(pair, reading), as_of=as_of)


def _passengers(
    ctx: _Context, at: int, start: int, end: int, reading: NumberReading, pair: tuple[str | None, str | None]
) -> None:
    """Passengers: a forecast a year, a yearly stock as of the stated date, or a flow over a period."""
    sentence = ctx.sentences[at]
    text = sentence.clean
    per_year = _PER_YEAR.match(text, end)
    about = _about(pair, reading)
    if per_year and _FORECAST.search(text):
        indicator = "passengers_per_year_forecast"
        ctx.indicator(sentence, indicator, reading.value, "passengers_per_year", **about, as_of=ctx.published)
    elif per_year:
        as_of, _ = _stock_date(ctx, _masked(text))
        ctx.indicator(sentence, "passengers_per_year", reading.value, "passengers_per_year", **about, as_of=as_of)
    else:
        period = _period_of(ctx, at, start, end, 0, len(text))
        ctx.indicator(sentence, "passengers", reading.value, "passengers", **about, period=period)


def _cargo_growth(ctx: _Context, sentence: Sentence, readings: list[tuple[int, int, NumberReading]]) -> bool:
    """A growth percentage of the cargo the paragraph spoke of ("за этот период ... рост на 12 %")."""
    text = sentence.clean
    cargo = ctx.frames.get("cargo")
    if not (cargo and cargo.paragraph == sentence.paragraph and _ANAPHORA_PERIOD.search(text)):
        return False
    handled = False
    for _, _, reading in readings:
        if reading.unit == "percent" and _GROWTH.search(text):
            about = {"country": cargo.country, "partner": cargo.partner, "qualifier": reading.qualifier}
            ctx.indicator(sentence, "cargo_growth_pct", reading.value, "percent", **about, period=cargo.period)
            handled = True
    return handled


def _deals(ctx: _Context, at: int, readings: list[tuple[int, int, NumberReading]]) -> bool:
    """Forum and project figures: memoranda, projects, contracts and their values in USD."""
    sentence = ctx.sentences[at]
    text = sentence.clean
    rows = _deal_rows(text, readings)
    if not rows:
        return False
    pair = _bilateral(ctx, text)
    span = _event_span(ctx, at)
    event = ctx.frames.get("event")
    if span is None and event is not None and _ANAPHORA_EVENT.search(text) and event.paragraph == sentence.paragraph:
        span = event.span
    for indicator, unit, reading, single_project in rows:
        about = _about(pair, reading)
        if span is None and single_project:
            ctx.indicator(sentence, indicator, reading.value, unit, **about, as_of=ctx.published)
        else:
            ctx.indicator(sentence, indicator, reading.value, unit, **about, span=span)
    return True


def _deal_rows(text: str, readings: list[tuple[int, int, NumberReading]]) -> list[tuple[str, str, NumberReading, bool]]:
    """(indicator, unit, reading, single project) for each deal figure: a sum in USD named by the words before
    it, or a count of memoranda, projects, contracts.
    """
    rows: list[tuple[str, str, NumberReading, bool]] = []
    for k, (start, end, reading) in enumerate(readings):
        if reading.currency == "USD":
            clause = text[readings[k - 1][1] if k else 0 : start]
            kind = next((name for name, pattern in _MONEY_KINDS if pattern.search(clause)), None)
            if kind:
                rows.append((kind, "usd", reading, bool(_SINGLE_PROJECT.search(clause))))
        elif reading.unit is None and reading.currency is None:
            counted = next(((ind, unit) for ind, unit, pattern in _COUNTED_THINGS if pattern.match(text, end)), None)
            if counted:
                rows.append((*counted, reading, False))
    return rows


# The forum pattern's literals ("" for none, which every text holds).
_FORUM_WORDS = _FORUM.gate if isinstance(_FORUM, GatedPattern) else LiteralGate("")
_PAGE_GATES = (EVENT_WORD_PARTS, SCALE_WORD_GATE, _FORUM_WORDS)


def _candidates(page: PageText, count: int, scale_words: LiteralGate, forum_words: LiteralGate) -> list[int] | range:
    """The sentences the loop of extract_prose_facts can do anything with, in order: those that may name a
    forum, or hold a figure (a digit, or a scale word a number word may stand before). The others are passed
    over there at once, so leaving them out changes nothing.
    """
    scale = page.holding(scale_words)
    forum = page.holding(forum_words)
    if scale is None or forum is None:
        return range(count)
    return sorted(page.with_digit() | scale | forum)


def _raw_text(document: dict) -> str:
    """Title, lead and body as printed: the sentences of the document are these, cleaned and with spaces
    squashed (see LiteralGate.within_raw).
    """
    return "\n".join(document.get(key) or "" for key in ("title", "lead", "body_text"))


_TABLES = ("indicator_observations", "trade_observations", "trade_targets", "events", "unresolved_mentions")


def extract_prose_facts(document: dict, site_country: str | None) -> dict[str, list[dict]]:
    """Rows per raw table read from one document's title, lead and body.

    The tables: indicator_observations, trade_observations, trade_targets, events, unresolved_mentions. An
    act's page (``legal_act``, ``partial``) is read for events only.
    """
    out: dict[str, list[dict]] = {table: [] for table in _TABLES}
    opened = _open_page_text(document)
    if opened is None:
        return out
    sentences, page, (events_words, scale_words, forum_words) = opened
    published = _published(document)
    out["events"] = extract_events(
        sentences, published, english=document.get("language") == "en", page=page, words=events_words
    )
    if document.get("page_kind") in ("legal_act", "partial"):
        return out
    title = " ".join(s.clean for s in sentences if s.part == "title")
    lead = " ".join(s.clean for s in sentences if s.part == "lead")
    in_title = countries_in(title)
    title_countries = in_title if len(in_title) == 2 else countries_in(lead)
    ctx = _Context(document, sentences, site_country, published, title_countries, out, {})
    ctx.page = page
    for at in _candidates(page, len(sentences), scale_words, forum_words):
        if sentences[at].part != "title":
            _read_sentence(ctx, at)
    return out


def _open_page_text(document: dict) -> tuple[list[Sentence], PageText, tuple] | None:
    """The page's sentences and the gates (event, scale, forum words) it holds; None when it can hold no fact.

    What the page's text holds at all is read before splitting it into sentences: a page with no event word,
    no digit and no scale or forum word yields nothing (an act's page: no event word), and is not split. The
    gates keep only the literals the page holds (LiteralGate.within / within_raw).
    """
    text = _raw_text(document)
    if document.get("page_kind") in ("legal_act", "partial"):
        (events_words,) = restrict(text, (EVENT_WORD_PARTS,), raw=True)
        if not events_words.literals:
            return None
        sentences = document_sentences(document)
        return sentences, PageText(sentences), (events_words, None, None)
    if has_digit(text):  # to be split anyway: read the literals from the sentences' own text
        sentences = document_sentences(document)
        page = PageText(sentences)
        return sentences, page, restrict(page.text, _PAGE_GATES)
    gates = restrict(text, _PAGE_GATES, raw=True)
    if not any(gate.literals for gate in gates):
        return None
    sentences = document_sentences(document)
    return sentences, PageText(sentences), gates


def _read_sentence(ctx: _Context, at: int) -> None:
    """Read one candidate sentence: a forum's dates, then targets, or the first reader that finds its fact."""
    sentence = ctx.sentences[at]
    if _FORUM.search(sentence.clean):
        span = _event_span(ctx, at)
        if span:
            ctx.frames["event"] = _Frame("event", sentence.paragraph, span=span)
    if not may_hold_numbers(sentence.clean):
        return
    readings = _located_readings(sentence.clean)
    if not readings:
        return
    if is_target_sentence(sentence.clean) and any(r.currency == "USD" for _, _, r in readings):
        ctx.out["trade_targets"].extend(extract_targets(ctx.sentences, at, readings, ctx.published))
        return
    for reader in (_enterprises, _shares, _transport, _deals, read_trade):
        if reader(ctx, at, readings):
            # a partner's share and a trade value may share a sentence: the trade reader passes over shares
            if reader is _shares and any(r.currency for _, _, r in readings):
                read_trade(ctx, at, readings)
            break
