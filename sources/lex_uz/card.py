"""Parse a lex.uz metadata card (``/actinfo/card1/{id}``) into a documents row and a legal_acts row.

Written by hand: the card is this site's own label/value table (``td.lbl`` + the next cell), with labels in
Russian or Uzbek Cyrillic and statuses often in Russian ("Действующий", "Утративший силу"); issuing bodies,
dates, numbers and the place of adoption sit in ``table#bodyTab`` (SITES.md). No library knows it. The
dates of entry into force and of loss of force are ``in_force_from`` / ``lost_force_on``; the card has no
text of its own, so its document's body_text is its rows ("label: value", one a line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.generic.tree import ends_with_html_close, read_html
from sources.lex_uz.requisites import JURISDICTION, PLACE_NOISE, SITE, act_type, clean, detect_language, signed_place
from sources.normalise.dates import parse_date
from sources.records import ParseError, ParseResult

_A = "[‘ʻ'’`]?"
# field -> label beginnings (Russian, Uzbek Cyrillic, Uzbek Latin), lower case.
CARD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("наименование акта", "ҳужжат номи", "hujjat nomi"),
    "kind": ("вид акта", "ҳужжат тури", "hujjat turi"),
    "form": ("форма акта", "ҳужжат шакли", "hujjat shakli"),
    "language": ("язык акта", "ҳужжат тили", "hujjat tili"),
    "status": ("статус акта", "ҳужжат ҳолати", "hujjat holati"),
    "in_force_from": ("дата вступления в силу", "кучга кириш санаси", "kuchga kirish sanasi"),
    "lost_force_on": ("дата прекращения действия", "кучини йўқотган санаси", "kuchini yo"),
}
STATUSES = [
    ("lost_force", re.compile(r"утрат\w*\s+силу|кучини\s+йўқотган|kuchini\s+yo" + _A + r"qotgan", re.I)),
    ("not_in_force", re.compile(r"не\s+вступ|кучга\s+кирмаган|kuchga\s+kirmagan", re.I)),
    ("in_force", re.compile(r"действующ|амалда|amalda", re.I)),
]
# The card's "language of the act" values: "(к)" is Cyrillic, "(л)" Latin.
ACT_LANGUAGES = [
    ("uz-Latn", re.compile(r"узбекск\w*\s*\(л|o" + _A + r"zbek\w*\s*\(l|lotin", re.I)),
    ("uz-Cyrl", re.compile(r"узбекск|ўзбек|o" + _A + r"zbek", re.I)),
    ("ru", re.compile(r"русск|рус\s+тил|rus\s+til", re.I)),
    ("en", re.compile(r"английск|инглиз|ingliz|english", re.I)),
]


def parse_card(body: bytes, url: str, fetched_at: datetime, headers: Mapping[str, str] | None = None) -> ParseResult:
    """Read one card page into a ``documents`` row (page_kind "legal_act_card") and a ``legal_acts`` row."""
    result = ParseResult()
    page, error = read_html(body, headers, SITE, url)
    if error is not None:
        result.errors.append(error)
        return result
    html = page.text
    tree = page.tree(body) if html.strip() else None
    if tree is None or tree.body is None or not clean(tree.body.text()):
        result.errors.append(ParseError("empty_body", f"{SITE}: empty card page ({len(body)} bytes) at {url}"))
        return result
    complete = ends_with_html_close(html)
    fields, rows = _fields(tree)
    bodies = _issuing_bodies(tree)
    title = fields.get("title") or None
    if not title:
        tried = ["td.lbl rows (Наименование акта / Ҳужжат номи / Hujjat nomi)", "table#bodyTab"]
        if not complete:
            result.errors.append(ParseError("truncated", f"{SITE}: page ends before </html>; no card title at {url}"))
        else:
            result.errors.append(ParseError.missing_part(SITE, "card title", tried, url))
        return result
    if not complete:
        result.errors.append(
            ParseError("truncated_text", f"{SITE}: page ends before </html>; card rows may be missing at {url}")
        )

    number = ", ".join(dict.fromkeys(b["number"] for b in bodies if b["number"])) or None
    status, status_raw = card_status(fields.get("status"))
    in_force_from = parse_date(fields["in_force_from"]) if fields.get("in_force_from") else None
    if status == "in_force" and in_force_from is not None and in_force_from > fetched_at.date():
        status = "not_in_force"  # the card says "Действующий" for acts whose entry into force is still ahead
    language = card_language(fields.get("language")) or detect_language(title or "")
    names = list(dict.fromkeys(b["name"] for b in bodies if b["name"]))
    lines = [f"{label}: {value}" for label, value in rows]
    lines += [" · ".join(part for part in (b["name"], b["date_text"], b["number"], b["place"]) if part) for b in bodies]
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act_card",
        layout="td.lbl; table#bodyTab" if bodies else "td.lbl",
        title=title,
        published_at=None,
        language=language,
        author=None,
        lead=None,
        body_text="\n".join(lines),
    )
    result.add(
        "legal_acts",
        site=SITE,
        jurisdiction_iso3=JURISDICTION,
        title=title,
        act_type=act_type(fields.get("form"), number, title),
        act_form_raw=fields.get("form") or None,
        act_number=number,
        adopted_on=_adopted_on(bodies),
        signed_place=next((b["place"] for b in bodies if b["place"]), None),
        issuing_body="; ".join(names) or None,
        status=status,
        status_raw=status_raw,
        language=language,
        is_partial=True,  # a card holds requisites only; the text is on /docs/{id}
        in_force_from=in_force_from,
        lost_force_on=parse_date(fields["lost_force_on"]) if fields.get("lost_force_on") else None,
    )
    return result


def card_status(text: str | None) -> tuple[str, str | None]:
    """(status, status_raw) from the card's status value; an unknown phrase stays "unknown", never guessed."""
    raw = clean(text) or None
    for status, pattern in STATUSES:
        if raw and pattern.search(raw):
            return status, raw
    return "unknown", raw


