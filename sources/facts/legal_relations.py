"""Relations between acts read from a parsed act (title, text blocks): ratifies, amends, repeals, lost_force_by.

Hand-written: no library reads these; the register wording is a short fixed list per language (ru, uz Latin,
uz Cyrillic, kk). Pure: it reads the ``legal_acts`` and ``legal_act_articles`` rows a lex.uz / adilet /
online.zakon.kz parser produced and returns rows of the raw table ``legal_act_relations`` (without capture
columns). The target act is kept as printed (title, number, date); resolving it to an act of the
warehouse is dbt's job (``legal_act_relations.target_act_key``).

Direction: the row's act is the act of the page. "О ратификации X" -> ratifies X; "О внесении изменений в X"
-> amends X; "признать утратившим силу X" -> repeals X; an editorial note "утратил силу в соответствии с Y"
-> lost_force_by Y.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from sources.normalise.prefilter import LiteralGate
from sources.records import ParseResult

RELATIONS = ("ratifies", "amends", "repeals", "lost_force_by")

_Q = r"[‘ʻ'`’]"  # the apostrophes of Uzbek Latin (o‘, g‘)

# Title forms: "О ратификации <target>", "<target>ни ратификация қилиш тўғрисида", "<target> ратификациялау туралы".
_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ratifies", re.compile(r"^\s*О\s+ратификации\s+(?P<target>.+)$", re.IGNORECASE | re.DOTALL)),
    (
        "ratifies",
        re.compile(
            rf"^(?P<target>.+?)\s*-?\s*(?:ni|ни|ны|ні)?\s+ratifikatsiya\s+qilish\s+to{_Q}g{_Q}risida\s*$",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    (
        "ratifies",
        re.compile(r"^(?P<target>.+?)\s*-?\s*(?:ни)?\s+ратификация\s+қилиш\s+тўғрисида\s*$", re.IGNORECASE | re.DOTALL),
    ),
    ("ratifies", re.compile(r"^(?P<target>.+?)\s+ратификациялау\s+туралы\s*$", re.IGNORECASE | re.DOTALL)),
    (
        "amends",
        re.compile(
            r"^\s*О\s+внесении\s+изменени\w*(?:\s+и\s+дополнени\w*)?\s+(?:в|во)\s+(?P<target>.+)$",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    (
        "amends",
        re.compile(
            rf"^(?P<target>.+?)\s*(?:ga|га)\s+o{_Q}zgartish\w*(?:\s+(?:va|ва)\s+qo{_Q}shimcha\w*)?\s+kiritish\s+"
            rf"to{_Q}g{_Q}risida\s*$",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    (
        "amends",
        re.compile(
            r"^(?P<target>.+?)\s*(?:га)\s+ўзгартиш\w*(?:\s+ва\s+қўшимча\w*)?\s+киритиш\s+тўғрисида\s*$",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    (
        "amends",
        re.compile(
            r"^(?P<target>.+?)\s+өзгеріс\w*(?:\s+мен\s+толықтыру\w*)?\s+енгізу\s+туралы\s*$", re.IGNORECASE | re.DOTALL
        ),
    ),
)

# End of a clause: ";" or a full stop that is not the abbreviation "г." / "гг." and ends the sentence.
_END = r"(?=;|(?<!\sг)(?<!\sгг)\.(?:\s+[А-ЯЁA-ZЎҚҒҲ\d(]|\s*$)|$)"

# Text forms. Each pattern's `target` is the object of the clause, as printed. Next to each, a trigger: a part
# every match of the pattern holds. A block without the trigger is not searched with the pattern: the forms
# that start with a lazy `target` try every position of a block and cost time quadratic in its length.
_TEXT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ratifies", re.compile(rf"\bРатифицировать\s+(?P<target>[^;]+?){_END}", re.IGNORECASE)),
    (
        "lost_force_by",
        re.compile(
            rf"утратил\w*\s+силу\s+(?:в\s+соответствии\s+с|согласно|на\s+основании)\s+(?P<target>[^;]+?){_END}",
            re.IGNORECASE,
        ),
    ),
    (
        "repeals",
        re.compile(rf"(?:признать|считать)\s+утратившими?\s+силу\s*:?\s*(?P<target>[^;]+?){_END}", re.IGNORECASE),
    ),
    ("repeals", re.compile(r"(?P<target>[^.;:]+?)\s+кучини\s+йўқотган\s+деб\s+ҳисоблан\w*", re.IGNORECASE)),
    ("repeals", re.compile(rf"(?P<target>[^.;:]+?)\s+kuchini\s+yo{_Q}qotgan\s+deb\s+hisoblan\w*", re.IGNORECASE)),
    ("repeals", re.compile(r"(?P<target>[^.;:]+?)\s+күші\s+жойылды\s+деп\s+танылсын", re.IGNORECASE)),
)
_TEXT_TRIGGERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(trigger, re.IGNORECASE)
    for trigger in (
        r"Ратифицировать",
        r"утратил",
        r"утративш",
        r"кучини\s+йўқотган\s+деб\s+ҳисоблан",
        rf"kuchini\s+yo{_Q}qotgan\s+deb\s+hisoblan",
        r"күші\s+жойылды\s+деп\s+танылсын",
    )
)
# A word of each trigger, with no space in it: most acts and most blocks of an act hold none, and are then
# skipped without squashing their spaces (a word is in the squashed text if and only if it is in the raw one).
_TRIGGER_WORDS = LiteralGate("Ратифицировать", "утратил", "утративш", "кучини", "kuchini", "күші")

_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
    "yanvar": 1,
    "fevral": 2,
    "mart": 3,
    "aprel": 4,
    "may": 5,
    "iyun": 6,
    "iyul": 7,
    "avgust": 8,
    "sentabr": 9,
    "sentyabr": 9,
    "oktabr": 10,
    "oktyabr": 10,
    "noyabr": 11,
    "dekabr": 12,
}
_NUMERIC_DATE = re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?!\d)")
_WORD_DATE = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\s*-?\s*(?P<month>[а-яёa-zўқғҳ]+)\s+(?P<y>(?:19|20)\d\d)", re.IGNORECASE
)
_YEAR_FIRST_DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*-?\s*(?:йил|yil)\w*\s+(?P<d>[0-3]?\d)\s*-?\s*(?P<month>[а-яёa-zўқғҳ]+)", re.IGNORECASE
)
_NUMBER = re.compile(
    r"№\s*(?P<a>[\wА-Яа-яЁёЎўҚқҒғҲҳ-]*\d[\w/-]*)"
    r"|(?P<b>(?:[A-ZА-ЯЁЎҚҒҲ]{1,4}-)?\d+(?:-[IVX\d]+)?)\s*-\s*(?:сон|son)\b",
)


def extract_legal_relations(parsed: ParseResult) -> list[dict]:
    """Relation rows of one parsed act page (empty when the page is not an act or says nothing)."""
    acts = parsed.rows.get("legal_acts", [])
    if not acts:
        return []
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(relation: str, target: str, evidence: str, block_id: str | None) -> None:
        target = _trim(target)
        if len(target) < 4 or (relation, target.casefold()) in seen:
            return
        seen.add((relation, target.casefold()))
        rows.append(
            {
                "relation": relation,
                "target_title": target,
                "target_number": target_number(target),
                "target_date_text": target_date_text(target),
                "target_date": target_date(target),
                "evidence": evidence,
                "block_id": block_id,
            }
        )

    for relation, target, text, block_id in _text_relations(parsed.rows.get("legal_act_articles", [])):
        add(relation, target, text, block_id)
    # The title names the same target as the operative clause, in another case ("О ратификации Соглашения"
    # / "Ратифицировать Соглашение"): it is used only when the text says nothing of that relation.
    title = " ".join((acts[0].get("title") or "").split())
    for relation, pattern in _TITLE_PATTERNS:
        if (match := pattern.match(title)) and not any(row["relation"] == relation for row in rows):
            add(relation, match["target"], title, None)
            break
    return rows


def _text_relations(blocks: list[dict]) -> Iterator[tuple[str, str, str, str | None]]:
    """(relation, target, block text, block id) for every relation the act's text blocks state, in order."""
    # Each block's text is a part of the page's: only the words the page holds can be in a block.
    words = _TRIGGER_WORDS.within("\n".join(block.get("text") or "" for block in blocks))
    for block in blocks if words.literals else ():
        if not words.may_match(block.get("text") or ""):
            continue
        text = " ".join((block.get("text") or "").split())
        for (relation, pattern), trigger in zip(_TEXT_PATTERNS, _TEXT_TRIGGERS, strict=True):
            if trigger.search(text):
                for match in pattern.finditer(text):
                    yield relation, match["target"], text, block.get("block_id")


