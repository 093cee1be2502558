"""kzuz pipelines: the Dagster code location and the `kzuz` command line."""
