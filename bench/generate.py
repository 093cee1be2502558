"""Synthetic archives for the benchmarks: N pages in the real layouts of each site (SITES.md), seeded.

Pages carry what real pages carry around the content (inline CSS, analytics scripts, a JSON state blob,
mega-menus, sidebars, footers), so sizes land in the tens to hundreds of KB; about a third of the pages
mention the partner country, some with trade figures in prose and tables. The same (n, seed) always gives
the same bytes. Two outputs: a manifest + files that `kzuz archive import --manifest` reads, or captures
written straight into an ArchiveStore (same WARC + SQLite format, batched index writes, no fsync).

    python -m bench.generate --pages 1000 --manifest DIR      # DIR/manifest.tsv + DIR/pages/
    python -m bench.generate --pages 1000 --home HOME          # HOME/archive
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sources.archive.store import ArchiveStore, capture_key
from sources.catalog import load_catalog

# Share of pages per layout (gazeta.uz dominates a news-led archive; the legal registers are smaller).
SITE_MIX = [
    ("gazeta_uz", 0.38),
    ("lex_uz", 0.14),
    ("zakon_kz", 0.14),
    ("online_zakon_kz", 0.06),
    ("adilet_zan_kz", 0.10),
    ("generic", 0.18),
]
RELEVANT_SHARE = 0.35  # pages that mention the partner country at all
TABLE_SHARE = 0.25  # of relevant gazeta.uz articles: a trade table in the body
GENERIC_HOSTS = ["podrobno.uz", "uza.uz", "uzdaily.uz", "www.akorda.kz", "news.un.org", "e-cis.info"]
EPOCH = datetime(2017, 1, 1, tzinfo=UTC)

RU_WORDS = (
    "правительство министерство развитие экономика сотрудничество регион проект соглашение инвестиции "
    "строительство дорога граница программа рынок предприятие продукция энергетика транспорт услуги "
    "реформа бюджет образование здравоохранение сельское хозяйство вода ресурсы инфраструктура встреча "
    "делегация заседание комиссия итоги неделя год квартал область город район жители компания банк"
).split()
OZ_WORDS = (
    "hukumat vazirlik rivojlanish iqtisodiyot hamkorlik mintaqa loyiha kelishuv investitsiya qurilish yo‘l "
    "chegara dastur bozor korxona mahsulot energetika transport xizmat islohot byudjet ta’lim sog‘liqni "
    "saqlash qishloq xo‘jaligi suv resurslar infratuzilma uchrashuv delegatsiya majlis komissiya yil shahar"
).split()
UZ_WORDS = (
    "ҳукумат вазирлик ривожланиш иқтисодиёт ҳамкорлик минтақа лойиҳа келишув инвестиция қурилиш йўл "
    "чегара дастур бозор корхона маҳсулот энергетика транспорт хизмат ислоҳот бюджет таълим соғлиқни "
    "сақлаш қишлоқ хўжалиги сув ресурслар инфратузилма учрашув делегация мажлис комиссия йил шаҳар"
).split()
EN_WORDS = (
    "government ministry development economy cooperation region project agreement investment construction "
    "road border programme market enterprise products energy transport services reform budget education "
    "health agriculture water resources infrastructure meeting delegation session commission year city"
).split()
WORDS = {"ru": RU_WORDS, "oz": OZ_WORDS, "uz": UZ_WORDS, "en": EN_WORDS}
PARTNER = {"ru": "Казахстан", "oz": "Qozog‘iston", "uz": "Қозоғистон", "en": "Kazakhstan"}
HOME = {"ru": "Узбекистан", "oz": "O‘zbekiston", "uz": "Ўзбекистон", "en": "Uzbekistan"}
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]  # fmt: skip


@dataclass(frozen=True)
class SyntheticPage:
    """One generated page: its URL, body and capture time, the site layout it imitates, and whether it is on topic."""

    url: str
    body: bytes
    fetched_at: datetime
    layout: str  # parser key of SITE_MIX
    relevant: bool


# ---- shared page furniture: what makes real pages 10-50x heavier than their text ----------------------


def _css(rng: random.Random, rules: int) -> str:
    parts = []
    for i in range(rules):
        parts.append(
            f".c{rng.randrange(10**6):x}-{i}{{margin:{rng.randrange(40)}px {rng.randrange(40)}px;"
            f"padding:{rng.randrange(30)}px;color:#{rng.randrange(16**6):06x};"
            f"font:{rng.randrange(10, 30)}px/1.{rng.randrange(9)} Arial,sans-serif;display:flex}}"
        )
    return "<style>" + "".join(parts) + "</style>"


def _script(rng: random.Random, statements: int) -> str:
    body = ";".join(
        f"window.__a{i}=function(e){{return e&&e.{rng.choice(['id', 'key', 'slot'])}"
        f"==={rng.randrange(10**6)}?dataLayer.push({{event:'v{i}',t:{rng.randrange(10**9)}}}):null}}"
        for i in range(statements)
    )
    return f"<script>window.dataLayer=window.dataLayer||[];{body}</script>"


def _state_json(rng: random.Random, items: int, lang: str) -> str:
    words = WORDS[lang]
    state = {
        "feed": [
            {
                "id": rng.randrange(10**6),
                "title": " ".join(rng.choices(words, k=8)),
                "url": f"/{lang}/{rng.randrange(2017, 2025)}/{rng.randrange(1, 13):02d}/x{rng.randrange(10**6)}/",
                "views": rng.randrange(10**5),
            }
            for _ in range(items)
        ]
    }
    return "<script>window.__INITIAL_STATE__=" + json.dumps(state, ensure_ascii=False) + ";</script>"


def _menu(rng: random.Random, links: int, lang: str, prefix: str = "") -> str:
    words = WORDS[lang]
    items = "".join(
        f'<li class="menu__item"><a href="{prefix}/{lang}/s{i}/">{rng.choice(words).capitalize()}</a></li>'
        for i in range(links)
    )
    return f'<ul id="menu" class="nav">{items}</ul>'


def _sidebar(rng: random.Random, items: int, lang: str) -> str:
    words = WORDS[lang]
    rows = "".join(
        f'<li><a href="/{lang}/2020/01/01/p{rng.randrange(10**6)}/">{" ".join(rng.choices(words, k=7))}</a></li>'
        for _ in range(items)
    )
    return f'<div class="sidebar"><div class="block-title">Popular</div><ul class="popular">{rows}</ul></div>'


def _furniture(rng: random.Random, lang: str) -> tuple[str, str, str]:
    """(head extras, top chrome, bottom chrome); weight drawn so page sizes spread ~20-300 KB."""
    weight = min(6.0, rng.lognormvariate(0.0, 0.7))
    head = _css(rng, int(60 * weight)) + _script(rng, int(40 * weight))
    top = _menu(rng, int(30 * weight), lang)
    bottom = (
        _sidebar(rng, int(15 * weight), lang)
        + _state_json(rng, int(50 * weight), lang)
        + _script(rng, int(20 * weight))
    )
    return head, top, bottom


def _ru_date(when: datetime) -> str:
    return f"{when.day} {RU_MONTHS[when.month - 1]} {when.year}"


def _sentence(rng: random.Random, lang: str, n: int | None = None) -> str:
    words = rng.choices(WORDS[lang], k=n or rng.randrange(8, 22))
    return " ".join(words).capitalize() + "."


def _relevant_sentence(rng: random.Random, lang: str, year: int) -> str:
    value = round(rng.uniform(0.5, 6.0), 1)
    if lang == "ru":
        return rng.choice([
            f"Товарооборот Узбекистана с Казахстаном в {year} году составил {value} млрд долларов.",
            f"Экспорт Узбекистана в Казахстан за {year} год вырос до {int(value * 400)} млн долларов.",
            f"В Узбекистане работают {rng.randrange(300, 1200)} предприятий с участием казахстанского капитала.",
            f"Между Ташкентом и Алматы выполняется {rng.randrange(10, 60)} рейсов в неделю.",
            f"Стороны поставили цель довести товарооборот до {rng.choice([5, 10])} млрд долларов.",
        ])  # fmt: skip
    if lang == "en":
        return f"Trade between Uzbekistan and Kazakhstan reached ${value} billion in {year}."
    if lang == "oz":
        return (
            f"{year} yilda O‘zbekiston va Qozog‘iston o‘rtasidagi tovar aylanmasi {value} mlrd dollarni tashkil etdi."
        )
    return f"{year} йилда Ўзбекистон ва Қозоғистон ўртасидаги товар айирбошлаш {value} млрд долларни ташкил этди."


def _paragraphs(rng: random.Random, lang: str, count: int, relevant: bool, year: int) -> list[str]:
    paras = []
    for _ in range(count):
        sentences = [_sentence(rng, lang) for _ in range(rng.randrange(2, 6))]
        if relevant and rng.random() < 0.3:
            sentences.insert(rng.randrange(len(sentences) + 1), _relevant_sentence(rng, lang, year))
        paras.append(" ".join(sentences))
    return paras


def _trade_table(rng: random.Random, year: int) -> str:
    years = [year - 3, year - 2, year - 1]
    head = "".join(f"<td><strong>{y}</strong></td>" for y in years)

    def cells() -> str:
        return "".join(f"<td>{rng.randrange(300, 4000):,}</td>".replace(",", "&nbsp;") for _ in years)

    return (
        "<p>Товарооборот Узбекистана с Казахстаном, млн долларов</p>"
        f'<table class="table"><tbody><tr><td></td>{head}</tr>'
        f"<tr><td>Товарооборот</td>{cells()}</tr><tr><td>Экспорт Узбекистана</td>{cells()}</tr>"
        f"<tr><td>Импорт из Казахстана</td>{cells()}</tr></tbody></table>"
    )


# ---- one generator per layout --------------------------------------------------------------------------


def _gazeta(rng: random.Random, i: int, when: datetime, relevant: bool) -> tuple[str, str]:
    lang = rng.choices(["ru", "oz", "uz", "en"], weights=[55, 25, 10, 10])[0]
    slug = f"{'kaz-uzb' if relevant else 'news'}-{i}"
    url = f"https://www.gazeta.uz/{lang}/{when:%Y/%m/%d}/{slug}/"
    title = (f"{HOME[lang]} — {PARTNER[lang]}: " if relevant else "") + _sentence(rng, lang, 6).rstrip(".")
    paras = _paragraphs(rng, lang, rng.randrange(5, 25), relevant, when.year - 1)
    newer = rng.random() < 0.5
    ptag = '<p dir="ltr">' if newer else "<p>"
    body = "".join(f"{ptag}{p}</p>" for p in paras)
    if relevant and lang == "ru" and rng.random() < TABLE_SHARE:
        cut = len(paras) // 2
        body = (
            "".join(f"{ptag}{p}</p>" for p in paras[:cut])
            + _trade_table(rng, when.year)
            + "".join(f"{ptag}{p}</p>" for p in paras[cut:])
        )
    body += "<p>Шухрат Латипов / «Газета.uz»</p>"
    container = '<div class="articleContent">' if newer else '<div class="articleBody" itemprop="articleBody">'
    head, top, bottom = _furniture(rng, lang)
    html = f"""<!DOCTYPE html>
