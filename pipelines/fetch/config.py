"""Fetch settings: User-Agent, per-site rate, timeouts, body cap, retries, mirrors; read from the environment.

Environment (all optional):
  KZUZ_USER_AGENT        our identification, sent as the User-Agent; sites marked ``user_agent: browser`` in
                         the catalog get its Mozilla-compatible form ``Mozilla/5.0 (compatible; <it>)``
  KZUZ_CA_BUNDLE_<SITE>  a PEM file trusted for SITE's hosts only (the catalog's ``ca_bundle`` otherwise)
  KZUZ_RATE_<SITE>       seconds between two requests to a host of SITE (``gazeta.uz`` -> KZUZ_RATE_GAZETA_UZ);
                         the catalog's ``rate`` otherwise (default 1 s)
  KZUZ_RATE              the same for every site (a site's own variable wins)
  KZUZ_MIRROR            "host=base,host=base": send a host's requests to another base URL
  KZUZ_MIRROR_ONLY       "1": refuse hosts without a mirror instead of touching the real site (tests, CI)
  KZUZ_FETCH_TIMEOUT     "connect,read" seconds (default "10,30")
  KZUZ_FETCH_MAX_BYTES   body cap after decompression (default 20 MB)
  KZUZ_FETCH_RETRIES     retries on connection errors, 429 and 5xx (default 3)
  KZUZ_RETRY_AFTER_CAP   longest Retry-After wait honoured, seconds (default 120)
  KZUZ_LOOKBACK_DAYS     discovery window of a normal refresh (default 7)
Standard proxies (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) are honoured by requests.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sources.catalog import Catalog, load_catalog

DEFAULT_USER_AGENT = "kzuz/0.1 (+https://github.com/kzuz; contact: kzuz-data@proton.me)"


def browser_compatible(user_agent: str) -> str:
    """The same identification in the form crawlers that sites accept use (``Mozilla/5.0 (compatible; ...)``):
    it still names kzuz and its contact, and robots.txt still matches it as kzuz.
    """
    if user_agent.startswith("Mozilla/"):
        return user_agent
    name, _, rest = user_agent.partition(" ")
    detail = rest.strip().removeprefix("(").removesuffix(")")
    return f"Mozilla/5.0 (compatible; {name}; {detail})" if detail else f"Mozilla/5.0 (compatible; {name})"


DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class MirrorMissingError(LookupError):
    """KZUZ_MIRROR_ONLY is set and a host has no mirror: refuse rather than reach the real site."""


@dataclass(frozen=True)
class Mirrors:
    """Canonical host -> base URL its requests go to. The archive keeps the canonical URL."""

    bases: Mapping[str, str] = field(default_factory=dict)
    only: bool = False

    @classmethod
    def parse(cls, spec: str | None, only: bool = False) -> Mirrors:
        """The mirrors a ``host=base,...`` specification names; ``only`` when no other host may be contacted."""
        bases: dict[str, str] = {}
        for part in (spec or "").split(","):
            if not part.strip():
                continue
            host, sep, base = part.partition("=")
            if not sep or not urlsplit(base.strip()).scheme:
                raise ValueError(f"KZUZ_MIRROR entry {part!r} is not host=http(s)://base")
            bases[host.strip().lower()] = base.strip().rstrip("/")
        return cls(bases, only)

    def to_wire(self, url: str) -> str:
        """Where a request for canonical ``url`` really goes."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        base = self.bases.get(host)
        if base is None:
            if self.only:
                raise MirrorMissingError(f"no mirror for {host} and KZUZ_MIRROR_ONLY is set")
            return url
        rest = parts.path or "/"
        if parts.query:
            rest += "?" + parts.query
        return base + rest

    def to_canonical(self, url: str) -> str:
        """Map a URL on a mirror (a redirect target, a feed link) back to its canonical host."""
        for host, base in self.bases.items():
            if url == base or url.startswith(base + "/") or url.startswith(base + "?"):
                return f"https://{host}{url[len(base) :] or '/'}"
        return url

    def wire_bases(self) -> dict[str, str]:
        """The base URL each mirrored host is fetched from."""
        return dict(self.bases)


