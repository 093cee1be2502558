"""English labels for what the warehouse stores as codes: countries, periods, flows, money and dates."""

from __future__ import annotations

from datetime import date

from pipelines.report.reader import WarehouseReader

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class CountryNames:
    """ISO3 code -> English name, from dim_countries when the warehouse has it."""

    def __init__(self, reader: WarehouseReader):
        self.names: dict[str, str] = {}
        if reader.has("dim_countries", "iso3", "name_en"):
            self.names = {r["iso3"]: r["name_en"] for r in reader.rows("select iso3, name_en from dim_countries")}

    def __call__(self, iso3: str | None) -> str:
        """The country's name for an ISO3 code (the code itself when unknown, "?" for none)."""
        return self.names.get(iso3 or "", iso3 or "?")


def period_label(start: date, end: date, period_type: str, two_lines: bool = False) -> str:
    """'2018', 'Jan–Nov 2021 (year to date)', 'Q1 2021', 'Mar 2021'."""
    sep = "\n" if two_lines else " "
    if period_type == "year" and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year)
    if period_type == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if period_type == "month" and start.month == end.month:
        return f"{MONTHS[start.month - 1]} {start.year}"
    span = (
        f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
        if start.year == end.year
        else f"{day(start)} – {day(end)}"
    )
    if period_type == "ytd":
        return f"{span}{sep}(year to date)"
    return span


def day(value: date | None) -> str:
    """6 Dec 2021 (unambiguous in every locale)."""
    if value is None:
        return "—"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def usd_bn(value: float | None) -> str:
    """A value in US dollars as billions with two decimals; "—" for none."""
    return "—" if value is None else f"{value / 1e9:,.2f}"


def usd(value: float | None) -> str:
    """Money for tables: 3.54 bn, 611.3 m."""
    if value is None:
        return "—"
    if abs(value) >= 1e9:
        return f"{value / 1e9:,.2f} bn"
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.1f} m"
    return f"{value:,.0f}"


def number(value: float | None, unit: str | None = None) -> str:
    """A number as the report prints it (thousands separated, two decimals at most, the unit after it); "—" for none."""
    if value is None:
        return "—"
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}" if unit else text


def humanise(code: str | None) -> str:
    """state_visit -> State visit; enterprises_with_partner_capital -> Enterprises with partner capital."""
    if not code:
        return "—"
    text = code.replace("_", " ").strip()
    return text[:1].upper() + text[1:]