<html lang="{lang}" prefix="og: http://ogp.me/ns#"><head><meta charset="utf-8">
<title>{title} – Газета.uz</title>
<meta property="og:type" content="article"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{when.isoformat()}">
<link rel="canonical" href="{url}">{head}</head>
<body><div id="header"><div class="logo"><a href="/{lang}/">Газета.uz</a></div>{top}
<form class="search" action="/ru/search"><input name="q"></form></div>
<div id="content" class="content"><div class="articleContainer" itemscope itemtype="http://schema.org/NewsArticle">
<h1 id="article_title" itemprop="headline">{title}</h1>
<div class="articleDateTime">{_ru_date(when)}, {when:%H:%M} <a href="/{lang}/economy/">Экономика</a></div>
<h4>{_sentence(rng, lang)}</h4>
<img class="articleBigPic" data-src="https://www.gazeta.uz/media/img/{when:%Y/%m}/{slug}.jpg" alt="">
<p class="articlePicDesc">{_sentence(rng, lang, 4)}</p>
{container}{body}</div>
<div class="articleTags"><span itemprop="about"><a href="/{lang}/tags/kazakhstan/">{PARTNER[lang]}</a></span></div>
</div>{bottom}</div>
<div id="footer"><p class="copy">© «Газета.uz»</p></div></body></html>"""
    return url, html


LEX_FORMS = [("ПОСТАНОВЛЕНИЕ", "ПП", "Президента"), ("УКАЗ", "УП", "Президента"), ("ЗАКОН", "ЗРУ", "Республики"),
             ("ҚАРОРИ", "ПҚ", "Президентининг")]  # fmt: skip


def _lex(rng: random.Random, i: int, when: datetime, relevant: bool) -> tuple[str, str]:
    doc_id = 3_000_000 + i
    prefix = rng.choice(["", "/ru", "/uz"])
    url = f"https://lex.uz{prefix}/docs/{doc_id}"
    form, num_prefix, body_word = rng.choice(LEX_FORMS)
    number = f"{num_prefix}-{rng.randrange(1000, 6000)}"
    name = (
        "О ратификации Соглашения между Республикой Узбекистан и Республикой Казахстан"
        if relevant
        else "О мерах по дальнейшему развитию " + " ".join(rng.choices(RU_WORDS, k=4))
    )
    blocks = [("ACT_FORM", form), ("ACCEPTING_BODY", f"{body_word.upper()} РЕСПУБЛИКИ УЗБЕКИСТАН"),
              ("ACT_TITLE", name.upper()), ("COMMENTLEXUZ", _sentence(rng, "ru"))]  # fmt: skip
    for chapter in range(1, rng.randrange(3, 12)):
        blocks.append(("TEXT_HEADER_DEFAULT", f"Глава {chapter}. {_sentence(rng, 'ru', 4).rstrip('.')}"))
        for article in range(rng.randrange(2, 8)):
            blocks.append(("CLAUSE_DEFAULT", f"Статья {chapter * 10 + article}. {_sentence(rng, 'ru', 5)}"))
            for k in range(rng.randrange(1, 6)):
                blocks.append(("ACT_TEXT", f"{k + 1}) {_sentence(rng, 'ru')}"))
    blocks += [("SIGNATURE", "Президент Республики Узбекистан Ш. МИРЗИЁЕВ"),
               ("ACT_ESSENTIAL_ELEMENTS", f"г. Ташкент, {_ru_date(when)} г."),
               ("ACT_ESSENTIAL_ELEMENTS_NUM", f"№ {number}")]  # fmt: skip
    lost = rng.random() < 0.2
    status = '<div class="docHeader__item-value">Ҳужжат кучини йўқотган 28.09.2020</div>' if lost else ""
    divs = []
    for k, (cls, text) in enumerate(blocks):
        block_id = doc_id * 10 + k
        toolbar = f'<span class="lx_elem2"><a href="#{block_id}">¶</a></span>' if k % 3 == 0 else ""
        divs.append(f'<div class="{cls} lx_elem" id="{block_id}">{toolbar}{text}</div>')
        if k % 5 == 0:
            divs.append(f'<div class="lx_elem2"><a href="#{block_id}">¶</a> <a href="#">Поделиться</a></div>')
    head, top, bottom = _furniture(rng, "ru")
    html = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8">
<title>{number}-сон&nbsp;{when:%d.%m.%Y}.&nbsp;{name}</title>
<script>var docId = {doc_id}; var lang = 'ru';</script>{head}</head>
<body><header class="header"><a class="header__logo" href="/ru/">Национальная база данных законодательства</a>
<nav class="header__nav">{top}</nav></header>
<main class="docPage"><div class="docHeader">
<div class="docHeader__item"><div class="docHeader__item-label">Дата принятия</div>
<div class="docHeader__item-value">{when:%d.%m.%Y}</div></div>
<div class="docHeader__item">{status}</div></div>
<div class="docToolbar lx_elem2"><a href="#" class="print">Печать</a></div>
<div id="divCont" class="docBody">{"".join(divs)}</div></main>{bottom}
<footer class="footer"><p>© Национальный центр правовой информации «Адолат»</p></footer></body></html>"""
    return url, html


