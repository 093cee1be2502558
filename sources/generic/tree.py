"""What every HTML parser does first: read the page's text (``sources.charset``) and find the parts of the tree.

``open_page`` is the page preamble every site parser begins with: decode once (``read_html`` reports a page
whose text is garbled as ``bad_encoding``), refuse an empty page, and either refuse a page cut off before
``</html>`` or let the parser keep what arrived (it then says so with a ``truncated``/``truncated_text``
error of its own). The tree comes from ``DecodedPage.tree``, which parses a clean UTF-8 body from its own
bytes (cheaper than the str).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sources.charset import DecodedPage, decode_page
from sources.records import ParseError

# Elements whose text is never the page's visible text.
NOT_TEXT = "script, style, noscript, template"


def read_html(
    body: bytes, headers: Mapping[str, str] | None, site: str, url: str
) -> tuple[DecodedPage, ParseError | None]:
    """The page's text, and a ``bad_encoding`` error when that text is garbled."""
    page = decode_page(body, headers)
    if page.garbled:
        return page, ParseError("bad_encoding", f"{site}: {page.describe()} at {url}")
    return page, None


@dataclass(frozen=True)
class OpenedPage:
    """A decoded page and its tree; ``complete`` when the page ends with ``</html>``."""

    page: DecodedPage
    tree: LexborHTMLParser
    complete: bool

    @property
    def text(self) -> str:
        """The page's decoded HTML."""
        return self.page.text


def open_page(
    body: bytes, headers: Mapping[str, str] | None, site: str, url: str, *, keep_truncated: bool
) -> OpenedPage | ParseError:
    """The page preamble of every HTML site parser: the decoded page and its tree, or the page's parse error.

    ``bad_encoding`` (``read_html``) and ``empty_body`` always; with ``keep_truncated=False`` a page that ends
    before ``</html>`` is a ``truncated`` error too, otherwise it opens with ``complete=False`` and the parser
    decides what the missing end costs.
    """
    if not keep_truncated and not body.strip():
        return ParseError("empty_body", f"{site}: empty response body")
    page, error = read_html(body, headers, site, url)
    if error is not None:
        return error
    html = page.text
    if not keep_truncated:
        error = check_html(html, site)
        return error if error is not None else OpenedPage(page, page.tree(body), complete=True)
    tree = page.tree(body) if html.strip() else None
    if tree is None or tree.body is None:
        return ParseError("empty_body", f"{site}: empty page body ({len(body)} bytes) at {url}")
    return OpenedPage(page, tree, complete=ends_with_html_close(html))


def check_html(html: str, site: str) -> ParseError | None:
    """The failures every HTML parser shares: nothing received, or the page cut off before ``</html>``."""
    if not html or not html.strip():
        return ParseError("empty_body", f"{site}: empty response body")
    if not ends_with_html_close(html):
        return ParseError("truncated", f"{site}: page ends before </html> ({len(html)} characters)")
    return None


def ends_with_html_close(html: str) -> bool:
    """``"</html>" in html[-4096:].lower()``; the plain search first, as the tag is nearly always lower case."""
    tail = html[-4096:]
    return "</html>" in tail or "</html>" in tail.lower()


def visible_text(tree: LexborHTMLParser) -> str:
    """The text of ``<body>`` without scripts and styles (the tree is not changed)."""
    if tree.body is None:
        return ""
    copy = LexborHTMLParser(tree.body.html or "")
    for node in copy.css(NOT_TEXT):
        node.decompose()
    return copy.body.text() if copy.body is not None else ""


def inside(node: LexborNode, ancestor: LexborNode) -> bool:
    """Whether ``ancestor`` is ``node`` or one of its ancestors."""
    target = ancestor.mem_id
    while node is not None:
        if node.mem_id == target:
            return True
        node = node.parent
    return False
