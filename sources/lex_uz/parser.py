"""Parse lex.uz act pages (div#divCont blocks or PDF-only #pdfBody) into documents, legal acts and articles.

Written by hand: the block classes, title form and status phrases are this site's own (SITES.md). Each
direct child of ``div#divCont`` is a block ``div.lx_elem.<TYPE>`` (its numeric anchor id on the block or,
on today's pages, on an inner ``div[id]``); ``div.lx_no_select`` blocks (CHANGES_ORIGINS, COMMENT with
COMMENTLEXUZ, INDEXES_ON_REF) are editorial, not enacted text. The header's date of entry into force
(``span#lblNEffectDate``, "Кучга кириш санаси") is ``in_force_from``, never the adoption date, which is
in the ``<title>`` ("PF-206-сон 23.09.2026.") or the header's act line ("..., 23.09.2026 yildagi PF-206-son").
A PDF-only act is still an act: its body_text is the header's requisites and the line
"[text published only as a PDF: <url>]", and its ``legal_acts`` row is ``is_partial``. A page without
either layout gets its text from trafilatura (layout "fallback:trafilatura", a ``layout_fallback``
warning); number, dates and status stay this parser's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.fallback import FALLBACK_LAYOUT, fallback_warning, main_text
from sources.generic.tree import inside, open_page
from sources.lex_uz.card import parse_card
from sources.lex_uz.requisites import (
    _A,
    JURISDICTION,
    SITE,
    act_type,
    clean,
    detect_language,
    signed_place,
)
from sources.normalise.force import lost_force_on
from sources.records import ParseError, ParseResult

EDITORIAL_CLASSES = {"COMMENT", "COMMENTLEXUZ", "CHANGES_ORIGINS", "PUBLICATION_ORIGIN", "INDEXES_ON_REF"}
NOT_ENACTED = "lx_no_select"  # the class lex.uz gives every editorial block
SEMANTIC_CLASSES = EDITORIAL_CLASSES | {
    "ACT_TITLE", "ACT_FORM", "ACCEPTING_BODY", "ACT_ESSENTIAL_ELEMENTS_NUM", "ACT_ESSENTIAL_ELEMENTS",
    "TEXT_HEADER_DEFAULT", "CLAUSE_DEFAULT", "ACT_TEXT", "TABLE_STD", "FOOTNOTE", "SIGNATURE",
    "NEW_EDITION", "BY_DEFAULT", "TEXT_CENTER", "DEPARTMENTAL", "ACT_TITLE_APPL",
}  # fmt: skip
ANNEX_BANNER = "APPL_BANNER"  # APPL_BANNER, APPL_BANNER_RIGHT, ...: matched by prefix
TOOLBARS = ".lx_elem2, .lx_elem3"  # per-block action bars ("Hujjatga taklif yuborish", "¶"), not text
# Header labels of the date of entry into force and of adoption, in the site's chrome languages.
IN_FORCE_LABEL = re.compile(r"кучга\s+кириш|kuchga\s+kirish|вступлени\w*\s+в\s+силу|entry\s+into\s+force", re.I)
ADOPTED_LABEL = re.compile(r"қабул\s+қилинган|qabul\s+qilingan|дата\s+принятия|adoption", re.I)
PDF_EMBED = re.compile(r"PDFObject\.embed\(\s*[\"']([^\"']+)[\"']")

# `<title>`: "{NUMBER}-сон {dd.mm.yyyy}. {Title}"; treaties often lack the number.
TITLE_FORM = re.compile(
    r"^(?:(?P<number>\S+?)-(?:сон|son)\s+)?(?P<date>\d{2}\.\d{2}\.\d{4})\.?\s*(?P<title>.*?)(?:\s+[-|]\s+lex\.uz)?$",
    re.IGNORECASE,
)
DATE_DMY = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
LOST_FORCE = re.compile(r"кучини\s+йўқотган|kuchini\s+yo" + _A + r"qotgan|утрати\w*\s+силу|lost\s+force", re.I)
IN_FORCE = re.compile(r"\bамалда\b|\bamalda\b|\bдействующ\w*|\bдействует\b|\bin\s+force\b", re.I)
HEADING_NUMBER = re.compile(
    r"^(?:раздел|глава|бўлим|bo" + _A + r"lim|боб|bob|section|chapter)\s+(?P<a>[IVXLC\d]+)"
    r"|^(?P<b>[IVXLC\d]+)[\s.-]*(?:бўлим|bo" + _A + r"lim|боб|bob)\b",
    re.IGNORECASE,
)
SECTION_WORDS = re.compile(r"раздел|бўлим|bo" + _A + r"lim|section", re.IGNORECASE)
ARTICLE_NUMBER = re.compile(
    r"^(?:статья|модда|modda|article)\s+(?P<a>\d+(?:\.\d+)*)"
    r"|^(?P<b>\d+(?:\.\d+)*)\s*-\s*(?:модда|modda)"
    r"|^(?P<c>\d+(?:\.\d+)*)\.",
    re.IGNORECASE,
)
CLAUSE_NUMBER = re.compile(r"^(?P<n>\d{1,3}(?:\.\d{1,3})*|[а-яa-z])[.)]\s+")


def parse(body: bytes, url: str, fetched_at: datetime, headers: Mapping[str, str] | None = None) -> ParseResult:
    """Read one lex.uz page into documents, legal_acts and legal_act_articles rows, or a ``ParseError``."""
    if _is_card(url):
        return parse_card(body, url, fetched_at, headers)
    result = ParseResult()
    opened = open_page(body, headers, SITE, url, keep_truncated=True)
    if isinstance(opened, ParseError):
        result.errors.append(opened)
        return result
    html, tree = opened.text, opened.tree
    for toolbar in tree.css(TOOLBARS):
        toolbar.decompose()
    title_node = tree.css_first("title")
    page_title = clean(title_node.text()) if title_node else ""
    title_match = TITLE_FORM.match(page_title)
    header = read_header(tree)

    container = tree.css_first("div#divCont")
    blocks = _blocks(container) if container is not None else ([], {})
    # An empty <body> is an error of its own. Text blocks inside <body> prove it is not empty; otherwise
    # read its whole text (scripts and JSON included, as it was before the toolbars were removed).
    if not (blocks[0] and inside(container, tree.body)) and body_is_blank(html):
        result.errors.append(ParseError("empty_body", f"{SITE}: empty page body ({len(body)} bytes) at {url}"))
        return result
    if not blocks[0]:
        if container is None and tree.css_first("#pdfBody") is not None:
            _add_pdf_only(result, tree, page_title, title_match, header, url)
            return result
        found = "div#divCont without text blocks" if container is not None else "no div#divCont and no #pdfBody"
        if not opened.complete:
            result.errors.append(ParseError("truncated", f"{SITE}: page ends before </html>; {found} at {url}"))
            return result
        _add_fallback(result, tree, html, url, found, title_match, header)
        return result

    blocks, first = blocks
    enacted_text = "\n".join([b["text"] for b in blocks if not b["is_editorial"]])
    # The <title> keeps the act's own capitalisation; the ACT_TITLE block is printed in capitals.
    title = (title_match["title"] if title_match and title_match["title"] else None) or first.get("ACT_TITLE") or None
    language = detect_language(enacted_text)
    number = (title_match["number"] if title_match else None) or _number(first.get("ACT_ESSENTIAL_ELEMENTS_NUM"))
    if not title or not enacted_text:
        part = "act title (<title>, ACT_TITLE)" if not title else "enacted text (only editorial blocks)"
        result.errors.append(ParseError.missing_part(SITE, part, ["div#divCont blocks"], url))
        return result
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act",
        layout="divCont",
        title=title,
        published_at=None,  # acts carry an adoption date (legal_acts.adopted_on), not a publication time
        language=language,
        author=None,
        lead=None,
        body_text=enacted_text,
    )
    _add_act(
        result,
        title_match,
        header,
        title=title,
        number=number,
        form=first.get("ACT_FORM"),
        place=signed_place(first.get("ACT_ESSENTIAL_ELEMENTS")),
        body=first.get("ACCEPTING_BODY"),
        language=language,
        is_partial=False,
    )
    result.rows.setdefault("legal_act_articles", []).extend(blocks)  # rows in the shape result.add makes
    return result


def _is_card(url: str) -> bool:
    """Whether the URL's path is a card's (``/actinfo/card1/``). ``urlparse`` is run only when the URL holds
    that text, or a tab or line break (which ``urlparse`` drops, so they could split it): most URLs are not
    cards, and the parse costs more than the search.
    """
    if "/actinfo/card1/" not in url and url.isprintable():
        return False
    return "/actinfo/card1/" in urlparse(url).path


def body_is_blank(html: str) -> bool:
    """The empty-page check on the unmodified page: no text but whitespace anywhere in <body>."""
    body = LexborHTMLParser(html).body
    return body is None or not body.text().strip()


_KINDS: dict[str | None, str | None] = {}  # class attribute -> semantic class, memoised per process


def _kind(class_attr: str | None) -> str | None:
    """The block's semantic class (the same pick as ``next(c for c in set(classes) if c in SEMANTIC_CLASSES)``,
    annex banners by their prefix); "lx_no_select" blocks of no known class are editorial "COMMENT".
    """
    classes = set((class_attr or "").split())
    kind = next((c for c in classes if c in SEMANTIC_CLASSES), None)
    if kind is None:
        kind = next((ANNEX_BANNER for c in classes if c.startswith(ANNEX_BANNER)), None)
    if kind is None and NOT_ENACTED in classes:
        kind = "COMMENT"
    elif kind is not None and NOT_ENACTED in classes and kind not in EDITORIAL_CLASSES:
        kind = "COMMENT"  # whatever else it is, lex.uz marks it as not part of the enacted text
    if len(_KINDS) > 4096:
        _KINDS.clear()
    _KINDS[class_attr] = kind
    return kind


def _inner_id(block: LexborNode) -> str | None:
    """The anchor id on the block's inner ``div[id]`` (today's markup), looking at its child elements only."""
    child = block.child
    while child is not None:
        if child.tag == "div":
            value = child.attributes.get("id")
            if value:
                return value
        child = child.next
    return None


def _negative_number(block_id: str) -> bool:
    return block_id[0] == "-" and block_id[1:].isdecimal()


def _blocks(container: LexborNode) -> tuple[list[dict], dict[str | None, str]]:
    r"""The container's child blocks with text, as legal_act_articles rows, and the first text of each kind.

    The hot loop of the parser (one pass per block of the act), so ``clean`` and the block-id check are
    written inline: ``re.fullmatch(r"-?\d+", s)`` is ``s.isdecimal()`` or "-" and a decimal rest, as ``\d``
    in str patterns is exactly ``str.isdecimal``.
    """
    rows: list[dict] = []
    first: dict[str | None, str] = {}
    kinds = _KINDS
    for node in container.iter():
        text = node.text()
        if not (text.isprintable() and "  " not in text and text.strip() == text):
            text = " ".join(text.split())  # clean(text); printable text has no whitespace but U+0020
        if not text:
            continue
        attributes = node.attributes
        class_attr = attributes.get("class")
        kind = kinds[class_attr] if class_attr in kinds else _kind(class_attr)
        is_editorial = kind in EDITORIAL_CLASSES
        level, number, heading = ("note", None, None) if is_editorial else _level(kind, text)
        block_id = attributes.get("id") or _inner_id(node)
        if kind not in first:
            first[kind] = text
        rows.append(
            {
                "position": len(rows),
                "block_id": block_id if block_id and (block_id.isdecimal() or _negative_number(block_id)) else None,
                "level": level,
                "number": number,
                "heading": heading,
                "text": text,
                "is_editorial": is_editorial,
            }
        )
    return rows, first


def _level(kind: str | None, text: str) -> tuple[str, str | None, str | None]:
    """(level, number, heading) of a block that is no note, from its lex.uz class and its text."""
    if kind == "ACT_TEXT":
        match = CLAUSE_NUMBER.match(text)
        return ("clause", match["n"], None) if match else ("text", None, None)
    if kind == "CLAUSE_DEFAULT":
        match = ARTICLE_NUMBER.match(text)
        number = (match["a"] or match["b"] or match["c"]) if match else None
        # lstrip(" "): clean drops leading spaces anyway; without them its fast path returns the text as is
        heading = clean(text[match.end() :].lstrip(".:").lstrip(" ")) if match else text
        return "article", number, heading or None
    if kind == "TEXT_HEADER_DEFAULT":
        match = HEADING_NUMBER.match(text)
        level = "section" if SECTION_WORDS.search(text[:20]) else "chapter"
        return level, (match["a"] or match["b"]) if match else None, text
    if kind == "ACT_TITLE_APPL" or kind == ANNEX_BANNER:
        return "section", None, text  # an annex starts: its banner and its own title
    return "text", None, None


def _number(text: str | None) -> str | None:
    """The act number without its sign and suffix: "№ УП-4947" / "ПФ-4947-сон" -> "УП-4947" / "ПФ-4947"."""
    number = re.sub(r"^№\s*|-(?:сон|son)$", "", clean(text), flags=re.IGNORECASE).strip()
    return number or None


def _date(text: str | None) -> date | None:
    match = DATE_DMY.search(text or "")
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Header:
    """The page header (``div.docHeader``): its items and the texts the status phrase is looked for in."""

    items: list[tuple[str, str]]  # (label, value) of each div.docHeader__item; the act's own line has value ""
    texts: list[str]  # text of every element whose class names docHeader (the header itself included)


def read_header(tree: LexborHTMLParser) -> Header:
    """The header, read in one selector pass inside ``div.docHeader`` (found by ``css_first`` near the top);
    a page without it has its status phrases looked for in the whole page, as before there was a header.
    """
    node = tree.css_first("div.docHeader")
    scope = node if node is not None else tree
    items: list[tuple[str, str]] = []
    texts: list[str] = []
    for element in scope.css("[class*='docHeader']"):
        text = clean(element.text())
        texts.append(text)
        classes = (element.attributes.get("class") or "").split()
        if "docHeader__item" in classes:
            items.append(("", ""))
        elif items and "docHeader__item-label" in classes:
            items[-1] = (text, items[-1][1])
        elif items and "docHeader__item-value" in classes:
            items[-1] = (items[-1][0], text)
    return Header(items, texts)


def _in_force_from(header: list[tuple[str, str]]) -> date | None:
    """The header's date of entry into force (``span#lblNEffectDate`` sits in the value so labelled): the value
    labelled so, or the first value no label calls the adoption date (SITES.md: the first header value is
    the entry into force).
    """
    for label, value in header:
        if value and IN_FORCE_LABEL.search(label):
            return _date(value)
    for label, value in header:
        if value and DATE_DMY.fullmatch(value):
            return None if ADOPTED_LABEL.search(label) else _date(value)
    return None


def _header_adopted_on(header: list[tuple[str, str]]) -> date | None:
    """Adoption date from the header: a value labelled "Дата принятия" / "Қабул қилинган сана", else the
    date in the act's own line ("Oʻzbekiston Respublikasi Prezidentining Farmoni, 23.09.2026 yildagi ...").
    """
    for label, value in header:
        if value and ADOPTED_LABEL.search(label):
            return _date(value)
    for label, value in header:
        if not value and DATE_DMY.search(label):
            return _date(label)
    return None


def _add_act(
    result: ParseResult,
    title_match,
    header: Header,
    *,
    title: str,
    number: str | None,
    form: str | None,
    place: str | None,
    body: str | None,
    language: str | None,
    is_partial: bool,
) -> None:
    status, status_raw = _status(header.texts)
    result.add(
        "legal_acts",
        site=SITE,
        jurisdiction_iso3=JURISDICTION,
        title=title,
        act_type=act_type(form, number, title),
        act_form_raw=form,
        act_number=number,
        adopted_on=_date(title_match["date"] if title_match else None) or _header_adopted_on(header.items),
        signed_place=place,
        issuing_body=body,
        status=status,
        status_raw=status_raw,
        language=language,
        is_partial=is_partial,
        in_force_from=_in_force_from(header.items),
        lost_force_on=lost_force_on(status_raw),
    )


def _status(texts: list[str]) -> tuple[str, str | None]:
    """Status from the header phrases; the shortest matching header element is the phrase itself."""
    for status, pattern in (("lost_force", LOST_FORCE), ("in_force", IN_FORCE)):
        matches = [t for t in texts if pattern.search(t)]
        if matches:
            return status, min(matches, key=len)
    return "unknown", None


def _add_pdf_only(result: ParseResult, tree: LexborHTMLParser, page_title: str, title_match, header, url: str) -> None:
    """An act whose text lex.uz publishes only as a PDF: the act with its requisites, and a body that says so."""
    title = (title_match["title"] if title_match else page_title) or None
    if not title:
        tried = ["<title> (NUMBER-сон dd.mm.yyyy. Title)"]
        result.errors.append(ParseError.missing_part(SITE, "act title", tried, url))
        return
    number = title_match["number"] if title_match else None
    language = detect_language(title)
    requisites = [": ".join(part for part in item if part) for item in header.items if any(item)]
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act",
        layout="pdfBody",
        title=title,
        published_at=None,
        language=language,
        author=None,
        lead=None,
        body_text="\n".join([*requisites, f"[text published only as a PDF: {_pdf_url(tree, url)}]"]),
    )
    _add_act(
        result, title_match, header, title=title, number=number,
        form=None, place=None, body=None, language=language, is_partial=True,  # the text is a PDF's
    )  # fmt: skip


def _pdf_url(tree: LexborHTMLParser, url: str) -> str:
    """Where the act's PDF is: the ``PDFObject.embed`` call, an element in ``#pdfBody``, else the page itself."""
    node = tree.css_first("#pdfBody embed[src], #pdfBody iframe[src], #pdfBody object[data]")
    if node is not None:
        return urljoin(url, node.attributes.get("src") or node.attributes.get("data") or "")
    for script in tree.css("script"):
        embed = PDF_EMBED.search(script.text())
        if embed:
            return urljoin(url, embed[1])
    return url


def _add_fallback(
    result: ParseResult, tree: LexborHTMLParser, html: str, url: str, found: str, title_match, header
) -> None:
    """No block layout and no PDF: the text from trafilatura; the act's requisites from the <title> and header."""
    title = title_match["title"] if title_match and title_match["title"] else None
    extracted = main_text(html, url, want_title=title is None)
    title = title or extracted.title
    if extracted.text is None or not title:
        tried = [found, f"fallback: {extracted.note}"]
        if title_match is None:
            result.errors.append(ParseError("unknown_layout", f"{SITE}: {'; '.join(tried)} at {url}"))
        else:
            result.errors.append(ParseError.missing_part(SITE, "act text", tried, url))
        return
    result.errors.append(fallback_warning(SITE, "act text", [found], url))
    language = detect_language(extracted.text)
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act",
        layout=FALLBACK_LAYOUT,
        title=title,
        published_at=None,
        language=language,
        author=None,
        lead=None,
        body_text=extracted.text,
    )
    if title_match is not None:  # the <title> is the site's own requisites line: the act is known
        number = title_match["number"]
        _add_act(
            result, title_match, header, title=title, number=number,
            form=None, place=None, body=None, language=language, is_partial=False,
        )  # fmt: skip