def _zakon(rng: random.Random, i: int, when: datetime, relevant: bool) -> tuple[str, str]:
    url = f"https://www.zakon.kz/{6_000_000 + i}-{'kazakhstan-i-uzbekistan' if relevant else 'novosti'}-{i}.html"
    title = ("Казахстан и Узбекистан: " if relevant else "") + _sentence(rng, "ru", 6).rstrip(".")
    paras = _paragraphs(rng, "ru", rng.randrange(4, 16), relevant, when.year - 1)
    head, top, bottom = _furniture(rng, "ru")
    if rng.random() < 0.8:
        article = (f'<div class="articleBlock"><h1>{title}</h1><div class="date">{when.day} '
                   f'{RU_MONTHS[when.month - 1]} {when.year}, {when:%H:%M}</div>'
                   f'<div class="description">{_sentence(rng, "ru")}</div>'
                   f'<div class="author"><a href="/author/a{i % 50}/">Анна Иванова</a></div>'
                   f'<div class="content">{"".join(f"<p>{p}</p>" for p in paras)}</div></div>')  # fmt: skip
    else:
        article = f'<div class="fullnews"><h1>{title}</h1><div class="full_text">{"<br>".join(paras)}</div></div>'
    html = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{title} - Zakon.kz</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{when.isoformat()}">{head}</head>
