"""Trade figures in prose: value, flow from the reporter's side, partner, period and qualifier of each.

Hand-written for the reasons of `sources.facts.prose`. A sentence's figures are read left to right; each
takes what its own clause does not say from the figures before it in the sentence, then from the
paragraph's context (`sources.facts.paragraph`). Precision over recall:
- A figure is a trade value when it is in US dollars, or takes dollars (and the scale) from a neighbour in
  a list ("экспорт — 1,2 млрд, импорт — 2,1 млрд долларов", "Экспорт — 1 320,7, импорт — 2 219,5 млн
  долл."), and a trade word governs it: the last one of its clause before it, else the first after it
  (Uzbek and Kazakh put the verb last), else the last one before it in the sentence.
- Direction, as who exports to whom: the origin ("из Казахстана", "Qozog'istondan", "Қазақстаннан",
  "from"), the destination ("в Казахстан", "Qozog'istonga", "Қазақстанға", "to"), the agent (a country
  before the word in the nominative or genitive: "Казахстан экспортировал", "Qozog'iston eksporti",
  "Қазақстанның ... экспорты", "Kazakhstan's exports", "узбекский экспорт"; in Russian the genitive after
  it: "экспорт Казахстана"), goods named by their country ("импорт казахстанской продукции"), "the
  neighbouring country" for the partner, and "в обратном направлении" for the flow before it reversed.
  A flow word with none of these is the reporter's own only in a paragraph already on the two countries'
  trade ("Товарооборот ... Экспорт составил ..."). Export/import are then read from the reporter's side.
- Not trade values: one commodity's trade, plans and forecasts, a country's trade with the whole world,
  and changes ("на 412 млн больше, чем годом ранее", "412 mln dollarga ko'p"). A change gives the previous
  year's value of the figure it is measured on; a percentage change gives the growth indicator of that
  figure's current period ("рост на 17,3 %", a fall negative).
- A fact read with help from earlier sentences keeps them in its evidence, earliest first, one per line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from sources.facts.countries import CountryMention, country_mentions
from sources.facts.paragraph import (
    BACKREF,
    COMMODITY,
    PLAN,
    PREVIOUS,
    SINCE_YEAR_START,
    WORLD,
    PendingFrame,
    TradeFrame,
    TradeValue,
    blanked_period,
    chain_reporter,
    continues,
    flow_kinds,
    frame_before,
    other_time,
    sentence_period,
    shift_year,
    without_comparisons,
)
from sources.facts.reporters import reporter_in_text
from sources.facts.targets import TARGET_WORDS
from sources.normalise.numbers import NumberReading
from sources.normalise.periods import Period
from sources.normalise.prefilter import gated

_I = re.IGNORECASE
EVIDENCE_SEPARATOR = "\n"

# Clause boundaries: a comma that is no decimal mark, semicolon, colon, brackets, quotes.
_BOUNDARY = re.compile(r"[;()«»\"“”]|:(?!\d)|,(?!\d)")
_CONJUNCTION = re.compile(r"\s(?:и|а|но|and|but|while|whereas|va|ва|esa|эса|ал|және)\s", _I)
_FROM = re.compile(r"(?<![^\W\d_])(?:из|от|from)\s+$", _I)
_TO = re.compile(r"(?<![^\W\d_])(?:в|во|to|into)\s+$", _I)
_ANY_PREPOSITION = re.compile(r"(?<![^\W\d_])(?:из|от|в|во|с|со|на|между|у|к|from|to|into|with|between|of)\s+$", _I)
# "-стан" is no ablative ending: country names in -стан take -нан/-дан ("Қазақстаннан", "Qozog'istondan").
_ABLATIVE = re.compile(r"(?:дан|нан|дән|ден|нен|dan|(?<![сs])тан|(?<![сs])тен|(?<!s)tan)$", _I)
_RU_ADJECTIVE = re.compile(r"станск\w*$", _I)
_DATIVE = re.compile(r"(?:га|ка|ға|қа|ге|ке|ga|ka|qa)$", _I)
_GENITIVE = re.compile(r"(?:ning|нинг|ның|нің|дың|дің|тың|тің|'s)$", _I)
_RU_GENITIVE = re.compile(r"(?:а|и|я)$", _I)
_NOMINATIVE_AFTER_TO = re.compile(r"(?:стан|ия|ай|tan|ia|na|ey)$", _I)
_PAIR_AFTER = re.compile(r"\s*(?:и|va|ва|and|мен|бен|пен|,|-|–|—)\s*$", _I)
_NEIGHBOUR_FROM = gated(
    re.compile(
        r"из\s+соседн\w+\s+(?:республик|стран|государств)\w*|qo'shni\s+(?:davlat|mamlakat|respublika)\w*dan|"
        r"қўшни\s+(?:давлат|мамлакат|республика)\w*дан|көрші\s+(?:ел|мемлекет)\w*(?:ден|нен|тен|дан|нан)|"
        r"from\s+(?:its|the)\s+(?:\w+\s+)?neighbou?r\w*(?:\s+(?:country|republic|state))?",
        _I,
    )
)
_NEIGHBOUR_TO = gated(
    re.compile(
        r"в\s+соседн\w+\s+(?:республик|стран|государств)\w*|qo'shni\s+(?:davlat|mamlakat|respublika)\w*ga|"
        r"қўшни\s+(?:давлат|мамлакат|республика)\w*га|көрші\s+(?:ел|мемлекет)\w*(?:ге|ке|ға|қа)|"
        r"to\s+(?:its|the)\s+(?:\w+\s+)?neighbou?r\w*(?:\s+(?:country|republic|state))?",
        _I,
    )
)
_PARTNER_PRONOUN = re.compile(r"(?<![^\W\d_])(?:с\s+ним|с\s+ней|u\s+bilan|у\s+билан|онымен|with\s+it)(?![^\W\d_])", _I)
_REVERSE = gated(
    re.compile(
        r"в\s+обратном\s+направлении|в\s+обратную\s+сторону|in\s+the\s+opposite\s+direction|the\s+other\s+way|"
        r"teskari\s+yo'nalishda|тескари\s+йўналишда|кері\s+бағытта",
        _I,
    )
)
# A change on the previous year, around a money figure.
_CHANGE_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?:на|by)|(?<![^\W\d_])(?<!made\s)(?<!make\s)(?<!makes\s)(?:up|down)|"
    r"an?\s+(?:increase|decrease|rise|fall|drop|gain)\s+of)\s*$",
    _I,
)
_CHANGE_VERB_BEFORE = re.compile(
    r"(?:(?P<up>увелич\w*|вырос\w*|выросл\w*|прибав\w*|increas\w*|rose|risen|grew|grown)|"
    r"(?P<down>сократ\w*|сниз\w*|уменьш\w*|упал\w*|упа\w*|decreas\w*|declin\w*|fell|fallen|dropped))"
    r"(?:\s+\S+){0,3}\s+(?:на|by)\s*$",
    _I,
)
_COMPARATIVE_AFTER = re.compile(
    r"\s*(?:(?P<up>больше|выше|more|higher)|(?P<down>меньше|ниже|less|lower))(?![^\W\d_])", _I
)
_DATIVE_CHANGE_AFTER = re.compile(
    r"\s*(?:(?P<up>ko'p|ko'paydi|ko'payib|oshdi|oshib|ortdi|ortib|o'sdi|o'sib|yuqori|кўп|кўпайди|кўпайиб|ошди|ошиб|"
    r"ортди|ортиб|ўсди|ўсиб|юқори|көп|көбейді|көбейіп|артты|артып|өсті|өсіп|жоғары)|"
    r"(?P<down>kam|kamaydi|kamayib|qisqardi|qisqarib|past|кам|камайди|камайиб|қисқарди|қисқариб|паст|аз|азайды|"
    r"азайып|төмендеді|төмендеп|кеміді|кеміп|қысқарды|қысқарып|төмен))(?![^\W\d_]|')",
    _I,
)
_DATIVE_END = re.compile(r"(?:ga|га|ға|ге|ке|қа)$", _I)
_PREVIOUS_YEAR_WORDS = gated(
    re.compile(
        r"прошл\w+\s+год\w*|годом\s+ранее|год\s+назад|предыдущ\w+\s+год\w*|o'tgan\s+yil|bir\s+yil|ўтган\s+йил|"
        r"бир\s+йил|өткен\s+жыл|бір\s+жыл|last\s+year|a\s+year\s+(?:earlier|ago|before)|year[\s-]on[\s-]year|"
        r"previous\s+year",
        _I,
    )
)
# Growth and fall words around a percentage; shares are not changes.
_UP = re.compile(
    r"(?<![^\W\d_])(?:рост\w*|вырос\w*|выросл\w*|возрос\w*|подрос\w*|увелич\w*|прибав\w*|больше|выше|прирост\w*|"
    r"oshdi|oshib|o'sdi|o'sib|ko'p|ko'paydi|ko'payib|ortdi|ortib|yuqori|ошди|ошиб|ўсди|ўсиб|кўп|кўпайди|"
    r"кўпайиб|ортди|ортиб|юқори|өсті|өсіп|артты|артып|көп|көбейді|көбейіп|жоғары|ұлғай\w*|ko'pdir|кўпдир|"
    r"up|grew|grown|rose|risen|increase\w*|higher|more|growth|gain\w*|jump\w*|climb\w*|expanded|surged)(?![^\W\d_]|')",
    _I,
)
_DOWN = re.compile(
    r"(?<![^\W\d_])(?:сниж\w*|сниз\w*|сократ\w*|уменьш\w*|упал\w*|меньше|ниже|спад\w*|"
    r"kamaydi|kamayib|qisqardi|qisqarib|kam|pasaydi|pasayib|камайди|камайиб|қисқарди|қисқариб|кам|пасайди|"
    r"төмендеді|төмендеп|азайды|азайып|аз|қысқарды|қысқарып|кеміді|кеміп|"
    r"down|fell|fallen|decreas\w*|declin\w*|lower|less|drop\w*|shrank|contract\w*)(?![^\W\d_]|')",
    _I,
)
_SHARE = re.compile(
    r"(?<![^\W\d_])(?:дол[яеию]\w*|удельн\w*|share|ulush\w*|hissa\w*|улуш\w*|ҳисса\w*|үлес\w*|teng|тенг|тең|"
    r"foizini|фоизини|пайызы|пайызын)(?![^\W\d_])|%\s*(?:от|всего|of)(?![^\W\d_])|"
    r"(?:percent|per\s+cent)\s+of(?![^\W\d_])",
    _I,
)
# The phrases a figure's clause is checked for; each scans a sentence at most once (`_Reader.found`).
_SCANNED = {
    "commodity": COMMODITY,
    "plan": PLAN,
    "world": WORLD,
    "reverse": _REVERSE,
    "from_neighbour": _NEIGHBOUR_FROM,
    "to_neighbour": _NEIGHBOUR_TO,
    "partner_pronoun": _PARTNER_PRONOUN,
}
# What a sentence that goes on about the paragraph's figure says of it: a value ("он составил", "bu ko'rsatkich
# ... edi", "ол ... болған", "it stood at") or, checked apart, a change.
_STATES = gated(
    re.compile(
        r"(?<![^\W\d_])(?:состав\w*|достиг\w*|был\w*|на\s+уровне|оценива\w*|превы\w*|приблизи\w*|"
        r"tashkil\s+(?:et|qil)\w*|yet\w*|bo'l\w*|edi|teng|yaqinlash\w*|"
        r"ташкил\s+(?:эт|қил)\w*|ет(?:ди|ган|иб)\w*|бўл\w*|эди|тенг|яқинлаш\w*|"
        r"құра\w*|жет(?:ті|кен|іп)\w*|бол(?:ды|ған|атын)\w*|еді|тең|жуықта\w*|"
        r"stood|was|were|amounted|reached|totall?ed|came|approached|neared)(?![^\W\d_])",
        _I,
    )
)
# A partner named in a list item: "с Кыргызстаном", "Qirg'iziston bilan", "Қырғызстанмен", "with Kyrgyzstan".
_WITH_BEFORE = re.compile(r"(?<![^\W\d_])(?:с|со|with)\s+$", _I)
_WITH_AFTER = re.compile(r"\s+(?:bilan|билан)(?![^\W\d_])", _I)
_WITH_ENDING = re.compile(r"(?:мен|бен|пен)$", _I)
_COMPARED_BEFORE = re.compile(r"(?<![^\W\d_])(?:против|against|versus|vs\.?|from)\s+$", _I)
_SIGN_BEFORE = re.compile(r"(?:^|[\s(])([+-])\s*$")
_LIST_END = re.compile(r"\s*(?:[,.;:)—–]|-(?!\d)|$|(?:и|а|va|ва|esa|эса|and|while|ал|және)\s)", _I)
_LIST_START = re.compile(r"\s*[—–:-]?\s*$")


@dataclass
class _Figure:
    start: int
    end: int
    reading: NumberReading
    value: float
    carried_at: int | None = None  # sentence whose figure gave the currency or scale (None: its own)
    change: int = 0  # +1 / -1: a change on the previous year, not a value


@dataclass
class _Flow:
    start: int
    end: int
    kind: str  # total | export | import


class _Sentence:
    """One sentence's text with its clause boundaries."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.start() for m in _BOUNDARY.finditer(text)]

    def clause(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.bounds, pos - 1)
        start = self.bounds[k - 1] + 1 if k else 0
        k2 = bisect_left(self.bounds, pos)
        end = self.bounds[k2] if k2 < len(self.bounds) else len(self.text)
        return start, end


