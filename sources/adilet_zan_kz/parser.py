"""Parse adilet.zan.kz pages (act text, the /info sub-page, search listings) into documents, acts and articles.

Written by hand: no library knows this register's markup (SITES.md), its status classes or the word order
of its requisites lines, which differs between Russian ("Кодекс ... от 29 октября 2015 года № 375-V ЗРК.")
and Kazakh ("... 2015 жылғы 29 қазандағы № 375-V Кодексі."). Dates go through ``sources.normalise.dates``.
The same paths are served by ``adilet.zan.kz`` and ``old.adilet.zan.kz``. On the real pages the text sits
a few ``div``s below ``div.container_gamma.text`` (in an ``article``), sections and chapters share one
``<h3>`` split by ``<br>``, and notes are loose ``span.note`` runs beside the paragraphs: all three are read
as blocks. ``adilet.zan.kz`` itself answers every path with a small JavaScript shell: that page is the
error ``js_shell``, never a document. The date of entry into force comes from the act's opening note
("Вводится в действие с 01.01.2016", "... бастап қолданысқа енгізіледі"). An act page whose text
selectors find nothing gets its text from trafilatura (layout "fallback:trafilatura", a
``layout_fallback`` warning); title, requisites and status stay this parser's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.charset import decode_page
from sources.fallback import FALLBACK_LAYOUT, fallback_warning, main_text
from sources.generic.tree import inside, open_page, visible_text
from sources.normalise.dates import parse_date
from sources.normalise.force import in_force_from, lost_force_on
from sources.normalise.spelling import squash_spaces
from sources.records import ParseError, ParseResult

SITE = "adilet.zan.kz"
JURISDICTION = "KAZ"
PATH_LANGUAGES = {"rus": "ru", "kaz": "kk", "eng": "en"}
# Letter + digits, sometimes a trailing "_" (P990000287_): kept exactly as given.
ACT_ID = re.compile(r"^[A-Za-z]\d+_?$")

# Selector variants, preferred first; the one that matched is recorded in documents.layout.
TITLE_SELECTORS = ("div.container_alpha.slogan h1", "h1")
TEXT_SELECTORS = ("div.container_gamma.text article", "div.container_gamma.text")
INFO_TABLE_SELECTORS = ("table.params", "table#ethernatable")
LISTING_SELECTOR = "div.post_holder"

# arc: an archived edition, which says nothing of whether the act is in force now.
STATUS_CLASSES = {"new": "in_force", "upd": "in_force", "yts": "lost_force", "err": "unknown", "arc": "unknown"}
# Elements that hold text blocks, looked into; inline elements standing loose between blocks form one run.
WRAPPERS = ("div", "section", "article", "main")
INLINE = frozenset({"span", "a", "font", "b", "i", "u", "strong", "em", "sup", "sub", "small"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A page with less visible text than this and scripts is the JavaScript shell, not a document.
SHELL_MAX_TEXT = 200
# Notes on amendments ("Сноска.", "Ескерту.") say when the AMENDMENT came into force, not the act.
AMENDMENT_NOTE = re.compile(r"^(?:сноска|ескерту|footnote)\b", re.IGNORECASE)

# Form word -> act type; checked in order, so "Конституционный закон" is a law, not the constitution.
ACT_TYPES = [
    ("code", r"кодекс|\bcode\b"),
    ("law", r"\bзакон|\bзаң|\blaw\b"),
    ("constitution", r"конституци|constitution"),
    ("decree", r"\bуказ|жарлы[қғ]|\bdecree"),
    ("resolution", r"постановлени|қаулы|\bresolution"),
    ("order", r"\bприказ|бұйры[қғ]|\border\b"),
    ("agreement", r"соглашени|келісім|\bagreement"),
    ("treaty", r"\bдоговор|\bшарт\b|шартқа|\btreaty"),
    ("decision", r"\bрешени|шешім|\bdecision"),
    ("protocol", r"протокол|хаттама|\bprotocol"),
]
_ACT_TYPE_PATTERNS = [(kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in ACT_TYPES]
# The act_id's letter when the requisites name no form: Z law, K code, P government resolution, U decree.
ID_LETTER_TYPES = {"Z": "law", "K": "code", "P": "resolution", "U": "decree"}

_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# "№ 375-V ЗРК", "N 287", "No. 375-V ZRK": the number and an upper-case suffix (ЗРК, ҚРЗ) when one follows.
NUMBER = re.compile(rf"(?<!\w)(?:№|N(?=\s*\d)|No\.?(?=\s*\d))\s*(?P<number>[^\s,;]+(?:\s+[{_UPPER}]{{2,5}}(?!\w))?)")
RU_FORM = re.compile(r"^(?P<form>.+?)\s+(?:от|dated)\s+", re.IGNORECASE)
KK_YEAR = re.compile(r"\b(?:19|20)\d\d\s*жыл", re.IGNORECASE)

SECTION = re.compile(
    r"^(?:раздел|section)\s+(?P<a>[IVXLC\d]+(?:-\d+)?)|^(?P<b>[IVXLC\d]+(?:-\d+)?)\s*-\s*бөлім", re.IGNORECASE
)
CHAPTER = re.compile(r"^(?:глава|chapter)\s+(?P<a>\d+(?:-\d+)*)|^(?P<b>\d+(?:-\d+)*)\s*-\s*тарау", re.IGNORECASE)
ARTICLE = re.compile(r"^(?:статья|article)\s+(?P<a>\d+(?:-\d+)*)|^(?P<b>\d+(?:-\d+)*)\s*-\s*бап\b", re.IGNORECASE)
CLAUSE = re.compile(r"^(?P<n>\d{1,3}(?:-\d{1,3})?)[.)]\s+")
# Editorial notes of the register, not enacted text: footnotes on amendments and the institute's remarks.
EDITORIAL = re.compile(
    r"^(?:сноска|ескерту|footnote)\s*\.|^примечание\s+(?:изпи|рцпи)|^\S+-(?:ның|нің)\s+ескертпесі"
    r"|^note\s+of\s+(?:the\s+)?(?:illi|rcli)",
    re.IGNORECASE,
)
ANCHOR_ID = re.compile(r"^z\d+$")
HEADING_LEAD = re.compile(r"^\s*(?:-?\s*(?:бап|тарау|бөлім)\b)?[.:\s]*", re.I)


def _alternative(name: str, pattern: re.Pattern[str]) -> str:
    """``pattern`` as the alternative ``name`` of ``BLOCK_START``, its groups renamed ``{name}_{group}``."""
    return f"(?P<{name}>{pattern.pattern.replace('(?P<', f'(?P<{name}_')})"


# The patterns a block's text is read with, in the order they are tried, as one alternation: one match says
# which is the first to match (``lastgroup``), as trying them one after another would. (CLAUSE has no
# letters, so IGNORECASE does not change it.)
BLOCK_PATTERNS = {"editorial": EDITORIAL, "section": SECTION, "chapter": CHAPTER, "article": ARTICLE, "clause": CLAUSE}
BLOCK_START = re.compile("|".join(_alternative(name, p) for name, p in BLOCK_PATTERNS.items()), re.IGNORECASE)
_NUMBER_GROUPS = {name: (f"{name}_a", f"{name}_b") for name in ("section", "chapter", "article")}

# /info rows: field -> label beginnings in ru, kk, en, in priority order.
INFO_LABELS: dict[str, tuple[str, ...]] = {
    "adopted_on": ("дата принятия", "қабылданған күні", "қабылдау күні", "актінің қабылданған күні",
                   "date of adoption"),
    "issuing_body": ("принявший орган", "орган, принявший", "қабылдаған орган", "актіні қабылдаған орган",
                     "adopting body", "issuing body", "authority"),
    "act_form": ("вид документа", "форма акта", "құжат түрі", "құжаттың түрі", "актінің нысаны", "type of document",
                 "form of act", "form of the act"),
    "act_number": ("номер документа", "номер акта", "регистрационный номер нпа", "номер", "құжат нөмірі", "нөмірі",
                   "number"),
    "status": ("статус", "мәртебесі", "status"),
    "in_force_from": ("дата введения в действие", "дата вступления в силу", "қолданысқа енгізілген күні",
                      "күшіне енген күні", "date of entry into force"),
    "lost_force_on": ("дата утраты силы", "күшін жойған күні", "date of loss of force"),
}  # fmt: skip
STATUS_WORDS = [
    ("lost_force", re.compile(r"утрат|күшін\s+жой|lost\s+force|no\s+longer\s+valid", re.IGNORECASE)),
    ("not_in_force", re.compile(r"не\s+вве|не\s+вступ|not\s+(?:yet\s+)?in\s+force", re.IGNORECASE)),
    ("in_force", re.compile(r"действ|қолданыст|in\s+force|valid", re.IGNORECASE)),
]


# Collapse every run of unicode whitespace (``&nbsp;`` included) to one space and strip the ends.
clean = squash_spaces


@dataclass(frozen=True)
class Requisites:
    """What the requisites line under the title says."""

    act_form_raw: str | None
    act_type: str | None
    adopted_on: date | None
    act_number: str | None


@dataclass(frozen=True)
class PagePath:
    """What an adilet.zan.kz URL says: the language, the act's id, the sub-page, and whether it is a search."""

    language: str | None
    act_id: str | None
    sub_page: str | None  # None (the text), "info", "links", "history", or an edition date
    is_search: bool


