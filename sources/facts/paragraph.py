"""What the earlier sentences of a paragraph established for a trade figure, and the phrases that refer to it.

Hand-written for the reasons of `sources.facts.prose`: no library follows a paragraph's reference in Uzbek
or Kazakh news. The context (`TradeFrame`) holds the period, reporter (whose statistics), partner, unit and
scale, the flow last spoken of and the last figure read. It runs over a paragraph's sentences in order; the
lead and the first body paragraph count as one paragraph. It ends at the paragraph's end, at a sentence on
another topic (no trade word, and no continuation such as "он составил", "bu ko'rsatkich", "it stood at"),
and at a time the text does not date ("пять лет назад", "besh yil oldin"). A new period replaces the
period; another partner ends it, though a back-reference ("за этот период", "shu davrda", "осы кезеңде",
"in the same period") still reaches the last period named. "The same period last year" is no
back-reference: it names the previous year's period (`PREVIOUS`), and comparison bases ("по сравнению с
аналогичным периодом прошлого года", "o'tgan yilning shu davriga nisbatan") name no period of a figure.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from sources.facts.countries import countries_in
from sources.facts.reporters import reporter_in_text
from sources.facts.targets import TRADE_WORDS, is_target_sentence
from sources.normalise.numbers import find_numbers
from sources.normalise.periods import Period, parse_period
from sources.normalise.prefilter import gated

if TYPE_CHECKING:
    from sources.facts.sentences import Sentence

_I = re.IGNORECASE

# --- words ------------------------------------------------------------------------------------------------

# Goods leaving the subject or the origin ("экспортировал", "поставлено в", "yetkazib berdi", "жөнелтілді",
# "shipped") and goods coming in ("ввезено из", "olib kelindi", "әкелінді", "bought").
EXPORT_WORDS = gated(
    re.compile(
        r"(?<![^\W\d_])(?:экспорт\w*|вывоз\w*|выв[её]з\w*|постав(?:к\w*|ок)(?!\w)(?!\s+из(?!\w))|постав(?:ил|лен|ля)\w*|"
        r"отправ(?:ил|лен|ля)\w*|отгру\w*|"
        r"eksport\w*|yetkazib\s+ber\w*|jo'nat\w*|етказиб\s+бер\w*|жўнат\w*|жөнелт\w*|жеткіз(?:ді|ілді|ген|іл\w+)|"
        r"sot(?:di|gan|ildi|ilgan)\w*|сот(?:ди|ган|илди|илган)\w*|сат(?:ты|қан|ылды|ылған)\w*|"
        r"export\w*|shipped|shipments?|supplied|sold)",
        _I,
    )
)
IMPORT_WORDS = gated(
    re.compile(
        r"(?<![^\W\d_])(?:импорт\w*|ввоз\w*|вв[её]з\w*|постав(?:к\w*|ок)\s+из(?!\w)|закуп\w*|"
        r"import(?!an)\w*|olib\s+kel\w*|keltiril\w*|sotib\s+ol\w*|олиб\s+кел\w*|келтирил\w*|сотиб\s+ол\w*|"
        r"әкел\w*|сатып\s+ал\w*|bought|purchased|purchases?|brought\s+in)",
        _I,
    )
)
# Trade as a whole, beyond TRADE_WORDS: "trading partner", "tovar ayirboshlash", "товар айирбошлаш".
TOTAL_WORDS = gated(
    re.compile(
        r"trading|turnover|ayirboshla\w*|айирбошла\w*|товарообмен\w*|(?:двусторонн|взаимн)\w*\s+оборот\w*|"
        r"обменял\w*\s+товар\w*|exchanged\s+goods|traded",
        _I,
    )
)

# A period named by reference to an earlier sentence.
BACKREF = gated(
    re.compile(
        r"(?:за|в)\s+(?:этот|тот\s+же|этот\s+же|указанный|отч[её]тный|данный|тот)\s+период|"
        r"(?:xuddi\s+)?(?:shu|ushbu|mazkur|bu|ayni)\s+davr(?:da|ida|\s+ichida|\s+mobaynida)(?!\w)|"
        r"(?:худди\s+)?(?:шу|ушбу|мазкур|бу|айни)\s+давр(?:да|ида|\s+ичида|\s+мобайнида)(?!\w)|"
        r"(?:дәл\s+)?осы\s+(?:кезең|уақыт)\w*|қамтылып\s+отырған\s+кезең\w*|аталған\s+кезең\w*|"
        r"(?:during|in|over|for)\s+(?:this|the\s+same|that|the)\s+period",
        _I,
    )
)
# The previous year's period: of the paragraph's period ("за аналогичный период прошлого года", "годом
# ранее", "o'tgan yilning shu davrida", "өткен жылдың сәйкес кезеңінде", "a year earlier"), or of a year
# the phrase names ("in the same period of 2022").
PREVIOUS = gated(
    re.compile(
        r"(?:за|в)\s+(?:аналогичн\w+|соответствующ\w+|то[мт]\s+же)\s+период\w*\s+(?:прошлого|предыдущего)\s+года|"
        r"(?:за|в)\s+(?:аналогичн\w+|соответствующ\w+)\s+период\w*\s+(?P<y1>(?:19|20)\d\d)(?:\s*(?:года|г\.))?|"
        r"годом\s+ранее|годом\s+раньше|год\s+назад|"
        r"o'tgan\s+yil\w*\s+(?:shu|mos|tegishli|ayni\s+shu)\s+davri(?:da)?(?!\w)|bir\s+yil\s+(?:avval|oldin|ilgari)(?!\w)|"
        r"(?P<y2>(?:19|20)\d\d)-?\s*yil\w*\s+(?:shu|mos|tegishli)\s+davri(?:da)?(?!\w)|"
        r"ўтган\s+йил\w*\s+(?:шу|мос|тегишли|айни\s+шу)\s+даври(?:да)?(?!\w)|бир\s+йил\s+(?:аввал|олдин|илгари)(?!\w)|"
        r"(?P<y3>(?:19|20)\d\d)-?\s*йил\w*\s+(?:шу|мос|тегишли)\s+даври(?:да)?(?!\w)|"
        r"өткен\s+жыл\w*\s+(?:сәйкес|осы|дәл\s+осы|тиісті|ұқсас)\s+кезең\w*|бір\s+жыл\s+бұрын(?!\w)|"
        r"былтырғы\s+(?:сәйкес|осы|ұқсас|тиісті)\s+кезең\w*|"
        r"(?P<y4>(?:19|20)\d\d)\s*жыл\w*\s+(?:сәйкес|осы)\s+кезең\w*|"
        r"(?:in|during|over|for)\s+the\s+same\s+period\s+(?:of\s+|in\s+)?"
        r"(?:last\s+year|the\s+previous\s+year|(?P<y5>(?:19|20)\d\d))|"
        r"a\s+year\s+(?:earlier|before|ago)",
        _I,
    )
)
# Comparison bases: what a change is measured against, not the period of a figure.
_HEAD = (
    r"(?:(?<!более\s)(?<!больше\s)(?<!менее\s)(?<!меньше\s)чем|по\s+сравнению\s+с|в\s+сравнении\s+с|относительно|"
    r"(?:выше|ниже|больше|меньше)\s+(?:уровня|показателя))"
)
_BASE_END = (
    r"(?:годом\s+ранее|годом\s+раньше|год\s+назад|(?:прошл|предыдущ)\w+\s+год\w*|"
    r"(?:аналогичн|соответствующ)\w+\s+период\w*(?:\s+(?:прошлого\s+года|(?:19|20)\d\d(?:\s*(?:года|г\.))?))?|"
    r"(?:19|20)\d\d(?:\s*(?:год\w*|г\.))?)"
)
_UZ_KK_HEAD = (
    r"(?:o'tgan|ўтган|өткен)\s+(?:yil|йил|жыл)\w*|(?:19|20)\d\d-?\s*(?:yil|йил|жыл)\w*|"
    r"(?:bir|бир|бір)\s+(?:yil|йил|жыл)"
)
_UZ_KK_END = (
    r"(?:nisbatan|нисбатан|qaraganda|қараганда|solishtirganda|солиштирганда|салыстырғанда|қарағанда)|"
    r"(?:davri|даври|кезең|көрсеткіш|ko'rsatkich|кўрсаткич|avvalgi|аввалги|oldingi|олдинги|бұрынғы|"
    r"деңгей|daraja|даража)\w*(?:dan|дан|ден|нан|тан|нен|тен)(?!\w)"
)
_W = r"(?<![^\W\d_])"  # a word starts here
COMPARISON_BASE = gated(
    re.compile(
        rf"{_W}{_HEAD}\s[^,.;:()]{{0,40}}?{_BASE_END}|"
        rf"{_W}к\s+(?:уровню\s+|показателю\s+)?(?:аналогичн\w+\s+период\w*\s+)?(?:прошлого\s+года|(?:19|20)\d\d\s*года)|"
        rf"{_W}против\s+(?:аналогичн|соответствующ)\w+\s+период\w*\s+(?:прошлого\s+года|(?:19|20)\d\d\s*года)|"
        rf"{_W}(?:{_UZ_KK_HEAD})[^,.;:()]{{0,45}}?(?:{_UZ_KK_END})|"
        rf"{_W}(?:compared\s+(?:with|to)|against|than|versus|vs\.?|from|on|over)\s+(?:the\s+)?"
        r"(?:same\s+period\s+(?:of\s+|in\s+)?(?:last\s+year|the\s+previous\s+year|a\s+year\s+(?:earlier|ago)|"
        r"(?:19|20)\d\d)|a\s+year\s+(?:earlier|ago|before)|last\s+year|the\s+previous\s+year)|"
        rf"{_W}(?:compared\s+(?:with|to)|against|than|versus)\s+(?:[A-Z][a-z]+(?:\s*-\s*[A-Z][a-z]+)?\s+)?(?:19|20)\d\d|"
        rf"{_W}year[\s-]on[\s-]year|y/y",
        _I,
    )
)
# A time the text gives but that dates nothing here ("пять лет назад", "besh yil oldin", "five years ago").
OTHER_TIME = gated(
    re.compile(
        r"[^\W_]+\s+(?:лет|года?|годами)\s+(?:назад|ранее|раньше)|"
        r"[^\W_]+\s+yil(?:dan)?\s+(?:oldin|avval|ilgari|burun)(?!\w)|"
        r"[^\W_]+\s+йил(?:дан)?\s+(?:олдин|аввал|илгари)(?!\w)|"
        r"[^\W_]+\s+жыл\s+бұрын(?!\w)|"
        r"[^\W_]+\s+years?\s+(?:ago|earlier|before)",
        _I,
    )
)
# A sentence with no trade word that still goes on about the paragraph's figure.
CONTINUATION = gated(
    re.compile(
        r"(?<![^\W\d_])(?:он|она|оно|этот\s+показатель|данный\s+показатель|из\s+них|в\s+том\s+числе|при\s+этом|это|"
        r"u|bu|bu\s+ko'rsatkich|ushbu\s+ko'rsatkich|shundan|shu\s+jumladan|"
        r"у|бу|бу\s+кўрсаткич|ушбу\s+кўрсаткич|шундан|шу\s+жумладан|"
        r"ол|бұл|бұл\s+көрсеткіш|оның\s+ішінде|"
        r"it|this|that|this\s+figure|that\s+figure|of\s+which)(?![^\W\d_]|')",
        _I,
    )
)
# Plans, forecasts and targets: no observation.
PLAN = gated(
    re.compile(
        r"(?<![^\W\d_])(?:может|могут|должен|должна|должно|должны|составит|достигнет|превысит|вырастет|увеличится|"
        r"ожида\w*|прогноз\w*|планир\w*|план\w*|рассчитыва\w*|намер\w*|"
        r"kerak|kutil\w*|reja\w*|prognoz\w*|mo'ljal\w*|керак|кутил\w*|режа\w*|мўлжал\w*|"
        r"тиіс|күтіл\w*|жоспар\w*|болжа\w*|"
        r"could|would|will|should|might|expected|forecast\w*|projected|plans?|planned|aims?)(?![^\W\d_])",
        _I,
    )
)
# One commodity's trade, not the total between the two countries.
COMMODITY = gated(
    re.compile(
        r"(?<![^\W\d_])(?:зерн\w*|пшениц\w*|мук[аиуе]|текстил\w*|плодоовощ\w*|фрукт\w*|овощ\w*|хлоп\w*|нефт\w*|"
        r"уг(?:оль|ля|лем)|металл\w*|удобрен\w*|автомоб\w*|мяс\w*|электроэнерг\w*|цемент\w*|сахар\w*|"
        r"g'alla\w*|bug'doy\w*|to'qimachilik\w*|meva\w*|sabzavot\w*|paxta\w*|neft\w*|ko'mir\w*|o'g'it\w*|"
        r"avtomobil\w*|go'sht\w*|sement\w*|shakar\w*|"
        r"ғалла\w*|буғдой\w*|тўқимачилик\w*|мева\w*|сабзавот\w*|пахта\w*|кўмир\w*|ўғит\w*|гўшт\w*|"
        r"астық\w*|бидай\w*|ұн (?:мен|және|\d)|ұн(?:ы|ды|нан|ға|ның)|тоқыма\w*|жеміс\w*|көкөніс\w*|мақта\w*|"
        r"мұнай\w*|көмір\w*|"
        r"тыңайтқыш\w*|"
        r"grain|wheat|flour|textiles?|fruits?|vegetables?|cotton|coal|metals?|fertili[sz]ers?|meat|"
        r"electricity|cement|sugar)(?![^\W\d_])",
        _I,
    )
)
# A country's trade with the whole world.
WORLD = gated(
    re.compile(
        r"внешнеторгов\w*|внешн\w+\s+торгов\w*|foreign\s+trade|external\s+trade|tashqi\s+savdo\w*|"
        r"ташқи\s+савдо\w*|сыртқы\s+сауда\w*",
        _I,
    )
)
_THIS_YEAR = gated(
    re.compile(
        r"текущ\w*\s+год\w*|этого\s+года|этом\s+году|joriy\s+yil\w*|жорий\s+йил\w*|bu\s+yil\w*|биыл\w*|"
        r"ағымдағы\s+жыл\w*|this\s+year",
        _I,
    )
)
_LAST_YEAR = gated(
    re.compile(
        r"(?<![^\W\d_])(?:в\s+прошлом\s+году|за\s+прошлый\s+год|прошлого\s+года|o'tgan\s+yil(?:i|da|ning)?|"
        r"ўтган\s+йил(?:и|да|нинг)?|өткен\s+жыл(?:ы|дың|ғы)?|былтыр\w*|last\s+year)(?![^\W\d_])",
        _I,
    )
)
SINCE_YEAR_START = gated(
    re.compile(
        r"с начала (?:текущего |этого )?года|since the (?:start|beginning) of (?:the|this) year|year[\s-]to[\s-]date|"
        r"(?:joriy )?yil boshidan|(?:жорий )?йил бошидан|жыл\w* басынан",
        _I,
    )
)


def continues(text: str) -> bool:
    """A sentence with no trade word that goes on about the paragraph's figure: a pronoun or
    demonstrative ("он", "bu ko'rsatkich", "it"), or an opening "last year's period" ("Годом ранее ...").
    """
    return bool(CONTINUATION.search(text) or PREVIOUS.match(text))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def without_comparisons(text: str) -> str:
    """`text` with comparison bases blanked (same length)."""
    return COMPARISON_BASE.sub(_blank, text)


def previous_spans(text: str) -> list[re.Match[str]]:
    """The "same period last year" phrases of a (comparison-blanked) text."""
    return list(PREVIOUS.finditer(text))


def other_time(text: str) -> bool:
    """The text dates something by a time it does not name ("пять лет назад"), "a year ago" aside."""
    previous = [m.span() for m in PREVIOUS.finditer(text)]
    return any(not any(s <= m.start() < e for s, e in previous) for m in OTHER_TIME.finditer(text))


def shift_year(period: Period, year: int | None = None) -> Period:
    """The same months of the year before (or of `year`); a month's last day stays its last day."""
    delta = (year if year is not None else period.start.year - 1) - period.start.year

    def move(day: date) -> date:
        last = calendar.monthrange(day.year + delta, day.month)[1]
        month_end = day.day == calendar.monthrange(day.year, day.month)[1]
        return date(day.year + delta, day.month, last if month_end else min(day.day, last))

    start = date(period.start.year + delta, period.start.month, period.start.day)
    return Period(start, move(period.end), period.period_type)


