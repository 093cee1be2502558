"""The gazeta.uz and lex.uz extraction written with BeautifulSoup: the baseline most scrapers would use.

An honest equivalent: the same selectors, the same rows and columns, and the same non-HTML work (the
parsers' own regexes and normalisers are reused), so the difference measured is the HTML library. The
parser backend is lxml, BeautifulSoup's fastest; `html.parser` (its default) is slower still.
`tests`-style check: `python -m bench.bs4_baseline` compares its rows with the real parsers' on a sample.
"""

from __future__ import annotations

import re
from datetime import datetime

from bs4 import BeautifulSoup, Tag

from sources.gazeta_uz import parser as gz
from sources.lex_uz import parser as lx
from sources.normalise.dates import visible_datetime
from sources.normalise.force import lost_force_on
from sources.records import ParseResult

FEATURES = "lxml"


def _text(node: Tag | None) -> str:
    return gz.clean(node.get_text()) if node is not None else ""


def parse_gazeta(body: bytes, url: str, fetched_at: datetime) -> ParseResult:
    """The gazeta.uz article extraction written with BeautifulSoup: the same documents and table_cells rows."""
    result = ParseResult()
    html = body.decode("utf-8", errors="replace")
    soup = BeautifulSoup(html, FEATURES)
    if soup.body is None or not _text(soup.body):  # the parser's empty-page check
        return result
    title_node = soup.select_one("h1#article_title") or soup.select_one("h1")
    body_node = soup.select_one("div.articleContent") or soup.select_one('div[itemprop="articleBody"]')
    if title_node is None or body_node is None:
        return result
    paragraphs = [
        p for p in body_node.select("p")
        if _text(p) and "articlePicDesc" not in (p.get("class") or []) and p.find_parent("table") is None
    ]  # fmt: skip
    texts = [_text(p) for p in paragraphs]
    published = _gazeta_published(soup, fetched_at)
    lead = _gazeta_lead(title_node)
    segment = url.split("/")[3] if url.count("/") > 3 else ""
    result.add(
        "documents", site=gz.SITE, page_kind="article", layout=None, title=_text(title_node),
        published_at=published,
        language=gz.URL_LANGUAGES.get(segment) or (soup.html.get("lang") if soup.html else None),
        author=next((m["name"].strip() for t in texts if (m := gz.BYLINE.match(t))), None),
        lead=lead, body_text="\n".join(texts),
    )  # fmt: skip
    for table_index, table in enumerate(body_node.select("table")):
        _gazeta_table(result, table_index, table)
    return result


def _gazeta_published(soup: BeautifulSoup, fetched_at: datetime) -> datetime | None:
    for selector in gz.DATE_META_SELECTORS:
        node = soup.select_one(selector)
        if node is not None and node.get("content"):
            return datetime.fromisoformat(node["content"].replace("Z", "+00:00")).astimezone(gz.UTC)
    if (node := soup.select_one("div.articleDateTime")) is not None:
        return visible_datetime(_text(node), fetched_at, gz.TASHKENT)
    return None


def _gazeta_lead(title_node: Tag) -> str | None:
    scope = title_node.parent
    for _ in range(3):
        if scope is None:
            return None
        h4 = scope.select_one("h4")
        if h4 is not None and _text(h4):
            return _text(h4)
        scope = scope.parent
    return None


def _gazeta_table(result: ParseResult, table_index: int, table: Tag) -> None:
    caption = None
    previous = table.find_previous_sibling()
    if table.caption is not None and _text(table.caption):
        caption = _text(table.caption)
    elif previous is not None and previous.name == "p" and 0 < len(_text(previous)) < gz.CAPTION_MAX_CHARS:
        caption = _text(previous)
    has_th = table.select_one("th") is not None
    for row_index, row in enumerate(table.select("tr")):
        for col_index, cell in enumerate(row.select("th, td")):
            result.add(
                "table_cells", table_index=table_index, row_index=row_index, col_index=col_index,
                is_header=cell.name == "th" or (not has_th and row_index == 0), text=_text(cell),
                caption=caption,
            )  # fmt: skip


