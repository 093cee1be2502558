"""Which text encoding an archived page is in, and its text: the one decoder every parser and feed reader uses.

The order is the HTML standard's, with a check at every step: the byte-order mark; the charset of the
archived HTTP response (``Content-Type``); ``<meta charset>`` / ``http-equiv`` (or an XML declaration);
UTF-8; then charset-normalizer, restricted to the encodings these sites have used (UTF-8/16/32, the
Cyrillic code pages, cp1252). A declared charset under which the bytes do not decode (more U+FFFD than a
few broken characters) is passed over for the next step: an imported page stored with a guessed
``charset=utf-8`` that is really windows-1251 must still read as Russian. Text that still holds more
replacement characters than ``REPLACEMENT_SHARE`` is "garbled", which parsers report as ``bad_encoding``.

Written by hand around charset-normalizer: the detector guesses statistically (a nine-letter cp1251 word
reads as Shift-JIS unrestricted), so declarations come first and the detector only ever picks among the
encodings listed here. The archived bytes are never re-encoded; this only says how to read them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with FF FE too
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_STARTS = {bom[:1] for bom, _ in _BOMS}
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_\-:.]+)", re.I)
PRESCAN_BYTES = 4096  # the HTML spec's prescan looks at the first 1024 bytes; pages put <meta> a bit later
# Browsers read these labels as windows-1252 (WHATWG Encoding), whose extra letters latin-1 lacks.
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii", "iso8859-15"}
# What the detector may choose from (charset-normalizer's names): the encodings of these sites' pages.
DETECTOR_CANDIDATES = [
    "utf_8", "cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic",
    "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be", "cp1252",
]  # fmt: skip
# A decode is clean enough when U+FFFD are at most this share of its non-ASCII characters (the ones a
# wrong encoding garbles), or at most REPLACEMENT_FLOOR of them (a character cut in two by a CMS).
REPLACEMENT_SHARE = 0.01
REPLACEMENT_FLOOR = 3


@dataclass(slots=True)
class DecodedPage:
    """A page's text, the codec that gave it and where that codec came from."""

    text: str
    charset: str  # Python codec name, e.g. "utf-8", "cp1251"
    source: str  # bom | header | meta | utf-8 | detector | none (nothing read the bytes cleanly)
    replacements: int  # U+FFFD in ``text``
    non_ascii: int  # characters of ``text`` above U+007F (0 when ``replacements`` is 0: not counted)
    tried: tuple[str, ...] = ()  # "header:utf-8" ... for the steps passed over, for the error message

    @property
    def garbled(self) -> bool:
        """Whether the text holds more U+FFFD than REPLACEMENT_SHARE allows."""
        return not _clean_enough(self.replacements, self.non_ascii)

    def describe(self) -> str:
        """What went wrong, for a ``bad_encoding`` message."""
        share = self.replacements / max(self.non_ascii, 1)
        tried = ", ".join(self.tried) or "nothing declared"
        return (
            f"{self.replacements} of {self.non_ascii} non-ASCII characters are U+FFFD ({share:.0%}) read as "
            f"{self.charset}; tried {tried}"
        )

    def tree(self, body: bytes) -> LexborHTMLParser:
        """The lexbor tree of the page. A clean UTF-8 body is parsed from its own bytes: given a str,
        selectolax encodes it back to UTF-8, which for such a body gives the body itself (the encode is a
        quarter of the tree's cost on Cyrillic pages).
        """
        if self.source in ("header", "meta", "utf-8") and self.charset == "utf-8" and not self.replacements:
            return LexborHTMLParser(body)
        return LexborHTMLParser(self.text)


def _clean_enough(replacements: int, non_ascii: int) -> bool:
    return replacements <= REPLACEMENT_FLOOR or replacements <= REPLACEMENT_SHARE * non_ascii


