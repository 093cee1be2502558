"""Seeded chaos pages: the bundled pages and the parser fixtures, mutated, with a manifest `kzuz archive import` reads.

Hand-written because no maintained library mutates HTML the way sites break it: byte fuzzers (radamsa, atheris)
know nothing of elements, classes or charsets, and hypothesis strategies generate documents rather than
damaging given ones. The structural mutations use lxml.html; every choice comes from one ``random.Random(seed)``,
so a seed and a count always give the same pages.

Kinds (``KINDS``): elements removed, an element duplicated, text blanked (one element, or the whole page), tags
stripped (some names, or all markup), the body cut short, re-encoded (windows-1251, KOI8-R, UTF-16 with and
without a BOM; the charset declared, not declared, or wrongly declared as UTF-8), the same page under another
URL (of its own site or of another site), random bytes (a whole page, or spliced into one), deep nesting, a
maintenance notice or a cookie wall served instead of the page, a 20 MB page, and a whole site's class and id
names renamed (one renaming for every page of that site).

URLs and capture times. Most mutated pages go under NEW URLs on the catalogued hosts, shaped like the site's own
(an article slug, a lex.uz id, an online.zakon.kz doc_id, ...), captured on ``NEW_URL_FETCHED`` and after
(before the bundled archive's 2026-11-28): a new URL is a new page, and where a mutated copy of a bundled table
prints the same figure for the same period on the same day, the trade mart's latest-figure rule (published,
then captured) must keep the bundled capture's row, so the check of "nothing lost" is not a tie-break.
A controlled subset (``--same-url``) goes under the bundled URLs themselves, captured after the bundled
archive (``SAME_URL_FETCHED``): newer captures of those URLs. Their kinds are either pages no parser can
read (random bytes, an empty body, a maintenance notice, a cookie wall, every text blanked, a wrongly declared
charset) or the same page in another declared encoding (same facts); every fourth URL gets two, a readable
one then an unreadable one.
By the vintage rule an unreadable capture never becomes the current vintage, a readable one with the
same facts does, and the facts stay the same either way.

Run thousands from the command line (from the project root):

    .venv/bin/python -m tests.chaos.mutate /tmp/chaos --count 5000 --seed 7
    .venv/bin/kzuz --home /tmp/chaos-home archive import --manifest /tmp/chaos/manifest.tsv
    .venv/bin/kzuz --home /tmp/chaos-home refresh --offline

``OUT/manifest.tsv`` is the import list (URL, file, fetch time); ``OUT/mutations.tsv`` adds for each page its
kind, the page it was made from and whether it reuses a bundled URL (what tests/chaos/test_chaos.py joins on).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.html
from lxml import etree

from sources.archive.importer import parse_fetched_at
from sources.catalog import load_catalog
from tests.fetch.sites import broken

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "sources" / "bundled"
FIXTURES = REPO / "tests" / "fixtures"
NEW_URL_FETCHED = datetime(2026, 10, 1, tzinfo=UTC)
SAME_URL_FETCHED = datetime(2026, 11, 29, tzinfo=UTC)
HUGE_BYTES = 20 * 1024 * 1024
ENCODINGS = ("windows-1251", "koi8-r", "utf-16", "utf-16-le")  # utf-16 writes a BOM, utf-16-le none
_META_CHARSET = re.compile(r"<meta[^>]*charset[^>]*>", re.I)  # <meta charset> and http-equiv Content-Type
_HEAD_OPEN = re.compile(r"<head(\s[^>]*)?>", re.I)


@dataclass(frozen=True)
class SourcePage:
    """A page to mutate: where it comes from (``origin``), the URL it belongs to, its bytes."""

    origin: str  # "bundled/<file>" or "fixtures/<folder>/<file>"
    url: str
    body: bytes
    fetched_at: datetime | None = None  # as its manifest says, where it has one

    @property
    def site(self) -> str:
        return load_catalog().site_for_url(self.url).site

    @property
    def is_pdf(self) -> bool:
        return self.body.startswith(b"%PDF")


@dataclass(frozen=True)
class Mutant:
    url: str
    file: str  # relative to the output folder
    fetched_at: datetime
    kind: str
    origin: str
    same_url: bool  # a newer capture of a bundled URL


# ---------------------------------------------------------------------------------------------------------
# where the pages come from


def bundled_sources() -> list[SourcePage]:
    pages = []
    for url, rel, fetched_at in _manifest_rows(BUNDLED / "manifest.tsv"):
        pages.append(SourcePage(f"bundled/{Path(rel).name}", url, (BUNDLED / rel).read_bytes(), fetched_at))
    return pages


def fixture_sources() -> list[SourcePage]:
    """Every parser fixture under tests/fixtures, with a URL of its own site shaped like the pages its tests use.

    A folder named after a parser key (gazeta_uz, lex_uz, ...) belongs to that parser's site; a folder with a
    manifest.tsv gives its own URLs. Fixtures added later are picked up the same way.
    """
    pages = []
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        listed = {rel: url for url, rel, _ in _manifest_rows(folder / "manifest.tsv")}
        for path in sorted(folder.glob("*")):
            if path.suffix.lower() not in (".html", ".htm", ".pdf"):
                continue
            url = listed.get(path.name) or _fixture_url(folder.name, path.name)
            if url is not None:
                pages.append(SourcePage(f"fixtures/{folder.name}/{path.name}", url, path.read_bytes()))
    return pages


def _manifest_rows(path: Path) -> list[tuple[str, str, datetime | None]]:
    """(url, file, fetched_at) of an import list."""
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            when = parse_fetched_at(cols[2]) if len(cols) > 2 and cols[2].strip() else None
            rows.append((cols[0].strip(), cols[1].strip(), when))
    return rows


FILE_PREFIXES = {
    "gazeta": "gazeta_uz",
    "lex": "lex_uz",
    "online": "zakon_kz",
    "zakon": "zakon_kz",
    "adilet": "adilet_zan_kz",
    "generic": "generic",
}


def _gazeta_url(lowered: str) -> str:
    if "listing" in lowered:
        return "https://www.gazeta.uz/ru/economy/"
    lang = next((code for code in ("oz", "uz", "en") if lowered.startswith(f"{code}-")), "ru")
    return f"https://www.gazeta.uz/{lang}/2021/09/14/fixture/"


def _lex_url(lowered: str) -> str:
    if "card" in lowered:
        return "https://lex.uz/actinfo/card1/9999997"
    return "https://lex.uz/docs/-9997000" if "pdf" in lowered else "https://lex.uz/docs/9999"


def _zakon_url(lowered: str) -> str:
    if "online" in lowered:
        return "https://online.zakon.kz/Document/?doc_id=1"
    if "_kk" in lowered or "-kk" in lowered:
        return "https://kaz.zakon.kz/6012399-fixture.html"
    return "https://www.zakon.kz/6012345-fixture.html"


def _adilet_url(lowered: str) -> str:
    if "search" in lowered:
        return "https://adilet.zan.kz/rus/search/docs?fulltext=x"
    lang = "kaz" if "kaz" in lowered else "eng" if "eng" in lowered else "rus"
    return f"https://adilet.zan.kz/{lang}/docs/K1500000375" + ("/info" if "info" in lowered else "")


# fixture folder -> the URL of the kind of page a fixture's (lower-cased) name says, on that parser's site
_SITE_URLS = {"gazeta_uz": _gazeta_url, "lex_uz": _lex_url, "zakon_kz": _zakon_url, "adilet_zan_kz": _adilet_url}


def _fixture_url(folder: str, name: str) -> str | None:
    """A URL for a fixture of the parser ``folder``: the kind of page its name says, on that parser's site."""
    lowered = name.lower()
    if folder in _SITE_URLS:
        return _SITE_URLS[folder](lowered)
    catalog = load_catalog()
    for source in catalog.sources:  # any other parser: a cited page of a site it parses
        if catalog.sites[source.site].parser == folder:
            return source.url
    if folder == "generic":
        return "https://uzdaily.uz/ru/post/1"
    # a folder of another theme (e.g. encodings/): the site is the file name's first word
    for word, parser in FILE_PREFIXES.items():
        if lowered.startswith(word) and parser != folder:
            return _fixture_url(parser, name)
    return None


