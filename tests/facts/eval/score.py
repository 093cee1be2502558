"""Precision and recall of the prose fact extractor on the evaluation set of this folder (README.md here).

    python -m tests.facts.eval.score [--set development|held-out|unseen|all] [--show] [--only ID_PREFIX]

Each case is one short page (title, lead, body) with the facts a careful reader takes from it. Scored are
the trade observations and the trade growth indicators (`trade_*_growth_pct`) the extractor returns; other
indicators (tonnage, partner shares, enterprises) and unresolved mentions are not facts of this set.
"""

from __future__ import annotations

import argparse
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import yaml

from sources.facts.prose import extract_prose_facts

HERE = Path(__file__).parent
LANGUAGES = ("ru", "uz-Latn", "uz-Cyrl", "kk", "en")
# The development set (written before the extractor work, then worked against), the held-out set (written
# after it, first scored as it stood, then worked against) and the unseen set (written last, scored once, never
# worked against): files "<language>.yaml", "holdout-<language>.yaml", "unseen-<language>.yaml".
SETS = {"development": "{}.yaml", "held-out": "holdout-{}.yaml", "unseen": "unseen-{}.yaml"}
_SITE_COUNTRIES = {"astanatimes.com": "KAZ", "kursiv.media": "KAZ"}
_GROWTH = re.compile(r"trade_\w+_growth_pct")
_SCALE = {"bn": 1e9, "m": 1e6, "k": 1e3, "": 1.0}


@dataclass(frozen=True)
class Fact:
    kind: str  # 'T' trade observation | 'G' growth indicator
    what: str  # flow (T) or indicator name (G)
    country: str  # reporter (T) or country (G)
    partner: str | None
    start: date
    end: date
    value: float
    qualifier: str

    def key(self) -> tuple:
        return (self.kind, self.what, self.country, self.partner, self.start, self.end, self.qualifier)

    def __str__(self) -> str:
        return (
            f"{self.kind} {self.country}>{self.partner} {self.what} {self.start}..{self.end} "
            f"{self.value:,.0f} {self.qualifier}"
        )


@dataclass
class Case:
    id: str
    set: str
    language: str
    site: str
    country: str | None
    published: date
    tags: list[str]
    document: dict
    expected: list[Fact]


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def parse_period(text: str) -> tuple[date, date]:
    """2023 | 2023Q1 | 2023H1 | 2023-03 | 2023-01..08 | 2023-01-01..2023-05-11."""
    if m := re.fullmatch(r"(\d{4})", text):
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if m := re.fullmatch(r"(\d{4})([QH])([1-4])", text):
        year, months, n = int(m.group(1)), 3 if m.group(2) == "Q" else 6, int(m.group(3))
        first = (n - 1) * months + 1
        return date(year, first, 1), _month_end(year, first + months - 1)
    if m := re.fullmatch(r"(\d{4})-(\d\d)", text):
        year, month = int(m.group(1)), int(m.group(2))
        return date(year, month, 1), _month_end(year, month)
    if m := re.fullmatch(r"(\d{4})-(\d\d)\.\.(\d\d)", text):
        year = int(m.group(1))
        return date(year, int(m.group(2)), 1), _month_end(year, int(m.group(3)))
    if m := re.fullmatch(r"(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)", text):
        return date.fromisoformat(m.group(1)), date.fromisoformat(m.group(2))
    raise ValueError(f"unknown period {text!r}")


def parse_fact(text: str) -> Fact:
    """'T UZB KAZ export 2023-01..09 1.2bn [=|>|<|~]' or 'G trade_turnover_growth_pct UZB KAZ 2023 17.3 [q]'."""
    parts = text.split()
    if parts[0] == "T" and len(parts) in (6, 7):
        _, country, partner, what, period, value, *rest = parts
    elif parts[0] == "G" and len(parts) in (6, 7):
        _, what, country, partner, period, value, *rest = parts
    else:
        raise ValueError(f"unreadable fact {text!r}")
    m = re.fullmatch(r"(-?[\d.]+)(bn|m|k|)", value)
    if not m:
        raise ValueError(f"unreadable value in {text!r}")
    start, end = parse_period(period)
    qualifier = rest[0] if rest else "="
    if qualifier not in ("=", ">", "<", "~"):
        raise ValueError(f"unknown qualifier in {text!r}")
    return Fact(parts[0], what, country, partner, start, end, float(m.group(1)) * _SCALE[m.group(2)], qualifier)


def site_country(site: str) -> str | None:
    if site in _SITE_COUNTRIES:
        return _SITE_COUNTRIES[site]
    return "UZB" if site.endswith(".uz") else "KAZ" if site.endswith(".kz") else None