def sentence_period(text: str, published: date | None) -> Period | None:
    """The period a sentence names for its figures: comparison bases and "last year's period" phrases left
    out; "с начала года" counts from the publication year's start to the publication date.
    """
    if published and SINCE_YEAR_START.search(text):
        return Period(date(published.year, 1, 1), published, "ytd")
    return blanked_period(PREVIOUS.sub(_blank, without_comparisons(text)), published)


def blanked_period(blanked: str, published: date | None) -> Period | None:
    """sentence_period of a text already free of comparison bases and "last year's period" phrases, less
    the "с начала года" rule.
    """
    relative = published and (_THIS_YEAR.search(blanked) or _LAST_YEAR.search(blanked))
    period = parse_period(blanked, published.year if relative else None)
    if period is None and published and _LAST_YEAR.search(blanked):
        last = published.year - 1  # "в прошлом году", "o'tgan yili", "өткен жылы", "last year"
        return Period(date(last, 1, 1), date(last, 12, 31), "year")
    return period if period is not None and period.period_type != "as_of" else None


# One scan for all three kinds: the leftmost word wins, then the longest of the kinds' alternatives.
_FLOW_KINDS = gated(
    re.compile(
        "|".join(
            f"(?P<{kind}>{pattern.pattern})"
            for kind, pattern in (
                ("total", TRADE_WORDS),
                ("total2", TOTAL_WORDS),
                ("imported", IMPORT_WORDS),
                ("exported", EXPORT_WORDS),
            )
        ),
        _I,
    )
)
_KIND_NAMES = {"total": "total", "total2": "total", "exported": "export", "imported": "import"}


