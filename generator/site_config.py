"""Where the site is published, read from the one setting MkDocs reads: ``site_url`` in mkdocs.yml.

``site_url: !ENV [BRIEFING_SITE_URL, "https://..."]`` lets CI publish at another address
without editing the file; this reads ``!ENV`` as MkDocs does, so the generator's absolute
links (structured data, feeds) and MkDocs' own (canonical links, sitemap) always agree.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problem

_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~!$+,;=:@%/-]*)?$")


@dataclass(frozen=True)
class SiteConfig:
    url: str  # ends with "/"
    name: str
    description: str
    directory_urls: bool

    def page_url(self, docs_path: str) -> str:
        """The absolute address MkDocs gives the page built from ``docs_path`` (``actors/x.md``)."""
        stem = docs_path[: -len(".md")]
        if self.directory_urls:
            path = "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
        else:
            path = stem + ".html"
        return self.url + path

    def file_url(self, docs_path: str) -> str:
        """The absolute address of a file copied as it is (``data/actors.csv``)."""
        return self.url + docs_path


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads the settings we need: ``!ENV`` resolved, other tags ignored."""


def _env(loader: _Loader, node: yaml.Node):
    # As MkDocs (pyyaml_env_tag): the first variable that is set, else the last item as the default.
    if isinstance(node, yaml.SequenceNode):
        names = loader.construct_sequence(node)
    else:
        assert isinstance(node, yaml.ScalarNode), "!ENV takes a name or a list of names"
        names = [loader.construct_scalar(node)]
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_site_config(root: Path, config: str = "mkdocs.yml") -> SiteConfig | Problem:
    """The site's address and name from ``root/mkdocs.yml``, or the problem with them."""
    path = root / config
    try:
        text = path.read_text("utf-8")
        data = yaml.load(text, Loader=_Loader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        return Problem(config, 1, 0, f"cannot read the site's settings ({err}); fix {config}")
    line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("site_url:")), 1)
    url = data.get("site_url") if isinstance(data, dict) else None
    if not url:
        return Problem(
            config,
            line,
            0,
            "site_url is not set; set it to the address the site is published at, "
            "e.g. site_url: https://example.org/briefing/ (canonical links, the sitemap, structured "
            "data and feeds need it)",
        )
    url = str(url)
    if not _URL.match(url):
        return Problem(
            config, line, 0, f"site_url {url!r} is not an http(s) address; write it as https://example.org/briefing/"
        )
    return SiteConfig(
        url.rstrip("/") + "/",
        str(data.get("site_name") or "Briefing"),
        str(data.get("site_description") or ""),
        data.get("use_directory_urls", True) is not False,
    )
