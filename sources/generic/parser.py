"""Generic news-article extractor for hosts without their own parser (podrobno.uz, uza.uz, e-cis.info, ...).

Reads title, publication time, lead, body text and language from any article page: the largest block of
sibling <p> paragraphs outside navigation, header, footer, aside and scripts is taken as the body. Emits one
``documents`` row (page_kind "article"); the ``layout`` column names where title and date were found, e.g.
"generic:h1+meta", so a change of layout shows up in the data. A page whose text is not in paragraphs
gets its body from trafilatura (``sources.fallback``: layout "fallback:trafilatura" and a
``layout_fallback`` warning); title and date are still this module's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import dateparser
from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.fallback import FALLBACK_LAYOUT, fallback_warning, main_text
from sources.generic.language import language_from_lang_attr, language_from_script
from sources.generic.tree import open_page
from sources.normalise.spelling import squash_spaces
from sources.records import ParseError, ParseResult

PARSER = "generic"

# Page chrome whose paragraphs are never the article body.
_CHROME = "script, style, noscript, template, nav, footer, aside, form, iframe"
# A visible date as news sites print it: "06.12.2021, 17:07", "6 декабря 2021", "18 ноября 2021, 15:24".
_VISIBLE_DATE = re.compile(
    r"\b(\d{1,2}\.\d{1,2}\.\d{4}(?:,?\s+\d{1,2}:\d{2})?"
    r"|\d{1,2}\s+[^\W\d_]{3,}\s+\d{4}(?:\s*(?:года|г\.))?(?:,?\s+\d{1,2}:\d{2})?)"
)
_MIN_BODY_CHARS = 80


def site_of(url: str) -> str:
    """The catalog site name of a URL: its host without a leading "www."."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def local_zone(site: str) -> ZoneInfo:
    """Time zone for times printed without an offset: the zone of the site's country."""
    if site.endswith(".uz"):
        return ZoneInfo("Asia/Tashkent")
    if site.endswith(".kz"):
        return ZoneInfo("Asia/Almaty")
    return ZoneInfo("UTC")


def to_utc(value: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """``value`` in UTC, a naive time read as local time in ``zone``."""
    return (value if value.tzinfo else value.replace(tzinfo=zone)).astimezone(dt.UTC)


def parse_iso(text: str | None, zone: ZoneInfo) -> dt.datetime | None:
    """An ISO 8601 machine date (meta, JSON-LD, time[datetime]) as UTC; None when unreadable."""
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return to_utc(value, zone)


def parse_visible_date(text: str, zone: ZoneInfo) -> dt.datetime | None:
    """The first printed date in ``text`` as UTC.

    A date with a time is local time of the site. A date without a time is kept at midnight UTC, so the
    calendar day stays the printed one.
    """
    for match in _VISIBLE_DATE.finditer(text):
        found = dateparser.parse(
            match.group(1),
            languages=["ru", "uz", "kk", "en"],
            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"},
        )
        if found is None or not 1990 <= found.year <= 2100:  # "11 месяцев 2021 года" reads as year 5
            continue
        if ":" in match.group(1):
            return to_utc(found, zone)
        return dt.datetime(found.year, found.month, found.day, tzinfo=dt.UTC)
    return None


def _json_ld_date(tree: LexborHTMLParser, candidates: set[tuple[str, str]] | None = None) -> str | None:
    """DatePublished from JSON-LD; ``candidates`` (when given): ``_attribute_pairs`` of the page's ``script``
    elements, to skip the selector on pages that have no script whose type could be JSON-LD.
    """
    if candidates is not None and ("type", "application/ld+json") not in candidates:
        return None
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text())
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if item.get("datePublished"):
                    return str(item["datePublished"])
                stack.extend(item.get("@graph", []))
    return None


_ATTRIBUTE_SELECTOR = re.compile(r'^(?:meta|script)\[([A-Za-z:-]+)="([^"]+)"\]$')