# ---------------------------------------------------------------------------------------------------------
# new URLs on the catalogued hosts


def fresh_url(url: str, n: int) -> str:
    """A URL of ``url``'s site that no source uses, shaped like the site's own pages (``n`` makes it unique)."""
    parts = urlsplit(url)
    site = load_catalog().site_for_url(url).site
    path, query = parts.path, parts.query
    if site == "online.zakon.kz":
        query = urlencode([(k, str(90_000_000 + n) if k == "doc_id" else v) for k, v in parse_qsl(query)])
    elif site == "lex.uz" and re.search(r"-?\d+$", path):
        path = re.sub(r"(-?)\d+$", lambda m: f"{m.group(1)}{9_000_000 + n}", path)
    elif site == "adilet.zan.kz" and "/docs/" in path:
        path = re.sub(r"/docs/[^/]+", f"/docs/V{26_000_000_000 + n}", path)
    elif site == "zakon.kz" and re.search(r"/\d+-[^/]*\.html$", path):
        path = re.sub(r"/\d+-([^/]*)\.html$", lambda m: f"/{9_000_000 + n}-{m.group(1)}.html", path)
    elif path.endswith(".pdf"):
        path = f"{path[:-4]}-c{n}.pdf"
    elif path.endswith("/") and path.count("/") > 2:
        path = f"{path[:-1]}-c{n}/"
    elif path.endswith("/") or query:
        query = urlencode([*parse_qsl(query), ("chaos", str(n))])
    else:
        path = f"{path}-c{n}"
    return urlunsplit(parts._replace(path=path, query=query))