def read_trade(ctx, at: int, readings: list[tuple[int, int, NumberReading]]) -> bool:
    """Trade observations, growth indicators and unresolved mentions of sentence `at`; False when the
    sentence is not about trade (so that nothing was read).
    """
    sentence = ctx.sentences[at]
    text = sentence.clean
    if not any(
        r.currency or r.unit == "percent" or (r.unit is None and (r.scale > 1 or _LIST_END.match(text, e)))
        for _, e, r in readings
    ):
        return False  # no money, no percentage, no list item that could take dollars from the paragraph
    flows = [_Flow(*k) for k in flow_kinds(text)]
    frame: TradeFrame | None = None
    if not flows:
        if not continues(text) or not (_STATES.search(text) or _UP.search(text) or _DOWN.search(text)):
            return False
        frame = frame_before(ctx, at)
        if frame is None or not frame.topic or not frame.flow:
            return False
        if TARGET_WORDS.search(text) or PLAN.search(text):
            return False
    figures, percents, others = _figures(ctx, at, text, readings, flows)
    if not figures and not percents and not others:
        return False
    reader = _Reader(ctx, at, _Sentence(text), flows, frame, continuation=not flows)
    reader.money_starts = [f.start for f in figures]
    for _start, _end, reading in others:
        reader.unresolved(reading.value, reading.currency, "value not in US dollars")
    for figure in figures:
        reader.figure(figure)
    for start, end, reading in percents:
        reader.percent(start, end, reading)
    ctx.trade_frames[at] = reader.finish()
    return bool(figures or reader.read_growth or others)