def page_path(url: str) -> PagePath:
    """Language, act_id and sub-page of ``/{rus|kaz|eng}/docs/{act_id}[/info]`` or a search URL."""
    parts = [p for p in urlparse(url).path.split("/") if p]
    language = PATH_LANGUAGES.get(parts[0]) if parts else None
    act_id, sub_page = None, None
    if "docs" in parts:
        at = parts.index("docs")
        if at + 1 < len(parts) and ACT_ID.match(parts[at + 1]):
            act_id = parts[at + 1]
            sub_page = parts[at + 2] if at + 2 < len(parts) else None
    return PagePath(language, act_id, sub_page, is_search="search" in parts)


# The act types of fct_legal_acts (DESIGN.md); the register's others (order, decision, constitution) are "other".
CONTRACT_ACT_TYPES = {"treaty", "agreement", "declaration", "law", "code", "decree", "resolution", "protocol", "other"}


def act_type(form: str | None, act_id: str | None = None) -> str | None:
    """Normalise the act type from its form words, else from the act_id's letter; None when neither says."""
    if form:
        for kind, pattern in _ACT_TYPE_PATTERNS:
            if pattern.search(form):
                return kind if kind in CONTRACT_ACT_TYPES else "other"
    if act_id:
        return ID_LETTER_TYPES.get(act_id[0].upper(), "other")
    return None


