"""The engines that can turn docs/ into HTML: MkDocs, ProperDocs (its maintained fork) and Zensical.

``briefing build`` generates docs/ and runs Pagefind itself, and the theme works out the edit links
(site_theme/partials/actions.html): the engine only renders Markdown to HTML. MkDocs builds over
every core and incrementally (mkdocs_build.py); ProperDocs runs its own ``build`` (it reads the
``briefing`` plugin through the same entry point, and builds this site byte for byte as MkDocs does
but for the generator meta line); Zensical runs no plugin, so its pages are not checked by it.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ENGINES = ("mkdocs", "properdocs", "zensical")  # the default is the first installed


def installed(engine: str) -> bool:
    return importlib.util.find_spec(engine) is not None


def default_engine() -> str:
    return next((engine for engine in ENGINES if installed(engine)), ENGINES[0])


def build_command(
    engine: str, config: Path, site_dir: Path, state: Path, previous: Path | None, previous_site: Path
) -> list[str]:
    """The command that builds ``config``'s docs into ``site_dir`` (MkDocs: and writes its ``state``)."""
    if engine == "mkdocs":
        command = [
            sys.executable,
            "-m",
            "generator.mkdocs_build",
            "--config-file",
            str(config),
            "--site-dir",
            str(site_dir),
            "--state-out",
            str(state),
        ]
        if previous:
            command += ["--previous-state", str(previous), "--previous-site", str(previous_site)]
        return command
    if engine == "properdocs":
        return [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "--config-file",
            str(config),
            "--site-dir",
            str(site_dir),
        ]
    if engine == "zensical":
        return [
            sys.executable,
            "-m",
            "zensical",
            "build",
            "--strict",
            "--config-file",
            str(zensical_config(config, site_dir, state)),
        ]
    raise ValueError(f"unknown engine {engine!r}")


def zensical_config(config: Path, site_dir: Path, state: Path) -> Path:
    """Zensical has no --site-dir: a copy of ``config`` beside it whose last word on site_dir is ours.

    Written where the build's state would be (``.site-state-*``), so a killed build's copy is removed
    by the next build as its state would be (site.recover_site)."""
    copy = state.with_name(state.name + ".yml")
    text = config.read_text("utf-8")
    copy.write_text(
        f"{text.rstrip()}\n\n# briefing build: into its staging folder\nsite_dir: {json.dumps(str(site_dir))}\n",
        "utf-8",
    )
    return copy