def _env_name(site: str, prefix: str = "KZUZ_RATE_") -> str:
    return prefix + re.sub(r"[^A-Z0-9]", "_", site.upper())


def _browser_sites(catalog: Catalog) -> frozenset[str]:
    return frozenset(name for name, site in catalog.sites.items() if site.user_agent == "browser")


def _catalog_bundles(catalog: Catalog, env: Mapping[str, str] | None = None) -> dict[str, str]:
    bundles = {}
    for name, site in catalog.sites.items():
        bundle = (env or {}).get(_env_name(name, "KZUZ_CA_BUNDLE_")) or site.ca_bundle_path()
        if bundle:
            bundles[name] = str(bundle)
    return bundles


@dataclass(frozen=True)
class FetchConfig:
    """How the live fetch behaves: identification, rates, retries, time-outs, mirrors and limits."""

    user_agent: str = DEFAULT_USER_AGENT
    # The catalog decides both unless a caller says otherwise.
    browser_ua_sites: frozenset[str] = field(default_factory=lambda: _browser_sites(load_catalog()))
    ca_bundles: Mapping[str, str] = field(default_factory=lambda: _catalog_bundles(load_catalog()))
    rates: Mapping[str, float] = field(default_factory=dict)  # site -> seconds between requests to a host
    default_rate: float = 1.0
    mirrors: Mirrors = field(default_factory=Mirrors)
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_body_bytes: int = DEFAULT_MAX_BYTES
    retries: int = 3
    backoff_factor: float = 1.0
    retry_after_cap: float = 120.0
    max_redirects: int = 5
    lookback_days: int = 7
    zakon_page_size: int = 50
    zakon_max_pages: int = 10  # per normal refresh; a backfill pages until it passes its start date
    backfill_max_pages: int = 2000

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, catalog: Catalog | None = None, **overrides
    ) -> FetchConfig:
        """The configuration the environment and the catalog give, with ``overrides`` on top."""
        env = os.environ if environ is None else environ
        catalog = catalog or load_catalog()
        global_rate = env.get("KZUZ_RATE")
        rates = {}
        for name, site in catalog.sites.items():
            value = env.get(_env_name(name)) or global_rate
            rates[name] = float(value) if value else site.rate
        connect, _, read = (env.get("KZUZ_FETCH_TIMEOUT") or "10,30").partition(",")
        values = dict(
            user_agent=env.get("KZUZ_USER_AGENT") or DEFAULT_USER_AGENT,
            browser_ua_sites=_browser_sites(catalog),
            ca_bundles=_catalog_bundles(catalog, env),
            rates=rates,
            mirrors=Mirrors.parse(env.get("KZUZ_MIRROR"), only=env.get("KZUZ_MIRROR_ONLY", "") in ("1", "true")),
            connect_timeout=float(connect),
            read_timeout=float(read or connect),
            max_body_bytes=int(env.get("KZUZ_FETCH_MAX_BYTES") or DEFAULT_MAX_BYTES),
            retries=int(env.get("KZUZ_FETCH_RETRIES") or 3),
            retry_after_cap=float(env.get("KZUZ_RETRY_AFTER_CAP") or 120),
            lookback_days=int(env.get("KZUZ_LOOKBACK_DAYS") or 7),
        )
        values.update(overrides)
        return cls(**values)

    def rate_for_site(self, site: str) -> float:
        """Seconds between two requests to one host of ``site``."""
        return float(self.rates.get(site, self.default_rate))

    def user_agent_for_site(self, site: str) -> str:
        """The User-Agent sent to ``site``: the browser-compatible form for the sites that require it."""
        return browser_compatible(self.user_agent) if site in self.browser_ua_sites else self.user_agent
