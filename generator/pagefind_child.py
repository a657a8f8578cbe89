"""``python -m generator.pagefind_child <parent pid> <pagefind arguments>``: Pagefind, made to die
with the briefing process that started it.

Pagefind runs as a child of ``briefing build``, of ``briefing serve``'s background indexer and of
the MkDocs plugin. Killed (the OOM killer, ``kill``), that parent left Pagefind writing into a
folder the next build deletes, or into a served site being replaced. The death signal is set here,
in the child, rather than by a ``preexec_fn``, which is unsafe where the parent runs threads (the
server does); it is kept across Pagefind's own ``exec`` of its binary.
"""

from __future__ import annotations

import runpy
import sys

from .lifeline import die_with_parent


def main(argv: list[str]) -> None:
    die_with_parent(int(argv[0]))
    sys.argv = ["pagefind", *argv[1:]]
    runpy.run_module("pagefind", run_name="__main__", alter_sys=True)  # execs the binary (POSIX)


if __name__ == "__main__":
    main(sys.argv[1:])