def _figures(ctx, at, text, readings, flows):
    """The sentence's money figures (with dollars carried to list items), percentages, other currencies."""
    located = list(readings)
    usd = [i for i, (_, _, r) in enumerate(located) if r.currency == "USD"]
    figures: list[_Figure] = []
    percents = []
    others = []
    frame_unit: TradeFrame | None = None
    for i, (start, end, reading) in enumerate(located):
        if reading.unit == "percent":
            percents.append((start, end, reading))
            continue
        if reading.currency == "USD":
            figures.append(_Figure(start, end, reading, reading.value))
            continue
        if reading.currency is not None:
            if flows:
                others.append((start, end, reading))
            continue
        if reading.unit is not None or not (_LIST_END.match(text, end) or _COMPARED_BEFORE.search(text, 0, start)):
            continue
        # A list item without dollars: "экспорт — 1,2 млрд, импорт — 2,1 млрд долларов".
        if frame_unit is None and not any(j != i for j in usd):
            frame_unit = frame_before(ctx, at) or TradeFrame()
        figure = _list_item_figure(at, text, located, usd, i, flows, frame_unit)
        if figure is not None:
            figures.append(figure)
    return figures, percents, others


def _list_item_figure(at, text, located, usd, i, flows, frame_unit) -> _Figure | None:
    """A list item's number without dollars, in the dollars (and scale) of its neighbour or of the paragraph.

    The neighbour is the next dollar figure of the sentence, else the one before; without one, the unit the
    paragraph last stated (``frame_unit``). None when no dollar unit is in reach.
    """
    start, end, reading = located[i]
    neighbour = next((located[j][2] for j in usd if j > i), None) or next(
        (located[j][2] for j in reversed(usd) if j < i), None
    )
    carried_at = at
    if neighbour is None:
        if frame_unit.currency != "USD" or frame_unit.scale is None:
            return None
        scale, carried_at = frame_unit.scale, frame_unit.unit_at
    else:
        scale = neighbour.scale
    if reading.scale >= 1e6:
        return _Figure(start, end, reading, reading.value, carried_at)
    if reading.scale == 1 and scale > 1 and _after_flow_word(text, start, flows):
        return _Figure(start, end, reading, reading.value * scale, carried_at)
    return None


