"""The report as one self-contained HTML page (Jinja2, autoescaped): inline CSS with a print stylesheet,
charts as inline base64 PNG, no script, font or stylesheet loaded from anywhere.
"""

from __future__ import annotations

import base64
from html import escape

import jinja2
from markupsafe import Markup

from pipelines.report.content import Link

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("pipelines.report", "templates"), autoescape=True, undefined=jinja2.StrictUndefined
)
_env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")


def _link(link: Link) -> str:
    lang = f' lang="{escape(link.lang)}"' if link.lang else ""
    return f'<a href="{escape(link.href)}"{lang}>{escape(link.text)}</a>'


def render_cell(cell: object) -> Markup:
    """One table cell as HTML: a link as an anchor, anything else escaped."""
    if isinstance(cell, Link):
        return Markup(_link(cell))
    if isinstance(cell, list):
        return Markup("; ".join(_link(c) if isinstance(c, Link) else escape(str(c)) for c in cell) or "—")
    return Markup(escape("—" if cell is None else str(cell)))


def render_page(**context) -> str:
    """The report page from its template and ``context``."""
    return _env.get_template("report.html").render(render_cell=render_cell, **context)
