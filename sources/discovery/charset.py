"""Charset detection and decoding of fetched feeds and pages: the one implementation is ``sources.charset``."""

from sources.charset import decode_body, decode_page, detect_charset

__all__ = ["decode_body", "decode_page", "detect_charset"]
