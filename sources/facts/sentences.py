"""Split a parsed document (title, lead, body) into numbered sentences grouped in paragraphs.

Hand-written: the sentence splitters at hand (razdel, pysbd, nltk punkt) each know one language's
abbreviations, none of them Uzbek or Kazakh ones ("y.", "ш.", "mlrd."), and none is a dependency of this
project; the rules needed here are few: a sentence ends at ".", "!", "?" or "…" followed by a capital,
a digit or a quote, unless the dot closes an abbreviation or an initial. HTML bodies hold one paragraph
per line; PDF text is hard-wrapped, so its lines are joined back into paragraphs first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.normalise._text import clean

# Words whose trailing dot does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    "г гг ул д т тыс млн млрд трлн долл руб им др пр см напр т.е т.к т.д т.п рис стр с ст п пп "
    "y yil mln mlrd trln ming ш ж жыл н обл р-н св тел вкл no nr mr mrs dr st vs e.g i.e etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_BOUNDARY = re.compile(r"(?<=[.!?…])[»\"”)]?\s+(?=[«\"“(]?[^\W_a-zа-яё]|[«\"“(]?\d)")
_LAST_WORD = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
_TERMINAL = re.compile(r"[.!?…:;»\"”)]\s*$")


@dataclass(frozen=True)
class Sentence:
    text: str  # as printed (the evidence)
    clean: str  # same length, one spelling for spaces, apostrophes and dashes (for matching)
    paragraph: int  # paragraphs are numbered across title (0), lead and body
    index: int  # position in the document, 0-based
    part: str  # 'title' | 'lead' | 'body'


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph, in order, stripped."""
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        piece = text[start : match.start()].rstrip("»\"”) ")
        word = _LAST_WORD.search(text[start : match.start()].rstrip("»\"”) "))
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        if piece:
            out.append(text[start : match.start()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
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
            pieces = split_sentences(text) if part != "title" else [re.sub(r"\s+", " ", text).strip()]
            kept = [s for s in pieces if s and clean(s) not in seen]
            seen.update(clean(s) for s in kept)
            for sentence in kept:
                sentences.append(Sentence(sentence, clean(sentence), paragraph, len(sentences), part))
            if kept:
                paragraph += 1
    return sentences