def _attribute_pairs(elements: list[LexborNode]) -> set[tuple[str, str]]:
    """Every (name, value) of the elements' attributes, both lower-cased: ``[name="value"]`` can match one of
    the elements (case-sensitively or ASCII case-insensitively) only if its pair, lower-cased, is here.
    """
    return {
        (key.lower(), value.lower())
        for element in elements
        for key, value in element.attributes.items()
        if value is not None
    }


def _meta(tree: LexborHTMLParser, *selectors: str, candidates: set[tuple[str, str]] | None = None) -> str | None:
    """Content of the first selector's first element with a non-blank content attribute.

    ``candidates`` (when given): ``_attribute_pairs`` of all ``meta`` elements of the page; a selector none of
    them can match is not run, which spares a walk over the whole page for each absent tag.
    """
    for selector in selectors:
        if candidates is not None:
            wanted = _ATTRIBUTE_SELECTOR.match(selector)
            if wanted is not None and (wanted[1].lower(), wanted[2].lower()) not in candidates:
                continue
        node = tree.css_first(selector)
        if node is not None and (node.attributes.get("content") or "").strip():
            return node.attributes["content"].strip()
    return None


def _text(node: LexborNode | None) -> str:
    return squash_spaces(node.text(deep=True)) if node is not None else ""


def _attached(node: LexborNode) -> bool:
    """Whether ``node`` is still in the document (not inside a subtree that was decomposed)."""
    while (parent := node.parent) is not None:
        node = parent
    return node.is_document_node


def _is_page_header(node: LexborNode) -> bool:
    """A <header> that is site chrome, not the header of the article itself."""
    parent = node.parent
    while parent is not None:
        if parent.tag in ("article", "main"):
            return False
        parent = parent.parent
    return True


def _body_block(tree: LexborHTMLParser) -> tuple[LexborNode | None, list[str]]:
    """The parent element that holds the most paragraph text, and its paragraphs."""
    groups: dict[int, tuple[LexborNode, list[str]]] = {}
    for p in tree.css("p"):
        text = squash_spaces(p.text())
        if text:
            parent = p.parent
            if parent is not None:
                group = groups.get(parent.mem_id)
                if group is None:
                    groups[parent.mem_id] = (parent, [text])
                else:
                    group[1].append(text)
    if not groups:
        return None, []
    return max(groups.values(), key=lambda group: sum(len(t) for t in group[1]))


def _find_date(
    tree: LexborHTMLParser, anchor: LexborNode | None, zone: ZoneInfo, heads: tuple[set, set] | None = None
) -> tuple:
    """(source, UTC datetime) of the publication time; ``heads``: ``_attribute_pairs`` of the page's meta and
    script elements, if known.
    """
    metas, scripts = heads if heads is not None else (None, None)
    machine = [
        (
            "meta",
            _meta(tree, 'meta[property="article:published_time"]', 'meta[itemprop="datePublished"]', candidates=metas),
        ),
        ("json_ld", _json_ld_date(tree, scripts)),  # may raise on odd JSON-LD: always read, as before
        ("time", None),  # looked up only when the others give nothing
    ]
    for source, raw in machine:
        if source == "time":
            time_node = tree.css_first("time[datetime]")
            raw = time_node.attributes.get("datetime") if time_node is not None else None
        value = parse_iso(raw, zone)
        if value is not None:
            return source, value
    # Near the anchor (the h1, else the body block): its parent, then grandparent; date lines are siblings.
    node = anchor.parent if anchor is not None else None
    for _ in range(2):
        if node is None:
            break
        value = parse_visible_date(_text(node), zone)
        if value is not None:
            return "text", value
        node = node.parent
    return "none", None


def _walk(tree: LexborHTMLParser) -> tuple[list, list, list, list]:
    """One walk for the meta elements, the scripts, the chrome (scripts included) and the headers.

    The selectors that read metas and scripts only run when one of them may match; one walk over the page
    replaces one for each. Metas and scripts come as attribute pairs (``_attribute_pairs``).
    """
    metas, scripts, chrome, headers = [], [], [], []
    for node in tree.css(f"meta, header, {_CHROME}"):
        tag = node.tag
        if tag == "meta":
            metas.append(node)
        elif tag == "header":
            headers.append(node)
        else:
            chrome.append(node)
            if tag == "script":
                scripts.append(node)
    return _attribute_pairs(metas), _attribute_pairs(scripts), chrome, headers


