"""Parser for zakon.kz news articles (www.zakon.kz, Kazakh edition kaz.zakon.kz), both layout generations.

Current markup: ``div.articleBlock`` / ``div.article__content`` with ``h1``, ``div.date``,
``div.description`` (lead), ``div.author a`` and body ``div.content p``; older markup: ``div.fullnews``
with ``h1`` and ``div.full_text``. Emits one ``documents`` row (page_kind "article") whose ``layout`` is
"article_block" or "fullnews".
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from selectolax.lexbor import LexborNode

from sources.generic.language import language_from_lang_attr
from sources.generic.parser import check_html, parse_iso, parse_visible_date
from sources.generic.tree import lexbor_tree
from sources.normalise._text import squash_spaces
from sources.records import ParseError, ParseResult

PARSER = "zakon_kz"
SITE = "zakon.kz"
ALMATY = ZoneInfo("Asia/Almaty")

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


def parse(body: bytes, url: str, fetched_at: dt.datetime) -> ParseResult:
    """Parse a zakon.kz news article into one ``documents`` row (or a ParseError)."""
    result = ParseResult()
    error = check_html(body, SITE)
    if error is not None:
        result.errors.append(error)
        return result

    tree = lexbor_tree(body, body.decode("utf-8", errors="replace"))
    meta_date = tree.css_first('meta[property="article:published_time"]')
    html = tree.css_first("html")
    lang_attr = html.attributes.get("lang") if html is not None else None
    for node in tree.css("script, style, noscript"):
        node.decompose()

    for layout, root_sel, title_sel, date_sel, lead_sel, author_sel, body_sel in _LAYOUTS:
        root = tree.css_first(root_sel)
        if root is None:
            continue
        # The h1 sometimes sits just above the article block rather than inside it.
        title = _text(root.css_first(title_sel)) or _text(tree.css_first(title_sel))
        paragraphs = [t for t in (_text(p) for p in root.css(body_sel)) if t]
        if not paragraphs and layout == "fullnews":
            paragraphs = [t for t in [_text(root.css_first("div.full_text"))] if t]
        missing = [name for name, ok in ((f"title ({title_sel})", title), (f"body ({body_sel})", paragraphs)) if not ok]
        if missing:
            result.errors.append(
                ParseError(
                    "unknown_layout",
                    f"{SITE}: layout {layout} matched ({root_sel}) but no {' and no '.join(missing)}",
                )
            )
            return result
        published_at = parse_iso(meta_date.attributes.get("content") if meta_date else None, ALMATY)
        if published_at is None:
            published_at = parse_visible_date(
                _text(root.css_first(date_sel)) or _text(tree.css_first(date_sel)), ALMATY
            )
        host = urlsplit(url).hostname or ""
        language = "kk" if host.startswith("kaz.") else (language_from_lang_attr(lang_attr) or "ru")
        result.add(
            "documents",
            site=SITE,
            page_kind="article",
            layout=layout,
            title=title,
            published_at=published_at,
            language=language,
            author=_text(root.css_first(author_sel)) or None,
            lead=_text(root.css_first(lead_sel)) or None,
            body_text="\n\n".join(paragraphs),
        )
        return result

    result.errors.append(
        ParseError(
            "unknown_layout",
            f"{SITE}: neither div.articleBlock / div.article__content nor div.fullnews found",
        )
    )
    return result
