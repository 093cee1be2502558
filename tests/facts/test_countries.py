"""Country mentions: the dollar's "США" / "AQSH" is a currency, not a partner country."""

from __future__ import annotations

import pytest

from sources.facts.countries import countries_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Товарооборот с Казахстаном составил 833,5 млн долл. США", ["KAZ"]),
        ("экспорт в Казахстан — 1,2 млрд долларов США", ["KAZ"]),
        ("Qozog‘iston bilan savdo 3 mlrd AQSH dollari", ["KAZ"]),
        ("Қазақстан мен Өзбекстан арасындағы сауда 4 млрд АҚШ долларын құрады", ["KAZ", "UZB"]),
        ("Узбекистан увеличил экспорт в США", ["UZB", "USA"]),
        ("Форум прошёл в Туркестане", []),
    ],
)
def test_countries_named(text, expected):
    assert countries_in(text) == expected