def _strip_chrome(chrome: list, headers: list) -> None:
    """Remove the chrome (``tree.css(_CHROME)``, in document order) and the page's own headers."""
    for node in chrome:
        node.decompose()
    for node in [header for header in headers if _attached(header)]:  # tree.css("header") now
        if _is_page_header(node):
            node.decompose()


def _fallback_body(result: ParseResult, site: str, html: str, url: str, title: str | None) -> tuple[str, str] | None:
    """The body (and a missing title) by trafilatura when no <p> block is long enough: (title, body text).

    None with the page's error recorded: missing_part when a title was found, else unknown_layout.
    """
    tried = [f"body paragraphs (<p> block of {_MIN_BODY_CHARS}+ characters)"]
    found = main_text(html, url, want_title=not title)
    title = title or found.title
    if found.text is None or not title:
        if title:
            tried.append(f"fallback: {found.note}")
            result.errors.append(ParseError.missing_part(site, "article body", tried, url))
        else:
            result.errors.append(
                ParseError(
                    "unknown_layout",
                    f"{site}: no title (h1, og:title, <title>) and no {tried[0]}; fallback: {found.note} at {url}",
                )
            )
        return None
    result.errors.append(fallback_warning(site, "article body", tried, url))
    return title, found.text


def parse(body: bytes, url: str, fetched_at: dt.datetime, headers=None) -> ParseResult:
    """Parse an article page of any host into one ``documents`` row (or a ParseError)."""
    site = site_of(url)
    result = ParseResult()
    opened = open_page(body, headers, site, url, keep_truncated=False)
    if isinstance(opened, ParseError):
        result.errors.append(opened)
        return result
    page, tree = opened.page, opened.tree
    zone = local_zone(site)
    html = tree.css_first("html")
    lang_attr = html.attributes.get("lang") if html else None
    metas, scripts, chrome, headers = _walk(tree)
    description = _meta(tree, 'meta[property="og:description"]', 'meta[name="description"]', candidates=metas)
    author = _meta(tree, 'meta[name="author"]', 'meta[property="article:author"]', candidates=metas)
    og_title = _meta(tree, 'meta[property="og:title"]', candidates=metas)
    page_title = _text(tree.css_first("title")) or None
    date_source, published_at = _find_date(tree, None, zone, (metas, scripts))  # machine dates live in head/scripts

    _strip_chrome(chrome, headers)
    h1 = tree.css_first("h1")
    title_source, title = (
        ("h1", _text(h1)) if _text(h1) else ("og_title", og_title) if og_title else ("title", page_title)
    )
    body_node, paragraphs = _body_block(tree)
    if published_at is None:
        date_source, published_at = _find_date(tree, h1 if title_source == "h1" else body_node, zone)

    body_text = "\n\n".join(paragraphs)
    layout = f"generic:{title_source}+{date_source}"
    if title_source == "title" and date_source == "none" and len(body_text) >= _MIN_BODY_CHARS:
        # No headline and no date anywhere: what a maintenance notice, a consent wall or an error page
        # looks like to this extractor, never a news article. Read as one, it would replace the page it
        # stands in for.
        result.errors.append(
            ParseError(
                "unknown_layout",
                f"{site}: no h1, no og:title and no publication date: not an article page (a maintenance notice, "
                f"consent wall or error page?) at {url}",
            )
        )
        return result
    if len(body_text) < _MIN_BODY_CHARS:
        found = _fallback_body(result, site, page.text, url, title)
        if found is None:
            return result
        title, body_text = found
        paragraphs, layout = body_text.splitlines(), FALLBACK_LAYOUT

    result.add(
        "documents",
        site=site,
        page_kind="article",
        layout=layout,
        title=title,
        published_at=published_at,
        language=language_from_lang_attr(lang_attr) or language_from_script(body_text),
        author=author,
        lead=description or paragraphs[0],
        body_text=body_text,
    )
    return result