@lru_cache(maxsize=256)
def _codec(label: str | bytes | None, *, in_document: bool) -> str | None:
    """The Python codec of a charset label (labels repeat from page to page: memoised)."""
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith("utf-16") or name.startswith("utf-32"):
        # A <meta> cannot truthfully declare UTF-16 (it is ASCII text), so browsers read it as UTF-8; a
        # header's bare "utf-16" without a BOM is little-endian (WHATWG).
        if in_document:
            return "utf-8"
        return {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(name, name)
    return name


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _declared(body: bytes, headers: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """(source, codec) of the header's charset and the document's own declaration, in that order."""
    found: list[tuple[str, str]] = []
    content_type = _header(headers, "content-type")
    match = _HEADER_CHARSET.search(content_type) if content_type else None
    if match and (name := _codec(match.group(1), in_document=False)):
        found.append(("header", name))
    for pattern in (_XML_DECL, _META_CHARSET):
        match = pattern.search(body, 0, PRESCAN_BYTES)  # the prescan window, without copying it
        if match and (name := _codec(match.group(1), in_document=True)):
            found.append(("meta", name))
            break
    return found


def _decode(body: bytes, codec: str) -> tuple[str, int, int]:
    """(text, U+FFFD count, non-ASCII count); the count of non-ASCII characters only when it matters."""
    strict = True
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        text, strict = body.decode(codec, errors="replace"), False
    except LookupError:  # pragma: no cover - codecs come from codecs.lookup
        text, strict = body.decode("utf-8", errors="replace"), False
    # Almost every page holds no U+FFFD. Strictly decoded UTF-8 holds one only where the bytes spell it
    # (EF BF BD), and a memchr for the byte EF is cheaper than scanning the text; else "in" on the text stops
    # at the first one and is ~4x cheaper than count().
    if strict and codec == "utf-8" and b"\xef" not in body:
        return text, 0, 0
    if "\ufffd" not in text:
        return text, 0, 0
    replacements = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore")) if replacements else 0
    return text, replacements, non_ascii


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # only pages nothing else reads pay for its import

    best = from_bytes(body, cp_isolation=DETECTOR_CANDIDATES).best()
    return codecs.lookup(best.encoding).name if best is not None else None


def decode_page(body: bytes, headers: Mapping[str, str] | None = None) -> DecodedPage:
    """The text of an archived response: BOM, header charset, <meta>, UTF-8, detector (module docstring)."""
    by_bom = _decode_by_bom(body)
    if by_bom is not None:
        return by_bom
    steps = _steps(body, headers)
    if steps:  # the first step nearly always reads the page: no bookkeeping for the others before it fails
        source, codec = steps[0]
        text, replacements, non_ascii = _decode(body, codec)
        first = DecodedPage(text, codec, source, replacements, non_ascii)
        if _clean_enough(replacements, non_ascii):
            return first
        return _decode_by_later_steps(body, steps[1:], first, [f"{source}:{codec}"], {codec})
    return _decode_by_later_steps(body, [], None, [], set())


def _decode_by_bom(body: bytes) -> DecodedPage | None:
    """The page read with the codec its byte-order mark names; None without a BOM."""
    if body[:1] in _BOM_STARTS:
        for bom, codec in _BOMS:
            if body.startswith(bom):
                text, replacements, non_ascii = _decode(body[len(bom) :], codec)
                return DecodedPage(text, codec, "bom", replacements, non_ascii)
    return None


def _steps(body: bytes, headers: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """The (source, codec) pairs to try in order: the declared charsets, then UTF-8."""
    # A NUL never occurs in an HTML or XML text of an ASCII-compatible encoding: such a body is UTF-16/32
    # without a BOM, which no ASCII-compatible declaration (nor UTF-8, for which NULs are valid) can read.
    wide = body.find(b"\x00", 0, PRESCAN_BYTES) != -1
    steps = [
        (source, codec)
        for source, codec in _declared(body, headers)
        if not wide or codec.startswith(("utf-16", "utf-32"))
    ]
    if not wide:
        steps.append(("utf-8", "utf-8"))
    return steps


def _decode_by_later_steps(
    body: bytes, steps: list[tuple[str, str]], first: DecodedPage | None, tried: list[str], seen: set[str]
) -> DecodedPage:
    """Try the remaining steps and the detector; the first clean reading wins, else the first reading (source
    "none") with every codec tried.
    """
    for source, codec in [*steps, ("detector", None)]:
        if source == "detector":
            codec = _detect(body)
            if codec is None:
                tried.append("detector: no candidate")
                break
        if codec in seen:
            continue
        seen.add(codec)
        text, replacements, non_ascii = _decode(body, codec)
        page = DecodedPage(text, codec, source, replacements, non_ascii, tuple(tried))
        if _clean_enough(replacements, non_ascii):
            return page
        first = first or page
        tried.append(f"{source}:{codec}")
    if first is None:
        text, replacements, non_ascii = _decode(body, "utf-8")
        first = DecodedPage(text, "utf-8", "none", replacements, non_ascii)
    return DecodedPage(first.text, first.charset, "none", first.replacements, first.non_ascii, tuple(tried))


def detect_charset(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """The codec name ``decode_page`` reads ``body`` with."""
    return decode_page(body, headers).charset


def decode_body(body: bytes, headers: Mapping[str, str] | None = None) -> str:
    """The text of ``body`` (a leading byte-order mark removed; undecodable bytes become U+FFFD)."""
    return decode_page(body, headers).text