<body><header class="header"><a class="logo" href="/">Zakon.kz</a><nav>{top}</nav></header>
<main>{article}</main>{bottom}<footer><p>© 2004–2024 Zakon.kz</p></footer></body></html>"""
    return url, html


def _online_zakon(rng: random.Random, i: int, when: datetime, relevant: bool) -> tuple[str, str]:
    url = f"https://online.zakon.kz/Document/?doc_id={40_000_000 + i}"
    title = (
        "О ратификации Соглашения между Правительством Республики Казахстан и Правительством Республики Узбекистан"
        if relevant
        else "Об утверждении правил " + " ".join(rng.choices(RU_WORDS, k=5))
    )
    walled = rng.random() < 0.3
    if walled:
        text = '<div class="document__access">Полный текст доступен после входа</div>'
    else:
        paragraphs = _paragraphs(rng, "ru", rng.randrange(5, 30), relevant, when.year)
        text = f'<div class="document__text">{"".join(f"<p>{p}</p>" for p in paragraphs)}</div>'
    head, top, bottom = _furniture(rng, "ru")
    html = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{title} - ИС «Параграф»</title>{head}</head>
<body><header class="header"><a class="header__logo" href="/">ИС «Параграф»</a>{top}</header>
<main class="content"><div class="document" id="document"><div class="document__header">
<h1 class="document__title">{title}</h1>
<div class="document__requisites">Закон Республики Казахстан от {_ru_date(when)} года
№ {rng.randrange(10, 400)}-VI</div>
<div class="document__status">Статус документа: {rng.choice(["Действующий", "Утративший силу"])}</div>
</div>{text}</div></main>{bottom}<footer class="footer"><p>© ТОО «Компания ЗАКОН.КЗ»</p></footer></body></html>"""
    return url, html