def _after_flow_word(text: str, start: int, flows: list[_Flow]) -> bool:
    """A bare number right after its flow word and a dash or colon: "Экспорт — 1 320,7"."""
    before = [f for f in flows if f.end <= start]
    return bool(before) and bool(_LIST_START.fullmatch(text[before[-1].end : start]))


class _Running:
    """The context as the sentence leaves it so far: its own updates over the paragraph's context."""

    __slots__ = ("_reader",)

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader

    def __getattr__(self, name: str):
        updates = self._reader.updates
        return updates[name] if name in updates else getattr(self._reader.frame, name)


class _Reader:
    """Reads one sentence's figures in order, keeping the context running across them."""

    def __init__(
        self, ctx, at: int, sentence: _Sentence, flows: list[_Flow], frame: TradeFrame | None, continuation: bool
    ):
        self.ctx = ctx
        self.at = at
        self.s = sentence
        self.text = sentence.text
        self.flows = flows
        self._frame = frame
        self.continuation = continuation
        self.blanked = without_comparisons(self.text)
        self.mentions = country_mentions(self.text)
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self.since_year_start = bool(SINCE_YEAR_START.search(self.text))
        self.office = reporter_in_text(self.text, ctx.office_words)
        self.reporter, self.reporter_at = self._reporter()
        # What this sentence changes in the context; `running` reads them over the paragraph's context.
        self.updates: dict = {"topic": True}
        if self.office:
            self.updates.update(reporter=self.office, reporter_at=at)
        self.running = _Running(self)
        self.read: list[tuple[_Figure, TradeValue]] = []
        self.read_growth = False
        self.figures: list[_Figure] = []
        self.money_starts: list[int] = []

    # --- whose statistics, and the sentence-wide facts ------------------------------------------------------

    @property
    def frame(self) -> TradeFrame:
        """The paragraph's context before this sentence, read on first need."""
        if self._frame is None:
            self._frame = frame_before(self.ctx, self.at) or TradeFrame()
        return self._frame

    def update(self, **fields) -> None:
        self.updates.update(fields)

    def _reporter(self) -> tuple[str | None, int | None]:
        if self.office:
            return self.office, None
        reporter, reporter_at = (
            (self._frame.reporter, self._frame.reporter_at) if self._frame else chain_reporter(self.ctx, self.at)
        )
        if reporter:
            return reporter, reporter_at
        sentences = self.ctx.sentences
        for other in (self.at - 1, self.at + 1):  # an office named just before or after (reporters.reporter_for)
            if 0 <= other < len(sentences):
                found = reporter_in_text(sentences[other].clean, self.ctx.office_words)
                if found:
                    return found, None
        return self.ctx.site_country, None

    @cached_property
    def other_time(self) -> bool:
        return other_time(self.blanked)

    @cached_property
    def backref(self) -> bool:
        return bool(BACKREF.search(PREVIOUS.sub(lambda m: " " * len(m.group(0)), self.blanked)))

    def found(self, name: str, lo: int, hi: int) -> tuple[int, int] | None:
        """The first match of the named pattern starting in text[lo:hi]; each pattern scans a sentence once."""
        spans = self._spans.get(name)
        if spans is None:
            spans = self._spans[name] = [m.span() for m in _SCANNED[name].finditer(self.text)]
        return next((span for span in spans if lo <= span[0] < hi), None)

    def _window_period(self, window: str) -> Period | None:
        """The period a part of the (comparison-blanked, "last year's period"-free) sentence names."""
        published = self.ctx.published
        if published and self.since_year_start and SINCE_YEAR_START.search(window):
            return Period(date(published.year, 1, 1), published, "ytd")
        return blanked_period(window, published)

    def unresolved(self, value: float, unit: str | None, reason: str) -> None:
        self.ctx.unresolved(
            self.ctx.sentences[self.at], "trade", value, "usd" if unit in (None, "USD") else unit, reason
        )

    # --- one money figure -----------------------------------------------------------------------------------

    def figure(self, figure: _Figure) -> None:
        self.figures.append(figure)
        previous_end = self._previous_end(figure)
        next_start = self._next_start(figure)
        figure.change = self._change(figure, previous_end, next_start)
        if figure.change:
            self._read_change(figure)
            return
        flow, segment = self._flow(figure, previous_end, next_start)
        lo, hi = segment
        if figure.carried_at is not None and not self._governs(flow, figure):
            aside = self._aside_of(figure) or self._listed(figure)
            if aside is None:
                return  # a list item with no trade word of its own: not a trade figure
            flow = aside
        clause = self.s.clause(figure.start)
        partner, partner_at, world = self._partner(figure, lo, hi)
        skipped = (
            "one commodity's trade, not the total"
            if self.found("commodity", lo, hi) or self.found("commodity", *clause)
            else "a plan or forecast, not an observation"
            if self.found("plan", lo, hi) or self.found("plan", *clause)
            else "reporter unknown"
            if self.reporter is None
            else "partner not read: trade with the world"
            if world
            else "partner not read"
            if partner is None
            else None
        )
        if skipped:
            self.unresolved(figure.value, None, skipped)
            # what its clause states still holds for the figures after it ("экспорт текстиля ... в январе–
            # апреле 2024 года составил 96 млн, а в целом поставки из Узбекистана — 410 млн")
            own = self._own_period(figure, previous_end, next_start)
            if own is not None and not world:
                self.update(period=own, period_at=self.at, any_period=own, any_period_at=self.at)
            if partner is not None and self.running.partner in (None, partner):
                self.update(partner=partner, partner_at=partner_at or self.at)
            return
        kind = self._direction(flow, figure, lo, hi, partner) if flow is not None else None
        period, period_at, previous = self._period(figure, previous_end, next_start, partner)
        if kind is None:
            self.unresolved(figure.value, None, "direction not read")
            self.update(partner=partner, partner_at=partner_at or self.at)
            return
        if period is None:
            self.unresolved(figure.value, None, "period not read")
            self.update(partner=partner, partner_at=partner_at or self.at)
            return
        evidence = {self.at, figure.carried_at, partner_at, period_at, self.reporter_at}
        current = self.running.period if previous else period
        value = TradeValue(
            kind,
            self.reporter,
            partner,
            period,
            current or period,
            figure.value,
            figure.reading.qualifier,
            self.at,
            tuple(sorted(i for i in evidence if i is not None)),
        )
        self._emit(value)
        self.read.append((figure, value))
        updates = {"partner": partner, "partner_at": partner_at or self.at, "flow": kind, "last": value}
        if not previous:
            updates.update(
                period=period, period_at=period_at or self.at, any_period=period, any_period_at=period_at or self.at
            )
        updates.update(currency="USD", scale=figure.reading.scale if figure.carried_at is None else self.running.scale)
        self.update(**updates)

    def _previous_end(self, figure: _Figure) -> int:
        return self.figures[-2].end if len(self.figures) > 1 else 0

    def _next_start(self, figure: _Figure) -> int:
        later = [start for start in self.money_starts if start > figure.start]
        return later[0] if later else len(self.text)

    def finish(self) -> PendingFrame:
        """What the sentence changed in the context: its own period holds even where none of its figures was
        read, and the partner it names where the context had none.
        """
        if self.other_time:
            updates = {k: v for k, v in self.updates.items() if k in ("reporter", "reporter_at")}
            return PendingFrame(updates, ends=True)
        updates = dict(self.updates)
        if updates.get("period_at") != self.at:
            own = sentence_period(self.blanked, self.ctx.published)
            if own is not None:
                updates.update(period=own, period_at=self.at, any_period=own, any_period_at=self.at)
        named = {m.iso3 for m in self.mentions if m.iso3 != self.reporter}
        partner = None
        if "partner" not in updates and len(named) == 1 and not self.found("world", 0, len(self.text)):
            partner = (named.pop(), self.at)
        return PendingFrame(updates, partner_if_none=partner)

    def _emit(self, value: TradeValue) -> None:
        self.ctx.out["trade_observations"].append(
            {
                "reporter_iso3": value.reporter,
                "partner_iso3": value.partner,
                "flow": value.flow,
                "period_start": value.period.start,
                "period_end": value.period.end,
                "period_type": value.period.period_type,
                "value_usd": value.value,
                "qualifier": value.qualifier,
                "evidence": self._evidence(value.evidence),
                "evidence_kind": "sentence",
                "table_index": None,
                "row_index": None,
                "col_index": None,
            }
        )

    def _evidence(self, indexes) -> str:
        return EVIDENCE_SEPARATOR.join(self.ctx.sentences[i].text for i in sorted(set(indexes)))

    # --- changes on the previous year ----------------------------------------------------------------------

    def _change(self, figure: _Figure, previous_end: int, next_start: int) -> int:
        text = self.text
        before = text[previous_end : figure.start]
        _, clause_end = self.s.clause(figure.end)
        after = text[figure.end : min(next_start, clause_end)]
        verb = _CHANGE_VERB_BEFORE.search(before)
        if verb:
            return 1 if verb.group("up") else -1
        if _CHANGE_BEFORE.search(before):
            word = re.search(r"(up|down)\s*$", before, _I)
            if word:
                return 1 if word.group(1).lower() == "up" else -1
            comparative = _COMPARATIVE_AFTER.match(after)
            if comparative:
                return 1 if comparative.group("up") else -1
            noun = re.search(r"(increase|rise|gain|decrease|fall|drop)\s+of\s*$", before, _I)
            if noun:
                return 1 if noun.group(1).lower() in ("increase", "rise", "gain") else -1
        comparative = re.match(r"\s*(?:(more)|(less))\s+than", after, _I)
        if comparative:
            return 1 if comparative.group(1) else -1
        if _DATIVE_END.search(figure.reading.text):
            dative = _DATIVE_CHANGE_AFTER.match(after)
            if dative:
                return 1 if dative.group("up") else -1
        return 0

    def _read_change(self, figure: _Figure) -> None:
        base_pair = next(((f, v) for f, v in reversed(self.read) if f.start < figure.start), None)
        base = base_pair[1] if base_pair else self.frame.last if not self.read else None
        year_before = str(base.period.start.year - 1) if base is not None else ""
        if base is None or not (_PREVIOUS_YEAR_WORDS.search(self.text) or year_before in self.text):
            self.unresolved(figure.value, None, "change on the previous year: the figure it changes not read")
            return
        # an exact change keeps the figure's qualifier; "some $150 million" makes "about"
        qualifier = base.qualifier if figure.reading.qualifier == "=" else "~" if base.qualifier in "=~" else None
        if base.period != base.current or figure.reading.qualifier not in "=~" or qualifier is None:
            self.unresolved(figure.value, None, "change on the previous year: the figure it changes not read")
            return
        previous = TradeValue(
            base.flow,
            base.reporter,
            base.partner,
            shift_year(base.period),
            base.period,
            round(base.value - figure.change * figure.value, 2),
            qualifier,
            self.at,
            tuple(sorted({*base.evidence, self.at})),
        )
        self._emit(previous)

    # --- the flow word and the direction --------------------------------------------------------------------

    def _flow(self, figure: _Figure, previous_end: int, next_start: int) -> tuple[_Flow | None, tuple[int, int]]:
        clause_start, clause_end = self.s.clause(figure.start)
        lo = max(previous_end, clause_start)
        before = [f for f in self.flows if lo <= f.start and f.end <= figure.start]
        reverse = self.found("reverse", lo, min(next_start, clause_end))
        if reverse and not before:
            last = self.running.last
            if last is not None and last.flow in ("export", "import") and last.at == self.at:
                flipped = "import" if last.flow == "export" else "export"
                return _Flow(reverse[0], reverse[1], "reverse:" + flipped), (lo, figure.end)
        if before:
            flow = before[-1]
            # up to the next flow word after the figure: "exports to X stood at $A and imports from Y at $B"
            later = [f.start for f in self.flows if f.start >= figure.end]
            hi = min(next_start, max(clause_end, figure.end), *later[:1])
            return flow, (self._agent_start(flow, lo), hi)
        limit = min(next_start, clause_end)
        after = [f for f in self.flows if figure.end <= f.start < limit]
        if after:
            return after[0], (lo, after[0].end)
        earlier = [f for f in self.flows if f.end <= figure.start and f.start >= previous_end]
        if not earlier:
            earlier = [f for f in self.flows if f.end <= figure.start]
        if earlier:
            flow = earlier[-1]
            flow_start, _ = self.s.clause(flow.start)
            return flow, (max(previous_end, min(flow_start, flow.start)), min(next_start, clause_end))
        if self.continuation and self.running.flow:
            return _Flow(figure.start, figure.start, "continued:" + self.running.flow), (lo, limit)
        later = [f for f in self.flows if f.start >= figure.end]
        if later and clause_start and self.text[clause_start - 1] == "(":
            # "China ($13.7 billion), Russia ($9.8 billion) ... were the largest trading partners"
            return later[0], (lo, limit)
        return None, (lo, limit)

    def _aside_of(self, figure: _Figure) -> _Flow | None:
        """The flow of the figure a bracket follows: "4,6 млрд долларов (в 2021 году — 3,8 млрд)"."""
        clause_start, _ = self.s.clause(figure.start)
        if not clause_start or self.text[clause_start - 1] != "(" or not self.read:
            return None
        last = self.read[-1][1]
        if self.text[self.read[-1][0].end : clause_start - 1].strip() and self._country_before(clause_start) is None:
            return None
        return _Flow(figure.start, figure.start, "continued:" + last.flow)

    def _listed(self, figure: _Figure) -> _Flow | None:
        """The flow a figure shares with the one before it in this sentence: the next item of a list of
        partners ("с Казахстаном — 4,8 млрд, с Кыргызстаном — 1,1 млрд") or a comparison's value ("против
        4,4 млрд годом ранее").
        """
        if not self.read:
            return None
        clause_start, clause_end = self.s.clause(figure.start)
        named = any(clause_start <= m.start < clause_end and self._with(m) for m in self.mentions)
        if named or _COMPARED_BEFORE.search(self.text, 0, figure.start):
            return _Flow(figure.start, figure.start, "continued:" + self.read[-1][1].flow)
        return None

    def _country_before(self, clause_start: int) -> str | None:
        """The country a bracket follows: "Россия (9,8 млрд)"."""
        for m in self.mentions:
            if m.end <= clause_start - 1 and not self.text[m.end : clause_start - 1].strip():
                return m.iso3
        return None

    def _with(self, m: CountryMention) -> bool:
        """The country is named as a trade partner: "с Кыргызстаном", "bilan", "-мен", "with"."""
        return bool(
            _WITH_BEFORE.search(self.text, 0, m.start)
            or _WITH_AFTER.match(self.text, m.end)
            or _WITH_ENDING.search(m.text)
        )

    def _governs(self, flow: _Flow | None, figure: _Figure) -> bool:
        """The flow word is in the figure's own clause (for figures that took their unit from another)."""
        if flow is None or ":" in flow.kind and not flow.kind.startswith("reverse"):
            return False
        return self.s.clause(flow.start) == self.s.clause(figure.start)

    def _agent_start(self, flow: _Flow, lo: int) -> int:
        clause_start, _ = self.s.clause(flow.start)
        start = max(lo, clause_start)
        conjunctions = [m.end() for m in _CONJUNCTION.finditer(self.text, start, flow.start)]
        return conjunctions[-1] if conjunctions else start

    def _direction(self, flow: _Flow, figure: _Figure, lo: int, hi: int, partner: str) -> str | None:
        kind = flow.kind
        if kind.startswith("reverse:"):
            return kind.split(":")[1]
        if kind.startswith("continued:"):
            kind = kind.split(":")[1]
        if kind == "total":
            return "total"
        exporters, importers = self._traders(flow, kind, lo, hi, partner)
        if exporters & importers or len(exporters) > 1 or len(importers) > 1:
            return None
        exporter = next(iter(exporters), None)
        importer = next(iter(importers), None)
        if exporter is None and importer is None:
            return kind if self._on_the_pair() else None
        reporter = self.reporter
        other = {reporter: partner, partner: reporter}
        exporter = exporter or other.get(importer)
        importer = importer or other.get(exporter)
        if (exporter, importer) == (reporter, partner):
            return "export"
        if (exporter, importer) == (partner, reporter):
            return "import"
        return None

    def _traders(self, flow: _Flow, kind: str, lo: int, hi: int, partner: str) -> tuple[set[str], set[str]]:
        """The countries the sentence's text between ``lo`` and ``hi`` makes exporters and importers."""
        exporters: set[str] = set()
        importers: set[str] = set()
        for m in self.mentions:
            if not (lo <= m.start < hi) or self._in_pair(m):
                continue
            role = self._role(m, flow, kind)
            if role == "exporter":
                exporters.add(m.iso3)
            elif role == "importer":
                importers.add(m.iso3)
        if self.found("from_neighbour", lo, hi):
            exporters.add(partner)
        if self.found("to_neighbour", lo, hi):
            importers.add(partner)
        return exporters, importers

    def _on_the_pair(self) -> bool:
        """The sentence (before its flow words) or its paragraph already spoke of the two countries' trade."""
        if self.frame.topic and self.frame.partner is not None:
            return True
        return any(f.kind == "total" for f in self.flows[:1]) or bool(self.read)

    def _in_pair(self, m: CountryMention) -> bool:
        """Two countries side by side ("Казахстан и Узбекистан", "Uzbekistan–Kazakhstan"): no one's flow."""
        for other in self.mentions:
            if other is m:
                continue
            if other.end <= m.start and _PAIR_AFTER.fullmatch(self.text[other.end : m.start]):
                return True
            if m.end <= other.start and _PAIR_AFTER.fullmatch(self.text[m.end : other.start]):
                return True
        return False

    def _role(self, m: CountryMention, flow: _Flow, kind: str) -> str | None:
        """Exporter, importer or None: what a country mention is to the flow, by case, preposition and place."""
        word = m.text.lower()
        before = self.text[: m.start]
        by_case = _role_by_case(m, word, before)
        if by_case is not None:
            return by_case or None
        agent = "exporter" if kind == "export" else "importer"
        if m.is_adjective or _RU_ADJECTIVE.search(word):
            if m.end <= flow.start and flow.start - m.end <= 25:
                return agent
            if m.start >= flow.end and m.start - flow.end <= 3:
                return "exporter"  # goods of that country: "импорт казахстанской продукции"
            return None
        if _ANY_PREPOSITION.search(before):
            return None
        return self._role_by_place(m, word, flow, kind, agent)

    def _role_by_place(self, m: CountryMention, word: str, flow: _Flow, kind: str, agent: str) -> str | None:
        """The role of a noun mention with no preposition, by its case and its place before or after the flow."""
        text = self.text
        if m.end <= flow.start:
            if _GENITIVE.search(word) or text[m.end : m.end + 1] == "'":
                return agent
            if _is_nominative(word):
                return agent
            return None
        if m.start >= flow.end and m.start - flow.end <= 2 and _RU_GENITIVE.search(word):
            return agent  # "экспорт Казахстана"
        if m.start >= flow.end and _is_nominative(word) and kind == "export" and m.start - flow.end <= 2:
            return "importer"  # "supplied Uzbekistan with goods"
        return None

    # --- the partner and the period -------------------------------------------------------------------------

    def _partner(self, figure: _Figure, lo: int, hi: int) -> tuple[str | None, int | None, bool]:
        reporter = self.reporter
        clause_start, clause_end = self.s.clause(figure.start)
        if clause_start and self.text[clause_start - 1] == "(":
            before = self._country_before(clause_start)
            if before is not None and before != reporter:
                return before, None, False
        lo, hi = min(lo, clause_start), max(hi, clause_end)
        near = list(dict.fromkeys(m.iso3 for m in self.mentions if lo <= m.start < hi and m.iso3 != reporter))
        if len(near) == 1:
            return near[0], None, False
        if len(near) > 1:
            return None, None, False
        named = list(dict.fromkeys(m.iso3 for m in self.mentions if m.iso3 != reporter))
        if self.found("world", lo, hi) and not named:
            return None, None, True
        referred = any(self.found(name, lo, hi) for name in ("from_neighbour", "to_neighbour", "partner_pronoun"))
        if len(named) == 1 and not referred:
            return named[0], None, False
        if len(named) > 1 and not referred:
            return None, None, False
        if self.running.partner is not None:
            return self.running.partner, self.running.partner_at if self.running.partner_at != self.at else None, False
        others = [c for c in self.ctx.title_countries if c != reporter]
        if len(others) == 1 and not named:
            return others[0], None, False
        return None, None, False

    def _period(
        self, figure: _Figure, previous_end: int, next_start: int, partner: str
    ) -> tuple[Period | None, int | None, bool]:
        """(period, sentence it came from when another, whether it is the previous year's period)."""
        windows = self._windows(figure, previous_end, next_start)
        for lo, hi in windows:
            window = self.blanked[lo:hi]
            previous = PREVIOUS.search(window)
            if previous:
                current = self.running.period
                if current is None:
                    return None, None, True
                years = [g for g in previous.groups() if g]
                year = int(years[0]) if years else None
                return shift_year(current, year), self.running.period_at, True
            period = self._window_period(window) if window.strip() else None
            if period is not None:
                return period, None, False
        if self.other_time:
            return None, None, False
        if self.backref and self.running.any_period is not None:
            return self.running.any_period, self.running.any_period_at, False
        if self._carries(partner):
            return self.running.period, self.running.period_at if self.running.period_at != self.at else None, False
        anaphoric = self.ctx.anaphoric_period(self.at)
        if anaphoric is not None:
            return anaphoric, self.at - 1, False
        return None, None, False

    def _own_period(self, figure: _Figure, previous_end: int, next_start: int) -> Period | None:
        """The period the figure's own words name (not last year's, not carried)."""
        for lo, hi in self._windows(figure, previous_end, next_start):
            window = self.blanked[lo:hi]
            if PREVIOUS.search(window):
                return None
            period = self._window_period(window) if window.strip() else None
            if period is not None:
                return period
        return None

    def _carries(self, partner: str) -> bool:
        """The period the context holds applies to a figure for `partner`: stated in this sentence, or
        before it for that partner or for none ("another partner ends the context").
        """
        running = self.running
        if running.period is None:
            return False
        return running.period_at == self.at or self.frame.partner in (None, partner)

    def _windows(self, figure: _Figure, previous_end: int, next_start: int) -> list[tuple[int, int]]:
        cs, ce = self.s.clause(figure.start)
        previous_clause_end = self.s.clause(self.figures[-2].start)[1] if len(self.figures) > 1 else 0
        next_clause_start = self.s.clause(next_start)[0] if next_start < len(self.text) else len(self.text)
        lo = max(previous_end, cs)
        # after "and", "а", "while": the clause of this figure ("$3.8 billion in 2021 and $4.6 billion in 2022")
        conjunctions = [m.end() for m in _CONJUNCTION.finditer(self.text, lo, figure.start)]
        windows = [
            (conjunctions[-1] if conjunctions else lo, figure.start),
            (figure.end, min(next_start, ce)),
            (min(figure.start, max(previous_end, previous_clause_end)), figure.start),
            (figure.end, max(figure.end, min(next_start, next_clause_start))),
        ]
        return [(lo, hi) for lo, hi in windows if hi > lo]

    # --- percentages ----------------------------------------------------------------------------------------

    def percent(self, start: int, end: int, reading: NumberReading) -> None:
        text = self.text
        cs, ce = self.s.clause(start)
        if _SHARE.search(text, cs, ce) or _SHARE.match(text, end):
            return
        lo = max([f.end for f in self.figures if f.end <= start] + [0])
        hi = min([f.start for f in self.figures if f.start >= end] + [len(text)])
        signed = _SIGN_BEFORE.search(text, max(0, start - 3), start)
        words = [(m, 1) for m in _UP.finditer(text, lo, hi)] + [(m, -1) for m in _DOWN.finditer(text, lo, hi)]
        if signed:
            sign = 1 if signed.group(1) == "+" else -1
        elif words:
            _, sign = min(words, key=lambda w: min(abs(w[0].start() - end), abs(start - w[0].end())))
        else:
            return
        base = self._growth_base(start, end, cs, ce)
        if base is None:
            return
        name = {"total": "trade_turnover_growth_pct", "export": "trade_export_growth_pct"}.get(
            base.flow, "trade_import_growth_pct"
        )
        self.ctx.indicator(
            self.ctx.sentences[self.at],
            name,
            sign * reading.value,
            "percent",
            country=base.reporter,
            partner=base.partner,
            qualifier=reading.qualifier,
            period=base.current,
            evidence=self._evidence({*base.evidence, self.at}),
        )
        self.read_growth = True

    def _growth_base(self, start: int, end: int, cs: int, ce: int) -> TradeValue | None:
        in_clause = [(f, v) for f, v in self.read if cs <= f.start < ce]
        if in_clause:
            before = [p for p in in_clause if p[0].end <= start]
            return (before[-1] if before else in_clause[0])[1]
        flows = [f for f in self.flows if cs <= f.start < ce]
        if flows:
            kind = flows[-1].kind
            same = [(f, v) for f, v in self.read if v.flow == kind]
            if same:
                return min(same, key=lambda p: abs(p[0].start - start))[1]
            return self._flow_only(flows[-1], cs, ce)
        if self.read:
            return min(self.read, key=lambda p: min(abs(p[0].start - end), abs(start - p[0].end)))[1]
        if self.continuation and self.frame.last is not None:
            return self.frame.last
        return None

    def _flow_only(self, flow: _Flow, cs: int, ce: int) -> TradeValue | None:
        """The growth of a flow the sentence gives no figure of ("экспорт за этот период увеличился на 14 %")."""
        if self.reporter is None:
            return None
        fake = _Figure(flow.start, flow.end, None, 0.0)  # type: ignore[arg-type]
        partner, partner_at, world = self._partner(fake, cs, ce)
        if partner is None or world:
            return None
        kind = self._direction(flow, fake, self._agent_start(flow, cs), ce, partner)
        if kind is None:
            return None
        period = sentence_period(self.blanked, self.ctx.published)
        period_at = None
        if period is None and not self.other_time:
            if self.backref and self.running.any_period is not None:
                period, period_at = self.running.any_period, self.running.any_period_at
            elif self._carries(partner):
                period, period_at = self.running.period, self.running.period_at
        if period is None:
            return None
        evidence = tuple(i for i in (self.at, partner_at, period_at, self.reporter_at) if i is not None)
        return TradeValue(kind, self.reporter, partner, period, period, 0.0, "=", self.at, evidence)


def _is_nominative(word: str) -> bool:
    """A country name with no case ending ("Казахстан", "Qozog'iston", "Қазақстан", "Kazakhstan")."""
    return bool(re.fullmatch(r"[\w']*?(?:стан|iston|истон|stan|ия|ia|ай|ой|na|ey)", word))


def _role_by_case(m: CountryMention, word: str, before: str) -> str | None:
    """The role a preposition before the mention or its own case ending gives; "" when it rules one out.

    None when neither decides (the mention's place then does).
    """
    if _FROM.search(before) or _ABLATIVE.search(word):
        return "exporter"
    if _TO.search(before):
        return "importer" if _NOMINATIVE_AFTER_TO.search(word) else ""
    if _DATIVE.search(word) and not m.is_adjective and not _RU_ADJECTIVE.search(word):
        return "importer"
    return None
