"""Which text encoding a fetched page is in (header, byte-order mark, <meta> or XML declaration), and decoding it.

Hand-written because the rule is small and must be deterministic: requests' ``apparent_encoding``
(charset_normalizer) guesses statistically and can mislabel short Cyrillic pages, while the sites here
declare their encoding (UTF-8, or cp1251 on older pages) and only need the HTML prescan done right.
The archived bytes are never re-encoded; this only tells parsers how to read them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_\-:.]+)", re.I)
PRESCAN_BYTES = 4096  # the HTML spec's prescan looks at the first 1024 bytes; pages put <meta> a bit later


def _codec(label: str | bytes | None) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    # A <meta> cannot truthfully declare UTF-16 (it is ASCII text), so browsers read it as UTF-8.
    return "utf-8" if name.startswith("utf-16") else name


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return value
    return None


def detect_charset(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """The codec name for ``body``: BOM, then Content-Type charset, then <meta>/XML declaration, then sniffing."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    content_type = _header(headers, "content-type") or ""
    found = _HEADER_CHARSET.search(content_type)
    if found and (name := _codec(found.group(1))):
        return name
    head = body[:PRESCAN_BYTES]
    for pattern in (_XML_DECL, _META_CHARSET):
        found = pattern.search(head)
        if found and (name := _codec(found.group(1))):
            return "utf-8" if name.startswith("utf-16") else name
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1251"  # the only legacy encoding these sites use
    return "utf-8"


def decode_body(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """Text of a fetched page, decoded with the detected charset (undecodable bytes become U+FFFD)."""
    charset = detect_charset(body, headers)
    text = body.decode(charset, errors="replace")
    return text[1:] if text.startswith("\ufeff") else text
