"""End-to-end `kzuz refresh --offline` at N pages: full, no-op (nothing changed), and 1 % of pages changed.

For each size: a fresh home, N generated pages written into its archive, then three refreshes, each in a
child process (bench.refresh_probe) whose whole process tree (dbt included) is sampled for memory.
Reported per refresh: wall time, peak RSS of the tree (sum over live processes, sampled every 0.1 s), the
stage running at that peak, the peak PSS of the tree (shared pages split between their processes), the
largest single process, CPU seconds of the tree, and time per stage.

    python -m bench.e2e_bench --pages 1000 [--pages 10000 ...] [--workdir DIR] [--keep]
    python -m bench.e2e_bench --pages 10000 --workdir DIR --generate-only   # make the archive now, run later

With --workdir, a generated archive (DIR/archive-N-SEED) is kept and reused by later runs of that size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from bench.generate import changed_indices, generate_pages, write_store
from bench.report import print_table, write_result

ROOT = Path(__file__).resolve().parent.parent


def _sample_tree(proc: psutil.Process, cpu: dict[int, float], pss: bool = False) -> tuple[int, int, int]:
    """RSS of the tree now, of its largest process, and (with ``pss``) the tree's PSS.

    The proportional set size counts a page shared by k processes (the forkserver's workers) as 1/k in each,
    so the sum is the tree's real footprint, which the RSS sum overstates. Records each process's CPU seconds
    so far.
    """
    total = largest = proportional = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            rss = p.memory_info().rss
            total += rss
            largest = max(largest, rss)
            if pss:
                proportional += p.memory_full_info().pss  # reads smaps: slower, so sampled less often
            times = p.cpu_times()
            cpu[p.pid] = max(cpu.get(p.pid, 0.0), times.user + times.system)
        except psutil.Error:
            pass
    return total, largest, proportional


def stage_at(probe: dict, seconds: float | None) -> str | None:
    """The stage running `seconds` after the refresh started (from the probe's progress timeline)."""
    if seconds is None:
        return None
    begun = sorted((v["first"], k) for k, v in probe.get("stages", {}).items() if v["first"] <= seconds)
    if not begun:
        return "startup"
    stage = begun[-1][1]
    return "report" if stage == "promote" and seconds > probe["stages"]["promote"]["last"] + 0.5 else stage


def run_refresh(home: Path, label: str) -> dict:
    """Run `kzuz refresh --offline` on ``home`` in a probe process; its wall and CPU time, peak memory, stages."""
    out = home / f"probe-{label}.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.refresh_probe", str(home), str(out)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(home / f"refresh-{label}.log", "w"),
    )
    peak = single = peak_pss = 0
    peak_at: float | None = None
    cpu: dict[int, float] = {}
    proc = psutil.Process(child.pid)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, single, peak_at, peak_pss
        tick = 0
        while not stop.is_set():
            try:
                total, largest, proportional = _sample_tree(proc, cpu, pss=tick % 5 == 0)
                tick += 1
                single = max(single, largest)
                peak_pss = max(peak_pss, proportional)
                if total > peak:
                    peak, peak_at = total, time.perf_counter() - t0
            except psutil.Error:
                pass
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    probe = json.loads(out.read_text()) if out.exists() else {}
    return {
        "label": label,
        "exit": code,
        "wall_s": wall,
        "peak_tree_rss_mb": peak / 2**20,
        "peak_stage": stage_at(probe, peak_at),  # what was running when the tree's RSS peaked
        "peak_tree_pss_mb": peak_pss / 2**20,  # sampled every 0.5 s: may miss a spike the RSS sampling sees
        "max_single_rss_mb": single / 2**20,  # the largest process of this refresh (sampled)
        "cpu_s": sum(cpu.values()),  # sampled every 0.1 s: the last 0.1 s of each process is missed
        "parsed": sum(load.get("parsed", 0) for load in probe.get("load", [])),  # a parser bump re-parses all
        "stages": stage_times(probe),
        "probe": probe,
    }


def stage_times(probe: dict) -> dict[str, float]:
    """Stage durations from the probe's progress timeline and the loader's own split."""
    s = probe.get("stages", {})
    if not s:
        return {}

    def at(stage: str, edge: str) -> float | None:
        return s.get(stage, {}).get(edge)

    out = {"startup": at("archive", "first") or at("inputs", "first")}
    if at("archive", "first") is not None:
        out["archive_import"] = at("archive", "last") - at("archive", "first")
    if at("unchanged", "first") is not None and at("inputs", "first") is not None:  # the CLI's no-op test
        out["inputs_check"] = at("unchanged", "first") - at("inputs", "first")
        out["after_check"] = probe["wall"] - at("unchanged", "first")  # skipped steps, run summary, exit
    if at("dbt", "first") is not None:
        out["parse_and_load"] = at("dbt", "first") - at("archive", "last")
        out["dbt"] = (at("checks", "first") or at("promote", "first") or probe["wall"]) - at("dbt", "first")
    if at("checks", "first") is not None:
        out["checks"] = (at("promote", "first") or probe["wall"]) - at("checks", "first")
    if at("promote", "first") is not None:
        steps = probe.get("steps", {})
        out["promote"] = steps.get("warehouse", 0.0)
        out["after_promote"] = probe["wall"] - at("promote", "first")  # assets after promotion (report), exit
    for load in probe.get("load", []):
        for k, v in load.get("seconds", {}).items():
            out[f"loader_{k}"] = v
    return {k: round(v, 2) for k, v in out.items() if v is not None}


def generated_archive(n: int, workdir: Path, seed: int) -> tuple[Path, dict, float]:
    """workdir/archive-N-SEED: the generated archive, made once and reused by later runs (copied per run)."""
    root = workdir / f"archive-{n}-{seed}"
    marker = root / "generated.json"
    if marker.exists():
        done = json.loads(marker.read_text())
        return root, done["stats"], done["seconds"]
    shutil.rmtree(root, ignore_errors=True)
    t0 = time.perf_counter()
    stats = write_store(root, generate_pages(n, seed))
    seconds = time.perf_counter() - t0
    marker.write_text(json.dumps({"stats": stats, "seconds": seconds}))
    return root, stats, seconds


def bench_size(n: int, workdir: Path, seed: int, change: float) -> dict:
    """Full, no-op and changed-page refreshes of a generated archive of ``n`` pages, and their ratios."""
    home = workdir / f"n{n}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    source, stats, generated = generated_archive(n, workdir, seed)
    shutil.copytree(source, home / "archive", ignore=shutil.ignore_patterns("generated.json"))
    print(f"[n={n}] generated {stats['pages']} pages, {stats['bytes'] / 1e6:.0f} MB in {generated:.0f} s", flush=True)
    runs = []
    for label in ("full", "noop"):
        runs.append(run_refresh(home, label))
        print(f"[n={n}] {label}: {runs[-1]['wall_s']:.1f} s (exit {runs[-1]['exit']})", flush=True)
    changed = changed_indices(n, change, seed)
    write_store(home / "archive", generate_pages(n, seed, variant=1, only=changed))
    runs.append(run_refresh(home, "changed"))
    runs[-1]["changed_pages"] = len(changed)
    print(f"[n={n}] changed ({len(changed)} pages): {runs[-1]['wall_s']:.1f} s", flush=True)
    full = runs[0]["wall_s"]
    return {
        "pages": n,
        "archive_mb": stats["bytes"] / 1e6,
        "generate_s": generated,
        "runs": runs,
        "per_page_ms": 1000 * full / n,
        "noop_vs_full": runs[1]["wall_s"] / full,
        "changed_vs_full": runs[2]["wall_s"] / full,
    }


def main() -> None:
    """Command line: the sizes to run (or only generate), then the table and the ratios against the targets."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, action="append", help="repeatable; default 1000")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--change", type=float, default=0.01)
    ap.add_argument("--workdir", type=Path, default=None, help="homes go here (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the homes")
    ap.add_argument("--name", default="e2e", help="result file name under bench/results/")
    ap.add_argument("--generate-only", action="store_true", help="only generate the archives (needs --workdir)")
    args = ap.parse_args()
    sizes = args.pages or [1000]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kzuz-bench-"))
    if args.generate_only:
        for n in sizes:
            _, stats, seconds = generated_archive(n, workdir, args.seed)
            print(f"[n={n}] {stats['pages']} pages, {stats['bytes'] / 1e6:.0f} MB, generated in {seconds:.0f} s")
        return
    results = _run_sizes(args, sizes, workdir)
    _print_results(results)
    write_result(args.name, {"sizes": results})


def _run_sizes(args: argparse.Namespace, sizes: list[int], workdir: Path) -> list[dict]:
    """Benchmark each size (the result file is rewritten after each); the homes are removed unless --keep."""
    results = []
    try:
        for n in sizes:
            results.append(bench_size(n, workdir, args.seed, args.change))
            write_result(args.name, {"sizes": results})
    finally:
        if not args.keep:  # the homes go; a --workdir and its generated archives stay for the next run
            for n in sizes:
                shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    return results


def _print_results(results: list[dict]) -> None:
    """The table of every run, the ratios against their targets, and per-page time across sizes."""
    table = []
    for r in results:
        for run in r["runs"]:
            st = run["stages"]
            table.append(
                {
                    "pages": r["pages"],
                    "refresh": run["label"],
                    "exit": run["exit"],
                    "parsed": run["parsed"],
                    "wall_s": run["wall_s"],
                    "ms_per_page": 1000 * run["wall_s"] / r["pages"],
                    "cpu_s": run["cpu_s"],
                    "peak_tree_mb": run["peak_tree_rss_mb"],
                    "peak_pss_mb": run["peak_tree_pss_mb"],
                    "peak_stage": run["peak_stage"],
                    "largest_mb": run["max_single_rss_mb"],
                    **{k: st.get(k) for k in STAGES},
                }
            )
    columns = [
        "pages",
        "refresh",
        "exit",
        "parsed",
        "wall_s",
        "ms_per_page",
        "cpu_s",
        "peak_tree_mb",
        "peak_pss_mb",
        "peak_stage",
        "largest_mb",
        *STAGES,
    ]
    print_table(table, columns)
    for r in results:
        print(
            f"n={r['pages']}: no-op/full = {r['noop_vs_full']:.1%} (target < 10 %), "
            f"1 % changed/full = {r['changed_vs_full']:.1%} (target < 15 %), "
            f"peak {max(run['peak_tree_rss_mb'] for run in r['runs']):,.0f} MB (target < 2,048 MB at 100k)"
        )
    by_size = {r["pages"]: r for r in results}
    for small, large in ((10_000, 100_000), (1_000, 10_000)):
        if small in by_size and large in by_size:
            ratio = by_size[large]["per_page_ms"] / by_size[small]["per_page_ms"]
            print(f"per-page time at {large:,} / at {small:,} = {ratio:.2f}x (target <= 1.2x)")


STAGES = [
    "startup",
    "archive_import",
    "inputs_check",
    "after_check",
    "parse_and_load",
    "loader_read",
    "loader_parse",
    "loader_insert",
    "dbt",
    "checks",
    "promote",
    "after_promote",
]

if __name__ == "__main__":
    main()