def _header_items(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """The card header's (label, value) pairs, as lex.uz's parser reads them."""
    items = []
    for item in soup.select(".docHeader__item"):
        label, value = item.select_one(".docHeader__item-label"), item.select_one(".docHeader__item-value")
        items.append((_text(label), _text(value)))
    return items


def _lex_block(node: Tag) -> dict:
    classes = set(node.get("class") or [])
    kind = next((c for c in classes if c in lx.SEMANTIC_CLASSES), None)
    text = lx.clean(node.get_text())
    level, number, heading = "text", None, None
    is_editorial = kind in lx.EDITORIAL_CLASSES
    if is_editorial:
        level = "note"
    elif kind == "TEXT_HEADER_DEFAULT":
        match = lx.HEADING_NUMBER.match(text)
        level = "section" if lx.SECTION_WORDS.search(text[:20]) else "chapter"
        number = (match["a"] or match["b"]) if match else None
        heading = text
    elif kind == "CLAUSE_DEFAULT":
        match = lx.ARTICLE_NUMBER.match(text)
        level = "article"
        number = (match["a"] or match["b"] or match["c"]) if match else None
        heading = (lx.clean(text[match.end() :].lstrip(".:")) if match else text) or None
    elif kind == "ACT_TEXT" and (match := lx.CLAUSE_NUMBER.match(text)):
        level, number = "clause", match["n"]
    block_id = node.get("id")
    return {
        "kind": kind,
        "block_id": block_id if block_id and re.fullmatch(r"-?\d+", block_id) else None,
        "level": level,
        "number": number,
        "heading": heading,
        "text": text,
        "is_editorial": is_editorial,
    }


def parse_lex(body: bytes, url: str, fetched_at: datetime) -> ParseResult:
    """The lex.uz act extraction written with BeautifulSoup: the same documents, legal_acts and articles rows."""
    result = ParseResult()
    soup = BeautifulSoup(body.decode("utf-8", errors="replace"), FEATURES)
    if soup.body is None or not _text(soup.body):  # the parser's empty-page check
        return result
    for toolbar in soup.select(".lx_elem2"):
        toolbar.decompose()
    page_title = _text(soup.title)
    title_match = lx.TITLE_FORM.match(page_title)
    container = soup.select_one("div#divCont")
    if container is None:
        return result
    blocks = [b for b in (_lex_block(n) for n in container.find_all(recursive=False)) if b["text"]]
    first: dict = {}
    for b in blocks:
        first.setdefault(b["kind"], b["text"])
    enacted = "\n".join(b["text"] for b in blocks if not b["is_editorial"])
    title = (title_match["title"] if title_match and title_match["title"] else None) or first.get("ACT_TITLE")
    language = lx.detect_language(enacted)
    number = (title_match["number"] if title_match else None) or lx._number(first.get("ACT_ESSENTIAL_ELEMENTS_NUM"))
    texts = [_text(n) for n in soup.select("[class*='docHeader']")]
    status, status_raw = "unknown", None
    for name, pattern in (("lost_force", lx.LOST_FORCE), ("in_force", lx.IN_FORCE)):
        matches = [t for t in texts if pattern.search(t)]
        if matches:
            status, status_raw = name, min(matches, key=len)
            break
    header = soup.select_one("div.docHeader__item-value")
    result.add(
        "documents",
        site=lx.SITE,
        page_kind="legal_act",
        layout="divCont",
        title=title,
        published_at=None,
        language=language,
        author=None,
        lead=None,
        body_text=enacted,
    )
    result.add(
        "legal_acts", site=lx.SITE, jurisdiction_iso3=lx.JURISDICTION, title=title,
        act_type=lx.act_type(first.get("ACT_FORM"), number, title), act_form_raw=first.get("ACT_FORM"),
        act_number=number,
        adopted_on=lx._date(title_match["date"] if title_match else None) or lx._date(_text(header)),
        signed_place=lx.signed_place(first.get("ACT_ESSENTIAL_ELEMENTS")),
        issuing_body=first.get("ACCEPTING_BODY"), status=status, status_raw=status_raw, language=language,
        is_partial=False,
        in_force_from=lx._in_force_from(_header_items(soup)), lost_force_on=lost_force_on(status_raw),
    )  # fmt: skip
    for position, b in enumerate(blocks):
        result.add(
            "legal_act_articles",
            position=position,
            block_id=b["block_id"],
            level=b["level"],
            number=b["number"],
            heading=b["heading"],
            text=b["text"],
            is_editorial=b["is_editorial"],
        )
    return result


BASELINES = {"gazeta_uz": parse_gazeta, "lex_uz": parse_lex}


def main() -> None:
    """Check the baseline against the real parsers on generated pages (same rows, layout column aside)."""
    from bench.generate import generate_pages  # noqa: PLC0415
    from sources.parsing import _parser, parser_key  # noqa: PLC0415

    compared = 0
    for page in generate_pages(200, seed=1):
        key = parser_key(page.url)
        if key not in BASELINES:
            continue
        ours = _parser(key)(page.body, page.url, page.fetched_at)
        theirs = BASELINES[key](page.body, page.url, page.fetched_at)
        for table, rows in ours.rows.items():
            strip = [{k: v for k, v in r.items() if k != "layout"} for r in rows]
            other = [{k: v for k, v in r.items() if k != "layout"} for r in theirs.rows.get(table, [])]
            assert strip == other, (page.url, table, strip[:1], other[:1])
        compared += 1
    print(f"bs4 baseline matches the selectolax parsers on {compared} pages")


if __name__ == "__main__":
    main()
