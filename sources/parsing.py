"""Dispatch a capture to its site's parser and the fact extractors; turn crashes into parse errors.

Pure: bytes, URL, fetch time (and the archived response headers, for the charset) in, a ParseResult out.
The loader adds capture columns and writes rows. Facts are read only from pages whose text is their own:
a listing's lines are other pages' headlines, and a card or /info page holds requisites only.
"""

from __future__ import annotations

import importlib
import inspect
import traceback
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import cache
from types import ModuleType

from sources.catalog import load_catalog
from sources.facts import VERSION as FACTS_VERSION
from sources.facts import extract_facts
from sources.records import ParseError, ParseResult

Parser = Callable[..., ParseResult]
# Page kinds whose text is not their own prose: no facts are read from them.
FACTLESS_KINDS = frozenset({"listing", "legal_act_card", "legal_act_info"})


def parser_key(url: str) -> str:
    """The catalog's parser key for the URL's site."""
    return load_catalog().site_for_url(url).parser


def site_parser(key: str) -> ModuleType | None:
    """The site folder ``sources/<key>/`` that declares ``KEY == key``, ``VERSION`` and ``parse``; else None.

    The catalog's ``parser:`` value is the key; there is no other registry (CONTRIBUTING.md, "Add a site").
    """
    if not key.isidentifier():
        return None
    try:
        module = importlib.import_module(f"sources.{key}")
    except ModuleNotFoundError as exc:
        if exc.name != f"sources.{key}":
            raise  # the site's folder exists but imports something missing: a bug to see, not "no parser"
        return None
    return module if getattr(module, "KEY", None) == key else None


def site_parser_modules() -> list[str]:
    """The modules of every site parser the catalog names (preloaded by the loader's worker processes)."""
    keys = sorted({site.parser for site in load_catalog().sites.values()})
    return [f"sources.{key}" for key in keys if site_parser(key) is not None]


def parser_version(key: str) -> str:
    """Version stamp of a capture's parse: site parser and fact extractors together."""
    module = site_parser(key)
    return f"{key}:{module.VERSION if module is not None else '0'}+facts:{FACTS_VERSION}"


def _parser(key: str) -> Parser | None:
    module = site_parser(key)
    return module.parse if module is not None else None


@cache
def _takes_headers(parse: Parser) -> bool:
    """Whether a parser reads the archived headers: HTML parsers do (charset); a parser of a data format
    that declares its own encoding (e.g. Comtrade's) may leave the keyword out.
    """
    return "headers" in inspect.signature(parse).parameters


def parse_capture(
    body: bytes,
    url: str,
    fetched_at: datetime,
    http_status: int = 200,
    *,
    headers: Mapping[str, str] | None = None,
) -> ParseResult:
    """Parse one archived response into raw rows and errors; never raises for a bad page.

    ``headers`` are the archived HTTP response headers (their Content-Type charset is read); without them
    the page's own declaration, UTF-8 and the detector decide (``sources.charset``).
    """
    site = load_catalog().site_for_url(url)
    if http_status != 200:
        result = ParseResult()
        result.errors.append(ParseError("http_status", f"{site.site}: HTTP {http_status}, nothing to parse"))
        return result
    parse = _parser(site.parser)
    if parse is None:
        result = ParseResult()
        result.errors.append(ParseError("no_parser", f"{site.site}: no parser for this site yet ({site.parser})"))
        return result
    try:
        if _takes_headers(parse):
            result = parse(body, url, fetched_at, headers=headers)
        else:
            result = parse(body, url, fetched_at)
    except Exception as exc:  # a parser bug must become a recorded error, not a crashed run
        result = ParseResult()
        result.errors.append(_crash("parser_crash", site.site, exc))
        return result
    if not result.rows.get("documents") and all(error.is_warning for error in result.errors):
        result.errors.append(ParseError("unknown_layout", f"{site.site}: the parser found no document in this page"))
    documents = result.rows.get("documents")
    if documents and documents[0].get("page_kind") not in FACTLESS_KINDS:
        try:
            found = extract_facts(result, url, site)
        except Exception as exc:  # the page's own rows are kept; its facts are missing and said to be
            result.errors.append(_crash("facts_crash", site.site, exc))
        else:
            result.extend(found)
    return result


def _crash(kind: str, site: str, exc: Exception) -> ParseError:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return ParseError(
        kind, f"{site}: {type(exc).__name__}: {exc} (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
    )