def load_cases(languages=LANGUAGES, sets=tuple(SETS)) -> list[Case]:
    cases = []
    for name, language in ((name, language) for name in sets for language in languages):
        for raw in yaml.safe_load((HERE / SETS[name].format(language)).read_text(encoding="utf-8")):
            published = raw["published"]
            document = {
                "title": (raw.get("title") or "").strip(),
                "lead": (raw.get("lead") or "").strip() or None,
                "body_text": raw["body"].strip(),
                "published_at": datetime(published.year, published.month, published.day, 9, tzinfo=UTC),
                "language": language,
                "site": raw["site"],
                "page_kind": "article",
                "layout": "generic",
            }
            cases.append(
                Case(
                    raw["id"],
                    name,
                    language,
                    raw["site"],
                    raw.get("country") or site_country(raw["site"]),
                    published,
                    list(raw["tags"]),
                    document,
                    [parse_fact(f) for f in raw["facts"]],
                )
            )
    return cases


def extracted(case: Case) -> list[Fact]:
    """The scored facts the extractor reads from one case."""
    rows = extract_prose_facts(case.document, case.country)
    out = [
        Fact(
            "T",
            r["flow"],
            r["reporter_iso3"],
            r["partner_iso3"],
            r["period_start"],
            r["period_end"],
            r["value_usd"],
            r["qualifier"],
        )
        for r in rows["trade_observations"]
    ]
    out += [
        Fact(
            "G",
            r["indicator"],
            r["country_iso3"],
            r["partner_iso3"],
            r["period_start"],
            r["period_end"],
            r["value"],
            r["qualifier"],
        )
        for r in rows["indicator_observations"]
        if _GROWTH.fullmatch(r["indicator"])
    ]
    return out


def match(expected: list[Fact], got: list[Fact]) -> tuple[int, list[Fact], list[Fact]]:
    """(true positives, missed expected facts, extra extracted facts); values equal to 1e-6 relative."""
    left = list(got)
    hits, missed = 0, []
    for fact in expected:
        found = next(
            (g for g in left if g.key() == fact.key() and math.isclose(g.value, fact.value, rel_tol=1e-6, abs_tol=0.5)),
            None,
        )
        if found is None:
            missed.append(fact)
        else:
            left.remove(found)
            hits += 1
    return hits, missed, left


@dataclass
class Tally:
    cases: int = 0
    expected: int = 0
    got: int = 0
    hits: int = 0

    @property
    def precision(self) -> float:
        return self.hits / self.got if self.got else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0


@dataclass
class Result:
    overall: Tally
    by_set: dict[str, Tally]
    by_language: dict[str, Tally]
    by_tag: dict[str, Tally]
    misses: list[tuple[str, list[Fact], list[Fact]]]  # case id, missed, extra


def evaluate(cases: list[Case]) -> Result:
    overall, by_set, by_language, by_tag = Tally(), defaultdict(Tally), defaultdict(Tally), defaultdict(Tally)
    misses = []
    for case in cases:
        got = extracted(case)
        hits, missed, extra = match(case.expected, got)
        for tally in (overall, by_set[case.set], by_language[case.language], *(by_tag[t] for t in case.tags)):
            tally.cases += 1
            tally.expected += len(case.expected)
            tally.got += len(got)
            tally.hits += hits
        if missed or extra:
            misses.append((case.id, missed, extra))
    return Result(overall, dict(by_set), dict(by_language), dict(sorted(by_tag.items())), misses)


def _print_table(title: str, rows: dict[str, Tally]) -> None:
    print(f"\n{title:<14} {'cases':>5} {'facts':>5} {'read':>5} {'right':>5} {'precision':>9} {'recall':>7}")
    for name, t in rows.items():
        print(f"{name:<14} {t.cases:>5} {t.expected:>5} {t.got:>5} {t.hits:>5} {t.precision:>9.3f} {t.recall:>7.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="list each case's missed and extra facts")
    ap.add_argument("--only", default="", help="score only the cases whose id starts with this")
    ap.add_argument("--set", default="all", choices=(*SETS, "all"), help="which set to score (default: both)")
    args = ap.parse_args()
    sets = tuple(SETS) if args.set == "all" else (args.set,)
    cases = [c for c in load_cases(sets=sets) if c.id.startswith(args.only)]
    result = evaluate(cases)
    _print_table("set", {**result.by_set, "all": result.overall})
    _print_table("language", {**result.by_language, "all": result.overall})
    _print_table("pattern", result.by_tag)
    if args.show:
        for case_id, missed, extra in result.misses:
            print(f"\n{case_id}")
            for fact in missed:
                print(f"  missed {fact}")
            for fact in extra:
                print(f"  extra  {fact}")


if __name__ == "__main__":
    main()
