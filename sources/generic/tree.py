"""The lexbor tree of a response body, built the cheap way when that gives the same tree.

Every site parser reads a page as ``LexborHTMLParser(body.decode("utf-8", errors="replace"))``. Given a str,
selectolax encodes it back to UTF-8 before lexbor sees it, and for a body that is valid UTF-8 those bytes
are the body itself. A decoded text without U+FFFD proves the body was valid UTF-8 (the "replace" handler
puts a U+FFFD at every invalid sequence), so the body's own bytes are parsed and the encode pass, a
quarter of the tree's cost for Cyrillic pages, is skipped. Anything else takes the usual path.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode


def lexbor_tree(body: bytes, html: str) -> LexborHTMLParser:
    """``LexborHTMLParser(html)`` where ``html`` is ``body.decode("utf-8", errors="replace")``."""
    if isinstance(body, bytes) and "\ufffd" not in html:
        return LexborHTMLParser(body)
    return LexborHTMLParser(html)


def inside(node: LexborNode, ancestor: LexborNode) -> bool:
    """Whether ``ancestor`` is ``node`` or one of its ancestors."""
    target = ancestor.mem_id
    while node is not None:
        if node.mem_id == target:
            return True
        node = node.parent
    return False
