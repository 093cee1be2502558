"""The report area: re-render HOME/report/ after every promotion, so the report always shows the current warehouse."""

from __future__ import annotations

import dagster as dg

from pipelines.defs.resources import KzuzSettings


@dg.asset(
    deps=[dg.AssetKey("warehouse")],
    group_name="report",
    description="The analyst's HTML report with charts (HOME/report/index.html), from the promoted warehouse.",
)
def report(settings: KzuzSettings) -> dg.MaterializeResult:
    """Render the HTML report of the promoted warehouse into HOME/report/."""
    from pipelines.report import build_report  # noqa: PLC0415 - keep loading the code location light

    index = build_report(settings.paths)
    charts = sorted(p.name for p in (index.parent / "charts").glob("*.png"))
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(index)), "charts": ", ".join(charts)})


# the home folder comes from the `settings` resource of the core definitions, like every other asset
defs = dg.Definitions(assets=[report])