# ---------------------------------------------------------------------------------------------------------
# mutations


class NotHtml(ValueError):
    """A source lxml cannot read as HTML (empty, a PDF, not UTF-8): only byte-level mutations apply."""


def _tree(body: bytes) -> lxml.html.HtmlElement:
    if not body.strip() or body.startswith(b"%PDF"):
        raise NotHtml("not an HTML page")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotHtml("not UTF-8") from exc
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)  # lxml refuses a str with an encoding declaration
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise NotHtml(str(exc)) from exc


def _html(root: lxml.html.HtmlElement) -> bytes:
    return etree.tostring(root.getroottree(), method="html", encoding="utf-8", doctype="<!DOCTYPE html>")


def _elements(root: lxml.html.HtmlElement) -> list:
    body = root.find("body")
    scope = body if body is not None else root
    return [el for el in scope.iter() if isinstance(el.tag, str) and el is not scope]


_LANDMARKS = {"h1", "h2", "h3", "h4", "table", "tr", "td", "time", "article", "main", "p", "ul", "li", "b", "a"}


def _pick(rng: random.Random, elements: list, k: int) -> list:
    """``k`` elements, half of them from the ones parsers look for (headings, tables, dated or classed ones)."""
    landmarks = [el for el in elements if el.tag in _LANDMARKS or el.get("class") or el.get("id")]
    chosen = []
    for _ in range(k):
        pool = landmarks if landmarks and rng.random() < 0.5 else elements
        if pool:
            chosen.append(rng.choice(pool))
    return chosen


def remove_elements(rng: random.Random, body: bytes) -> bytes:
    root = _tree(body)
    for el in _pick(rng, _elements(root), rng.randint(1, 6)):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text: what a template that stops printing a block leaves
    return _html(root)


def duplicate_element(rng: random.Random, body: bytes) -> bytes:
    root = _tree(body)
    for el in _pick(rng, _elements(root), rng.randint(1, 3)):
        if el.getparent() is not None:
            copy = lxml.html.fromstring(etree.tostring(el, encoding="unicode", with_tail=False))
            el.addnext(copy)
    return _html(root)


def _blank(el) -> None:
    el.text = ""
    for child in el.iterdescendants():
        if isinstance(child.tag, str):
            child.text = ""
        child.tail = ""


def blank_element(rng: random.Random, body: bytes) -> bytes:
    root = _tree(body)
    for el in _pick(rng, _elements(root), rng.randint(1, 4)):
        _blank(el)
    return _html(root)


def blank_all(_rng: random.Random, body: bytes) -> bytes:
    """Every text node emptied (the title too); the markup, attributes and metadata stay."""
    root = _tree(body)
    _blank(root)
    return _html(root)


def strip_some_tags(rng: random.Random, body: bytes) -> bytes:
    root = _tree(body)
    names = sorted({el.tag for el in _elements(root)})
    if names:
        etree.strip_tags(root, *rng.sample(names, rng.randint(1, min(4, len(names)))))
    return _html(root)


def strip_all_tags(_rng: random.Random, body: bytes) -> bytes:
    """The page's text with no markup at all, as a broken proxy or a text-only export serves it."""
    root = _tree(body)
    return root.text_content().encode("utf-8")


