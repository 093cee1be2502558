"""The source catalog: which sites kzuz knows, which pages are cited, and how a URL maps to a site."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import yaml


class UnknownHostError(ValueError):
    """A URL whose host is not in the catalog: kzuz never fetches or files it."""


@dataclass(frozen=True)
class Site:
    site: str
    hosts: tuple[str, ...]
    country_iso3: str | None
    kind: str
    parser: str
    rate: float  # seconds between two requests to one host


@dataclass(frozen=True)
class CatalogSource:
    ref: int
    url: str
    site: str
    kind: str
    language: str


@dataclass(frozen=True)
class Catalog:
    sites: dict[str, Site]
    sources: tuple[CatalogSource, ...]
    countries: tuple[dict, ...]
    relevance_terms: dict[str, tuple[str, ...]]

    def site_for_url(self, url: str) -> Site:
        host = (urlsplit(url).hostname or "").lower()
        for site in self.sites.values():
            if host in site.hosts:
                return site
        known = ", ".join(sorted(self.sites))
        raise UnknownHostError(f"host {host or '(none)'!r} of {url} is not in the catalog (known sites: {known})")


@cache
def load_catalog() -> Catalog:
    raw = yaml.safe_load(resources.files("sources").joinpath("catalog.yml").read_text(encoding="utf-8"))
    sites = {
        name: Site(
            site=name,
            hosts=tuple(h.lower() for h in spec["hosts"]),
            country_iso3=spec.get("country_iso3"),
            kind=spec["kind"],
            parser=spec["parser"],
            rate=float(spec.get("rate", 1.0)),
        )
        for name, spec in raw["sites"].items()
    }
    sources = tuple(CatalogSource(**s) for s in raw["sources"])
    for s in sources:
        if s.site not in sites:
            raise ValueError(f"catalog source {s.url} names unknown site {s.site}")
    terms = {iso3: tuple(words) for iso3, words in raw.get("relevance_terms", {}).items()}
    return Catalog(sites=sites, sources=sources, countries=tuple(raw["countries"]), relevance_terms=terms)