@lru_cache(maxsize=2048)
def flow_kinds(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, 'total' | 'export' | 'import') of every trade word of a text, in order; memoised, since a
    sentence is asked about by itself and as context of the next ones.
    """
    return tuple((m.start(), m.end(), _KIND_NAMES[m.lastgroup]) for m in _FLOW_KINDS.finditer(text))


# --- the context --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TradeValue:
    """A trade figure read, as later sentences refer to it ("это на 12 % больше", "bu ko'rsatkich")."""

    flow: str
    reporter: str
    partner: str
    period: Period
    current: Period  # the period the paragraph was on when read (differs for last year's figures)
    value: float
    qualifier: str
    at: int  # index of its sentence
    evidence: tuple[int, ...]  # sentence indexes it was read from


@dataclass(frozen=True)
class TradeFrame:
    """What the earlier sentences of a paragraph established, as a trade figure may take it."""

    topic: bool = False  # the paragraph is on trade between countries
    flow: str | None = None  # the flow last spoken of, when not one commodity's
    period: Period | None = None
    period_at: int | None = None
    any_period: Period | None = None  # the last period named, also under another partner
    any_period_at: int | None = None
    partner: str | None = None
    partner_at: int | None = None
    reporter: str | None = None  # from an office the paragraph cites
    reporter_at: int | None = None
    currency: str | None = None
    scale: float | None = None
    unit_at: int | None = None
    last: TradeValue | None = None


def previous_in_paragraph(sentences: list[Sentence], at: int) -> int | None:
    """The sentence before `at` in its paragraph; the lead's last sentence before the first body one."""
    if at <= 0:
        return None
    before, current = sentences[at - 1], sentences[at]
    if before.part == "title":
        return None
    if before.paragraph == current.paragraph:
        return at - 1
    if before.part == "lead" and current.part == "body":
        return at - 1
    return None


