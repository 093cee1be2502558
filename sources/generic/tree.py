"""What every HTML parser does first: read the page's text (``sources.charset``) and find the parts of the tree.

``read_html`` decodes once and reports a page whose text is garbled as ``bad_encoding``; the tree comes
from ``DecodedPage.tree``, which parses a clean UTF-8 body from its own bytes (cheaper than the str).
"""

from __future__ import annotations

from collections.abc import Mapping

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
