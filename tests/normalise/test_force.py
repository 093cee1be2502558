"""Dates of entry into force and loss of force as registers print them (sources/normalise/force.py)."""

from __future__ import annotations

from datetime import date

import pytest

from sources.normalise.force import in_force_from, lost_force_on


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Примечание РЦПИ! Вводится в действие с 01.01.2016.", date(2016, 1, 1)),
        ("Настоящий Закон вступает в силу с 1 июля 2020 года", date(2020, 7, 1)),
        ("ҚРЗАИ-ның ескертпесі! 2016 жылғы 1 қаңтардан бастап қолданысқа енгізіледі.", date(2016, 1, 1)),
        ("01.01.2016 бастап қолданысқа енгізіледі", date(2016, 1, 1)),
        ("Ushbu qaror 2020-yil 1-yanvardan kuchga kiradi", date(2020, 1, 1)),
        ("Мазкур қарор 2020 йил 1 январдан кучга киради", date(2020, 1, 1)),
        ("вступает в силу со дня подписания", None),  # no date named: never guessed
        ("вводится в действие по истечении десяти календарных дней", None),
        (None, None),
    ],
)
def test_in_force_from(text, expected):
    assert in_force_from(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Статус документа: Утратил силу с 08.01.2020", date(2020, 1, 8)),
        ("Ҳужжат кучини йўқотган 28.09.2020", date(2020, 9, 28)),
        ("Hujjat kuchini yo‘qotgan 02.07.2019", date(2019, 7, 2)),
        ("2020 жылғы 1 маусымнан бастап күшін жойды", date(2020, 6, 1)),
        ("Утратило силу постановлением Правительства РК от 01.06.2020 № 9998", None),  # the repealing act's date
        ("Действующий", None),
    ],
)
def test_lost_force_on(text, expected):
    assert lost_force_on(text) == expected