def frame_before(ctx, at: int) -> TradeFrame | None:
    """The context the paragraph gives sentence `at`; None when `at` opens its paragraph."""
    previous = previous_in_paragraph(ctx.sentences, at)
    return None if previous is None else frame_after(ctx, previous)


@dataclass(frozen=True)
class PendingFrame:
    """What a sentence the trade reader read changed in its paragraph's context, to lay over the context
    before it when a later sentence needs it (most sentences never do: read lazily).
    """

    updates: dict
    ends: bool = False  # the sentence ended the context first ("пять лет назад ...")
    partner_if_none: tuple[str, int] | None = None  # the partner it names, where the context had none


def frame_after(ctx, at: int) -> TradeFrame:
    """The context after sentence `at`: laid over by the trade reader for the sentences it read, else read."""
    chain = []
    index: int | None = at
    while index is not None and isinstance(ctx.trade_frames.get(index), (PendingFrame, type(None))):
        chain.append(index)
        index = previous_in_paragraph(ctx.sentences, index)
    frame = ctx.trade_frames[index] if index is not None else TradeFrame()
    for j in reversed(chain):
        pending = ctx.trade_frames.get(j)
        frame = _advance(ctx, frame, j) if pending is None else _lay_over(frame, pending)
        ctx.trade_frames[j] = frame
    return frame


