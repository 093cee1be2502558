"""Parse throughput per site parser, next to the raw selectolax tree build (the floor) and BeautifulSoup.

For every layout: the same generated pages go through (a) `LexborHTMLParser(body.decode())` and nothing
else, (b) the site parser, (c) the BeautifulSoup equivalent where one exists (gazeta.uz, lex.uz), and
(d) the whole dispatch (`parse_capture`: site parser + fact extractors) on a sample, and (e) the fact
extractors alone (`extract_facts` on every page's parse result, read beforehand; the readers' memo caches
are emptied before each pass, so a repeat does not find its sentences read already). Each pass is
repeated and the best is kept; CPU time of this process is the primary clock (the machine is shared),
wall time is reported beside it.

    python -m bench.parse_bench [--pages 600] [--repeat 3] [--full-sample 40]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

from selectolax.lexbor import LexborHTMLParser

from bench.bs4_baseline import BASELINES
from bench.generate import generate_pages
from bench.report import print_table, write_result
from sources.catalog import load_catalog
from sources.facts import extract_facts
from sources.parsing import _parser, parse_capture, parser_key


def _tree(body, url, fetched_at):
    return LexborHTMLParser(body.decode("utf-8", errors="replace")).body


def _clock(fn, pages, repeat: int) -> tuple[float, float]:
    """Best (cpu, wall) seconds of `repeat` passes of fn over pages."""
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        for p in pages:
            fn(p.body, p.url, p.fetched_at)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall


def _clear_memo_caches() -> None:
    """Empty every functools cache of the readers (sources.*), so that each pass reads its text afresh."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("sources.") or module is None:
            continue
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


def _clock_facts(pages, repeat: int) -> tuple[float, float]:
    """Best (cpu, wall) seconds of `repeat` passes of the fact extractors alone over pages."""
    catalog = load_catalog()
    parsed = []
    for p in pages:
        result = _parser(parser_key(p.url))(p.body, p.url, p.fetched_at)
        if result.rows.get("documents"):
            parsed.append((result, p.url, catalog.site_for_url(p.url)))
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        _clear_memo_caches()
        c0, w0 = time.process_time(), time.perf_counter()
        for result, url, site in parsed:
            extract_facts(result, url, site)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall


def run(n: int, seed: int, repeat: int, full_sample: int) -> dict:
    """Pages and MB a second per site parser beside the bare tree build, BeautifulSoup and the whole dispatch."""
    by_site = defaultdict(list)
    for page in generate_pages(n, seed):
        by_site[parser_key(page.url)].append(page)
    rows = []
    for key, pages in sorted(by_site.items()):
        mb = sum(len(p.body) for p in pages) / 1e6
        parse = _parser(key)
        parse(pages[0].body, pages[0].url, pages[0].fetched_at)  # warm imports and caches
        timings = {"tree": _clock(_tree, pages, repeat), "parser": _clock(parse, pages, repeat)}
        if key in BASELINES:
            timings["bs4"] = _clock(BASELINES[key], pages, repeat)
        timings["facts"] = _clock_facts(pages, repeat)
        sample = pages[:full_sample]

        def full(body, url, fetched_at):
            return parse_capture(body, url, fetched_at)

        full_cpu, full_wall = _clock(full, sample, 1)
        scale = len(pages) / len(sample)
        timings["parse_capture"] = (full_cpu * scale, full_wall * scale)
        row = {"parser": key, "pages": len(pages), "MB": round(mb, 1)}
        for name, (cpu, wall) in timings.items():
            row[f"{name}_pages_s"] = len(pages) / cpu
            row[f"{name}_MB_s"] = mb / cpu
            row[f"{name}_wall_pages_s"] = len(pages) / wall
        row["parser_vs_tree"] = timings["parser"][0] / timings["tree"][0]
        row["bs4_vs_parser"] = timings["bs4"][0] / timings["parser"][0] if "bs4" in timings else None
        row["bs4_vs_tree"] = timings["bs4"][0] / timings["tree"][0] if "bs4" in timings else None
        row["full_vs_parser"] = timings["parse_capture"][0] / timings["parser"][0]
        row["facts_ms_page"] = 1000 * timings["facts"][0] / len(pages)
        rows.append(row)
    return {"pages": n, "seed": seed, "repeat": repeat, "full_sample": full_sample, "rows": rows}


def main() -> None:
    """Command line: run the parse benchmark, print its table and write bench/results/parse.json."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--full-sample", type=int, default=40, help="pages per site for parse_capture (slow: facts)")
    args = ap.parse_args()
    result = run(args.pages, args.seed, args.repeat, args.full_sample)
    print_table(
        result["rows"],
        [
            "parser",
            "pages",
            "MB",
            "tree_pages_s",
            "parser_pages_s",
            "parser_MB_s",
            "bs4_pages_s",
            "parse_capture_pages_s",
            "parser_vs_tree",
            "bs4_vs_parser",
            "bs4_vs_tree",
            "full_vs_parser",
            "facts_pages_s",
            "facts_ms_page",
        ],
    )
    print("ratios on CPU time of this process; targets: parser_vs_tree <= 2, bs4_vs_parser >= 10")
    total_pages = sum(r["pages"] for r in result["rows"])
    facts_ms = sum(r["facts_ms_page"] * r["pages"] for r in result["rows"]) / total_pages
    result["facts_ms_page_all"] = facts_ms
    print(f"fact extraction alone: {facts_ms:.3f} ms a page over all {total_pages} pages (CPU, best of passes)")
    write_result("parse", result)


if __name__ == "__main__":
    main()
