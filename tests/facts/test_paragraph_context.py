"""Trade figures read with their paragraph: carried context, back-references, direction, qualifiers, comparisons."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sources.facts.prose import extract_prose_facts
from sources.facts.trade_prose import EVIDENCE_SEPARATOR

PUBLISHED = datetime(2024, 11, 20, 9, 0, tzinfo=UTC)


def read(body: str, site_country: str | None, *, lead: str | None = None, title: str = "", language: str = "ru"):
    document = {
        "title": title,
        "lead": lead,
        "body_text": body,
        "published_at": PUBLISHED,
        "language": language,
        "site": "example",
        "page_kind": "article",
        "layout": "generic",
    }
    return extract_prose_facts(document, site_country)


def trade(out: dict) -> dict[tuple[str, float], dict]:
    """Trade rows by (flow, value)."""
    return {(r["flow"], r["value_usd"]): r for r in out["trade_observations"]}


def period(row: dict) -> tuple[date, date]:
    return row["period_start"], row["period_end"]


JAN_SEP_2024 = (date(2024, 1, 1), date(2024, 9, 30))


def test_the_next_sentence_takes_the_period_and_keeps_both_sentences_as_evidence():
    first = "За январь–сентябрь 2024 года товарооборот Узбекистана с Казахстаном вырос до 3,4 млрд долларов."
    second = "Экспорт при этом достиг 1,3 млрд долларов, импорт — 2,1 млрд долларов."
    rows = trade(read(f"{first} {second}", "UZB"))
    assert set(rows) == {("total", 3.4e9), ("export", 1.3e9), ("import", 2.1e9)}
    assert all(
        period(r) == JAN_SEP_2024 and (r["reporter_iso3"], r["partner_iso3"]) == ("UZB", "KAZ") for r in rows.values()
    )
    assert rows[("total", 3.4e9)]["evidence"] == first
    assert rows[("export", 1.3e9)]["evidence"] == first + EVIDENCE_SEPARATOR + second


BACK_REFERENCES = [
    (
        "ru",
        "UZB",
        "В январе–сентябре 2024 года товарооборот с Казахстаном достиг 3,4 млрд долларов. "
        "За тот же период в Казахстан поставлено товаров на 1,3 млрд долларов.",
    ),
    (
        "uz-Latn",
        "UZB",
        "2024-yil yanvar-sentabr oylarida Qozog'iston bilan savdo 3,4 mlrd dollarga yetdi. "
        "Mazkur davrda Qozog'istonga 1,3 mlrd dollarlik mahsulot jo'natildi.",
    ),
    (
        "uz-Cyrl",
        "UZB",
        "2024 йил январь-сентябрь ойларида Қозоғистон билан савдо 3,4 млрд долларга етди. "
        "Шу даврда Қозоғистонга 1,3 млрд долларлик маҳсулот экспорт қилинди.",
    ),
    (
        "kk",
        "KAZ",
        "2024 жылғы қаңтар-қыркүйекте Өзбекстанмен сауда 3,4 млрд долларға жетті. "
        "Қамтылып отырған кезеңде Өзбекстаннан 1,3 млрд долларлық тауар әкелінді.",
    ),
    (
        "en",
        "UZB",
        "Trade with Kazakhstan reached $3.4 billion in January-September 2024. "
        "During this period, goods worth $1.3 billion were shipped to Kazakhstan.",
    ),
]


@pytest.mark.parametrize(("language", "site", "body"), BACK_REFERENCES)
def test_a_back_reference_brings_the_period(language, site, body):
    rows = trade(read(body, site, language=language))
    flow = "import" if site == "KAZ" else "export"  # the Kazakh case imports from Uzbekistan
    assert period(rows[(flow, 1.3e9)]) == JAN_SEP_2024
    assert EVIDENCE_SEPARATOR in rows[(flow, 1.3e9)]["evidence"]


def test_another_partner_ends_the_context_but_a_back_reference_still_reaches_it():
    implicit = read(
        "В 2023 году товарооборот с Казахстаном составил 4,4 млрд долларов. "
        "Товарооборот с Россией достиг 9,8 млрд долларов.",
        "UZB",
    )
    assert set(trade(implicit)) == {("total", 4.4e9)}
    assert [r["reason"] for r in implicit["unresolved_mentions"]] == ["period not read"]
    explicit = read(
        "В 2023 году товарооборот с Казахстаном составил 4,4 млрд долларов. "
        "Торговля с Россией за этот период достигла 9,8 млрд долларов.",
        "UZB",
    )
    russia = trade(explicit)[("total", 9.8e9)]
    assert (russia["partner_iso3"], period(russia)) == ("RUS", (date(2023, 1, 1), date(2023, 12, 31)))


def test_the_context_ends_with_its_paragraph_but_the_lead_runs_into_the_first_one():
    out = read(
        "Экспорт в Казахстан составил 1,3 млрд долларов.\nИмпорт из Казахстана составил 2,1 млрд долларов.",
        "UZB",
        lead="Товарооборот с Казахстаном за девять месяцев 2024 года достиг 3,4 млрд долларов.",
    )
    assert period(trade(out)[("export", 1.3e9)]) == JAN_SEP_2024
    assert ("import", 2.1e9) not in trade(out)
    assert [(r["value"], r["reason"]) for r in out["unresolved_mentions"]] == [(2.1e9, "period not read")]


def test_an_undated_time_ends_the_context():
    out = read(
        "За январь–сентябрь 2024 года товарооборот с Казахстаном составил 3,4 млрд долларов. "
        "Пять лет назад он не достигал и 2 млрд долларов.",
        "UZB",
    )
    assert set(trade(out)) == {("total", 3.4e9)}


LAST_YEARS_PERIOD = [
    ("ru", "Годом ранее этот показатель составлял 2,9 млрд долларов."),
    ("ru", "За аналогичный период прошлого года он был на уровне 2,9 млрд долларов."),
    ("uz-Latn", "O'tgan yilning shu davrida bu ko'rsatkich 2,9 mlrd dollar bo'lgan."),
    ("uz-Cyrl", "Ўтган йилнинг шу даврида бу кўрсаткич 2,9 млрд доллар эди."),
    ("kk", "Өткен жылдың сәйкес кезеңінде бұл көрсеткіш 2,9 млрд доллар болған."),
    ("en", "In the same period last year, it stood at $2.9 billion."),
]


@pytest.mark.parametrize(("language", "sentence"), LAST_YEARS_PERIOD)
def test_the_same_period_last_year_is_the_previous_years_period(language, sentence):
    first = "За январь–сентябрь 2024 года товарооборот Узбекистана с Казахстаном составил 3,4 млрд долларов."
    rows = trade(read(f"{first} {sentence}", "UZB", language=language))
    assert set(rows) == {("total", 3.4e9), ("total", 2.9e9)}
    assert period(rows[("total", 2.9e9)]) == (date(2023, 1, 1), date(2023, 9, 30))
    assert period(rows[("total", 3.4e9)]) == JAN_SEP_2024


def test_a_change_on_last_year_gives_last_years_value_never_a_second_current_one():
    out = read(
        "Товарооборот Узбекистана и Казахстана за январь–сентябрь 2024 года составил 3,4 млрд долларов, "
        "что на 412 млн долларов больше, чем за январь–сентябрь прошлого года.",
        "UZB",
    )
    rows = trade(out)
    assert set(rows) == {("total", 3.4e9), ("total", 2.988e9)}
    assert period(rows[("total", 2.988e9)]) == (date(2023, 1, 1), date(2023, 9, 30))
    uzbek = read(
        "2024-yil yanvar-sentabr oylarida Qozog'istonga eksport 1,3 mlrd dollarni tashkil etdi, "
        "bu o'tgan yilning shu davridagidan 95 mln dollarga kam.",
        "UZB",
        language="uz-Latn",
    )
    assert set(trade(uzbek)) == {("export", 1.3e9), ("export", 1.395e9)}


GROWTH = [
    ("рост на 17,3 %", 17.3),
    ("снизился на 4,1 %", -4.1),
]


@pytest.mark.parametrize(("words", "value"), GROWTH)
def test_a_percentage_change_is_the_growth_of_the_figure_it_is_said_of(words, value):
    out = read(
        f"В январе–сентябре 2024 года экспорт Казахстана в Узбекистан составил 2,3 млрд долларов ({words}), "
        "а импорт — 1,1 млрд долларов.",
        "KAZ",
    )
    (growth,) = out["indicator_observations"]
    assert (growth["indicator"], growth["value"], growth["country_iso3"], growth["partner_iso3"]) == (
        "trade_export_growth_pct",
        value,
        "KAZ",
        "UZB",
    )
    assert (growth["period_start"], growth["period_end"]) == JAN_SEP_2024
    assert set(trade(out)) == {("export", 2.3e9), ("import", 1.1e9)}


QUALIFIERS = [
    ("ru", "UZB", "Экспорт в Казахстан — свыше 1,2 млрд, импорт из Казахстана — около 2,1 млрд долларов."),
    ("uz-Latn", "UZB", "Qozog'istonga eksport 1,2 mlrd dollardan ortiq, Qozog'istondan import qariyb 2,1 mlrd dollar."),
    ("kk", "KAZ", "Өзбекстанға экспорт 1,2 млрд доллардан астам, Өзбекстаннан импорт 2,1 млрд долларға жуық."),
    ("en", "UZB", "Exports to Kazakhstan were over $1.2 billion and imports from Kazakhstan nearly $2.1 billion."),
]


@pytest.mark.parametrize(("language", "site", "sentence"), QUALIFIERS)
def test_each_value_keeps_its_own_qualifier(language, site, sentence):
    first = {
        "ru": "В 2023 году товарооборот с Казахстаном составил 3,3 млрд долларов.",
        "uz-Latn": "2023-yilda Qozog'iston bilan savdo 3,3 mlrd dollarni tashkil etdi.",
        "kk": "2023 жылы Өзбекстанмен сауда 3,3 млрд долларды құрады.",
        "en": "Trade with Kazakhstan totalled $3.3 billion in 2023.",
    }[language]
    rows = trade(read(f"{first} {sentence}", site, language=language))
    assert rows[("export", 1.2e9)]["qualifier"] == ">"
    assert rows[("import", 2.1e9)]["qualifier"] == "~"
    assert rows[("total", 3.3e9)]["qualifier"] == "="


DIRECTIONS = [
    ("ru", "UZB", "В 2023 году Казахстан экспортировал в Узбекистан товаров на 2,7 млрд долларов.", "import"),
    ("ru", "UZB", "В 2023 году из Казахстана ввезено продукции на 2,7 млрд долларов.", "import"),
    ("ru", "KAZ", "В 2023 году экспорт узбекских товаров в Казахстан составил 2,7 млрд долларов.", "import"),
    ("uz-Latn", "UZB", "2023-yilda Qozog'istondan 2,7 mlrd dollarlik tovar olib kelindi.", "import"),
    ("uz-Cyrl", "UZB", "2023 йилда Ўзбекистоннинг Қозоғистонга экспорти 2,7 млрд долларни ташкил этди.", "export"),
    ("kk", "KAZ", "2023 жылы Қазақстан Өзбекстанға 2,7 млрд долларлық тауар экспорттады.", "export"),
    ("kk", "UZB", "2023 жылы Қазақстан Өзбекстанға 2,7 млрд долларлық тауар экспорттады.", "import"),
    ("en", "UZB", "In 2023, Uzbekistan bought goods worth $2.7 billion from Kazakhstan.", "import"),
    ("en", "KAZ", "In 2023, Kazakhstan supplied Uzbekistan with goods worth $2.7 billion.", "export"),
]


@pytest.mark.parametrize(("language", "site", "sentence", "flow"), DIRECTIONS)
def test_direction_from_verbs_cases_and_prepositions_from_the_reporters_side(language, site, sentence, flow):
    (row,) = read(sentence, site, language=language)["trade_observations"]
    assert (row["reporter_iso3"], row["flow"], row["value_usd"]) == (site, flow, 2.7e9)


def test_a_bare_flow_word_is_the_reporters_only_in_a_paragraph_on_the_two_countries_trade():
    alone = read("Экспорт в 2023 году составил 1,2 млрд долларов.", "UZB", title="Узбекистан и Казахстан")
    assert [r["reason"] for r in alone["unresolved_mentions"]] == ["direction not read"]
    after = read(
        "В 2023 году товарооборот Узбекистана с Казахстаном составил 3,3 млрд долларов. "
        "Экспорт составил 1,2 млрд долларов.",
        "UZB",
    )
    assert trade(after)[("export", 1.2e9)]["period_start"] == date(2023, 1, 1)


def test_dollars_and_scale_carry_to_the_items_of_a_list():
    rows = trade(
        read(
            "Внешнеторговый оборот с Казахстаном за январь–сентябрь 2024 года составил 3 410,2 млн долл. США. "
            "Экспорт — 1 320,7, импорт — 2 089,5 млн долл. США.",
            "UZB",
        )
    )
    assert set(rows) == {("total", 3410.2e6), ("export", 1320.7e6), ("import", 2089.5e6)}


def test_a_list_with_no_unit_of_its_own_takes_dollars_and_scale_from_the_sentence_before():
    rows = trade(
        read(
            "Внешнеторговый оборот с Казахстаном за январь–сентябрь 2024 года составил 3 410,2 млн долл. США. "
            "Экспорт — 1 320,7, импорт — 2 089,5.",
            "UZB",
        )
    )
    assert set(rows) == {("total", 3410.2e6), ("export", 1320.7e6), ("import", 2089.5e6)}
    assert EVIDENCE_SEPARATOR in rows[("export", 1320.7e6)]["evidence"]


def test_a_bare_number_that_no_trade_word_governs_takes_no_dollars():
    out = read(
        "В 2023 году товарооборот с Казахстаном составил 3,3 млрд долларов, а число совместных предприятий — 1,2 млн.",
        "UZB",
    )
    assert set(trade(out)) == {("total", 3.3e9)}


DISTRACTORS = [
    ("В 2023 году экспорт пшеницы в Узбекистан составил 480 млн долларов.", "KAZ", "one commodity's trade"),
    ("В 2025 году экспорт в Казахстан должен вырасти до 2 млрд долларов.", "UZB", "a plan or forecast"),
    ("В 2023 году внешнеторговый оборот Узбекистана составил 62,6 млрд долларов.", "UZB", "trade with the world"),
]


@pytest.mark.parametrize(("sentence", "site", "reason"), DISTRACTORS)
def test_distractors_are_no_trade_values(sentence, site, reason):
    out = read(sentence, site, title="Узбекистан и Казахстан")
    assert not out["trade_observations"]
    (row,) = out["unresolved_mentions"]
    assert reason in row["reason"]


def test_tonnage_and_shares_are_not_trade_values():
    out = read(
        "В 2023 году Казахстан поставил в Узбекистан 3,2 млн тонн зерна. "
        "На Казахстан пришлось 7,1 % внешнеторгового оборота Узбекистана.",
        "UZB",
    )
    assert not out["trade_observations"]
    assert not [r for r in out["indicator_observations"] if r["indicator"].endswith("growth_pct")]


def test_a_partners_share_and_a_trade_value_in_one_sentence_are_both_read():
    out = read(
        "В 2023 году товарооборот Узбекистана с Казахстаном составил 4,4 млрд долларов, "
        "а доля Казахстана во внешней торговле Узбекистана — 7,1 %.",
        "UZB",
    )
    assert set(trade(out)) == {("total", 4.4e9)}
    (share,) = out["indicator_observations"]
    assert (share["indicator"], share["value"], share["partner_iso3"]) == ("trade_partner_share_pct", 7.1, "KAZ")


def test_a_sentence_without_a_trade_word_goes_on_only_when_it_states_the_figure():
    first = "В 2023 году товарооборот Узбекистана с Казахстаном составил 4,4 млрд долларов."
    states = read(f"{first} Годом ранее он составлял 3,9 млрд долларов.", "UZB")
    assert set(trade(states)) == {("total", 4.4e9), ("total", 3.9e9)}
    other = read(f"{first} Это позволило привлечь ещё 100 млн долларов.", "UZB")
    assert set(trade(other)) == {("total", 4.4e9)}


def test_a_list_item_takes_the_flow_before_it_only_for_a_partner_it_names_as_such():
    listed = read(
        "В 2023 году товарооборот с Казахстаном составил 4,4 млрд долларов, с Кыргызстаном — 1,1 млрд.", "UZB"
    )
    assert trade(listed)[("total", 1.1e9)]["partner_iso3"] == "KGZ"
    other = read(
        "В 2023 году товарооборот с Казахстаном составил 4,4 млрд долларов, население Казахстана — 20 млн.", "UZB"
    )
    assert set(trade(other)) == {("total", 4.4e9)}
