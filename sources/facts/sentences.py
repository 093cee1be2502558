"""Split a parsed document (title, lead, body) into numbered sentences grouped in paragraphs.

Hand-written: the sentence splitters at hand (razdel, pysbd, nltk punkt) each know one language's
abbreviations, none of them Uzbek or Kazakh ones ("y.", "ш.", "mlrd."), and none is a dependency of this
project; the rules needed here are few: a sentence ends at ".", "!", "?" or "…" followed by a capital,
a digit or a quote, unless the dot closes an abbreviation or an initial. HTML bodies hold one paragraph
per line; PDF text is hard-wrapped, so its lines are joined back into paragraphs first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from sources.normalise.prefilter import LiteralGate, lowered, may_hold_other_digits, quick_clean

# Words whose trailing dot does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    "г гг ул д т тыс млн млрд трлн долл руб им др пр см напр т.е т.к т.д т.п рис стр с ст п пп "
    "y yil mln mlrd trln ming ш ж жыл н обл р-н св тел вкл no nr mr mrs dr st vs e.g i.e etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=[«\"“(]?[^\W_a-zа-яё]|[«\"“(]?\d)")
# An Uzbek word may hold an apostrophe ("ko'p", "ko‘p"): it is one word, not an initial "p.".
_LAST_WORD = re.compile(r"([^\W\d_]+(?:['‘’`ʼ][^\W\d_]+)*(?:\.[^\W\d_]+)*)\.$")
_TERMINAL = re.compile(r"[.!?…:;»\"”)]\s*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a page: as printed, cleaned for matching, its paragraph, and its part (title, lead, body)."""

    text: str  # as printed (the evidence)
    clean: str  # same length, one spelling for spaces, apostrophes and dashes (for matching)
    paragraph: int  # paragraphs are numbered across title (0), lead and body
    index: int  # position in the document, 0-based
    part: str  # 'title' | 'lead' | 'body'


# The same boundaries as _BOUNDARY, found from the closing mark itself: a pattern that starts with a character
# set is scanned much faster than one that starts with a lookbehind. A match starts one character earlier
# (at the mark); the part between marks holds no mark, so both find the same boundaries.
_BOUNDARY_AT_MARK = re.compile(r"[.!?…][»\"”)]?\s+(?=[«\"“(]?[^\W_a-zа-яё]|[«\"“(]?\d)")
_MARKS = re.compile(r"[.!?…]")
_DIGIT = re.compile(r"\d")


def _squash(text: str) -> str:
    r"""``re.sub(r"\s+", " ", text).strip()``: str.split, str.strip and regex \s agree on what whitespace is.

    A printable text (every whitespace character but U+0020 is unprintable) with no double or end space is
    returned as is.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph, in order, stripped."""
    text = _squash(text)
    return [text[start:end] for start, end in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a squashed paragraph (see _squash). A sentence starts at the text's
    start or where a boundary's lookahead stands (a non-space) and ends with its mark, or at the text's end:
    no sentence has a space at either end, so none needs stripping.
    """
    if not text:
        return []
    if not _MARKS.search(text):
        return [(0, len(text))]
    out: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_AT_MARK.finditer(text):
        end = match.start() + 1  # where _BOUNDARY's match starts
        # The piece text[start:end] ends in its mark, which no rstrip("»\"”) ") takes off: it is never empty.
        if text[end - 1] == ".":  # _LAST_WORD ends in a dot
            # The last word holds no space: only the last space-separated token of the piece can be it.
            word = _LAST_WORD.search(text, text.rfind(" ", start, end) + 1 or start, end)
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue
        out.append((start, end))
        start = match.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _paragraphs(body: str, wrapped: bool) -> list[str]:
    if not wrapped:
        return [line for line in body.splitlines() if line.strip()]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in body.splitlines():
        line = line.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current:
            previous = current[-1]
            # A PDF line that stops short of the margin, or ends a sentence, closes its paragraph,
            # unless the next line plainly continues it (starts in lower case).
            continues = line[:1].islower() or (len(previous) >= 60 and not _TERMINAL.search(previous))
            if not continues:
                paragraphs.append(" ".join(current))
                current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def document_sentences(document: dict) -> list[Sentence]:
    """Title, lead and body sentences; body sentences that repeat the lead are dropped."""
    wrapped = str(document.get("layout") or "").startswith("pdf") or document.get("page_kind") == "report"
    parts: list[tuple[str, list[str]]] = [
        ("title", [document.get("title") or ""]),
        ("lead", _paragraphs(document.get("lead") or "", wrapped=False)),
        ("body", _paragraphs(document.get("body_text") or "", wrapped)),
    ]
    seen: set[str] = set()
    sentences: list[Sentence] = []
    paragraph = 0
    for part, paragraphs in parts:
        for text in paragraphs:
            squashed = _squash(text)
            cleaned = quick_clean(squashed)  # clean is one character for one: slices of it clean the sentences
            spans = sentence_spans(squashed) if part != "title" else [(0, len(squashed))] if squashed else []
            kept = [(squashed[a:b], cleaned[a:b]) for a, b in spans]
            kept = [(s, c) for s, c in kept if c not in seen]
            seen.update(c for _, c in kept)
            for sentence, sentence_clean in kept:
                sentences.append(Sentence(sentence, sentence_clean, paragraph, len(sentences), part))
            if kept:
                paragraph += 1
    return sentences


class PageText:
    """The cleaned sentences of a page joined by newlines, to find in one pass which sentences may hold
    something: the readers then look at those sentences only, instead of at every one.
    """

    __slots__ = ("text", "_starts")

    def __init__(self, sentences: list[Sentence]) -> None:
        self.text = "\n".join(s.clean for s in sentences)
        starts, position = [], 0
        for sentence in sentences:
            starts.append(position)
            position += len(sentence.clean) + 1
        self._starts = starts

    def _sentence_at(self, position: int) -> int:
        return bisect_right(self._starts, position) - 1

    def _next_start(self, index: int) -> int:
        return self._starts[index + 1] if index + 1 < len(self._starts) else len(self.text)

    def with_character(self, characters: re.Pattern[str]) -> set[int]:
        """Indexes of the sentences holding a character of `characters` (a pattern of one character class)."""
        found: set[int] = set()
        match = characters.search(self.text)
        while match:
            index = self._sentence_at(match.start())
            found.add(index)
            match = characters.search(self.text, self._next_start(index))
        return found

    def with_digit(self) -> set[int]:
        r"""Indexes of the sentences holding a decimal digit (regex \d)."""
        if may_hold_other_digits(self.text):
            return self.with_character(_DIGIT)
        found: set[int] = set()
        for digit in "0123456789":  # str.find is much faster than a regex class scan
            at = self.text.find(digit)
            while at >= 0:
                index = self._sentence_at(at)
                found.add(index)
                at = self.text.find(digit, self._next_start(index))
        return found

    def holding(self, gate: LiteralGate) -> set[int] | None:
        """Indexes of the sentences `gate.may_match` may be True for (a superset), or None when that cannot
        be told from the page (a `_CASE_TRAPS` character: then any sentence may).
        """
        if not gate.literals:
            return set()
        low = lowered(self.text)
        if low is None:
            return None
        found: set[int] = set()
        for literal in gate.literals:
            if "\n" in literal or not literal:
                return None
            at = low.find(literal)
            while at >= 0:
                index = self._sentence_at(at)
                found.add(index)
                at = low.find(literal, self._next_start(index))
        return found
