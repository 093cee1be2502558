"""Parser for zakon.kz news articles (www.zakon.kz, Kazakh edition kaz.zakon.kz), both layout generations.

Current markup: ``div.articleBlock`` / ``div.article__content`` with ``h1``, ``div.date``,
``div.description`` (lead), ``div.author a`` and body ``div.content p``; older markup: ``div.fullnews``
with ``h1`` and ``div.full_text``. Emits one ``documents`` row (page_kind "article") whose ``layout`` is
"article_block" or "fullnews". Article URLs are ``/{section}/{id}-{slug}.html`` (older ``/{id}-{slug}.html``):
such a URL says the page is an article, so a page there whose selectors find no body gets it from
trafilatura (layout "fallback:trafilatura", a ``layout_fallback`` warning), else is ``missing_part``.
Visible dates may be relative ("сегодня, 13:51") or time first ("13:51, 15 августа 2025"): the meta date
wins, then ``visible_datetime`` against the capture time in Almaty time.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.fallback import FALLBACK_LAYOUT, fallback_warning, main_text
from sources.generic.language import language_from_lang_attr
from sources.generic.parser import parse_iso
from sources.generic.tree import open_page
from sources.normalise.dates import visible_datetime
from sources.normalise.spelling import squash_spaces
from sources.records import ParseError, ParseResult

PARSER = "zakon_kz"
SITE = "zakon.kz"
ALMATY = ZoneInfo("Asia/Almaty")
# /{section}/{id}-{slug}.html today, /{id}-{slug}.html on older articles (SITES.md)
ARTICLE_PATH = re.compile(r"^/(?:[a-z0-9_-]+/)*\d+-[^/]+\.html$", re.IGNORECASE)

# name, root, title, date, lead, author, body paragraphs (relative to root)
_LAYOUTS = (
    (
        "article_block",
        "div.articleBlock, div.article__content",
        "h1",
        "div.date",
        "div.description",
        "div.author a",
        "div.content p",
    ),
    (
        "fullnews",
        "div.fullnews",
        "h1",
        "div.date, span.date, div.news_date",
        "div.description, p.lead",
        "div.author a, span.author",
        "div.full_text p",
    ),
)


def _text(node: LexborNode | None) -> str:
    return squash_spaces(node.text(deep=True)) if node is not None else ""


def is_article_url(url: str) -> bool:
    """Whether ``url`` is a zakon.kz news article (with or without its section)."""
    return bool(ARTICLE_PATH.match(urlsplit(url).path))


def _first_layout(tree: LexborHTMLParser) -> tuple:
    """The first of the site's layouts whose article block is on the page.

    Returns (layout name, its root node, title, body paragraphs, its (date, lead, author) selectors, what
    was tried); the name and root are None when no layout matched.
    """
    tried = []
    for name, root_sel, title_sel, date_sel, lead_sel, author_sel, body_sel in _LAYOUTS:
        root = tree.css_first(root_sel)
        if root is None:
            tried.append(f"{root_sel} (not on the page)")
            continue
        # The h1 sometimes sits just above the article block rather than inside it.
        title = _text(root.css_first(title_sel)) or _text(tree.css_first(title_sel))
        paragraphs = [t for t in (_text(p) for p in root.css(body_sel)) if t]
        if not paragraphs and name == "fullnews":
            paragraphs = [t for t in [_text(root.css_first("div.full_text"))] if t]
        tried.append(f"{root_sel} {body_sel}")
        return name, root, title, paragraphs, (date_sel, lead_sel, author_sel), tried
    return None, None, "", [], ("div.date", None, None), tried


def _fallback_body(
    result: ParseResult, html: str, url: str, title: str, tried: list[str], known: bool
) -> tuple[str, str] | None:
    """The body (and a missing title) by trafilatura when no layout gave paragraphs: (title, body text).

    None with the page's error recorded: missing_part when the page is known to be an article, else
    unknown_layout.
    """
    found = main_text(html, url, want_title=not title)
    title = title or found.title
    if found.text is None or not title:
        tried.append(f"fallback: {found.note}")
        if known:
            part = "article body" if title else "article title and body"
            result.errors.append(ParseError.missing_part(SITE, part, tried, url))
        else:
            result.errors.append(
                ParseError("unknown_layout", f"{SITE}: no article found; tried {'; '.join(tried)} at {url}")
            )
        return None
    result.errors.append(fallback_warning(SITE, "article body", tried, url))
    return title, found.text


def parse(body: bytes, url: str, fetched_at: dt.datetime, headers=None) -> ParseResult:
    """Parse a zakon.kz news article into one ``documents`` row (or a ParseError)."""
    result = ParseResult()
    opened = open_page(body, headers, SITE, url, keep_truncated=False)
    if isinstance(opened, ParseError):
        result.errors.append(opened)
        return result
    page, tree = opened.page, opened.tree
    meta_date = tree.css_first('meta[property="article:published_time"]')
    html = tree.css_first("html")
    lang_attr = html.attributes.get("lang") if html is not None else None
    host = urlsplit(url).hostname or ""
    language = "kk" if host.startswith("kaz.") else (language_from_lang_attr(lang_attr) or "ru")
    for node in tree.css("script, style, noscript"):
        node.decompose()

    layout, root, title, paragraphs, (date_sel, lead_sel, author_sel), tried = _first_layout(tree)
    title = title or _text(tree.css_first("h1"))

    published_at = parse_iso(meta_date.attributes.get("content") if meta_date else None, ALMATY)
    if published_at is None:
        scope = root if root is not None else tree
        date_text = _text(scope.css_first(date_sel)) or _text(tree.css_first(date_sel))
        published_at = visible_datetime(date_text, fetched_at, ALMATY) if date_text else None

    if not paragraphs:
        known = bool(title) or layout is not None or is_article_url(url)  # by the site's own signs
        found = _fallback_body(result, page.text, url, title, tried, known)
        if found is None:
            return result
        title, body = found
        layout, paragraphs, root = FALLBACK_LAYOUT, body.splitlines(), None
    elif not title:
        result.errors.append(ParseError.missing_part(SITE, "article title", ["h1 in and above the article"], url))
        return result

    result.add(
        "documents",
        site=SITE,
        page_kind="article",
        layout=layout,
        title=title,
        published_at=published_at,
        language=language,
        author=_text(root.css_first(author_sel)) or None if root is not None else None,
        lead=_text(root.css_first(lead_sel)) or None if root is not None else None,
        body_text="\n\n".join(paragraphs),
    )
    return result