def _trim(text: str) -> str:
    return " ".join(text.split()).strip(' ,:;.«»"').strip()


def target_number(text: str) -> str | None:
    """The target act's number: "от 6 декабря 2022 года № 980" -> "980"; "ПФ-4848-сон" -> "ПФ-4848"."""
    match = _NUMBER.search(text)
    if not match:
        return None
    return (match["a"] or match["b"]).strip("-")


def _date_match(text: str) -> re.Match[str] | None:
    found = [m for m in (_NUMERIC_DATE.search(text), _WORD_DATE.search(text), _YEAR_FIRST_DATE.search(text)) if m]
    found = [m for m in found if "month" not in m.groupdict() or _month(m["month"])]
    return min(found, key=lambda m: m.start()) if found else None


def _month(word: str) -> int | None:
    word = word.casefold()
    for stem, number in sorted(_MONTHS.items(), key=lambda item: -len(item[0])):
        if word.startswith(stem) and (stem != "ма" or word in {"мая", "май", "майда"}):
            return number
    return None


def target_date_text(text: str) -> str | None:
    """The date of the target act as printed, or None."""
    match = _date_match(text)
    return match.group(0) if match else None


def target_date(text: str) -> date | None:
    """The date of the target act as a date, or None when the text prints none or an impossible one."""
    match = _date_match(text)
    if match is None:
        return None
    month = int(match["m"]) if "m" in match.groupdict() else _month(match["month"])
    try:
        return date(int(match["y"]), month, int(match["d"]))
    except (TypeError, ValueError):
        return None