def _adilet(rng: random.Random, i: int, when: datetime, relevant: bool) -> tuple[str, str]:
    act_id = f"{rng.choice('ZPUV')}{when:%y}{i:08d}"
    url = f"https://adilet.zan.kz/rus/docs/{act_id}"
    title = (
        "О ратификации Соглашения между Республикой Казахстан и Республикой Узбекистан"
        if relevant
        else "Об утверждении " + " ".join(rng.choices(RU_WORDS, k=5))
    )
    status = rng.choice(["new", "upd", "yts"])
    paras = []
    z = 1
    for chapter in range(1, rng.randrange(2, 8)):
        paras.append(f'<p id="z{z}"><b>Глава {chapter}. {_sentence(rng, "ru", 4).rstrip(".")}</b></p>')
        z += 1
        for article in range(rng.randrange(2, 6)):
            paras.append(f'<a name="z{z}"></a><p id="z{z}"><b>Статья {chapter * 10 + article}. '
                         f'{_sentence(rng, "ru", 5).rstrip(".")}</b></p>')  # fmt: skip
            z += 1
            paras += [f"<p>{k + 1}. {_sentence(rng, 'ru')}</p>" for k in range(rng.randrange(1, 5))]
    head, top, bottom = _furniture(rng, "ru")
    html = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{title} - ИПС "Әділет"</title>{head}</head>
