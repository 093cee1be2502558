"""Parse feed and sitemap XML with DTDs, entity declarations and external references refused.

defusedxml does the work: a billion-laughs bomb or an ``<!ENTITY x SYSTEM "file:///etc/passwd">``
raises HostileXmlError instead of expanding or reading files.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring


class FeedFormatError(ValueError):
    """A feed or sitemap that is not the XML/JSON we expect."""


class HostileXmlError(FeedFormatError):
    """XML that declares a DTD, entities or external references: refused, never expanded."""


def parse_xml(body: bytes) -> Element:
    """The XML document with DTDs and entities refused (defusedxml); FeedFormatError when it is not XML."""
    try:
        return fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise HostileXmlError(f"refused hostile XML: {type(exc).__name__}: {exc}") from exc
    except ParseError as exc:
        raise FeedFormatError(f"not well-formed XML: {exc}") from exc


def local_name(tag: str) -> str:
    """Tag without its namespace: '{http://www.sitemaps.org/...}loc' -> 'loc'."""
    return tag.rsplit("}", 1)[-1]


def child_text(element: Element, name: str) -> str:
    """Text of the first direct child whose local name is ``name`` ('' when absent)."""
    for child in element:
        if local_name(child.tag) == name:
            return (child.text or "").strip()
    return ""