def parse_requisites(line: str | None, act_id: str | None = None) -> Requisites:
    """Form, type, adoption date and number from a requisites line in Russian, Kazakh or English."""
    line = clean(line)
    if not line:
        return Requisites(None, act_type(None, act_id), None, None)
    number_match = NUMBER.search(line)
    number = number_match["number"].rstrip(".") if number_match else None
    year_match = KK_YEAR.search(line)
    form = None
    if year_match and number_match and number_match.start() > year_match.start():
        # Kazakh: issuer before the date, form word after the number ("... № 375-V Кодексі.").
        issuer = clean(line[: year_match.start()])
        tail = clean(line[number_match.end() :]).rstrip(".")
        form = clean(f"{issuer} {tail}") or None
    elif (form_match := RU_FORM.match(line)) is not None:
        form = form_match["form"]
    return Requisites(
        act_form_raw=form,
        act_type=act_type(form, act_id),
        adopted_on=parse_date(line),
        act_number=number or None,
    )


def parse(body: bytes, url: str, fetched_at: datetime, headers: Mapping[str, str] | None = None) -> ParseResult:
    """Read one adilet.zan.kz page into rows (documents, legal_acts, legal_act_articles) or a ``ParseError``."""
    result = ParseResult()
    opened = open_page(body, headers, SITE, url, keep_truncated=True)
    if isinstance(opened, ParseError):
        result.errors.append(opened)
        return result
    html, tree, truncated = opened.text, opened.tree, not opened.complete
    where = page_path(url)
    language = where.language or _html_language(tree)

    # The empty-page check reads the whole body text (scripts and JSON included); an act page whose text
    # blocks are found inside <body> is not empty, so it is made only where nothing proves that already.
    if where.sub_page == "info":
        if not _blank(tree, result, url, len(body)):
            _add_info(result, tree, url, where, language, truncated)
    elif where.sub_page in ("links", "history"):
        if not _js_shell(tree, result, url, truncated) and not _blank(tree, result, url, len(body)):
            result.errors.append(
                ParseError("unsupported_page", f"{SITE}: the /{where.sub_page} sub-page is not parsed at {url}")
            )
    elif (gamma := tree.css_first(TEXT_SELECTORS[1])) is None and tree.css_first(LISTING_SELECTOR) is not None:
        if not _blank(tree, result, url, len(body)):
            _add_listing(result, tree, url, language)
    else:
        _add_act(result, tree, gamma, html, url, where, language, truncated, len(body))
    return result