<body><div id="wrapper"><div id="header"><a class="logo" href="/rus">ИПС «Әділет»</a>{top}</div>
<div class="container_alpha slogan"><h1>{title}</h1>
<p>Закон Республики Казахстан от {_ru_date(when)} года № {rng.randrange(10, 400)}-VI ЗРК.</p>
<span class="status status_{status}">{status}</span></div>
<div class="container_gamma text text_{status}"><article>{"".join(paras)}</article></div>{bottom}
<div class="container_omega aftertext"><p>© 2012. РГП на ПХВ «Институт законодательства»</p></div></div>
</body></html>"""
    return url, html


def _generic(rng: random.Random, i: int, when: datetime, relevant: bool) -> tuple[str, str]:
    host = GENERIC_HOSTS[i % len(GENERIC_HOSTS)]
    url = f"https://{host}/ru/news/{when:%Y/%m}/{i}-{'uzbekistan-kazakhstan' if relevant else 'story'}"
    title = ("Узбекистан и Казахстан: " if relevant else "") + _sentence(rng, "ru", 6).rstrip(".")
    paras = _paragraphs(rng, "ru", rng.randrange(4, 18), relevant, when.year - 1)
    head, top, bottom = _furniture(rng, "ru")
    html = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><title>{title} | {host}</title>
<meta property="og:title" content="{title}"><meta property="og:type" content="article">
<meta property="article:published_time" content="{when.isoformat()}">{head}</head>
<body><header role="banner" class="site-header"><nav class="main-menu">{top}</nav></header>
<main role="main"><article class="node"><h1 class="story-title">{title}</h1>
<div class="story-date"><time datetime="{when.isoformat()}">{_ru_date(when)}</time></div>
<div class="field--name-body">{"".join(f"<p>{p}</p>" for p in paras)}</div></article>
<aside class="related-stories">{bottom}</aside></main>
<footer role="contentinfo" class="site-footer"><p>© {host}</p></footer></body></html>"""
    return url, html


LAYOUTS = {
    "gazeta_uz": _gazeta,
    "lex_uz": _lex,
    "zakon_kz": _zakon,
    "online_zakon_kz": _online_zakon,
    "adilet_zan_kz": _adilet,
    "generic": _generic,
}


def generate_pages(n: int, seed: int = 0, *, variant: int = 0, only: set[int] | None = None) -> Iterator[SyntheticPage]:
    """Page i of (n, seed) is the same at every call; ``variant`` > 0 gives a changed body at the same URL."""
    layouts = [name for name, _ in SITE_MIX]
    weights = [w for _, w in SITE_MIX]
    for i in range(n):
        if only is not None and i not in only:
            continue
        rng = random.Random(f"{seed}:{i}")
        layout = rng.choices(layouts, weights=weights)[0]
        relevant = rng.random() < RELEVANT_SHARE
        when = EPOCH + timedelta(minutes=rng.randrange(8 * 365 * 24 * 60))
        url, html = LAYOUTS[layout](rng, i, when, relevant)
        if variant:  # an edited page: same URL, an extra paragraph-sized note before </body>
            html = html.replace("</body>", f'<p class="upd">Обновлено {variant}: {_sentence(rng, "ru")}</p></body>')
        fetched = when + timedelta(days=1, seconds=variant)
        yield SyntheticPage(url, html.encode("utf-8"), fetched, layout, relevant)


