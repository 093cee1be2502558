"""The last resort when a site's own selectors find no body: trafilatura's main-text extraction.

A site parser calls ``main_text`` only after its selectors found nothing, so pages of a known layout never
pay for it. What it returns is the page's text (and, when asked, a title) and nothing else: dates,
numbers, statuses and requisites stay with the site parser, which knows how its site writes them
(trafilatura's dates, from htmldate heuristics, are wrong for legal acts). A document built from it has
``layout = FALLBACK_LAYOUT`` and comes with a ``layout_fallback`` warning in ``parse_errors`` (see
``sources.records``), so a site whose markup changed is visible both as rows and in the yield signal.
Too little text (``MIN_CHARS``; a maintenance notice, a cookie wall) is "nothing found": the parser then
reports its ``missing_part`` error.
"""

from __future__ import annotations

from dataclasses import dataclass

from sources.normalise.spelling import squash_spaces
from sources.records import ParseError

FALLBACK_LAYOUT = "fallback:trafilatura"
# Fewer characters than this is no body: notices and walls say what they say in a sentence or two.
MIN_CHARS = 200


@dataclass(frozen=True)
class MainText:
    """What the extractor found: ``text`` is None when it found no body; ``note`` says what it did."""

    text: str | None
    title: str | None
    note: str


def main_text(html: str, url: str | None = None, *, want_title: bool = False) -> MainText:
    """The main text of ``html`` (paragraphs one a line), or ``text=None`` with the reason in ``note``."""
    from trafilatura import bare_extraction  # imported on the first fallback only

    try:
        found = bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            with_metadata=want_title,
        )
    except Exception as exc:  # a library failure on a hostile page is "nothing found", said in the message
        return MainText(None, None, f"trafilatura failed ({type(exc).__name__}: {exc})")
    lines = [squash_spaces(line) for line in (found.text or "").splitlines()] if found is not None else []
    text = "\n".join(line for line in lines if line)
    title = squash_spaces(found.title) or None if found is not None and want_title else None
    if len(text) < MIN_CHARS:
        return MainText(None, title, f"trafilatura found {len(text)} characters of text (fewer than {MIN_CHARS})")
    return MainText(text, title, f"trafilatura found {len(text)} characters of text")


def fallback_warning(site: str, part: str, tried: list[str] | tuple[str, ...], url: str) -> ParseError:
    """The ``layout_fallback`` warning that goes with a document whose ``part`` the fallback supplied."""
    return ParseError(
        "layout_fallback",
        f"{site}: the site's selectors found no {part} (tried {'; '.join(tried)}); "
        f"the document's text is trafilatura's main-text extraction ({FALLBACK_LAYOUT}) at {url}",
    )