def _js_shell(tree: LexborHTMLParser, result: ParseResult, url: str, truncated: bool) -> bool:
    """Whether the page is the JavaScript shell (scripts, none of the register's markup, almost no visible
    text); records the ``js_shell`` error. Called where a page lacks what it should have, never on the
    pages that parse, which so pay nothing for it.
    """
    if truncated or tree.css_first("script") is None:
        return False
    if tree.css_first(TITLE_SELECTORS[0]) is not None or tree.css_first(TEXT_SELECTORS[1]) is not None:
        return False
    text = squash_spaces(visible_text(tree))
    if len(text) >= SHELL_MAX_TEXT:
        return False
    result.errors.append(
        ParseError(
            "js_shell",
            f"{SITE}: the JavaScript shell the site serves for every path ({len(tree.html or '')} characters, "
            f"{len(text)} of them visible text), not the act: fetch the page from old.adilet.zan.kz at {url}",
        )
    )
    return True


def _blank(tree: LexborHTMLParser, result: ParseResult, url: str, size: int) -> bool:
    """The empty-page check: no text but whitespace in <body> (``size`` bytes); records the error."""
    if tree.body.text().strip():
        return False
    result.errors.append(ParseError("empty_body", f"{SITE}: empty page body ({size} bytes) at {url}"))
    return True