def changed_indices(n: int, share: float, seed: int = 0) -> set[int]:
    """The indices of the ``share`` of ``n`` pages that a changed-page run re-captures (seeded)."""
    return set(random.Random(f"changed:{seed}").sample(range(n), max(1, round(n * share))))


def write_manifest(out: Path, pages: Iterator[SyntheticPage]) -> dict:
    """Files under out/pages/ and out/manifest.tsv (URL, relative file, fetched_at)."""
    out = Path(out)
    (out / "pages").mkdir(parents=True, exist_ok=True)
    stats = {"pages": 0, "bytes": 0}
    with open(out / "manifest.tsv", "w", encoding="utf-8") as manifest:
        for k, page in enumerate(pages):
            rel = f"pages/{k:07d}-{page.layout}.html"
            (out / rel).write_bytes(page.body)
            manifest.write(f"{page.url}\t{rel}\t{page.fetched_at.isoformat()}\n")
            stats["pages"] += 1
            stats["bytes"] += len(page.body)
    return stats


def write_store(archive_root: Path, pages: Iterator[SyntheticPage], batch: int = 1000) -> dict:
    """Captures straight into an ArchiveStore: the store's WARC layout and index rows, without fsync per file.

    Equivalent to ArchiveStore.store() per page (same capture_id, path, headers, index columns) but ~50x
    faster for 100k pages; tests/test_archive.py covers the real write path.
    """
    store = ArchiveStore(archive_root)  # creates the index schema
    catalog = load_catalog()
    stats = {"pages": 0, "bytes": 0, "new": 0}
    con = sqlite3.connect(store.root / "index.sqlite", timeout=60)
    rows = []

    def flush() -> None:
        with con:
            con.executemany("insert or ignore into captures values (?,?,?,?,?,?,?,?,?,?,?)", rows)
        rows.clear()

    for page in pages:
        sha = hashlib.sha256(page.body).hexdigest()
        capture_id = capture_key(page.url, sha)
        rel = Path("warc") / page.fetched_at.strftime("%Y/%m") / f"{capture_id}.warc.gz"
        headers = {"Content-Type": "text/html; charset=utf-8"}
        target = store.root / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            writer = WARCWriter(buf, gzip=True)
            http_headers = StatusAndHeaders("200 OK", list(headers.items()), protocol="HTTP/1.1")
            record = writer.create_warc_record(
                page.url,
                "response",
                payload=io.BytesIO(page.body),
                length=len(page.body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Date": page.fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "WARC-Payload-Digest": f"sha256:{sha}",
                },
            )
            writer.write_record(record)
            target.write_bytes(buf.getvalue())
            stats["new"] += 1
        site = catalog.site_for_url(page.url).site
        rows.append(
            (
                capture_id,
                page.url,
                site,
                page.fetched_at.isoformat(),
                200,
                headers["Content-Type"],
                sha,
                len(page.body),
                json.dumps(headers),
                rel.as_posix(),
                0,
            )
        )
        stats["pages"] += 1
        stats["bytes"] += len(page.body)
        if len(rows) >= batch:
            flush()
    flush()
    con.close()
    return stats


def main() -> None:
    """Command line: generate N pages as a manifest folder or straight into a home's archive."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--manifest", type=Path, help="write DIR/manifest.tsv + DIR/pages/")
    ap.add_argument("--home", type=Path, help="write captures into HOME/archive")
    ap.add_argument("--change", type=float, default=0.0, help="only the changed variant of this share of pages")
    args = ap.parse_args()
    only = changed_indices(args.pages, args.change, args.seed) if args.change else None
    pages = generate_pages(args.pages, args.seed, variant=1 if args.change else 0, only=only)
    if args.manifest:
        stats = write_manifest(args.manifest, pages)
    elif args.home:
        stats = write_store(args.home / "archive", pages)
    else:
        ap.error("give --manifest DIR or --home HOME")
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