def cut_short(rng: random.Random, body: bytes) -> bytes:
    """The body cut at any byte (inside a tag, an entity or a UTF-8 sequence)."""
    return body[: rng.randrange(0, max(1, len(body)))]


def random_bytes(rng: random.Random, _body: bytes) -> bytes:
    return rng.randbytes(rng.choice((1, 17, 512, 4096, 40_000)))


def garbage_splice(rng: random.Random, body: bytes) -> bytes:
    start = rng.randrange(0, max(1, len(body)))
    return body[:start] + rng.randbytes(rng.randint(1, 2048)) + body[start + rng.randint(0, 512) :]


def empty(_rng: random.Random, _body: bytes) -> bytes:
    return b""


def deep_nesting(rng: random.Random, body: bytes) -> bytes:
    """The page's body wrapped in thousands of nested divs (recursive code over the tree meets its limit)."""
    depth = rng.choice((1_000, 5_000, 20_000))
    match = re.search(rb"<body[^>]*>", body, re.I)
    at = match.end() if match else 0
    end = body.lower().rfind(b"</body>")
    end = end if end >= at else len(body)
    return body[:at] + b"<div>" * depth + body[at:end] + b"</div>" * depth + body[end:]


def huge(rng: random.Random, body: bytes) -> bytes:
    """A 20 MB page: the page with its own paragraphs repeated in the body until it weighs HUGE_BYTES."""
    paragraphs = re.findall(rb"<p[^>]*>.*?</p>", body, re.S | re.I) or [b"<p>" + body[:2000] + b"</p>"]
    filler = b"\n".join(rng.sample(paragraphs, min(len(paragraphs), 5)))
    end = body.lower().rfind(b"</body>")
    end = end if end >= 0 else len(body)
    room = HUGE_BYTES - len(body) - len(b"<div></div>")
    padding = (filler * (room // max(1, len(filler)) + 1))[:room]
    return body[:end] + b"<div>" + padding + b"</div>" + body[end:]


def reencode(encoding: str, declare: str) -> Callable[[random.Random, bytes], bytes]:
    """The page in ``encoding``: ``declare`` = "declared" (meta charset says it), "undeclared" (no charset
    anywhere) or "wrong" (the page still says UTF-8). Characters the encoding lacks become character
    references, as a CMS writing that encoding prints them."""

    def mutate(_rng: random.Random, body: bytes) -> bytes:
        if not body.strip() or body.startswith(b"%PDF"):
            raise NotHtml("nothing to re-encode")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NotHtml("not UTF-8") from exc
        if declare == "undeclared":
            text = _META_CHARSET.sub("", text)
        else:
            tag = f'<meta charset="{encoding if declare == "declared" else "utf-8"}">'
            if _META_CHARSET.search(text):
                text = _META_CHARSET.sub(tag, text, count=1)
            elif _HEAD_OPEN.search(text):
                text = _HEAD_OPEN.sub(lambda m: m.group(0) + tag, text, count=1)
            else:
                text = tag + text
        return text.encode(encoding, "xmlcharrefreplace")

    return mutate


def rename_classes(site_key: str) -> Callable[[random.Random, bytes], bytes]:
    """Every class and id token renamed by one mapping per site: the same redesign on every page of it."""

    def renamed(token: str) -> str:
        return "r" + hashlib.sha256(f"{site_key}:{token}".encode()).hexdigest()[:7]

    def mutate(_rng: random.Random, body: bytes) -> bytes:
        root = _tree(body)
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            if el.get("class"):
                el.set("class", " ".join(renamed(t) for t in el.get("class").split()))
            if el.get("id"):
                el.set("id", renamed(el.get("id")))
        return _html(root)

    return mutate


def same_page(_rng: random.Random, body: bytes) -> bytes:
    return body


HTML_KINDS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "remove_elements": remove_elements,
    "duplicate_element": duplicate_element,
    "blank_element": blank_element,
    "blank_all": blank_all,
    "strip_some_tags": strip_some_tags,
    "strip_all_tags": strip_all_tags,
    **{f"reencode:{enc}:{how}": reencode(enc, how) for enc in ENCODINGS for how in ("declared", "undeclared", "wrong")},
}


def served_instead(mode: str) -> Callable[[random.Random, bytes], bytes]:
    """What a site serves with a 200 instead of the page (tests/fetch/sites.py): a maintenance notice, a
    cookie wall; pages with text of their own, which no site parser should take for the page."""

    def mutate(_rng: random.Random, body: bytes) -> bytes:
        return broken(body, mode)

    return mutate


BYTE_KINDS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "cut_short": cut_short,
    "random_bytes": random_bytes,
    "garbage_splice": garbage_splice,
    "empty": empty,
    "maintenance": served_instead("maintenance"),
    "cookie_wall": served_instead("cookie_wall"),
    "deep_nesting": deep_nesting,
}
URL_KINDS = ("other_url", "other_site_url")
# The newer captures of bundled URLs: unreadable pages, or the same page in another declared encoding.
UNREADABLE_KINDS = ("random_bytes", "maintenance", "empty", "cookie_wall", "blank_all", "reencode:windows-1251:wrong")
SAME_FACTS_KINDS = ("reencode:windows-1251:declared", "reencode:koi8-r:declared", "reencode:utf-16:declared")
KINDS = (*HTML_KINDS, *BYTE_KINDS, *URL_KINDS, "huge", "site_renamed")