def listing_items(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> list[dict[str, str | None]]:
    """Search-result items: absolute ``url``, ``act_id``, ``title``, ``status`` (normalised) and ``requisites``."""
    return _listing_items(LexborHTMLParser(decode_page(body, headers).text), url)


def _listing_items(tree: LexborHTMLParser, url: str) -> list[dict[str, str | None]]:
    items = []
    for holder in tree.css(LISTING_SELECTOR):
        link = holder.css_first("h4.post_header a[href]") or holder.css_first("a[href]")
        if link is None:
            continue
        absolute = urljoin(url, link.attributes.get("href") or "")
        status, _ = _status(holder)
        requisites = holder.css_first("p")
        items.append(
            {
                "url": absolute,
                "act_id": page_path(absolute).act_id,
                "title": clean(link.text()),
                "status": status,
                "requisites": clean(requisites.text()) if requisites is not None else None,
            }
        )
    return items


def _first_match(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> tuple[str | None, LexborNode | None]:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None and clean(node.text()):
            return selector, node
    return None, None


def _html_language(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first("html")
    lang = (node.attributes.get("lang") or "").lower()[:2] if node is not None else ""
    return {"ru": "ru", "kk": "kk", "kz": "kk", "en": "en"}.get(lang)


def _status(scope: LexborHTMLParser | LexborNode) -> tuple[str, str | None]:
    """(status, status_raw) from ``span.status.status_{new|upd|yts|err}``; status_raw is the class suffix."""
    span = scope.css_first("span.status")
    if span is None:
        return "unknown", None
    for token in (span.attributes.get("class") or "").split():
        if token.startswith("status_"):
            suffix = token.removeprefix("status_")
            return STATUS_CLASSES.get(suffix, "unknown"), suffix
    return "unknown", clean(span.text()) or None


def _requisites_line(title_node: LexborNode) -> str | None:
    """The first ``p`` after the title inside its container (the requisites line)."""
    container = title_node.parent
    if container is None:
        return None
    for p in container.css("p"):
        text = clean(p.text())
        if text:
            return text
    return None


def _missing_message(url: str, missing: list[str], truncated: bool, known: bool = False) -> ParseError:
    """truncated, or missing_part when the page is known to be an act's (its URL names one), else unknown_layout."""
    if truncated:
        return ParseError("truncated", f"{SITE}: page ends before </html>; no {' and no '.join(missing)} at {url}")
    if known:
        return ParseError("missing_part", f"{SITE}: missing_part: {' and '.join(missing)} at {url}")
    return ParseError("unknown_layout", f"{SITE}: no {' and no '.join(missing)} at {url}")


def _text_blocks(tree: LexborHTMLParser, gamma: LexborNode | None) -> tuple[str | None, LexborNode | None, list[dict]]:
    """The first of TEXT_SELECTORS whose node holds text, with that node and its blocks.

    ``_first_match(tree, TEXT_SELECTORS)`` and its blocks, without cleaning the whole text: blocks with text
    already show that the node's text is not blank. ``gamma`` is the page's first ``TEXT_SELECTORS[1]``
    (found by ``parse``); the selectors are not run over the whole page again: without it neither matches,
    and the first ``article`` inside it is the page's first ``TEXT_SELECTORS[0]`` (any other such article
    comes after it in document order or inside it). Only when it holds no article is the page searched.
    """
    if gamma is None:
        return None, None, []
    for selector in TEXT_SELECTORS:
        if selector == TEXT_SELECTORS[1]:
            node = gamma
        else:
            node = gamma.css_first("article")
            if node is None:
                node = tree.css_first(selector)
        if node is not None:
            node_blocks = _blocks(node)
            if node_blocks or node.text().strip():
                return selector, node, node_blocks
    return None, None, []


def _missing_parts(
    title_node: LexborNode | None, text_node: LexborNode | None, text_selector: str | None, has_text: bool
) -> list[str]:
    """What an act page lacks (title, text node, text blocks), each with the selectors tried."""
    missing = []
    if title_node is None:
        missing.append("title (" + ", ".join(TITLE_SELECTORS) + ")")
    if text_node is None:
        missing.append("text (" + ", ".join(TEXT_SELECTORS) + f") and no search results ({LISTING_SELECTOR})")
    elif not has_text:
        missing.append(f"text blocks in {text_selector}")
    return missing


def _add_act(
    result: ParseResult,
    tree: LexborHTMLParser,
    gamma: LexborNode | None,
    html: str,
    url: str,
    where: PagePath,
    language: str | None,
    truncated: bool,
    size: int,
) -> None:
    """The act text page; ``gamma`` is its first ``TEXT_SELECTORS[1]``, ``size`` the page's length in bytes."""
    title_selector, title_node = _first_match(tree, TITLE_SELECTORS)
    text_selector, text_node, blocks = _text_blocks(tree, gamma)
    if not blocks and _js_shell(tree, result, url, truncated):
        return
    if not (blocks and inside(text_node, tree.body)) and _blank(tree, result, url, size):
        return
    layout = f"{title_selector}; {text_selector}"
    body_text = "\n".join([b["text"] for b in blocks if not b["is_editorial"]])
    if title_node is None or not body_text:
        missing = _missing_parts(title_node, text_node, text_selector, bool(body_text))
        if truncated or title_node is None:
            result.errors.append(_missing_message(url, missing, truncated, known=where.act_id is not None))
            return
        found = main_text(html, url)
        if found.text is None:
            missing[-1] += f" (fallback: {found.note})"
            result.errors.append(_missing_message(url, ["act text: " + missing[-1]], False, known=True))
            return
        result.errors.append(fallback_warning(SITE, "act text", [missing[-1]], url))
        layout, body_text, blocks = FALLBACK_LAYOUT, found.text, []
    if truncated:
        result.errors.append(
            ParseError("truncated_text", f"{SITE}: page ends before </html>; the act text may be incomplete at {url}")
        )
    title = clean(title_node.text())
    requisites_line = _requisites_line(title_node)
    requisites = parse_requisites(requisites_line, where.act_id)
    status, status_raw = _status(tree)
    opening = _opening_notes(blocks)
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act",
        layout=layout,
        title=title,
        published_at=None,  # acts carry an adoption date (legal_acts.adopted_on), not a publication time
        language=language,
        author=None,
        lead=None,
        body_text=body_text,
    )
    result.add(
        "legal_acts",
        site=SITE,
        jurisdiction_iso3=JURISDICTION,
        title=title,
        act_type=requisites.act_type,
        act_form_raw=requisites.act_form_raw,
        act_number=requisites.act_number,
        adopted_on=requisites.adopted_on,
        signed_place=None,
        issuing_body=None,  # the text page does not name it apart from the form; the /info page does
        status=status,
        status_raw=status_raw,
        language=language,
        is_partial=False,
        in_force_from=in_force_from(opening),
        lost_force_on=lost_force_on("\n".join(part for part in (requisites_line, opening) if part)),
    )
    result.rows.setdefault("legal_act_articles", []).extend(blocks)  # rows in the shape result.add makes


def _opening_notes(blocks: list[dict]) -> str:
    """The register's notes before the act's first enacted block, without the notes on amendments."""
    notes = []
    for block in blocks:
        if not block["is_editorial"]:
            break
        if not AMENDMENT_NOTE.match(block["text"]):
            notes.append(block["text"])
    return "\n".join(notes)


def _flat_children(container: LexborNode, keep: list) -> Iterator[tuple[LexborNode, str]]:
    """Block elements of the text in order, with their tags. Wrappers holding paragraphs are looked into; a
    heading split by ``<br>`` gives one block a line; inline elements standing loose between blocks (a note
    in three spans and a link) give one block a run. The trees built for these are kept alive in ``keep``.
    """
    run: list[LexborNode] = []
    for child in container.iter():
        tag = child.tag
        if tag == "p" and not run:  # most blocks: a paragraph after a paragraph
            yield child, tag
            continue
        if tag in INLINE:
            run.append(child)
            continue
        if run:
            yield (run[0], run[0].tag) if len(run) == 1 else _run_block(run, keep)
            run = []
        if tag == "br":
            continue
        if tag in WRAPPERS and child.css_first("p") is not None:
            yield from _flat_children(child, keep)
        elif tag in HEADINGS and child.css_first("br") is not None:
            yield from _heading_lines(child, keep)
        else:
            yield child, tag
    if run:
        yield _run_block(run, keep)


def _synthetic(html: str, tag: str, keep: list) -> tuple[LexborNode, str]:
    tree = LexborHTMLParser(f"<{tag}>{html}</{tag}>")
    keep.append(tree)
    return tree.css_first(tag), tag


def _run_block(run: list[LexborNode], keep: list) -> tuple[LexborNode, str]:
    """One block of a run of loose inline elements (a single element stands for itself)."""
    if len(run) == 1:
        return run[0], run[0].tag
    spans = [n for n in run if n.tag == "span" and n.text().strip()]
    note = bool(spans) and all("note" in (n.attributes.get("class") or "").split() for n in spans)
    node, tag = _synthetic("".join(n.html or "" for n in run), "span", keep)
    if note:
        node.attrs["class"] = "note"
    return node, tag


def _heading_lines(heading: LexborNode, keep: list) -> Iterator[tuple[LexborNode, str]]:
    """The lines of a heading joined by ``<br>`` ("ОБЩАЯ ЧАСТЬ<br>РАЗДЕЛ 1...<br>Глава 1..."), one block each;
    the heading's own id anchors its first line, each ``<a name>`` its own.
    """
    inner = (heading.html or "").split(">", 1)[1].rsplit("</", 1)[0]
    own = heading.attributes.get("id") or ""
    for index, line in enumerate(BR.split(inner)):
        node, tag = _synthetic(line, heading.tag, keep)
        if index == 0 and ANCHOR_ID.match(own):
            node.attrs["id"] = own
        yield node, tag


def _inner_anchor(node: LexborNode, attributes: dict, leaf: bool) -> str | None:
    """A block's zN anchor when its own id/name is none: the first in ``node.css("a[name], [id]")``.

    That selection includes the node itself. A ``leaf`` (no child but text) that is no ``<a>`` and has no
    ``id`` attribute matches nothing, so the selector is not run for it.
    """
    if leaf and "id" not in attributes and node.tag != "a" and all(key.islower() for key in attributes):
        return None
    for inner in node.css("a[name], [id]"):
        value = inner.attributes.get("name") or inner.attributes.get("id") or ""
        if ANCHOR_ID.match(value):
            return value
    return None


def _is_leaf(node: LexborNode) -> bool:
    """No child but text: no element below the node for a selector to find (``iter()`` skips text only)."""
    child = node.first_child
    while child is not None:
        if not child.is_text_node:
            return False
        child = child.next
    return True


def _blocks(container: LexborNode) -> list[dict]:
    """legal_act_articles rows (position first) of the text's blocks; the parser's hot loop.

    Most blocks are a bare ``<p>`` holding text only: it has no anchor and no note markup, so only its text
    is read; any other block also has its anchor and markup looked at (``_block_anchor``, ``_marked_note``).
    """
    rows: list[dict] = []
    pending_anchor = None  # <a name="zN"></a> standing alone marks the next block
    keep: list = []  # trees of the split headings and inline runs, alive while their nodes are read
    for node, tag in _flat_children(container, keep):
        text = node.text(separator=" ")
        if not (text.isprintable() and "  " not in text and text.strip() == text):
            text = " ".join(text.split())  # clean(text); printable text has no whitespace but U+0020
        attributes = node.attributes
        bare = not attributes and tag == "p" and _is_leaf(node)
        anchor = None if bare else _block_anchor(node, tag, attributes)
        if not text:
            pending_anchor = anchor or pending_anchor
            continue
        if bare or not _marked_note(node, tag, text, attributes):
            level, number, heading = _level(text, tag)
        else:
            level, number, heading = "note", None, None
        rows.append(
            {
                "position": len(rows),
                "block_id": anchor or pending_anchor,
                "level": level,
                "number": number,
                "heading": heading,
                "text": text,
                "is_editorial": level == "note",
            }
        )
        pending_anchor = None
    return rows


def _block_anchor(node: LexborNode, tag: str, attributes: dict) -> str | None:
    """The block's zN anchor: its own id/name when it is one, else the first one inside it."""
    own = attributes.get("id") or attributes.get("name") or ""
    if own[:1] == "z" and ANCHOR_ID.match(own):  # the "z" test spares the regex for most blocks
        return own
    leaf = _is_leaf(node)
    # _inner_anchor's own first exit, inlined for the common bare paragraph
    return None if leaf and not attributes and tag != "a" else _inner_anchor(node, attributes, leaf)


def _marked_note(node: LexborNode, tag: str, text: str, attributes: dict) -> bool:
    """An editorial note by its markup: its class is ``note``, or a ``span.note`` holds all of its text."""
    class_attr = attributes.get("class")
    if class_attr and "note" in class_attr.split():
        return True
    leaf = _is_leaf(node)
    # _note_is_whole's own first exit, inlined: a leaf that is no span holds no span.note
    return False if leaf and tag != "span" else _note_is_whole(node, text, leaf)


def _level(text: str, tag: str) -> tuple[str, str | None, str | None]:
    """(level, number, heading) of a block by its text: "note" when it is editorial (EDITORIAL), else
    section, chapter, article, clause, or text.
    """
    if text[0].isdecimal() and "-" not in text:
        # A numbered clause without "-": EDITORIAL, SECTION, CHAPTER and ARTICLE all need a letter first or a
        # "-" (a digit folds to no letter), so of the five patterns only CLAUSE can match it.
        match = CLAUSE.match(text)
        return ("clause", match["n"], None) if match else ("text", None, None)
    match = BLOCK_START.match(text)
    kind = match.lastgroup if match is not None else None
    if kind == "editorial":
        return "note", None, None
    if kind == "clause":
        return "clause", match["clause_n"], None
    if kind is not None:  # section, chapter or article: a number, then the heading after it
        first, second = _NUMBER_GROUPS[kind]
        rest = text[match.end() :]
        heading = clean(rest[HEADING_LEAD.match(rest).end() :])  # HEADING_LEAD matches at the start only
        return kind, match[first] or match[second], heading or None
    if tag in HEADINGS:
        return "section", None, text  # a part or section without a number ("ОБЩАЯ ЧАСТЬ")
    return "text", None, None


def _note_is_whole(node: LexborNode, text: str, leaf: bool) -> bool:
    """Whether ``node.css_first("span.note")`` (the node itself included) holds exactly the block's text.

    Without a ``span`` element at or below the node the selector finds nothing; looking at the few tags of
    a block is cheaper than running it.
    """
    if leaf:
        if node.tag != "span":
            return False
    elif all(element.tag != "span" for element in node.traverse()):
        return False
    note_span = node.css_first("span.note")
    return note_span is not None and clean(note_span.text()) == text


def _add_listing(result: ParseResult, tree: LexborHTMLParser, url: str, language: str | None) -> None:
    """Search results: the text is the items ("title · requisites · URL", one a line)."""
    heading = tree.css_first("h1") or tree.css_first("title")
    items = _listing_items(tree, url)
    lines = [" · ".join(part for part in (i["title"], i["requisites"], i["url"]) if part) for i in items]
    if not lines or heading is None or not clean(heading.text()):
        part = "search result items (h4.post_header a[href])" if not lines else "listing title (h1, title)"
        result.errors.append(ParseError.missing_part(SITE, part, [LISTING_SELECTOR, "h1", "title"], url))
        return
    result.add(
        "documents",
        site=SITE,
        page_kind="listing",
        layout=LISTING_SELECTOR,
        title=clean(heading.text()),
        published_at=None,
        language=language,
        author=None,
        lead=None,
        body_text="\n".join(lines),
    )


def _info_rows(table: LexborNode) -> dict[str, str]:
    """Label -> value of the /info table, labels as printed."""
    rows = {}
    for row in table.css("tr"):
        cells = row.css("th, td")
        if len(cells) >= 2:
            label = clean(cells[0].text()).rstrip(":")
            if label:
                rows[label] = clean(cells[1].text())
    return rows


def _info_field(rows: dict[str, str], field: str) -> str | None:
    for prefix in INFO_LABELS[field]:
        for label, value in rows.items():
            if label.lower().startswith(prefix) and value:
                return value
    return None


def _add_info(
    result: ParseResult, tree: LexborHTMLParser, url: str, where: PagePath, language: str | None, truncated: bool
) -> None:
    table_selector, table = _first_match(tree, INFO_TABLE_SELECTORS)
    rows = _info_rows(table) if table is not None else {}
    fields = {name: _info_field(rows, name) for name in INFO_LABELS}
    if not any(fields.values()) and _js_shell(tree, result, url, truncated):
        return
    if not any(fields.values()):
        found = (
            f"rows with known labels in {table_selector}"
            if table is not None
            else ("table (" + ", ".join(INFO_TABLE_SELECTORS) + ")")
        )
        result.errors.append(
            _missing_message(url, [f"/info {found} (Дата принятия, Принявший орган, Вид документа)"], truncated, True)
        )
        return
    _, title_node = _first_match(tree, TITLE_SELECTORS)
    title = clean(title_node.text()) if title_node is not None else None
    if not title:
        result.errors.append(
            _missing_message(url, ["/info title (" + ", ".join(TITLE_SELECTORS) + ")"], truncated, True)
        )
        return
    if truncated:
        result.errors.append(
            ParseError("truncated_text", f"{SITE}: page ends before </html>; /info rows may be missing at {url}")
        )
    status, status_raw = _status(tree)
    if status_raw is None and fields["status"]:
        status_raw = fields["status"]
        status = next((s for s, pattern in STATUS_WORDS if pattern.search(status_raw)), "unknown")
    result.add(
        "documents",
        site=SITE,
        page_kind="legal_act_info",
        layout=table_selector,
        title=title,
        published_at=None,
        language=language,
        author=None,
        lead=None,
        body_text="\n".join(f"{label}: {value}" for label, value in rows.items() if value),
    )
    result.add(
        "legal_acts",
        site=SITE,
        jurisdiction_iso3=JURISDICTION,
        title=title,
        act_type=act_type(fields["act_form"], where.act_id),
        act_form_raw=fields["act_form"],
        act_number=fields["act_number"],
        adopted_on=parse_date(fields["adopted_on"]) if fields["adopted_on"] else None,
        signed_place=None,
        issuing_body=fields["issuing_body"],
        status=status,
        status_raw=status_raw,
        language=language,
        is_partial=True,  # the card holds requisites only; the text is on the act page
        in_force_from=parse_date(fields["in_force_from"]) if fields["in_force_from"] else None,
        lost_force_on=parse_date(fields["lost_force_on"]) if fields["lost_force_on"] else None,
    )
