"""The ``briefing`` command: check notes, build or serve the site."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path

from .engines import ENGINES
from .errors import NotesError, Problem, errors_only


class GeneratorKilled(Exception):
    """The generating worker process died without an answer (the OOM killer, a kill -9)."""


def _print_problems(problems: list[Problem]) -> None:
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.github_annotation() if annotate else str(problem), file=sys.stderr)


def _report(problems: list[Problem]) -> None:
    _print_problems(problems)
    errors = len(errors_only(problems))
    print(f"{errors} problem{'s' if errors != 1 else ''} found; nothing was written.", file=sys.stderr)


def cmd_check(args) -> int:
    from .pipeline import Project, check

    corpus, problems = check(Project(args.root))
    if errors_only(problems):
        _report(problems)
        return 1
    _print_problems(problems)  # warnings only: worth a look, but the notes are usable
    print(
        f"ok: {len(corpus.sources)} sources, {len(corpus.actors)} actors, {len(corpus.issues)} issues, "
        f"{len(corpus.events)} events, {len(corpus.statements)} statements"
    )
    if getattr(args, "coverage", False):
        from .coverage import coverage_report

        report = coverage_report(corpus)
        print(report.text())
        return 0 if report.complete else 1
    return 0


def _generate(args, apart: bool = False):
    from .pipeline import Project

    generated = _generate_apart(Project(args.root)) if apart else _generate_here(Project(args.root))
    report = generated.report
    print(f"docs: {len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed")
    return generated


def _generate_apart(project):
    """Generate in a child process, whose memory is returned before MkDocs and Pagefind start.

    CPython keeps most of what the generator used (~360 MB at 5,000 pages) after it is
    freed; apart, the build's memory peak is the largest step's, not their sum.
    """
    import concurrent.futures
    import multiprocessing

    from .lifeline import die_with_parent

    pool = concurrent.futures.ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(),)
    )
    try:
        result = pool.submit(_generate_here, project).result()
    except concurrent.futures.process.BrokenProcessPool:
        raise GeneratorKilled(
            "the generator process was killed before it finished (out of memory? see `dmesg`); "
            "docs/ is as the last complete run left it, or is completed by the next run"
        ) from None
    except (KeyboardInterrupt, SystemExit):
        # Stopped (SIGTERM, Ctrl-C): do not wait for the worker to finish generating.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    except BaseException:
        # The worker's own answer (a NotesError for a bad note): it has finished, so shut the pool
        # down cleanly; killing it here left the pool's thread to fail at exit with a traceback.
        pool.shutdown()
        raise
    pool.shutdown()
    return result


def _generate_here(project):
    from .faults import fail_point
    from .pipeline import generate

    fail_point("generate")
    return generate(project)


def cmd_generate(args) -> int:
    _generate(args)
    return 0


def _engine_installed(args, command: str) -> bool:
    """Settle ``args.engine`` on the default; False, with how to install it, when it is not installed."""
    from .engines import default_engine, installed

    args.engine = args.engine or default_engine()
    if installed(args.engine):
        return True
    print(
        f"briefing {command}: {args.engine} is not installed; install it (pip install {args.engine}), "
        "or choose another --engine",
        file=sys.stderr,
    )
    return False


def cmd_build(args) -> int:
    from .lock import project_lock
    from .pipeline import Project
    from .site import build_site, recover_site

    if not _engine_installed(args, "build"):
        return 1
    with project_lock(args.root):  # a second build waits for this one's docs/ and site/ (see lock.py)
        recover_site(Project(args.root))
        generated = _generate(args, apart=True)
        built = build_site(Project(args.root), generated.epoch, incremental=args.incremental, engine=args.engine)
    print(f"site built in {built.path} ({built.summary})")
    return 0


def cmd_serve(args) -> int:
    from .pipeline import Project
    from .site import check_address, serve_site

    if not _engine_installed(args, "serve"):
        return 1
    check_address(args.dev_addr)
    # MkDocs and ProperDocs: the plugin generates docs/ at the server's first build, in the worker that
    # then keeps the notes between edits (see generator/mkdocs_plugin.py); Zensical: serve_notes.py.
    return serve_site(Project(args.root), args.dev_addr, engine=args.engine)


def cmd_new(args) -> int:
    from .scaffold import ScaffoldError, new_note

    try:
        written = new_note(
            args.root,
            args.kind,
            args.id,
            name=args.name,
            actor_kind=args.actor_kind,
            title=args.title,
            publisher=args.publisher,
            published=args.published,
        )
    except ScaffoldError as err:
        print(f"briefing new: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(args.root).as_posix()}")
    print("fill in the empty fields, then run: briefing check")
    return 0


def cmd_draft(args) -> int:
    from .accept import DraftError, accept, write_draft
    from .pipeline import Project

    try:
        if args.accept:
            for line in accept(Project(args.root), args.source, args.accept):
                print(line)
            print("now run: briefing check")
            return 0
        path, draft = write_draft(Project(args.root), args.source)
    except DraftError as err:
        print(f"briefing draft: {err}", file=sys.stderr)
        return 1
    print(
        f"wrote {path.relative_to(args.root).as_posix()}: {len(draft.statements)} statements, "
        f"{len(draft.actors)} proposed actors, {len(draft.unplaced)} names not placed, "
        f"{len(draft.uncertain)} quotations with no speaker"
    )
    print(f"check it, then accept with: briefing draft {args.source} --accept <statement id>")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="briefing", description="Turn notes on news articles into a briefing site.")
    top.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="project folder holding seeds/, docs/ and mkdocs.yml (default: here)",
    )
    top.add_argument(
        "--debug",
        action="store_true",
        default=os.environ.get("BRIEFING_DEBUG") == "1",
        help="on an internal error, print its traceback (also: BRIEFING_DEBUG=1)",
    )
    sub = top.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every note; print every problem as path:line: message")
    check.add_argument(
        "--coverage", action="store_true", help="also list quotations and names in each source that no note covers"
    )
    sub.add_parser("generate", help="check, then write the Markdown pages into docs/")
    build = sub.add_parser("build", help="generate, then build the site into site/ (mkdocs build --strict)")
    build.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="what renders docs/ to HTML (default: the first installed of "
        f"{', '.join(ENGINES)}); briefing generates, indexes search and links edits itself",
    )
    build.add_argument(
        "--incremental",
        action="store_true",
        help="build again only the pages that changed since the last build (a full build "
        "when mkdocs.yml, the theme, templates or installed versions changed)",
    )
    new = sub.add_parser("new", help="write a new, commented note to fill in")
    new.add_argument(
        "kind",
        choices=["source", "actor", "issue", "event", "meeting"],
        help="what the note is about (meeting: another name for event)",
    )
    new.add_argument("id", help="a short lowercase slug, e.g. vladimir-putin")
    new.add_argument("--name", help="actor, issue or event name")
    new.add_argument("--actor-kind", choices=["person", "organisation", "group", "anonymous"], default="person")
    new.add_argument("--title", help="source title")
    new.add_argument("--publisher", help="source publisher")
    new.add_argument("--published", help="source publication date, YYYY-MM-DD")
    draft = sub.add_parser(
        "draft",
        help="propose statements and actors from a source's article.txt, written beside it as statements.draft.yml",
    )
    draft.add_argument("source", help="the source's id (its folder in seeds/sources/)")
    draft.add_argument(
        "--accept", nargs="+", metavar="ID", help="move these drafted statements into statements.yml instead"
    )
    serve = sub.add_parser("serve", help="generate, then serve the site, regenerating on note edits")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    serve.add_argument(
        "--engine",
        choices=ENGINES,
        default=None,
        help="what renders docs/ to HTML (default: as for build); under zensical, which runs "
        "no plugin, briefing itself regenerates docs/ on note edits and indexes search",
    )
    return top


def _terminated(signum, frame):
    # Unwind as Ctrl-C would: temporary folders are removed and workers stopped on the way out.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    handler = {
        "check": cmd_check,
        "generate": cmd_generate,
        "build": cmd_build,
        "serve": cmd_serve,
        "new": cmd_new,
        "draft": cmd_draft,
    }[args.command]
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = handler(args)
        sys.stdout.flush()  # here, where a reader gone away is caught, rather than at exit
        return code
    except NotesError as err:
        _report(err.problems)
        return 1
    except BrokenPipeError:
        # The reader went away (`briefing check | head -1`): stop quietly, as a tool killed by SIGPIPE.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + signal.SIGPIPE
    except Exception as err:  # a user must never see a traceback
        from .environment import KEPT, explain
        from .site import SiteError

        if isinstance(err, (SiteError, GeneratorKilled)):
            print(f"briefing: {err}", file=sys.stderr)
            return 1
        if isinstance(err, OSError) and explain(err, args.root):
            print(f"briefing: {explain(err, args.root)} {KEPT}", file=sys.stderr)
            return 1
        if args.debug:  # where a worker failed, its own traceback is printed first, as the cause
            traceback.print_exception(err, file=sys.stderr)
        print(
            f"briefing: internal error: {type(err).__name__}: {err}\n"
            "Please report this with the note that caused it"
            f"{'' if args.debug else ' (run with --debug for the traceback)'}.",
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
