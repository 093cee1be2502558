"""Parser for online.zakon.kz («Параграф») Document pages: legal acts, often public only up to a login wall.

A page whose requisites line names an act form ("Договор от 31 октября 1998 года") yields a ``documents``
row (page_kind "legal_act", or "partial" behind the login wall) and a ``legal_acts`` row. A page whose
form is editorial ("Статья от ...") yields only a ``documents`` row with page_kind "article". The login
wall is expected on this site and is recorded as ``is_partial``, never as a parse error; the body_text of
a "partial" document is its public part (title, requisites, place and any text shown), so it is never
blank. Dates of entry into force and loss of force are read where the status or requisites state them.
A Document page whose selectors find no text and no wall gets its text from trafilatura (layout
"fallback:trafilatura", a ``layout_fallback`` warning); the act's requisites stay this parser's.
"""

from __future__ import annotations

import datetime as dt
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.fallback import FALLBACK_LAYOUT, fallback_warning, main_text
from sources.generic.language import language_from_lang_attr
from sources.generic.tree import open_page
from sources.normalise.force import in_force_from, lost_force_on
from sources.normalise.spelling import squash_spaces
from sources.records import ParseError, ParseResult

PARSER = "online_zakon_kz"
SITE = "online.zakon.kz"

# Layout variants: (name, title, requisites, place, text). The BEM markup is the current one; the
# plain variant catches an older or mobile page that keeps only h1 and the text block.
_LAYOUTS = (
    (
        "document_bem",
        "h1.document__title",
        "div.document__requisites",
        "div.document__place",
        "div.document__text",
    ),
    (
        "document_plain",
        "div.document h1, #document h1",
        ".doc-requisites, .requisites",
        ".doc-place",
        "#doc_text, div.document-text",
    ),
)
_LOGIN_WALL_SELECTOR = ".login-wall, .document__access, .doc-access-denied"
_LOGIN_WALL_TEXT = re.compile(r"доступ\w* (?:только )?(?:для )?подписчик|авторизуйтесь|войдите в систему", re.I)

ACT_TYPES = {
    "договор": "treaty",
    "соглашение": "agreement",
    "декларация": "declaration",
    "закон": "law",
    "кодекс": "code",
    "указ": "decree",
    "постановление": "resolution",
    "протокол": "protocol",
}
# Forms of editorial material the database also holds: these pages are articles, not acts.
_EDITORIAL_FORMS = {"статья", "информация", "справка", "обзор", "комментарий", "интервью", "новость"}
_MONTHS = {
    "января": 1,
    "февраля": 2,
    "марта": 3,
    "апреля": 4,
    "мая": 5,
    "июня": 6,
    "июля": 7,
    "августа": 8,
    "сентября": 9,
    "октября": 10,
    "ноября": 11,
    "декабря": 12,
}
_DATE = re.compile(r"(\d{1,2})\s+([а-я]+)\s+(\d{4})|(\d{1,2})\.(\d{1,2})\.(\d{4})", re.I)
_NUMBER = re.compile(r"№\s*([^\s,;)]+)")
_STATUSES = (("утратил", "lost_force"), ("не вступил", "not_in_force"), ("действующ", "in_force"))
# "(г. Ташкент, 31 октября 1998 года)" at the end of a title: place and date repeated from the requisites.
_TITLE_TAIL = re.compile(r"\s*\((?:(?:г\.\s*)?(?P<place>[^,()]+),\s*)?[^()]*\d{4}\s*(?:года|г\.)?\)\s*$")


def _text(node: LexborNode | None) -> str:
    return squash_spaces(node.text(deep=True)) if node is not None else ""


def parse_russian_date(text: str) -> dt.date | None:
    """First date in ``text``: "31 октября 1998 года" or "31.10.1998"."""
    for match in _DATE.finditer(text):
        try:
            if match.group(1):
                month = _MONTHS.get(match.group(2).lower())
                if month:
                    return dt.date(int(match.group(3)), month, int(match.group(1)))
            else:
                return dt.date(int(match.group(6)), int(match.group(5)), int(match.group(4)))
        except ValueError:
            continue
    return None


def act_type_of(form: str) -> str:
    """The act type an online.zakon.kz form word names ("Закон" -> law), else "other"."""
    return ACT_TYPES.get(form.lower(), "other")


def _clean_place(text: str) -> str | None:
    place = re.sub(r"^г\.\s*", "", text.strip()).strip(" .")
    return place or None


def _select(tree: LexborHTMLParser):
    for name, title_sel, req_sel, place_sel, text_sel in _LAYOUTS:
        title = tree.css_first(title_sel)
        if _text(title):
            return name, title, tree.css_first(req_sel), tree.css_first(place_sel), tree.css_first(text_sel)
    return None


