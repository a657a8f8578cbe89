"""Build or serve the site with MkDocs (or, for a build, another engine: engines.py), as a separate process.

The generator never imports MkDocs: the site builder is a replaceable step
that reads the Markdown in ``docs/``. The build goes to a temporary folder and
replaces ``site/`` only when it succeeded, so a failed build loses nothing.
``site/`` always exists once built: the new folder and the old are exchanged in
one step (Linux's RENAME_EXCHANGE); where that is not available, a build killed
between moving the old site aside and moving the new one in is undone by the
next build. A ``site/`` that is a mount point is updated in place.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .engines import build_command
from .environment import explain, explain_output
from .faults import kill_point
from .incremental import STATE_FILE, keep_search_index, marker, previous_state, search_index_unchanged
from .lifeline import die_with_parent
from .lock import project_lock
from .project import Project

SITE_MARKER = ".briefing-site"


class SiteError(Exception):
    pass


def builder_env(epoch: int, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("SOURCE_DATE_EPOCH", str(epoch))
    env.update(extra)
    return env


def _serve_env() -> dict[str, str]:
    """The plugin sets SOURCE_DATE_EPOCH from the notes once it has read them."""
    env = {**os.environ, "BRIEFING_SERVE": "1"}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


# Small print (a citation's "Publisher, date, ¶n", when the notes last changed) is not indexed:
# it repeats on every statement, costs Pagefind a tenth of its memory at 5,000 pages, and
# a search for a publisher should find its sources, not every statement they support.
PAGEFIND_OPTIONS = (
    "--glob",
    "**/*.html",
    "--exclude-selectors",
    ".headerlink",
    "--exclude-selectors",
    "small",
    "--silent",
)


def pagefind_command(site_dir: Path | str, output: Path | str) -> subprocess.CompletedProcess:
    """Pagefind over the pages in ``site_dir``, its index written to ``output``, with our options only.

    Pagefind also reads a ``pagefind.yml`` (``.toml``, ``.json``) where it runs and ``PAGEFIND_*``
    variables, which could move its output out of the site or change what is indexed. A pull request
    can add such a file to the project, so Pagefind runs in an empty folder, without those variables.
    That folder is made inside ``site_dir`` (hidden, new, removed afterwards) rather than in the system's
    temporary folder, where each killed build left one: the next build removes a killed one's unfinished
    site, and the folder with it.
    """
    command = [
        sys.executable,
        "-m",
        "generator.pagefind_child",  # Pagefind, dying with this process (see pagefind_child.py)
        str(os.getpid()),
        "--site",
        os.path.abspath(site_dir),
        "--output-path",
        os.path.abspath(output),
        *PAGEFIND_OPTIONS,
    ]
    env = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND_")}
    env["PYTHONPATH"] = _importable(env.get("PYTHONPATH"))  # it runs in an empty folder: find this generator
    nowhere = tempfile.mkdtemp(prefix=".briefing-pagefind-", dir=site_dir)
    try:
        return subprocess.run(command, capture_output=True, text=True, cwd=nowhere, env=env)
    finally:
        shutil.rmtree(nowhere, ignore_errors=True)


def index_search(site_dir: Path | str) -> str | None:
    """Index a built site with Pagefind into ``site/pagefind/``; the error text if that failed."""
    result = pagefind_command(site_dir, Path(site_dir) / "pagefind")
    if result.returncode == 0:
        return None
    output = result.stdout + result.stderr
    return explain_output(output, "pagefind", Path(site_dir)) or f"pagefind could not index the site:\n{output}"


def _owned_or_absent(site: Path) -> bool:
    return not site.exists() or (site / SITE_MARKER).is_file() or (site.is_dir() and not any(site.iterdir()))


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    summary: str  # how many pages MkDocs built, over how many processes, and how many were kept


def build_site(
    project: Project, epoch: int, config: Path | None = None, incremental: bool = False, engine: str = "mkdocs"
) -> BuiltSite:
    """``mkdocs build --strict`` and Pagefind into a temporary folder, then swap it into ``site/``.

    ``docs/`` is generated already; BRIEFING_BUILD tells the plugin not to generate it
    again, and to leave search to this function, which runs Pagefind once MkDocs
    has exited, so their memory peaks do not add up. MkDocs builds the pages over every
    core (mkdocs_build.py); ``incremental`` builds again only the pages that changed since
    the last build, when that build can be trusted (incremental.py). Another ``engine``
    (engines.py) builds everything each time.
    """
    config = config or project.root / "mkdocs.yml"
    site = project.site
    with project_lock(project.root):
        recover_site(project)
        if not _owned_or_absent(site):
            raise SiteError(f"{site} holds files that a briefing build did not make; move them or delete the folder")
        previous = previous_state(project.root, site, SITE_MARKER) if incremental and engine == "mkdocs" else None
        staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=project.root))
        state = staging.with_name(staging.name.replace(".site-new-", ".site-state-"))
        try:
            # Written first, so a killed build's leftover is known to be ours; MkDocs keeps dot files.
            (staging / SITE_MARKER).write_text(marker(None))
            command = build_command(engine, config, staging, state, previous, site)
            result = subprocess.run(
                command,
                cwd=project.root,
                capture_output=True,
                text=True,
                env=builder_env(epoch, BRIEFING_BUILD="1", PYTHONPATH=_importable(os.environ.get("PYTHONPATH"))),
                preexec_fn=functools.partial(die_with_parent, os.getpid()),
            )
            if result.returncode != 0:
                output = result.stdout + result.stderr
                condensed = explain_output(output, f"{engine} build", staging, project.root)
                raise SiteError(
                    f"{condensed}\n{site} is unchanged."
                    if condensed
                    else f"{engine} build failed; {site} is unchanged.\n{output}"
                )
            summary = (
                (result.stdout.strip().splitlines() or ["built by mkdocs build"])[-1]
                if engine == "mkdocs"
                else f"all pages built by {engine} build"
            )
            made = state.read_bytes() if state.is_file() else None
            # Pagefind has no incremental mode, and a sharded index would rank differently (see
            # benchmarks/README.md): the index is made anew, unless no page changed at all.
            if (
                previous
                and made
                and search_index_unchanged(json.loads(previous.read_bytes()), json.loads(made), site, staging)
            ):
                keep_search_index(site, staging)
                summary += "; search index kept: no page changed"
            else:
                error = index_search(staging)
                if error:
                    raise SiteError(f"{error}\n{site} is unchanged.")
            (staging / SITE_MARKER).write_text(marker(made))
            _swap_in(staging, site, project.root)
            # After the swap: a build killed before this line leaves a state the site's marker
            # does not match, and the next incremental build builds everything.
            if made is not None:
                os.replace(state, project.root / STATE_FILE)
            else:
                (project.root / STATE_FILE).unlink(missing_ok=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging)
            state.unlink(missing_ok=True)
            state.with_name(state.name + ".yml").unlink(missing_ok=True)  # engines.zensical_config
    return BuiltSite(site, summary)


def _importable(path: str | None) -> str:
    """PYTHONPATH with this package's folder first, so the builder runs this very generator."""
    here = str(Path(__file__).resolve().parent.parent)
    return os.pathsep.join([here, *([path] if path else [])])


def _made_by_briefing(folder: Path) -> bool:
    """A ``.site-new-*`` or ``.site-old-*`` folder a briefing build made (see build_site, _swap_in)."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return (folder / SITE_MARKER).is_file() or (folder / "site" / SITE_MARKER).is_file() or not any(folder.iterdir())


def recover_site(project: Project) -> None:
    """Undo what a killed build left: put back a site moved aside, delete unfinished and old sites.
    Run first by every build, under the lock, so that even a build that fails gives back the site."""
    root, site = project.root, project.site
    aside, unfinished = sorted(root.glob(".site-old-*")), sorted(root.glob(".site-new-*"))
    if not site.exists() and not site.is_symlink():
        for old in aside:
            if _made_by_briefing(old) and (old / "site" / SITE_MARKER).is_file():
                os.rename(old / "site", site)
                break
    for folder in aside + unfinished:
        if _made_by_briefing(folder):
            shutil.rmtree(folder)
    for state in root.glob(".site-state-*"):  # the state a killed build was writing
        if state.is_file() and not state.is_symlink():
            state.unlink()


def _swap_in(staging: Path, site: Path, root: Path) -> None:
    """Make the finished ``staging`` folder the site; ``site/`` exists at every moment."""
    if os.path.ismount(site):
        try:
            _copy_into(staging, site)
        except OSError as err:
            raise SiteError(
                f"{site} is a mount point, so it is updated in place, and that stopped half-way "
                f"(it is incomplete until the next build): {explain(err, root) or err}"
            ) from None
    elif not site.exists():
        os.rename(staging, site)
    elif _exchange(staging, site):
        kill_point("site-swapped")
        shutil.rmtree(staging)  # now the old site
    else:
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=root))
        os.rename(site, old / "site")
        kill_point("site-aside")
        os.rename(staging, site)
        kill_point("site-swapped")
        shutil.rmtree(old)


RENAME_EXCHANGE, AT_FDCWD = 2, -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if os.environ.get("BRIEFING_TEST_RENAME_EXCHANGE") == "0":  # tests: take the other way (see faults.py)
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    number = ctypes.get_errno()
    if number in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(number, os.strerror(number), str(b))


def _copy_into(staging: Path, site: Path) -> None:
    """A mount point cannot be replaced: remove what the new site lacks, then copy the new site in."""
    _prune(site, staging)
    for folder, _, names in os.walk(staging):  # not copytree: it gathers every failure into one error
        target = site / Path(folder).relative_to(staging)
        target.mkdir(exist_ok=True)
        for name in names:
            shutil.copy2(Path(folder, name), target / name)


def _prune(folder: Path, new: Path) -> None:
    """Remove from ``folder`` each entry that ``new`` lacks or holds as another kind of entry."""
    for entry in folder.iterdir():
        counterpart = new / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if counterpart.is_dir() and not counterpart.is_symlink():
                _prune(entry, counterpart)
            else:
                shutil.rmtree(entry)
        elif entry.is_symlink() or not counterpart.is_file() or counterpart.is_symlink():
            entry.unlink()


def serve_site(project: Project, address: str, config: Path | None = None, engine: str = "mkdocs") -> int:
    """``mkdocs serve --dirty``: after an edit, MkDocs rebuilds only the pages the generator rewrote.

    That is safe here because the generator rewrites every page whose Markdown changes
    (a renamed actor rewrites every page naming them) and the nav lists section pages only.
    Strict mode is off while serving (MkDocs warns about every dirty build); ``briefing build``
    and CI stay strict. BRIEFING_SERVE tells the plugin that problems in the notes at the first
    build stop the server, as they stop ``briefing build``; later, it keeps the last good pages.
    ProperDocs runs the plugin as MkDocs does; Zensical runs none, so briefing does its part
    (serve_notes.py).
    """
    config = config or project.root / "mkdocs.yml"
    if engine == "zensical":
        from .serve_notes import serve_with_zensical

        return serve_with_zensical(project, address, config)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            engine,
            "serve",
            "--config-file",
            str(config),
            "--dev-addr",
            address,
            "--dirty",
            "--no-strict",
        ],
        cwd=project.root,
        env=_serve_env(),
        preexec_fn=functools.partial(die_with_parent, os.getpid()),
    )
    return run_until_stopped(server)


def run_until_stopped(server: subprocess.Popen) -> int:
    """Wait for the engine's server; Ctrl-C or SIGTERM stops it, and that is a clean end (exit 0)."""
    # Stopping `briefing serve` stops the server too, rather than leaving it holding the port;
    # a server stopped on request is a clean end (exit 0), not the server's death by signal.
    stopped = []

    def stop(*_) -> None:
        stopped.append(True)
        server.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        code = server.wait()
    except KeyboardInterrupt:
        stopped.append(True)
        server.terminate()
        code = server.wait()
    return 0 if stopped else code if code >= 0 else 128 - code


def check_address(address: str) -> None:
    """Fail early, with a hint, when MkDocs could not listen on ``address`` (it would print a traceback)."""
    host, _, port = address.rpartition(":")
    if not port.isdigit() or not host:
        raise SiteError(f"--dev-addr {address!r} is not host:port; for example --dev-addr 127.0.0.1:8000")
    try:
        family, kind, proto, _, where = socket.getaddrinfo(host.strip("[]"), int(port), type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
            probe.bind(where)
    except OSError as err:
        busy = (
            "is in use (is another briefing serve or mkdocs serve running?)"
            if err.errno == errno.EADDRINUSE
            else f"cannot be served on ({err.strerror or err})"
        )
        raise SiteError(
            f"{address} {busy}; stop the other server, or serve on another port, "
            f"for example: briefing serve --dev-addr {host}:{int(port) + 1}"
        ) from None