def apply(kind: str, rng: random.Random, body: bytes) -> bytes:
    if kind in HTML_KINDS:
        return HTML_KINDS[kind](rng, body)
    if kind in BYTE_KINDS:
        return BYTE_KINDS[kind](rng, body)
    if kind == "huge":
        return huge(rng, body)
    if kind in URL_KINDS:
        return same_page(rng, body)
    raise ValueError(f"unknown mutation {kind!r}; known: {', '.join(KINDS)}")


# ---------------------------------------------------------------------------------------------------------
# the generator


def generate(out: Path, count: int = 300, seed: int = 7, same_url: int = 16, huge_pages: int = 1) -> list[Mutant]:
    """Write ``count`` mutated pages into ``out`` (pages/, manifest.tsv, mutations.tsv); return what was made.

    ``same_url`` bundled URLs get newer captures (one each, two for every fourth); ``huge_pages`` pages of
    20 MB; one site, chosen by the seed, has every one of its source pages served renamed (``site_renamed``);
    the rest are drawn from every kind, from bundled pages and fixtures alike.
    """
    rng = random.Random(seed)
    out = Path(out)
    (out / "pages").mkdir(parents=True, exist_ok=True)
    bundled = bundled_sources()
    sources = bundled + fixture_sources()
    writer = _Writer(out)
    _newer_captures(writer, rng, bundled, same_url)
    _renamed_site(writer, rng, bundled, sources)
    html_bundled = [s for s in bundled if not s.is_pdf]
    for _ in range(huge_pages):
        source = rng.choice(html_bundled)
        n = len(writer.made)
        writer.write("huge", source, huge(rng, source.body), fresh_url(source.url, n), _new_at(n), False)
    _the_rest(writer, rng, bundled, sources, count)
    _write_lists(out, writer.made)
    return writer.made


def _new_at(n: int) -> datetime:
    return NEW_URL_FETCHED + timedelta(seconds=n)


@dataclass
class _Writer:
    """Writes mutants into ``out``, one capture per URL and content, as the archive keeps them."""

    out: Path
    made: list[Mutant] = field(default_factory=list)
    seen: set[tuple[str, bytes]] = field(default_factory=set)

    def write(self, kind: str, source: SourcePage, body: bytes, url: str, fetched_at: datetime, same: bool) -> None:
        digest = hashlib.sha256(body).digest()
        if (url, digest) in self.seen:  # the archive keeps one capture per URL and content
            return
        self.seen.add((url, digest))
        name = f"pages/{len(self.made):05d}-{re.sub(r'[^a-z0-9-]+', '-', kind.lower())}"
        name += ".pdf" if body.startswith(b"%PDF") else ".html"
        (self.out / name).write_bytes(body)
        self.made.append(Mutant(url, name, fetched_at, kind, source.origin, same))


