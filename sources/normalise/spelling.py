"""Shared text clean-up for the normalise parsers: one spelling for spaces, apostrophes and dashes.

Hand-written: a few str.translate tables; no library is needed for this.
"""

from __future__ import annotations

# Every space that real pages use as a thousands separator (FORMATS.md) becomes U+0020.
_SPACES = {ord(c): " " for c in "\u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a"}
# Uzbek Latin o‘/g‘ and the tutuq belgisi are typed with any of these; one spelling keeps regexes small.
_APOSTROPHES = {ord(c): "'" for c in "\u2018\u2019\u02bb\u02bc\u02b9`\u00b4\u2032"}
# Ranges are written with en dash, em dash, minus sign, figure dash or hyphen.
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}

_TABLE = {**_SPACES, **_APOSTROPHES, **_DASHES}


def clean(text: str) -> str:
    """Same length as `text`, so match offsets stay valid against the original."""
    return text.translate(_TABLE)


def squash_spaces(text: str | None) -> str:
    r"""Every run of unicode whitespace becomes one U+0020 and the ends are stripped; None gives "".

    Exactly ``re.sub(r"\s+", " ", text).strip()``: str-mode ``\s``, ``str.split()`` and ``str.strip()`` all
    use ``str.isspace`` (NBSP, U+202F, U+2009, U+3000, U+0085, U+001C-U+001F... included; U+200B is not
    whitespace for any of them), but split/join is several times faster than the regex. Most texts need no
    change: a printable text (``isprintable`` is False for every whitespace character but U+0020) without
    double or end spaces is returned as is, which is cheaper still.
    """
    if not text:
        return ""
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text
    return " ".join(text.split())