def _lay_over(frame: TradeFrame, pending: PendingFrame) -> TradeFrame:
    base = ended(frame) if pending.ends else frame
    frame = replace(base, **pending.updates)
    if pending.partner_if_none is not None and frame.partner is None:
        frame = replace(frame, partner=pending.partner_if_none[0], partner_at=pending.partner_if_none[1])
    return frame


def chain_reporter(ctx, at: int) -> tuple[str | None, int | None]:
    """The office the paragraph cited before sentence `at` (the last one), as `TradeFrame.reporter` holds it,
    read without the rest of the context.
    """
    index = previous_in_paragraph(ctx.sentences, at)
    while index is not None:
        known = ctx.trade_frames.get(index)
        if isinstance(known, TradeFrame):
            return known.reporter, known.reporter_at
        if isinstance(known, PendingFrame) and "reporter" in known.updates:
            return known.updates["reporter"], known.updates["reporter_at"]
        office = reporter_in_text(ctx.sentences[index].clean, ctx.office_words)
        if office:
            return office, index
        index = previous_in_paragraph(ctx.sentences, index)
    return None, None


def ended(frame: TradeFrame) -> TradeFrame:
    """A context that carries nothing on but whose statistics the paragraph cites."""
    return TradeFrame(reporter=frame.reporter, reporter_at=frame.reporter_at)


