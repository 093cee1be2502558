"""Parse gazeta.uz pages (articles in ru/oz/uz/en, section and search listings) into documents and table cells.

Written by hand because no library knows this site's markup; dates go through ``datetime.fromisoformat``
(meta tags), else ``visible_datetime`` (the visible date, which may be relative: "Сегодня, 13:51",
"Kecha", "Бугун" are counted from the capture's day in Tashkent time). An article whose selectors find no
body (a Tilda long-read, a redesign) gets its text from trafilatura (layout "fallback:trafilatura" and a
``layout_fallback`` warning); a listing's body_text is its items, one a line with their URLs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.charset import decode_page
from sources.fallback import FALLBACK_LAYOUT, fallback_warning, main_text
from sources.generic.tree import inside, open_page
from sources.normalise.dates import visible_datetime
from sources.normalise.spelling import squash_spaces
from sources.records import ParseError, ParseResult

SITE = "gazeta.uz"
TASHKENT = timezone(timedelta(hours=5))

# Selector variants seen in the wild, newest first (SITES.md); the one that matched is the layout.
TITLE_SELECTORS = ("h1#article_title", "h1")
BODY_SELECTORS = ("div.articleContent", 'div[itemprop="articleBody"]')
DATE_META_SELECTORS = ('meta[property="article:published_time"]', 'meta[itemprop="datePublished"]')
URL_LANGUAGES = {"ru": "ru", "oz": "uz-Latn", "uz": "uz-Cyrl", "en": "en"}

# /{lang}/{YYYY}/{MM}/{DD}/{slug}/: the URL of an article (SITES.md)
ARTICLE_PATH = re.compile(r"^/(?:ru|oz|uz|en)/\d{4}/\d{2}/\d{2}/[^/]+/?$")
BYLINE = re.compile(r"^(?P<name>[^/]{3,80}?)\s*/\s*[«\"“]?(?:Газета|Gazeta)\.uz[»\"”]?$", re.IGNORECASE)
CAPTION_MAX_CHARS = 300

# Collapse every run of unicode whitespace (U+00A0, U+202F, U+2009, U+2007... too) to one U+0020, strip the ends.
clean = squash_spaces


def parse(body: bytes, url: str, fetched_at: datetime, headers: Mapping[str, str] | None = None) -> ParseResult:
    """Read one gazeta.uz page: a ``documents`` row, ``table_cells`` rows, or a ``ParseError``."""
    result = ParseResult()
    opened = open_page(body, headers, SITE, url, keep_truncated=True)
    if isinstance(opened, ParseError):
        result.errors.append(opened)
        return result
    html, tree = opened.text, opened.tree
    title_selector, title_node = _first_match(tree, TITLE_SELECTORS)
    body_selector, body_node = _first_match(tree, BODY_SELECTORS)
    tables = body_node.css("table") if body_node is not None else []
    paragraphs = _paragraphs(body_node, bool(tables)) if body_node is not None else []
    # The empty-page check reads the whole body text (scripts and JSON included): body paragraphs with
    # text already prove the body is not empty, so only pages without them pay for it.
    if not (paragraphs and inside(body_node, tree.body)) and not tree.body.text().strip():
        result.errors.append(ParseError("empty_body", f"{SITE}: empty page body ({len(body)} bytes) at {url}"))
        return result
    complete = opened.complete

    if not paragraphs and tree.css_first("div.nblock") is not None:
        _add_listing(result, tree, url)
        return result
    title = clean(title_node.text()) if title_node is not None else ""
    layout = f"{title_selector}; {body_selector}"
    if not title or not paragraphs:
        read = _read_despite_selectors(result, html, url, title, paragraphs, body_node, body_selector, complete)
        if read is None:
            return result
        title, texts, fallback = read
        if fallback:
            tables, layout = [], FALLBACK_LAYOUT
    else:
        if not complete:
            result.errors.append(
                ParseError("truncated_text", f"{SITE}: page ends before </html>; body text may be incomplete at {url}")
            )
        texts = [text for _, text in paragraphs]
    result.add(
        "documents",
        site=SITE,
        page_kind="article",
        layout=layout,
        title=title,
        published_at=_published_at(tree, fetched_at),
        language=_language(url, tree),
        author=next((m["name"].strip() for t in texts if "/" in t and (m := BYLINE.match(t))), None),
        lead=_lead(tree, title_node) if title_node is not None else None,
        body_text="\n".join(texts),
    )
    for table_index, table in enumerate(tables):
        _add_table_cells(result, table_index, table)
    return result


def _read_despite_selectors(
    result: ParseResult,
    html: str,
    url: str,
    title: str,
    paragraphs: list,
    body_node: LexborNode | None,
    body_selector: str | None,
    complete: bool,
) -> tuple[str, list[str], bool] | None:
    """An article whose title or body paragraphs the selectors missed: read by trafilatura when it can.

    Returns (title, body texts, whether trafilatura supplied the body), or None with the page's error
    recorded: truncated, missing_part (the URL or title shows an article) or unknown_layout.
    """
    tried = [f"title ({', '.join(TITLE_SELECTORS)})"] if not title else []
    if body_node is None:
        tried.append(f"body ({', '.join(BODY_SELECTORS)}) and listing items (div.nblock)")
    elif not paragraphs:
        tried.append(f"body paragraphs in {body_selector}")
    if not complete:
        result.errors.append(
            ParseError("truncated", f"{SITE}: page ends before </html>; no {' and no '.join(tried)} at {url}")
        )
        return None
    known = bool(title) or bool(ARTICLE_PATH.match(urlparse(url).path))  # by the site's own signs
    found = main_text(html, url, want_title=not title) if not paragraphs else None
    title = title or (found.title if found is not None else "") or ""
    if not title or (found is not None and found.text is None):
        if found is not None:
            tried.append(f"fallback: {found.note}")
        if known:
            part = "article body" if title else "article title" if paragraphs else "article title and body"
            result.errors.append(ParseError.missing_part(SITE, part, tried, url))
        else:
            result.errors.append(ParseError("unknown_layout", f"{SITE}: no {' and no '.join(tried)} at {url}"))
        return None
    if found is not None:
        result.errors.append(fallback_warning(SITE, "article body", tried, url))
        return title, found.text.splitlines(), True
    return title, [text for _, text in paragraphs], False


def listing_items(body: bytes, url: str, headers: Mapping[str, str] | None = None) -> list[dict[str, str | None]]:
    """The items of a section or search listing: absolute ``url``, ``title``, ``date_text``, ``lead``."""
    return _listing_items(LexborHTMLParser(decode_page(body, headers).text), url)


def _listing_items(tree: LexborHTMLParser, url: str) -> list[dict[str, str | None]]:
    items = []
    for block in tree.css("div.nblock"):
        link = block.css_first("h3 a[href]")
        if link is None:
            continue
        date_node, lead_node = block.css_first("div.ndt"), block.css_first("p")
        items.append(
            {
                "url": urljoin(url, link.attributes.get("href") or ""),
                "title": clean(link.text()),
                "date_text": clean(date_node.text()) if date_node else None,
                "lead": clean(lead_node.text()) if lead_node else None,
            }
        )
    return items


def _first_match(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> tuple[str | None, LexborNode | None]:
    for selector in selectors:
        node = tree.css_first(selector)
        if node is not None:
            return selector, node
    return None, None


def _inside_table(node: LexborNode, container: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent.mem_id != container.mem_id:
        if parent.tag == "table":
            return True
        parent = parent.parent
    return False


def _paragraphs(container: LexborNode, has_tables: bool = True) -> list[tuple[LexborNode, str]]:
    """Body paragraphs with text, and that text; table cells and picture captions are not prose.

    Without a table in the container no paragraph can be inside one, so the ancestor walk is skipped.
    """
    paragraphs = []
    for p in container.css("p"):
        text = clean(p.text())
        if (
            text
            and "articlePicDesc" not in (p.attributes.get("class") or "")
            and not (has_tables and _inside_table(p, container))
        ):
            paragraphs.append((p, text))
    return paragraphs


def _add_listing(result: ParseResult, tree: LexborHTMLParser, url: str) -> None:
    """A section or search listing: its text is its items ("date · title · URL", one a line)."""
    heading = tree.css_first("h1") or tree.css_first("title")
    items = _listing_items(tree, url)
    lines = [" · ".join(part for part in (item["date_text"], item["title"], item["url"]) if part) for item in items]
    if not lines or heading is None or not clean(heading.text()):
        missing = "listing items (div.nblock h3 a[href])" if not lines else "listing title (h1, title)"
        result.errors.append(ParseError.missing_part(SITE, missing, ["div.nblock h3 a[href]", "h1", "title"], url))
        return
    result.add(
        "documents",
        site=SITE,
        page_kind="listing",
        layout="div.nblock",
        title=clean(heading.text()),
        published_at=None,
        language=_language(url, tree),
        author=None,
        lead=None,
        body_text="\n".join(lines),
    )


def _language(url: str, tree: LexborHTMLParser) -> str | None:
    segment = urlparse(url).path.strip("/").split("/")[0]
    if segment in URL_LANGUAGES:
        return URL_LANGUAGES[segment]
    html_node = tree.css_first("html")
    return (html_node.attributes.get("lang") if html_node else None) or None


def _lead(tree: LexborHTMLParser, title_node: LexborNode) -> str | None:
    """The first h4 near the title: sidebars can hold h4s of their own, so look in its ancestors first."""
    scope = title_node.parent
    for _ in range(3):
        if scope is None:
            break
        h4 = scope.css_first("h4")
        if h4 is not None and clean(h4.text()):
            return clean(h4.text())
        scope = scope.parent
    h4 = tree.css_first("h4")
    return (clean(h4.text()) or None) if h4 is not None else None


def _published_at(tree: LexborHTMLParser, fetched_at: datetime) -> datetime | None:
    for selector in DATE_META_SELECTORS:
        node = tree.css_first(selector)
        content = (node.attributes.get("content") or "").strip() if node is not None else ""
        if content:
            try:
                moment = datetime.fromisoformat(content.replace("Z", "+00:00"))
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=TASHKENT)
            return moment.astimezone(UTC)
    node = tree.css_first("div.articleDateTime")
    return visible_datetime(clean(node.text()), fetched_at, TASHKENT) if node is not None else None


def _caption(table: LexborNode) -> str | None:
    caption = table.css_first("caption")
    if caption is not None and clean(caption.text()):
        return clean(caption.text())
    previous = table.prev
    while previous is not None and not previous.is_element_node:
        previous = previous.prev
    if previous is not None and previous.tag == "p":
        text = clean(previous.text())
        if text and len(text) < CAPTION_MAX_CHARS:
            return text
    return None


def _add_table_cells(result: ParseResult, table_index: int, table: LexborNode) -> None:
    caption = _caption(table)
    has_th = table.css_first("th") is not None
    for row_index, row in enumerate(table.css("tr")):
        for col_index, cell in enumerate(row.css("th, td")):
            result.add(
                "table_cells",
                table_index=table_index,
                row_index=row_index,
                col_index=col_index,
                is_header=cell.tag == "th" or (not has_th and row_index == 0),
                text=clean(cell.text()),
                caption=caption,
            )
