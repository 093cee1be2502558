"""Read money amounts, counts and percentages as written in Russian, Uzbek, Kazakh and English pages.

Hand-written: number-parsing libraries (babel, price-parser, number-parser) each assume one locale, while
these pages mix decimal commas with English scale words ("$37,94 billion"), glue case endings onto scale
words ("$19,57 mlrd.ni", "605,1 млн долларға"), and write qualifiers after the number in Uzbek and Kazakh
("dan oshdi", "астам").

Decimal comma rule, for a number with one separator kind:
- spaces (any of U+0020, U+00A0, U+202F, U+2009, U+2007) only ever group thousands;
- with both "," and ".", the one written last is the decimal mark ("12,571.1", "4.098,3");
- a repeated "," or "." groups thousands ("1,234,567");
- a single "," or "." followed by anything but exactly three digits is the decimal mark ("3,5", "37,94");
- a single "," or "." followed by exactly three digits is ambiguous: it is a decimal mark when the
  integer part is 0 or the text is in a decimal-comma language (any Cyrillic letter, or an Uzbek Latin
  word such as mlrd, ming, so'm, dollari, AQSh), and a thousands separator otherwise, so "$1,080mln"
  and "1,056" in English are 1080 and 1056 while "1,250 млрд" is 1.25 billion. For "." the reverse
  holds: decimal in English, thousands in a decimal-comma language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sources.normalise.dates import MONTH, YEAR_WORD, date_spans
from sources.normalise.prefilter import LiteralGate, lowered, quick_clean


@dataclass(frozen=True)
class NumberReading:
    """An amount as a page states it: value, qualifier, currency, unit, scale, and the text it was read from."""

    value: float
    qualifier: str  # '=', '>', '<', '~'
    currency: str | None  # 'USD', 'UZS', 'KZT', None
    unit: str | None  # 'tonnes', 'flights', 'flights_per_week', 'enterprises', 'passengers', 'km', ...
    scale: float  # multiplier applied (1, 1e3, 1e6, 1e9, 1e12)
    text: str  # the matched span


_L = r"[^\W\d_]"
_END = rf"(?:-?(?:{_L}|')+)?"  # a case ending glued on, with or without a hyphen: "mlrd.ni", "%-ға"

_NUMBER = re.compile(
    r"(?<![\d.,])(?:"
    r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?"  # 3 333 503, 4 098,3
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,080  12,571.1  1,234,567
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.234.567  4.098,3
    r"|\d+(?:[.,]\d+)?"  # 833,5  2.5  1096,1
    r")(?![\d])"
)

_WORD_VALUES: dict[str, float] = {}
for _value, _words in {
    1: "один одна одного bir бир бір one a",
    1.5: "полтора полторы",
    2: "два две двух ikki икки екі two",
    3: "три трёх трех uch уч үш three",
    4: "четыре четырёх четырех to'rt тўрт төрт four",
    5: "пять пяти besh беш бес five",
    6: "шесть шести olti олти алты six",
    7: "семь семи yetti етти жеті seven",
    8: "восемь восьми sakkiz саккиз сегіз eight",
    9: "девять девяти to'qqiz тўққиз тоғыз nine",
    10: "десять десяти o'n ўн он ten",
    11: "одиннадцать одиннадцати eleven",
    12: "двенадцать двенадцати twelve",
    20: "двадцать двадцати yigirma йигирма жиырма twenty",
    30: "тридцать тридцати o'ttiz ўттиз отыз thirty",
    40: "сорок сорока qirq қирқ қырық forty",
    50: "пятьдесят пятидесяти ellik эллик елу fifty",
    100: "сто yuz юз жүз hundred",
}.items():
    for _word in _words.split():
        _WORD_VALUES[_word] = float(_value)
_WORD_VALUES.update(
    {"o'n bir": 11.0, "o'n ikki": 12.0, "ўн бир": 11.0, "ўн икки": 12.0, "он бір": 11.0, "он екі": 12.0}
)
# One and a half: "bir yarim milliard", "бир ярим миллиард", "бір жарым миллиард", "one and a half billion".
_WORD_VALUES.update({"bir yarim": 1.5, "бир ярим": 1.5, "бір жарым": 1.5, "one and a half": 1.5})
_NUMBER_WORD = re.compile(
    rf"(?<!{_L})(?:{'|'.join(re.escape(w) for w in sorted(_WORD_VALUES, key=len, reverse=True))})(?!{_L}|')",
    re.IGNORECASE,
)

# Scale words. Russian abbreviations take only a dot; Uzbek and Kazakh forms take glued case endings.
# One-letter English scales ("$5m", "$2b", "7k") count only when glued to the number.
_SCALES: tuple[tuple[float, str, bool], ...] = (
    (1e12, rf"трлн\.?{_END}|триллион{_L}*|trln\.?{_END}|trillion{_L}*|tn(?!{_L})", False),
    (1e9, rf"млрд\.?{_END}|миллиард{_L}*|mlrd\.?{_END}|milliard{_L}*|billion{_L}*|bn(?!{_L})", False),
    (1e6, rf"млн\.?{_END}|миллион{_L}*|mln\.?{_END}|million{_L}*|mn(?!{_L})", False),
    (1e3, rf"тыс\.|тысяч{_L}*|тыс(?!{_L})|ming{_L}*|минг{_L}*|мың{_L}*|thousand{_L}*", False),
    (1e9, r"b(?![^\W_])", True),
    (1e6, r"m(?![^\W_])", True),
    (1e3, r"k(?![^\W_])", True),
)
_SCALE_RES = tuple((scale, re.compile(rf"\s*(?:{pattern})", re.IGNORECASE), glued) for scale, pattern, glued in _SCALES)
# What a scale word read right after a number word starts with. The word ends before a non-letter, so the
# scale is a spaced one and follows a whitespace character: a text without this holds no number-word figure.
_SCALE_AFTER_SPACE = re.compile(
    r"\s(?:трлн|триллион|trln|trillion|tn|млрд|миллиард|mlrd|milliard|billion|bn|млн|миллион|mln|million|mn|"
    r"тыс|ming|минг|мың|thousand)",
    re.IGNORECASE,
)
# Parts of those scale words, fewer to look for: "лли" is in триллион, миллиард, миллион; "illi" in trillion,
# milliard, billion, million.
SCALE_WORD_GATE = LiteralGate(
    "трлн",
    "лли",
    "trln",
    "illi",
    "tn",
    "млрд",
    "mlrd",
    "bn",
    "млн",
    "mln",
    "mn",
    "тыс",
    "ming",
    "минг",
    "мың",
    "thousand",
)
_DIGIT = re.compile(r"\d")

_CURRENCY_BEFORE = re.compile(r"(?:US\$|\$|USD|₸|KZT|UZS)\s*$", re.IGNORECASE)
_PREFIX_CURRENCY = {"₸": "KZT", "KZT": "KZT", "UZS": "UZS"}
_CURRENCY_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rf"\s*(?:{pattern})", re.IGNORECASE))
    for code, pattern in (
        (
            "USD",
            rf"доллар{_L}*(?:\s+США)?|долл\.?(?:\s*США)?|(?:AQSH|АҚШ)\s+doll?ar{_L}*|(?:AQSH|АҚШ)\s+доллар{_L}*"
            rf"|(?:US\s+)?dollar{_L}*|USD{_END}|US\$|\$",
        ),
        ("UZS", rf"so'm{_L}*|сўм{_L}*|сум(?:а|ов|ы|ах|ом)?(?!{_L})|UZS{_END}"),
        ("KZT", rf"тенге{_L}*|теңге{_L}*|tenge{_L}*|KZT{_END}|₸"),
    )
)
_PERCENT = re.compile(rf"\s*(?:%{_END}|процент{_L}*|проц\.|foiz{_L}*|фоиз{_L}*|пайыз{_L}*|per\s?cent)", re.I)
_WEEK = r"(?:в\s+неделю|per\s+week|a\s+week|weekly|haftasiga|haftada|ҳафтасига|ҳафтада|аптасына|аптада)"
_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (unit, re.compile(rf"\s*(?:ta\s+|та\s+)?(?:{pattern})", re.IGNORECASE))
    for unit, pattern in (
        ("flights_per_week", rf"(?:рейс{_L}*|reys{_L}*|flights?|parvoz{_L}*|қатнов{_L}*)\s+{_WEEK}"),
        ("flights", rf"рейс{_L}*|reys{_L}*|flights?|parvoz{_L}*"),
        ("tonnes", rf"тонн{_L}*|tonna{_L}*|tonn{_L}*|tonnes?|tons?|т\.?(?!{_L})|t(?!{_L})"),
        (
            "enterprises",
            rf"предприяти{_L}*|enterprises?|korxona{_L}*|корхона{_L}*|кәсіпорын{_L}*|компани{_L}*"
            rf"|compan(?:y|ies)|kompaniya{_L}*",
        ),
        ("passengers", rf"пассажир{_L}*|passengers?|yo'lovchi{_L}*|йўловчи{_L}*|жолаушы{_L}*"),
        ("km", rf"км\.?(?!{_L})|km(?!{_L})|километр{_L}*|kilometr{_L}*|kilomet(?:er|re)s?"),
        (
            "months",
            rf"месяц{_L}*|months?|oy(?:da|i|ida|lik)?(?!{_L})|ой(?:да|и|ида|лик)?(?!{_L})|ай(?:да|ы|ында|ын|лық)?(?!{_L})",
        ),
    )
)

_QUALIFIER_BEFORE: tuple[tuple[str, str], ...] = (
    (
        ">",
        r"не\s+менее|более\s+чем|больше\s+чем|более|свыше|больше|(?<!не\s)(?:превысил\w*|превысив\w*|превыша\w*)"
        r"|more\s+than|over|(?<!not\s)exceeded|exceeding|above|topped|surpassed|in\s+excess\s+of|upwards\s+of"
        r"|at\s+least",
    ),
    (
        "<",
        r"менее|меньше|less\s+than|under|below|fewer\s+than|не\s+превы\w+|не\s+достига\w+|did\s+not\s+exceed"
        r"|didn't\s+exceed|not\s+exceeding",
    ),
    (
        "~",
        r"почти|около|порядка|примерно|приблизительно|nearly|about|around|almost|approximately|roughly"
        r"|came\s+close\s+to|close\s+to|approached|approaching|neared|nearing|some|приблизил\w*\s+к|приближа\w*\s+к"
        r"|qariyb|deyarli|taxminan|тахминан|қарийб|деярли|шамамен|жуық",
    ),
)
_QUALIFIER_BEFORE_RES = tuple(
    (sign, re.compile(rf"(?<!{_L})(?:{pattern})\s*$", re.IGNORECASE)) for sign, pattern in _QUALIFIER_BEFORE
)
_QUALIFIER_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (sign, re.compile(rf"\s*(?:{pattern})(?!{_L})", re.IGNORECASE))
    for sign, pattern in (
        # "not less than" before "less than": the first pattern that matches decides
        (
            ">",
            r"kam\s+emas|кам\s+эмас|кем\s+емес|oshdi|oshib|oshgan|ortiq|ko'proq|ziyod|ортиқ|кўпроқ|зиёд|ошди|ошиб"
            r"|ошган|астам|артық|асты|асып|асқан|exceeded|plus|\+",
        ),
        ("<", r"oshmadi|ошмади|аспады|аспаған|kam|кам|кем|less(?!\s+than)"),
        ("~", r"atrofida|атрофида|шамасында|жуық|жуықтады|жақындады|yaqin|yaqinlashdi|яқин|яқинлашди"),
    )
)

_DATIVE_BEFORE = re.compile(r"(?:ga|ka|qa|га|ка|қа|ға|ге|ке)\s*$", re.IGNORECASE)
_ABLATIVE_BEFORE = re.compile(r"(?:dan|tan|дан|тан|нан|ден|тен|нен)\s*$", re.IGNORECASE)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UZBEK_LATIN = re.compile(
    r"(?<![a-z'])(?:mlrd|ming|trln|milliard|so'm|dollar(?:i|ga|dan|ni|ning|lik)|aqsh|yil|yilda|foiz|tashkil"
    r"|va|bilan|savdo)(?![a-z])",
    re.IGNORECASE,
)


def _decimal_comma_language(text: str) -> bool:
    return bool(_CYRILLIC.search(text) or _UZBEK_LATIN.search(text))


def _to_float(token: str, decimal_comma: bool) -> float:
    token = token.replace(" ", "")
    if "," in token and "." in token:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        group = "." if decimal == "," else ","
        return float(token.replace(group, "").replace(decimal, "."))
    for mark in (",", "."):
        count = token.count(mark)
        if count == 0:
            continue
        if count > 1:
            return float(token.replace(mark, ""))
        whole, fraction = token.split(mark)
        if len(fraction) != 3 or whole == "0":
            return float(f"{whole}.{fraction}")
        is_decimal = decimal_comma if mark == "," else not decimal_comma
        return float(f"{whole}.{fraction}") if is_decimal else float(whole + fraction)
    return float(token)


def _read_scale(text: str, pos: int) -> tuple[float, int] | None:
    for scale, pattern, glued in _SCALE_RES:
        match = pattern.match(text, pos)
        if match and not (glued and match.group(0)[:1].isspace()):
            return scale, match.end()
    return None


def _read_first(patterns: tuple[tuple[str, re.Pattern[str]], ...], text: str, pos: int) -> tuple[str, int] | None:
    for label, pattern in patterns:
        match = pattern.match(text, pos)
        if match:
            return label, match.end()
    return None


def _read_at(text: str, start: int, end: int, value: float, decimal_comma: bool, default_scale: float):
    """Everything around the bare number text[start:end]: currency, scale, unit, qualifier.

    Returns (value scaled, qualifier, currency, unit, scale, start of the whole mention, end of it).
    """
    currency, qualifier, span_start = _read_before(text, start)
    scale_read, value, pos = _read_scale_after(text, end, value, decimal_comma)
    unit, currency, qualifier, pos = _read_after(text, pos, currency, qualifier)
    scale = scale_read if scale_read is not None else 1.0
    if scale_read is None and unit != "percent":
        scale = default_scale
        value *= default_scale
    return value, qualifier, currency, unit, scale, span_start, pos


def _read_before(text: str, start: int) -> tuple[str | None, str, int]:
    """A currency sign or code and a qualifier written before the number: (currency, qualifier, span start)."""
    currency: str | None = None
    before = text[:start]
    prefix = _CURRENCY_BEFORE.search(before)
    if prefix:
        currency = _PREFIX_CURRENCY.get(prefix.group(0).strip().upper(), "USD")
        before = before[: prefix.start()]
    span_start = prefix.start() if prefix else start
    for sign, pattern in _QUALIFIER_BEFORE_RES:
        match = pattern.search(before)
        if match:
            return currency, sign, match.start()
    return currency, "=", span_start


def _read_scale_after(text: str, pos: int, value: float, decimal_comma: bool) -> tuple[float | None, float, int]:
    """The scale word after the number, and a smaller amount added on: (scale or None, value, position)."""
    scale_read = _read_scale(text, pos)
    if not scale_read:
        return None, value, pos
    scale, pos = scale_read
    value *= scale
    # "$3 billion 482 million": a smaller amount added on.
    more = re.compile(r"\s+(?:and\s+|и\s+|va\s+)?").match(text, pos)
    number = _NUMBER.match(text, more.end()) if more else None
    if number:
        smaller = _read_scale(text, number.end())
        if smaller and smaller[0] < scale:
            value += _to_float(number.group(0), decimal_comma) * smaller[0]
            pos = smaller[1]
    return scale, value, pos


def _read_after(text: str, pos: int, currency: str | None, qualifier: str) -> tuple[str | None, str | None, str, int]:
    """Percent, currency, unit and qualifier written after the number (and its scale): (unit, currency,
    qualifier, position).
    """
    unit: str | None = None
    percent = _PERCENT.match(text, pos)
    if percent:
        unit, pos = "percent", percent.end()
    if currency is None:
        found = _read_first(_CURRENCY_AFTER, text, pos)
        if found:
            currency, pos = found
    if unit is None and currency is None:
        found = _read_first(_UNITS, text, pos)
        if found:
            unit, pos = found
    if qualifier == "=":
        found = _read_first(_QUALIFIER_AFTER, text, pos)
        # "more/less than" in Uzbek and Kazakh follows the ablative ("3 mlrd dollardan oshdi", "доллардан кем
        # емес"); after the dative the same words give a change ("412 mln dollarga oshdi": up by 412 million).
        if (
            found
            and found[0] in "<>"
            and _DATIVE_BEFORE.search(text, 0, pos)
            and not _ABLATIVE_BEFORE.search(text, 0, pos)
        ):
            found = None
        if found:
            qualifier, pos = found
    return unit, currency, qualifier, pos


def _readings(text: str, default_scale: float, skip_years: bool) -> list[NumberReading]:
    """Every amount in ``text`` with what surrounds it, left to right; years and dates skipped if asked."""
    cleaned = quick_clean(text)
    candidates, decimal_comma = _candidates(cleaned)
    if not candidates:
        return []
    readings: list[NumberReading] = []
    consumed = 0
    masked: list[tuple[int, int]] | None = None  # date spans, read when the first candidate needs them
    for start, end, value in candidates:
        if start < consumed:
            continue
        if skip_years:
            if masked is None:
                masked = date_spans(cleaned)
            if _is_date_or_year(cleaned, start, end, masked):
                continue
        result, qualifier, currency, unit, scale, span_start, span_end = _read_at(
            cleaned, start, end, value, decimal_comma, default_scale
        )
        span_start = max(span_start, consumed)
        readings.append(NumberReading(result, qualifier, currency, unit, scale, text[span_start:span_end].strip()))
        consumed = span_end
    return readings


def _candidates(cleaned: str) -> tuple[list[tuple[int, int, float]], bool]:
    """The numbers (digits, and number words before a scale word) of a cleaned text, sorted by position, and
    whether the text writes decimals with a comma.
    """
    candidates: list[tuple[int, int, float]] = []
    decimal_comma: bool | None = None
    if _DIGIT.search(cleaned):
        decimal_comma = _decimal_comma_language(cleaned)
        candidates = [(m.start(), m.end(), _to_float(m.group(0), decimal_comma)) for m in _NUMBER.finditer(cleaned)]
    if SCALE_WORD_GATE.may_match(cleaned) and _number_word_may_stand_before_scale(cleaned):
        for match in _NUMBER_WORD.finditer(cleaned):
            # A number word only counts before a scale word: "ikki milliard", never "one of the".
            if _read_scale(cleaned, match.end()):
                candidates.append((match.start(), match.end(), _WORD_VALUES[match.group(0).lower()]))
    if not candidates:
        return [], False
    if decimal_comma is None:
        decimal_comma = _decimal_comma_language(cleaned)
    candidates.sort()
    return candidates, decimal_comma


def _is_date_or_year(cleaned: str, start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    """Whether the number at cleaned[start:end] is part of a date, a year, or follows a document number."""
    return (
        any(s <= start < e for s, e in masked)
        or _is_year(cleaned, start, end)
        or bool(_DOCUMENT_NUMBER.search(cleaned, 0, start))
    )


_WORDS_LOWER = frozenset(word.lower() for word in _WORD_VALUES)
_LONGEST_WORD = max(len(word) for word in _WORDS_LOWER)
_LETTER = re.compile(_L)


def _number_word_may_stand_before_scale(cleaned: str) -> bool:
    """False only when no number word of `_NUMBER_WORD` ends where a scale word's spaces begin (the only
    number words `_readings` keeps). A scale word after a number word follows spaces (the word ends before a
    non-letter; the scale starts with a letter): each `_SCALE_AFTER_SPACE` match is the last of those spaces.
    """
    low = lowered(cleaned)
    for match in _SCALE_AFTER_SPACE.finditer(cleaned):
        if low is None:
            return True  # a character IGNORECASE folds oddly: do not judge words by their lower case
        end = match.start()
        while end > 0 and cleaned[end - 1].isspace():
            end -= 1
        for length in range(1, min(_LONGEST_WORD, end) + 1):
            start = end - length
            if low[start:end] in _WORDS_LOWER and not (start and _LETTER.match(cleaned, start - 1)):
                return True
    return False


# "№ 980", "No. 12": the number of a document, not a quantity.
_DOCUMENT_NUMBER = re.compile(r"(?:№|\bNo\.?|\bNr\.?)\s*$")
_YEAR_AFTER = re.compile(rf"(?:\s*-\s*(?:19|20)\d\d)?{YEAR_WORD}", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"{MONTH}[\s,]*$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:в|во|с|до|к|и|между|since|in|from|until|by|of|between|and|to|va)\s+$", re.IGNORECASE
)


def _is_year(text: str, start: int, end: int) -> bool:
    token = text[start:end]
    if not (len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100):
        return False
    if _YEAR_AFTER.match(text, end) or _MONTH_BEFORE.search(text[:start]):
        return True
    if _PREPOSITION_BEFORE.search(text[:start]):
        return not (_read_scale(text, end) or _read_first(_UNITS, text, end) or _read_first(_CURRENCY_AFTER, text, end))
    return False


def parse_number(text: str, default_scale: float = 1.0) -> NumberReading | None:
    """The first number expression in `text` (a table cell or a phrase), or None.

    `default_scale` applies when the text has no scale word (a table whose header says "млн долларов").
    """
    readings = _readings(text, default_scale, skip_years=False)
    return readings[0] if readings else None


def may_hold_numbers(text: str, scale_words: LiteralGate = SCALE_WORD_GATE) -> bool:
    """False only when `find_numbers(text)` and `parse_number(text)` are surely empty: no digit, and no scale
    word a number word could stand before. `scale_words` may be ``SCALE_WORD_GATE.within(page)`` for a
    sentence of that page.
    """
    cleaned = quick_clean(text)
    return bool(_DIGIT.search(cleaned)) or scale_words.may_match(cleaned)


def find_numbers(text: str) -> list[NumberReading]:
    """Every number expression in a sentence, in order, leaving out dates, times and plain years."""
    return _readings(text, 1.0, skip_years=True)


_RU_SCALES = ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "тыс."))
_EN_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e3, "k"))


def _plain(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _grouped(value: float, decimals: int, group: str, decimal: str) -> str:
    whole, _, fraction = _plain(value, decimals).partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = [whole[max(0, i - 3) : i] for i in range(len(whole), 0, -3)][::-1]
    return sign + group.join(groups) + (decimal + fraction if fraction else "")


def format_number(value: float, style: str) -> str:
    """Write `value` the way one of the sources would: 'ru', 'en', 'plain', 'ru_scale' or 'en_scale'."""
    if style == "ru":
        return _grouped(value, 2, "\u00a0", ",")
    if style == "en":
        return _grouped(value, 2, ",", ".")
    if style == "plain":
        return _plain(value, 2)
    if style in ("ru_scale", "en_scale"):
        scales = _RU_SCALES if style == "ru_scale" else _EN_SCALES
        scale, word = next(((s, w) for s, w in scales if abs(value) >= s), (1.0, ""))
        # Enough decimals that value/scale loses none of the value's two.
        decimals = 2 + round(math.log10(scale))
        if style == "ru_scale":
            mantissa = _grouped(value / scale, decimals, "\u00a0", ",")
            return f"{mantissa} {word}".strip()
        return f"${_grouped(value / scale, decimals, ',', '.')}{word}"
    raise ValueError(f"unknown number style {style!r}")