def _newer_captures(writer: _Writer, rng: random.Random, bundled: list[SourcePage], same_url: int) -> None:
    """1. Newer captures of bundled URLs (the vintage rule's subset)."""
    for i, source in enumerate(sorted(bundled, key=lambda s: s.origin)[: max(0, same_url)]):
        when = SAME_URL_FETCHED + timedelta(hours=i)
        kinds = [UNREADABLE_KINDS[i % len(UNREADABLE_KINDS)]]
        if i % 4 == 0:
            kinds = [SAME_FACTS_KINDS[(i // 4) % len(SAME_FACTS_KINDS)], *kinds]
        for step, kind in enumerate(kinds):
            kind, body = _mutated(kind, rng, source, fallback=UNREADABLE_KINDS[0])
            if body != source.body:
                writer.write(kind, source, body, source.url, when + timedelta(minutes=step), True)


def _renamed_site(writer: _Writer, rng: random.Random, bundled: list[SourcePage], sources: list[SourcePage]) -> None:
    """2. A whole site renamed: every page of one site with a parser of its own (the generic one reads no
    class names), under new URLs."""
    catalog = load_catalog()
    sites = sorted({s.site for s in bundled if not s.is_pdf and catalog.sites[s.site].parser != "generic"})
    renamed_site = rng.choice(sites)
    rename = rename_classes(renamed_site)
    for source in [s for s in sources if s.site == renamed_site and not s.is_pdf]:
        try:
            body = rename(rng, source.body)
        except NotHtml:
            continue
        n = len(writer.made)
        writer.write("site_renamed", source, body, fresh_url(source.url, n), _new_at(n), False)


def _the_rest(
    writer: _Writer, rng: random.Random, bundled: list[SourcePage], sources: list[SourcePage], count: int
) -> None:
    """4. The rest, up to ``count``: any kind, any source, new URLs."""
    catalog = load_catalog()
    other_sites = [s.url for s in catalog.sources]
    families = [k for k in KINDS if k not in ("huge", "site_renamed") and not k.startswith("reencode:")]
    families += ["reencode", "reencode"]  # twice the weight: each charset and declaration is a case of its own
    attempts = 0
    while len(writer.made) < count and attempts < count * 20:
        attempts += 1
        source = rng.choice(bundled) if rng.random() < 0.5 else rng.choice(sources)
        kind = rng.choice(families)
        if kind == "reencode":
            kind = f"reencode:{rng.choice(ENCODINGS)}:{rng.choice(('declared', 'undeclared', 'wrong'))}"
        n = len(writer.made)
        url = fresh_url(source.url, n)
        if kind == "other_site_url":
            foreign = [u for u in other_sites if catalog.site_for_url(u).site != source.site]
            url = fresh_url(rng.choice(foreign), n)
        kind, body = _mutated(kind, rng, source, fallback=rng.choice(tuple(BYTE_KINDS)))
        writer.write(kind, source, body, url, _new_at(n), False)


def _mutated(kind: str, rng: random.Random, source: SourcePage, fallback: str) -> tuple[str, bytes]:
    """(kind applied, page): a page lxml cannot read gets the byte-level ``fallback`` instead of ``kind``."""
    try:
        return kind, apply(kind, rng, source.body)
    except NotHtml:
        return fallback, apply(fallback, rng, source.body)


def _write_lists(out: Path, made: list[Mutant]) -> None:
    with (out / "manifest.tsv").open("w", encoding="utf-8", newline="") as f:
        f.write("# Chaos pages made by tests/chaos/mutate.py: url, file, fetched_at\n")
        for m in made:
            f.write(f"{m.url}\t{m.file}\t{m.fetched_at.isoformat().replace('+00:00', 'Z')}\n")
    with (out / "mutations.tsv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["url", "file", "fetched_at", "kind", "origin", "same_url"])
        for m in made:
            writer.writerow([m.url, m.file, m.fetched_at.isoformat(), m.kind, m.origin, int(m.same_url)])


def read_mutations(out: Path) -> list[Mutant]:
    with (Path(out) / "mutations.tsv").open(encoding="utf-8", newline="") as f:
        return [
            Mutant(
                r["url"],
                r["file"],
                datetime.fromisoformat(r["fetched_at"]),
                r["kind"],
                r["origin"],
                r["same_url"] == "1",
            )
            for r in csv.DictReader(f, delimiter="\t")
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write pages/, manifest.tsv and mutations.tsv into")
    parser.add_argument("--count", type=int, default=300, help="pages to make (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--same-url", type=int, default=16, help="bundled URLs given newer captures (default 16)")
    parser.add_argument("--huge", type=int, default=1, help="20 MB pages (default 1)")
    args = parser.parse_args(argv)
    made = generate(args.out, args.count, args.seed, args.same_url, args.huge)
    kinds: dict[str, int] = {}
    for m in made:
        kinds[m.kind.split(":")[0]] = kinds.get(m.kind.split(":")[0], 0) + 1
    print(f"{len(made)} pages in {args.out} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    print(f"import: kzuz archive import --manifest {args.out / 'manifest.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
