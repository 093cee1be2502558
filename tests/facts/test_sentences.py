"""Sentence splitting: what ends a sentence and what does not."""

from __future__ import annotations

import pytest

from sources.facts.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an Uzbek word with an apostrophe is a word, not an initial ("p.")
        ("Savdo 9 foizga ko'p. Eksport o'sdi.", ["Savdo 9 foizga ko'p.", "Eksport o'sdi."]),
        ("Savdo 9 foizga ko‘p. Eksport o‘sdi.", ["Savdo 9 foizga ko‘p.", "Eksport o‘sdi."]),
        # initials and abbreviations still do not end one
        ("Т. Иванов сказал. Всё.", ["Т. Иванов сказал.", "Всё."]),
        ("Рост 3 млрд. долл. за год. Конец.", ["Рост 3 млрд. долл. за год.", "Конец."]),
    ],
)
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected
