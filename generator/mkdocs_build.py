"""``mkdocs build`` over several processes, and again for only the pages that changed.

With the plugin, the one module that knows MkDocs' build steps (mkdocs 1.6, pinned below 2). It
runs them as ``mkdocs.commands.build.build`` does, in the same order and with the same plugin
events, except that:

- the pages in the nav are read first, once: every page's nav shows their titles;
- the other pages are read and built by forked worker processes, a share each; each returns
  what the whole-site steps need (its anchors and its links to anchors, validated once all are
  known, and its entries in MkDocs' search index);
- given the state of the last build (``previous``), only the pages whose source changed, or that
  looked up a file that has since come or gone, are built again; the others' HTML is hard-linked
  from the last site and their anchors come from the state. When the nav changes, every page is
  built again, and every page too when the build's fingerprint changes: ``mkdocs.yml``, the
  theme's folders (Material's and ``custom_dir``), the hooks, briefing's own files (templates,
  code) and the versions of Python and of the packages the HTML comes from. (``mkdocs build --dirty`` is not used: it trusts file times, which a checkout or a
  cache restore resets, keeps the pages of deleted sources, does not check links to the anchors
  of pages it skips, and builds no other page when a nav title changes.)

Run by site.py as ``python -m generator.mkdocs_build``; its output equals ``mkdocs build``'s
(tests/test_parallel_build.py).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import os
import platform
import sys
import sysconfig
from contextlib import contextmanager
from pathlib import Path, PurePath

from mkdocs import utils
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from .incremental import STATE_VERSION, copy_static_files, link_kept
from .incremental import to_build as pages_to_build
from .lifeline import die_with_parent
from .mkdocs_private import private_mkdocs

log = logging.getLogger("mkdocs.briefing")
# Plugins whose whole-site steps this module knows how to share out; any other plugin or hook must say
# that it can build pages apart (see _shareable), or the build runs in one process.
SHAREABLE_PLUGINS = {"search", "material/search"}
PAGES_PER_WORKER = 40  # below this, forking costs more than it saves


def _digest(path: str | None, inputs: list[str]) -> str:
    """The page's file, and what hooks say its HTML depends on besides (see ``_shareable``)."""
    digest = hashlib.sha256()
    if path is not None:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    for extra in inputs:
        digest.update(b"\0" + extra.encode())
    return digest.hexdigest()


# What the HTML depends on besides the Markdown and the files hashed: each package's version.
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pagefind", "pagefind-bin")


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def fingerprint(config) -> str:
    """A digest of everything but the pages and their nav that the site's HTML is made from."""
    digest = hashlib.sha256(platform.python_version().encode())
    for package in PACKAGES:
        digest.update(f"\0{package}={_version(package)}".encode())
    digest.update(b"\0config\0" + Path(config.config_file_path).read_bytes())
    # mkdocs.yml as loaded: `!ENV` settings (site_url from BRIEFING_SITE_URL) are not in its bytes.
    for key in sorted(config):
        if key not in ("config_file_path", "site_dir", "docs_dir"):  # where the project is, not what it says
            try:
                digest.update(f"\0{key}={json.dumps(config[key], sort_keys=True)}".encode())
            except (TypeError, ValueError):
                pass  # an object (theme, plugins): its files and versions are hashed below
    here = Path(config.config_file_path).parent
    for hook in config.hooks:
        digest.update(b"\0hook\0" + (here / hook).read_bytes())
    # Installed themes (Material's 60 MB) are known by their version; briefing's own files are read.
    installed = {Path(sysconfig.get_paths()[kind]).resolve() for kind in ("purelib", "platlib")}
    themes = [Path(folder).resolve() for folder in config.theme.dirs]
    for folder in [Path(__file__).resolve().parent, *(t for t in themes if installed.isdisjoint(t.parents))]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _search_entries(config) -> list | None:
    """The list MkDocs' (or Material's) search plugin collects page entries in."""
    for name in SHAREABLE_PLUGINS:
        entries = private_mkdocs().search_entries(config.plugins.get(name))
        if entries is not None:
            return entries
    return None


@contextmanager
def _logged_lookups(files: Files, into: set[str]):
    """Record every path a page's links look up: if one comes or goes, the page is built again."""

    def logged(path):
        into.add(PurePath(path).as_posix())
        return Files.get_file_from_path(files, path)

    files.get_file_from_path = logged  # type: ignore[method-assign]
    try:
        yield
    finally:
        del files.get_file_from_path


def _unlink_then(write):
    """A site begun from the last one's hard links: replace a file, never write into the shared one."""

    def replacing(content_or_source, output_path):
        if os.path.isfile(output_path) and not os.path.isdir(output_path):
            os.unlink(output_path)
        return write(content_or_source, output_path)

    return replacing


utils.write_file = _unlink_then(utils.write_file)
utils.copy_file = _unlink_then(utils.copy_file)


class _Site:
    """Everything the page builds share: built once, inherited by forked workers."""

    def __init__(self, config, files, nav, env, doc_files, lookups):
        self.config, self.files, self.nav, self.env, self.doc_files = config, files, nav, env, doc_files
        self.lookups = lookups  # nav pages' lookups, recorded when the parent read them
        self.in_nav = {page.file.src_uri for page in nav.pages}


_site: _Site | None = None


def _build_share(uris: list[str]) -> tuple[dict[str, dict], int]:
    """Read and build these pages; their state for the whole-site steps, and the warnings logged."""
    site = _site
    assert site is not None, "_build_pages sets the site before sharing out pages"
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    entries = _search_entries(site.config)
    states = {}
    try:
        for uri in uris:
            page = site.files.get_file_from_path(uri).page
            looked_up = site.lookups.get(uri)
            if looked_up is None:
                looked_up = set()
                with _logged_lookups(site.files, looked_up):
                    private_mkdocs().populate_page(page, site.config, site.files)
            first_entry = len(entries) if entries is not None else 0
            private_mkdocs().build_page(
                page, site.config, site.doc_files, site.nav, site.env, excluded=page.file.inclusion.is_excluded()
            )
            states[uri] = {
                "dest": page.file.dest_uri,
                "anchors": sorted(page.present_anchor_ids or ()),
                "links": {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()},
                "lookups": sorted(looked_up),
                "search": entries[first_entry:] if entries is not None else [],
            }
            if uri not in site.in_nav:
                page.markdown = page.content = None  # written: free it (nav pages' titles stay needed)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    return states, sum(count for _, count in counter.get_counts())


def _shares(uris: list[str], files: Files, workers: int) -> list[list[str]]:
    """``uris`` dealt out largest first, so each share has about the same work."""
    wanted = os.environ.get("BRIEFING_BUILD_WORKERS", "")
    # Asked for a number of processes: that many (tests use it on small sites); else one per core.
    per_worker = 1 if wanted.isdigit() and int(wanted) > 0 else PAGES_PER_WORKER
    count = max(1, min(workers, len(uris) // per_worker))

    def size(uri: str) -> int:
        file = files.get_file_from_path(uri)
        return os.path.getsize(file.abs_src_path) if file is not None and file.abs_src_path else 0

    by_size = sorted(uris, key=lambda uri: -size(uri))
    return [by_size[n::count] for n in range(count)]


def _build_pages(site: _Site, uris: list[str], workers: int) -> tuple[dict[str, dict], int]:
    global _site
    _site = site
    shares = _shares(uris, site.files, workers)
    if len(shares) <= 1:
        return _build_share(uris)[0], 0  # its warnings were counted by the build's own counter
    context = multiprocessing.get_context("fork")  # the workers inherit the site: nothing is pickled
    states, warnings = {}, 0
    with concurrent.futures.ProcessPoolExecutor(
        len(shares), mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        try:
            for share_states, share_warnings in pool.map(_build_share, shares):
                states.update(share_states)
                warnings += share_warnings
        except concurrent.futures.process.BrokenProcessPool:
            raise Abort("a page-building worker process was killed (out of memory? see `dmesg`)") from None
    return states, warnings


def _nav_signature(nav) -> list:
    """What every page shows of the nav: each item's title and address, in order."""

    def item(entry):
        return [entry.title, getattr(entry, "url", None), [item(child) for child in entry.children or ()]]

    return [item(entry) for entry in nav]


def _hooks(config) -> list:
    """The plugins (briefing's among them) and hook modules mkdocs.yml names, but search."""
    return [plugin for name, plugin in config.plugins.items() if name not in SHAREABLE_PLUGINS]


def _shareable(config) -> bool:
    """Whether this module may build the pages apart: search, and plugins and hooks that say they may.

    A plugin or hook says so with ``builds_pages_apart = True``: its page events keep no state that
    another page or a whole-site event needs (each forked worker has its own copy), and ``page_inputs``
    names what a page's HTML depends on besides its own file. Any other gets plain ``mkdocs build``."""
    return all(getattr(hook, "builds_pages_apart", False) is True for hook in _hooks(config))


def build(
    config_file: Path, site_dir: Path, workers: int, previous: dict | None = None, previous_site: Path | None = None
) -> dict | None:
    """Build the site into ``site_dir``; the state the next incremental build starts from."""
    # strict: `briefing build` has always been `mkdocs build --strict`, whatever mkdocs.yml says.
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        if not _shareable(config):
            from mkdocs.commands.build import build as mkdocs_build

            mkdocs_build(config)
            print("pages: all built by plain mkdocs build (a plugin or hook that cannot build pages apart)")
            return None
        return _build(config, site_dir, workers, previous, previous_site)
    finally:
        config.plugins.on_shutdown()


def _build(config, site_dir: Path, workers: int, previous: dict | None, previous_site: Path | None) -> dict:
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(counter)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages()
        for file in doc_files:
            if file.page is None:
                Page(None, file, config)
        lookups: dict[str, set[str]] = {}
        in_nav = {id(page) for page in nav.pages}
        for file in doc_files:
            if id(file.page) in in_nav:
                with _logged_lookups(files, lookups.setdefault(file.src_uri, set())):
                    private_mkdocs().populate_page(file.page, config, files)
        inputs = [hook.page_inputs for hook in _hooks(config) if hasattr(hook, "page_inputs")]
        digests = {
            file.src_uri: _digest(file.abs_src_path, [inputs_of(file) for inputs_of in inputs]) for file in doc_files
        }
        every_file = sorted(file.src_uri for file in files)
        stamp = fingerprint(config)
        to_build = pages_to_build(digests, every_file, previous, _nav_signature(nav), stamp)
        kept = {}
        if previous and previous_site is not None:
            kept = {uri: previous["pages"][uri] for uri in digests if uri not in to_build}
            to_build |= link_kept(kept, previous_site, site_dir)
            kept = {uri: state for uri, state in kept.items() if uri not in to_build}
        env = config.plugins.on_env(env, config=config, files=files)
        static = copy_static_files(files, previous, previous_site, site_dir)
        for template in config.theme.static_templates:
            private_mkdocs().build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            private_mkdocs().build_extra_template(template, files, config, nav)
        site = _Site(config, files, nav, env, doc_files, lookups)
        built, warnings = _build_pages(site, [f.src_uri for f in doc_files if f.src_uri in to_build], workers)
        states = {
            file.src_uri: {**(built.get(file.src_uri) or kept[file.src_uri]), "digest": digests[file.src_uri]}
            for file in doc_files
        }
        entries = _search_entries(config)
        for file in doc_files:
            page, state = file.page, states[file.src_uri]
            page.present_anchor_ids = set(state["anchors"])
            page.links_to_anchors = {
                files.get_file_from_path(target): links
                for target, links in state["links"].items()
                if files.get_file_from_path(target) is not None
            }
            if entries is not None:
                entries.extend(state["search"])
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)
        warnings += sum(count for _, count in counter.get_counts())
        if config.strict and warnings:
            raise Abort(f"Aborted with {warnings} warnings in strict mode!")
        processes = len(_shares(sorted(built), files, workers)) if built else 0
        print(
            f"pages: {len(built)} built over {processes} process{'es' if processes != 1 else ''}, "
            f"{len(kept)} kept from the last build"
        )
        return {
            "version": STATE_VERSION,
            "fingerprint": stamp,
            "nav": _nav_signature(nav),
            "files": every_file,
            "pages": states,
            "static": static,
        }
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            log.error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


def worker_count() -> int:
    """The cores this process may run on (``taskset`` narrows them), or BRIEFING_BUILD_WORKERS."""
    wanted = os.environ.get("BRIEFING_BUILD_WORKERS", "")
    return int(wanted) if wanted.isdigit() and int(wanted) > 0 else len(os.sched_getaffinity(0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.mkdocs_build")
    parser.add_argument("--config-file", type=Path, required=True)
    parser.add_argument("--site-dir", type=Path, required=True)
    parser.add_argument("--state-out", type=Path, required=True, help="where to write this build's state")
    parser.add_argument("--previous-state", type=Path, help="the last build's state: build only what changed")
    parser.add_argument("--previous-site", type=Path, help="the last build's site, to keep pages from")
    args = parser.parse_args(argv)
    from mkdocs.__main__ import ColorFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    previous = json.loads(args.previous_state.read_text("utf-8")) if args.previous_state else None
    try:
        state = build(args.config_file, args.site_dir, worker_count(), previous, args.previous_site)
    except (Abort, ConfigurationError) as error:
        print(f"Aborted: {error}" if isinstance(error, ConfigurationError) else str(error), file=sys.stderr)
        return 1
    if state is not None:
        args.state_out.write_text(json.dumps(state, sort_keys=True, separators=(",", ":")), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
