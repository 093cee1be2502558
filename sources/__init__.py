"""kzuz sources: the catalog, the raw archive, the per-site parsers and the bundled archive."""
