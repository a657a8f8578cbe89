"""A source's web address: what a note may hold, and how a page links to it.

The rule (README, "The notes format"): an ``http`` or ``https`` address (any case) with a host
name, written without spaces, control or invisible characters, without ``user@`` before the
host, and without the characters no address may hold unencoded, which Markdown, HTML or a
table row would read: ``[ ] < > " ` \\ { } | ^``. Percent-encode those (``%5B`` for ``[``).
Letters beyond ASCII may stay in the path, query and fragment; the host is written in ASCII
(its ``xn--`` form). The page links with an HTML anchor whose ``href`` percent-encodes every
character beyond ASCII (and anything the rule refused, should it get there) and is HTML-escaped:
without ``[`` no Markdown link or image can start inside it, and nothing can end the attribute.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import quote, urlsplit

from .markup import SafeMarkdown

URL_MAX = 2048
SCHEMES = {"http", "https"}
# Never legal unencoded in an address (RFC 3986), and read by Markdown, HTML or a table row.
FORBIDDEN = '[]<>"`\\{}|^'
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST_PORT = re.compile(rf"^(?P<host>{_LABEL}(?:\.{_LABEL})*\.?)(?::(?P<port>[0-9]{{1,5}}))?$", re.IGNORECASE)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
HREF_SAFE = "-._~:/?#@!$&'()*+,;=%"


def _character(value: str, index: int) -> str:
    char = value[index]
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}{' ' + name if name else ''} at character {index + 1}"


def check_url(value: str) -> str:
    """``value`` if it follows the rule above; ValueError saying what to change otherwise."""
    if len(value) > URL_MAX:
        raise ValueError(f"the address is {len(value)} characters long; keep it to {URL_MAX} or fewer")
    for index, char in enumerate(value):
        if unicodedata.category(char)[0] in "CZ":  # controls, invisible formatting, spaces
            fix = "write it as %20" if char == " " else "delete it"
            raise ValueError(f"the address holds {_character(value, index)}, which no address may hold; {fix}")
        if char in FORBIDDEN:
            raise ValueError(
                f"the address holds {char!r} at character {index + 1}; write it percent-encoded "
                f"as %{ord(char):02X}, or copy the address again from the browser's address bar"
            )
    match = _BAD_PERCENT.search(value)
    if match:
        raise ValueError(
            f"'%' at character {match.start() + 1} does not start a percent-encoding like %20; write it as %25"
        )
    scheme = value.split(":", 1)[0] if ":" in value else ""
    if scheme.lower() not in SCHEMES or not value[len(scheme) :].startswith("://"):
        raise ValueError(
            "the address must start with http:// or https://; write the whole address, for example "
            "https://example.org/news/article"
        )
    netloc = urlsplit(value).netloc
    if "@" in netloc:
        raise ValueError(
            f"the address names a user before its host, which can pass for another site; "
            f"remove {netloc.rsplit('@', 1)[0] + '@'!r}"
        )
    if not netloc:
        raise ValueError(
            "the address has no host after '//'; write the whole address, for example https://example.org/news/article"
        )
    host_port = _HOST_PORT.match(netloc)
    if not host_port:
        raise ValueError(f"{netloc!r} is not a host name such as example.org{_ascii_hint(netloc)}")
    if host_port["port"] and not 0 < int(host_port["port"]) < 65536:
        raise ValueError(f"port {host_port['port']} does not exist; use 1 to 65535, or none")
    return value


def _ascii_hint(netloc: str) -> str:
    try:
        ascii_form = netloc.encode("idna").decode("ascii")
    except UnicodeError:
        return ""
    return f"; write the host in ASCII: {ascii_form}" if ascii_form != netloc else ""


def href(url: str) -> SafeMarkdown:
    """A checked address as the value of an HTML ``href`` attribute in a Markdown page."""
    return SafeMarkdown(html.escape(quote(url, safe=HREF_SAFE), quote=True))