def parse(body: bytes, url: str, fetched_at: dt.datetime, headers=None) -> ParseResult:
    """Parse an online.zakon.kz Document page into ``documents`` (+ ``legal_acts`` for acts)."""
    result = ParseResult()
    opened = open_page(body, headers, SITE, url, keep_truncated=False)
    if isinstance(opened, ParseError):
        result.errors.append(opened)
        return result
    page, tree = opened.page, opened.tree
    for node in tree.css("script, style, noscript"):
        node.decompose()
    html = tree.css_first("html")
    lang = (language_from_lang_attr(html.attributes.get("lang")) if html is not None else None) or "ru"
    found = _select(tree)
    if found is None:
        _add_fallback(result, page.text, url, lang)
        return result
    layout, title_node, requisites_node, place_node, text_node = found

    full_title = _text(title_node)
    tail = _TITLE_TAIL.search(full_title)
    title = full_title[: tail.start()] if tail else full_title
    requisites = _text(requisites_node)
    paragraphs = [_text(p) for p in text_node.css("p")] if text_node is not None else []
    text = "\n\n".join(p for p in paragraphs if p) or _text(text_node)
    wall = tree.css_first(_LOGIN_WALL_SELECTOR)
    # The whole body text is read only when it can matter: a page with document text is never walled by it.
    is_partial = wall is not None or bool(not text and _LOGIN_WALL_TEXT.search(_text(tree.body)))
    if not text and not is_partial and requisites:
        is_partial = True  # title and requisites public, no text: a wall without its usual marker
    elif not text and not is_partial:
        tried = [
            f"{layout}: requisites ({_LAYOUTS[0][2]}, {_LAYOUTS[1][2]}) and text ({_text_selector(layout)})",
            f"login wall ({_LOGIN_WALL_SELECTOR})",
        ]
        extracted = main_text(page.text, url)
        if extracted.text is None:
            tried.append(f"fallback: {extracted.note}")
            result.errors.append(ParseError.missing_part(SITE, "document requisites and text", tried, url))
            return result
        result.errors.append(fallback_warning(SITE, "document text", tried, url))
        text, paragraphs, layout = extracted.text, extracted.text.splitlines(), FALLBACK_LAYOUT

    form = requisites.split(" ", 1)[0] if requisites else title.split(" ", 1)[0]
    date = parse_russian_date(requisites) or (parse_russian_date(tail.group(0)) if tail else None)

    if form.lower() in _EDITORIAL_FORMS:
        if not text:
            result.errors.append(
                ParseError.missing_part(SITE, "article text", [f"{layout}: {_text_selector(layout)}"], url)
            )
            return result
        result.add(
            "documents",
            site=SITE,
            page_kind="article",
            layout=layout,
            title=title,
            published_at=dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC) if date else None,
            language=lang,
            author=None,
            lead=paragraphs[0] if paragraphs else None,
            body_text=text,
        )
        return result

    place = _clean_place(_text(place_node)) or (
        _clean_place(tail.group("place")) if tail and tail.group("place") else None
    )
    status_node = tree.css_first(".document__status, .doc-status")
    status_raw = _text(status_node) or None
    status = next((code for word, code in _STATUSES if status_raw and word in status_raw.lower()), "unknown")
    public_text = "\n".join(part for part in (full_title, requisites, _text(place_node), text) if part)
    result.add(
        "documents",
        site=SITE,
        page_kind="partial" if is_partial else "legal_act",
        layout=layout,
        title=title,
        published_at=None,
        language=lang,
        author=None,
        lead=None,
        body_text=public_text,
    )
    number = _NUMBER.search(requisites)
    result.add(
        "legal_acts",
        site=SITE,
        jurisdiction_iso3="KAZ",
        title=title,
        act_type=act_type_of(form),
        act_form_raw=form or None,
        act_number=number.group(1).rstrip(".") if number else None,
        adopted_on=date,
        signed_place=place,
        issuing_body=None,
        status=status,
        status_raw=status_raw,
        language=lang,
        is_partial=is_partial,
        in_force_from=in_force_from(status_raw) or in_force_from(requisites),
        lost_force_on=lost_force_on(status_raw) or lost_force_on(requisites),
    )
    return result


def _text_selector(layout: str) -> str:
    return next(text_sel for name, _, _, _, text_sel in _LAYOUTS if name == layout)


def _add_fallback(result: ParseResult, html: str, url: str, lang: str) -> None:
    """No title selector matched: the page's text (and title) from trafilatura, or the error naming both."""
    tried = [f"{name}: title ({title_sel})" for name, title_sel, *_ in _LAYOUTS]
    extracted = main_text(html, url, want_title=True)
    if extracted.text is None or not extracted.title:
        tried.append(f"fallback: {extracted.note}" + ("" if extracted.title else ", no title"))
        result.errors.append(ParseError.missing_part(SITE, "document title and text", tried, url))
        return
    result.errors.append(fallback_warning(SITE, "document title and text", tried, url))
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act",
        layout=FALLBACK_LAYOUT,
        title=extracted.title,
        published_at=None,
        language=lang,
        author=None,
        lead=None,
        body_text=extracted.text,
    )
