"""What a refresh pays before it reads the first page: imports, manifest, definitions, instance, GX context.

    python -m bench.startup_probe HOME     # HOME: a built home (its instance and Data Docs are opened)

Each step is timed in the order `kzuz refresh` takes it, in one fresh process (run it twice: the first run
also warms the file cache). bench/README.md, "Startup of a refresh", has the figures.
"""

from __future__ import annotations

import sys
import time


def main() -> None:
    """Time each startup step and print one line each, then the total."""
    home_arg = sys.argv[1] if len(sys.argv) > 1 else "./data"
    started = last = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal last
        now = time.perf_counter()
        print(f"{name:55s} {now - last:6.2f} s")
        last = now

    import dagster  # noqa: F401, PLC0415

    lap("import dagster")
    import pipelines.cli  # noqa: F401, PLC0415

    lap("import pipelines.cli (typer, duckdb, rich)")
    from pipelines.project import ensure_dbt_manifest  # noqa: PLC0415

    ensure_dbt_manifest()
    lap("dbt manifest (an mtime check when fresh)")
    import great_expectations  # noqa: F401, PLC0415

    lap("import great_expectations")
    import dagster_dbt  # noqa: F401, PLC0415

    lap("import dagster_dbt (dbt-core, adapters)")
    from pipelines.definitions import defs  # noqa: PLC0415

    lap("import pipelines.definitions (manifest read, suites)")
    defs.resolve_job_def("refresh")
    lap("resolve the refresh job")
    from pipelines.home import KzuzHome  # noqa: PLC0415
    from pipelines.instance import dagster_instance  # noqa: PLC0415

    home = KzuzHome.resolve(home_arg)
    dagster_instance(home)
    lap("Dagster instance (SQLite storage)")
    from expectations.docs import docs_context  # noqa: PLC0415

    docs_context(home.docs)
    lap("GX file context (Data Docs)")
    print(f"{'total':55s} {time.perf_counter() - started:6.2f} s")


if __name__ == "__main__":
    main()