def card_language(text: str | None) -> str | None:
    """The language a card's language field names, or None."""
    for language, pattern in ACT_LANGUAGES:
        if text and pattern.search(text):
            return language
    return None


def _adopted_on(bodies: list[dict]):
    """The date of the body that gave the act its number (a law's chamber votes earlier); else the first."""
    numbered = [b for b in bodies if b["number"] and b["adopted_on"]]
    dated = numbered or [b for b in bodies if b["adopted_on"]]
    return dated[0]["adopted_on"] if dated else None


def _value_after(label: LexborNode) -> str:
    node = label.next
    while node is not None and not (node.is_element_node and node.tag in ("td", "th")):
        node = node.next
    return clean(node.text()) if node is not None else ""


def _fields(tree: LexborHTMLParser) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The known fields by name, and every (label, value) row with a value, in order."""
    fields: dict[str, str] = {}
    rows: list[tuple[str, str]] = []
    for label in tree.css("td.lbl"):
        text = clean(label.text()).rstrip(":")
        value = _value_after(label)
        if text and value:
            rows.append((text, value))
        lowered = text.lower()
        for name, prefixes in CARD_LABELS.items():
            if name not in fields and any(lowered.startswith(p) for p in prefixes):
                fields[name] = value
    return fields, rows


def card_place(text: str | None) -> str | None:
    """The place of adoption from "Узбекистан, г. Ташкент": the part marked as a city, else the last part."""
    parts = [part for part in re.split(r"[,\n]", text or "") if part.strip()]
    marked = [part for part in parts if PLACE_NOISE.search(part)]
    return signed_place((marked or parts[-1:] or [""])[0])


def _issuing_bodies(tree: LexborHTMLParser) -> list[dict]:
    """Rows of ``table#bodyTab``: number in list, body, signatory's post, signatory, date, act number[, place]."""
    bodies = []
    for row in tree.css("table#bodyTab tr"):
        cells = [clean(td.text()) for td in row.css("td")]
        if len(cells) < 6 or not cells[1]:
            continue  # header rows use th, or are shorter
        bodies.append(
            {
                "name": cells[1],
                "date_text": cells[4] or None,
                "adopted_on": parse_date(cells[4]) if cells[4] else None,
                "number": re.sub(r"^№\s*", "", cells[5]) or None,
                "place": card_place(cells[6]) if len(cells) > 6 else None,
            }
        )
    return bodies