def _advance(ctx, frame: TradeFrame, at: int) -> TradeFrame:
    """The context after a sentence the trade reader did not read (no figure of its own, or not on trade)."""
    text = ctx.sentences[at].clean
    kinds = flow_kinds(text)
    if not kinds and not (frame.topic and frame.flow and continues(text)):
        return ended(frame)
    blanked = without_comparisons(text)
    if other_time(blanked):
        return ended(frame)
    office = reporter_in_text(text, ctx.office_words)
    if office:
        frame = replace(frame, reporter=office, reporter_at=at)
    reporter = frame.reporter or ctx.site_country
    named = [c for c in countries_in(text) if c != reporter]
    if len(named) == 1 and not WORLD.search(text):
        if frame.partner is not None and named[0] != frame.partner:
            frame = replace(frame, period=None, period_at=None, last=None)
        frame = replace(frame, partner=named[0], partner_at=at)
    elif len(named) > 1:
        frame = replace(frame, partner=None, partner_at=None, period=None, period_at=None, last=None)
    if is_target_sentence(text) or PLAN.search(text):  # a target's horizon is no period of the paragraph
        return replace(frame, topic=True, flow="total" if TRADE_WORDS.search(text) else frame.flow)
    period = sentence_period(text, ctx.published)
    if period is not None:
        frame = replace(frame, period=period, period_at=at, any_period=period, any_period_at=at)
    commodity = bool(COMMODITY.search(text))
    money = [r for r in find_numbers(text) if r.currency == "USD"]
    if money and not commodity:
        frame = replace(frame, currency="USD", scale=money[-1].scale, unit_at=at)
    flow = kinds[-1][2] if kinds else frame.flow
    return replace(frame, topic=True, flow=None if commodity else flow, last=None if commodity else frame.last)
