"""The suite guarding ``dim_countries``: one row per ISO alpha-3 code, well formed, named."""

from __future__ import annotations

import great_expectations.expectations as gxe

from expectations.suite import Suite, SuiteExpectation
from expectations.suites.shape import mart_shape

COLUMNS = ("iso3", "iso_numeric", "name_en", "name_ru", "name_uz", "name_kk")

SUITE = Suite(
    name="dim_countries",
    mart="dim_countries",
    key="iso3",
    sql="select * from main.dim_countries",
    expectations=(
        *mart_shape(COLUMNS, "iso3"),
        SuiteExpectation(
            "iso3 not three capital letters",
            "blocking",
            gxe.ExpectColumnValuesToMatchRegex(column="iso3", regex=r"^[A-Z]{3}$"),
        ),
        SuiteExpectation("iso_numeric duplicated", "blocking", gxe.ExpectColumnValuesToBeUnique(column="iso_numeric")),
        SuiteExpectation("name_en null", "warn", gxe.ExpectColumnValuesToNotBeNull(column="name_en")),
    ),
)
