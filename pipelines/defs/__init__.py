"""Dagster definitions of kzuz, one module per concept."""
