"""Measure briefing at about 100, 1,000 and 5,000 pages.

    .venv/bin/python -m benchmarks.run                      # writes benchmarks/RESULTS.md
    .venv/bin/python -m benchmarks.run --pages 100 --out -  # one size, to stdout

Figures per size: notes -> Markdown time, full `briefing build` time and peak
memory, site size (and per page), bytes a reader downloads before the first
search result, seconds for one note edit to show in `briefing serve`, and the
same Markdown built by plain MkDocs (theme mkdocs, no plugin) as a ratio. Per
number of cores (`taskset`): the full build against MkDocs with Material alone
(the briefing plugin off) on the same Markdown. Then `briefing build --incremental` after the
edits a merge brings (benchmarks/edits.py), and Pagefind alone.

Needs the test install (Playwright drives chromium for the search figure):
`pip install -e '.[test]'`, or the .venv `scripts/test` makes. Without Playwright
the search figure is left out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from generator.lifeline import descendants
from generator.synthetic import sizes_for_pages, write_corpus

from .edits import SCENARIOS

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Result:
    pages: int
    markdown_pages: int
    generate_s: float
    build_s: float
    peak_mib: float  # all the build's processes together (proportional set sizes)
    site_bytes: int
    search_bytes: int
    search_wire_bytes: int
    edit_samples: list[float] | None  # one per edit (see edit_to_visible)
    plain_s: float
    by_cores: dict[int, tuple[float, float]]  # cores -> (briefing build, MkDocs with Material alone) seconds
    pagefind_s: float
    incremental: dict[str, tuple[float, int]]  # scenario -> (seconds, pages MkDocs built)
    # CPU seconds (user + system, the command and every process it waited for) of the timed commands,
    # by what they measured ("build 2", "material 1", "pagefind", a scenario): on a machine other
    # engineers share, wall time grows with their load and CPU time hardly does.
    cpu_s: dict[str, float] = field(default_factory=dict)

    @property
    def edit_s(self) -> float | None:
        """The median time for an edit to show in serve."""
        return statistics.median(self.edit_samples) if self.edit_samples else None

    @property
    def bytes_per_page(self) -> float:
        return self.site_bytes / self.markdown_pages

    @property
    def generator_share(self) -> float:
        return self.generate_s / self.build_s


def hand_written_docs(root: Path) -> None:
    """A docs/ folder holding only the hand-written pages, as in a fresh clone."""
    if (root / "docs").exists():
        shutil.rmtree(root / "docs")
    (root / "docs").mkdir()
    shutil.copy(REPO / "docs" / "about.md", root / "docs")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")


def make_project(root: Path, pages: int) -> dict:
    root.mkdir(parents=True)
    counts = write_corpus(root / "seeds", sizes_for_pages(pages))
    hand_written_docs(root)
    config = (REPO / "mkdocs.yml").read_text().replace(" generator/", f" {REPO.as_posix()}/generator/")
    (root / "mkdocs.yml").write_text(config)
    return counts


def process_memory(pid: int) -> int:
    """Bytes of memory a process uses now: its proportional set size (Linux /proc).

    Forked processes share their parent's pages until they write them; resident set
    sizes would count such a page once per process, proportional ones count it once.
    """
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:  # no smaps_rollup (an old kernel): resident set size, which over-counts shared pages
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0  # it ended meanwhile


def tree_memory(pid: int) -> int:
    """Bytes of memory a process and all its descendants use together, now."""
    return sum(process_memory(current) for current in [pid, *descendants(pid)])


def on_cores(args: list[str], cores: int | None) -> list[str]:
    """``args`` run on the first ``cores`` cores this process may use (``taskset``); all when None."""
    if cores is None:
        return args
    return ["taskset", "-c", ",".join(map(str, sorted(os.sched_getaffinity(0))[:cores])), *args]


def children_cpu() -> float:
    """CPU seconds of this process's finished children (and theirs, which they waited for)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_process(
    args: list[str], cwd: Path, output: list[str] | None = None, cpu: list[float] | None = None
) -> tuple[float, float]:
    """Wall seconds, and peak MiB of the command's processes together (sampled every 50 ms).
    The command's standard output is appended to ``output`` when given, its CPU seconds to ``cpu``
    (the benchmark runs one command at a time, so the children's total grows by this one's)."""
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as out:
        cpu_before = children_cpu()
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=out, stderr=errors)
        peak = 0
        while process.poll() is None:
            peak = max(peak, tree_memory(process.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(args)} failed:\n{errors.read().decode()}")
        if output is not None:
            out.seek(0)
            output.append(out.read().decode())
        if cpu is not None:
            cpu.append(children_cpu() - cpu_before)
    return elapsed, peak / 2**20


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SEARCH_QUERY = "ceasefire"  # a word on most synthetic pages: the largest index chunk, the worst case


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def wire_size(url: str, body: bytes) -> int:
    """Bytes on the wire from a server that gzips text, as GitHub Pages does.

    Pagefind's index, fragments and wasm are gzipped already and count as they are.
    """
    text = urllib.parse.urlsplit(url).path.endswith((".js", ".json", ".css", ".html"))
    return len(gzip.compress(body, mtime=0)) if text else len(body)


def first_search_bytes(site: Path, query: str = SEARCH_QUERY) -> tuple[int, int]:
    """Bytes a reader's browser fetches for search, up to the first result shown: (raw, on the wire).

    Measured in Debian's chromium: the search script loaded with the page, then every
    response from focusing the search box to the first result.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("benchmark: no playwright, so no search figure; pip install -e '.[test]' to measure it", file=sys.stderr)
        return 0, 0

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    fetched: list[tuple[str, bytes]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("response", lambda r: fetched.append((r.url, r.body() if r.ok else b"")))
            page.goto(base + "/")
            page.wait_for_load_state("networkidle")
            loaded = len(fetched)
            page.click("input.briefing-search__input")
            page.keyboard.type(query)
            page.locator(".briefing-search__item").first.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    search = [(url, body) for url, body in fetched[:loaded] if url.endswith("/briefing-search.js")]
    search += fetched[loaded:]
    return sum(len(body) for _, body in search), sum(wire_size(url, body) for url, body in search)


EDITS = 3  # edits measured per size: one sample is at the mercy of whatever else the machine does


def indexing(pid: int) -> bool:
    """Whether a Pagefind run started by ``pid`` (serve re-indexes after each rebuild) is going on."""
    for child in descendants(pid):
        try:
            if b"pagefind" in Path(f"/proc/{child}/cmdline").read_bytes():
                return True
        except OSError:
            pass
    return False


def edit_to_visible(root: Path, edits: int = EDITS, timeout: float = 600) -> list[float] | None:
    """Seconds from saving an edit of issue-0's summary to the served page showing it, per edit.

    Each edit is made once the server has settled: the page is served and no search
    indexing runs in the background.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def page(path: str = "/issues/issue-0/") -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    def wait_for(ready, since: float) -> bool:
        while not ready():
            if time.monotonic() - since > timeout:
                return False
            time.sleep(0.1)
        return True

    note = root / "seeds" / "issues" / "issue-0.yml"
    original = note.read_text()
    shown, samples = "A synthetic issue", []
    try:
        for n in range(1, edits + 1):

            def settled(shown: str = shown) -> bool:
                return bool(shown in page() and page("/pagefind/pagefind-entry.json") and not indexing(process.pid))

            if not wait_for(settled, time.monotonic()):
                return None
            time.sleep(1)
            shown = f"Edit number {n} of an issue"
            note.write_text(original.replace("A synthetic issue", shown))
            start = time.monotonic()
            if not wait_for(lambda shown=shown: shown in page(), start):
                return None
            samples.append(time.monotonic() - start)
        return samples
    finally:
        note.write_text(original)
        process.terminate()
        process.wait(30)


def plain_mkdocs_build(root: Path) -> float:
    """The same generated Markdown, built by MkDocs' own theme with no plugin."""
    plain = root / "plain.yml"
    plain.write_text(
        "site_name: plain\ndocs_dir: docs\nsite_dir: plain-site\ntheme: mkdocs\n"
        "nav:\n  - index.md\n  - timeline.md\n  - actors/index.md\n  - issues/index.md\n"
        "  - events/index.md\n  - sources/index.md\n"
    )
    elapsed, _ = timed_process([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain)], root)
    return elapsed


def material_alone_build(root: Path, cores: int | None = None, cpu: list[float] | None = None) -> float:
    """The same generated Markdown, built by MkDocs with our mkdocs.yml (Material) but the briefing plugin off."""
    elapsed, _ = timed_process(
        on_cores(
            [
                "env",
                "BRIEFING_PLUGIN=false",
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "-q",
                "--site-dir",
                "material-site",
            ],
            cores,
        ),
        root,
        cpu=cpu,
    )
    shutil.rmtree(root / "material-site")
    return elapsed


def pagefind_alone(site: Path, cpu: list[float] | None = None) -> float:
    from generator.site import index_search

    cpu_before = children_cpu()
    start = time.perf_counter()
    error = index_search(site)
    if error:
        raise SystemExit(error)
    elapsed = time.perf_counter() - start
    if cpu is not None:
        cpu.append(children_cpu() - cpu_before)
    return elapsed


def incremental_builds(root: Path, cpu: dict[str, float] | None = None) -> dict[str, tuple[float, int]]:
    """Each edit of edits.SCENARIOS in turn, then `briefing build --incremental`: seconds, pages built.
    The CPU seconds of each go into ``cpu``, by scenario."""
    found = {}
    for name, apply in SCENARIOS.items():
        apply(root / "seeds")
        output: list[str] = []
        used: list[float] = []
        elapsed, _ = timed_process(
            [sys.executable, "-m", "generator", "--root", str(root), "build", "--incremental"], root, output, used
        )
        if cpu is not None:
            cpu[name] = used[0]
        built = re.search(r"pages: (\d+) built", output[0])
        found[name] = (elapsed, int(built[1]) if built else -1)
    return found


def measure(
    pages: int, workdir: Path, serve: bool = True, cores: tuple[int | None, ...] = (None,), figures: bool = True
) -> Result:
    """Every figure of ``pages`` pages; with ``figures`` False only the build and the site's size
    (the rest zero), for a test comparing sizes whose other figures a smaller run checks."""
    root = workdir / f"p{pages}"
    make_project(root, pages)
    sys.path.insert(0, str(REPO))
    from generator.pipeline import Project, generate

    start = time.perf_counter()
    generate(Project(root))
    generate_s = time.perf_counter() - start
    markdown_pages = sum(1 for _ in (root / "docs").rglob("*.md"))
    by_cores: dict[int, tuple[float, float]] = {}
    cpu_s: dict[str, float] = {}
    for count in cores:  # the last count's site is the one measured further
        hand_written_docs(root)  # the build regenerates everything from the notes
        used: list[float] = []
        build_s, peak = timed_process(
            on_cores([sys.executable, "-m", "generator", "--root", str(root), "build"], count), root, cpu=used
        )
        known = count or len(os.sched_getaffinity(0))
        by_cores[known] = (build_s, material_alone_build(root, count, used) if figures else 0.0)
        cpu_s.update(zip((f"build {known}", f"material {known}"), used, strict=False))  # no material when not figures
    site = root / "site"
    if not figures:
        return Result(
            pages, markdown_pages, generate_s, build_s, peak, tree_size(site), 0, 0, None, 0.0, by_cores, 0.0, {}, cpu_s
        )
    used = []
    result = Result(
        pages,
        markdown_pages,
        generate_s,
        build_s,
        peak,
        tree_size(site),
        *first_search_bytes(site),
        edit_to_visible(root) if serve else None,
        plain_mkdocs_build(root),
        by_cores,
        pagefind_alone(site, used),
        {},
        cpu_s,
    )
    cpu_s["pagefind"] = used[0]
    merges = root.with_name(root.name + "-merges")  # a copy: the figures above describe this site
    shutil.copytree(root, merges, symlinks=True)
    result.incremental = incremental_builds(merges, cpu_s)
    return result


def table(results: list[Result]) -> str:
    rows = [
        "| pages | notes → Markdown | full build | generator share | peak memory | site size | per page "
        "| first search result (wire / raw) | edit shows in serve | plain MkDocs | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        edit = f"{r.edit_s:.1f} s" if r.edit_s is not None else "n/a"
        search = f"{r.search_wire_bytes / 1e3:.0f} / {r.search_bytes / 1e3:.0f} kB" if r.search_bytes else "n/a"
        rows.append(
            f"| {r.markdown_pages} | {r.generate_s:.2f} s | {r.build_s:.1f} s | {r.generator_share:.1%} "
            f"| {r.peak_mib:.0f} MiB | {r.site_bytes / 1e6:.1f} MB | {r.bytes_per_page / 1e3:.1f} kB "
            f"| {search} | {edit} | {r.plain_s:.1f} s | {r.build_s / r.plain_s:.2f} |"
        )
    return "\n".join(rows)


def cpu(result: Result, what: str) -> str:
    """ " (CPU n s)" after a wall time, when the CPU time of that command was measured."""
    return f" (CPU {result.cpu_s[what]:.1f} s)" if what in result.cpu_s else ""


def cores_table(results: list[Result]) -> str:
    rows = [
        "| pages | cores | `briefing build` | MkDocs with Material alone | ratio | Pagefind alone |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for cores, (build_s, material_s) in sorted(r.by_cores.items()):
            rows.append(
                f"| {r.markdown_pages} | {cores} | {build_s:.1f} s{cpu(r, f'build {cores}')} "
                f"| {material_s:.1f} s{cpu(r, f'material {cores}')} "
                f"| {build_s / material_s:.2f} | {r.pagefind_s:.1f} s{cpu(r, 'pagefind')} |"
            )
    return "\n".join(rows)


def incremental_table(results: list[Result]) -> str:
    names = list(SCENARIOS)
    rows = [
        "| pages | full build | " + " | ".join(f"{name}: `build --incremental`" for name in names) + " |",
        "|---:|---:|" + "---:|" * len(names),
    ]
    for r in results:
        cells = [f"{r.incremental[n][0]:.1f} s{cpu(r, n)} ({r.incremental[n][1]} pages built)" for n in names]
        rows.append(
            f"| {r.markdown_pages} | {r.build_s:.1f} s{cpu(r, f'build {max(r.by_cores)}')} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(rows)


NOTES = """Search bytes: what the browser fetches from focusing the search box to the first
result for the word "ceasefire", which is on most synthetic pages (the largest index chunk):
"wire" counts JavaScript gzipped, as GitHub Pages serves it; Pagefind's index files are
gzipped already. Peak memory: proportional set sizes, summed over the build's processes.
"CPU": user and system seconds of the command and every process it waited for, which the
other engineers' load on this shared machine hardly changes (wall time grows with it).
"edit shows in serve": `briefing serve`, one issue note edited, until the served page
shows the edit; the median of {edits} edits, each made once the server has settled
({samples}). Why a target is missed: [benchmarks/README.md](README.md)."""


def notes(results: list[Result]) -> str:
    samples = "; ".join(
        f"{r.markdown_pages} pages: " + ", ".join(f"{t:.1f}" for t in r.edit_samples) + " s"
        for r in results
        if r.edit_samples
    )
    return NOTES.format(edits=EDITS, samples=samples or "not measured")


def targets(results: list[Result]) -> str:
    """Each target of the scale issue, checked on the largest corpus measured."""
    big, small = max(results, key=lambda r: r.markdown_pages), min(results, key=lambda r: r.markdown_pages)
    growth = big.bytes_per_page / small.bytes_per_page

    def verdict(ok: bool, gap: str) -> str:
        return "met" if ok else f"missed: {gap}"

    rows = [
        (
            "generator under 2 s",
            f"{big.generate_s:.2f} s",
            verdict(big.generate_s < 2, f"{big.generate_s / 2:.1f}x the target"),
        ),
        (
            "generator under 5% of the full build",
            f"{big.generator_share:.1%}",
            verdict(big.generator_share < 0.05, f"{big.generator_share / 0.05:.1f}x the target"),
        ),
        (
            f"site bytes linear in pages (per page at {big.markdown_pages} vs {small.markdown_pages} pages)",
            f"{growth:.2f}x",
            verdict(growth <= 1.15, "per-page size grows with the corpus"),
        ),
        (
            "first search result under 300 kB (on the wire)",
            f"{big.search_wire_bytes / 1e3:.0f} kB",
            verdict(big.search_wire_bytes < 300e3, f"{big.search_wire_bytes / 1e3 - 300:.0f} kB over")
            if big.search_bytes
            else "not measured (no playwright)",
        ),
        # The issue says 1 GB: read strictly, 10^9 bytes (953.7 MiB), not 1 GiB.
        (
            "peak memory under 1 GB (all build processes together)",
            f"{big.peak_mib * 2**20 / 1e6:.0f} MB ({big.peak_mib:.0f} MiB)",
            verdict(big.peak_mib * 2**20 < 1e9, f"{big.peak_mib * 2**20 / 1e6 - 1000:.0f} MB over"),
        ),
    ]
    full_cores = max(big.by_cores)
    build_s, material_s = big.by_cores[full_cores]
    rows.append(
        (
            f"full build no slower than MkDocs with Material alone ({full_cores} cores)",
            f"{build_s:.1f} s vs {material_s:.1f} s",
            verdict(build_s <= material_s, f"{build_s - material_s:.1f} s slower"),
        )
    )
    if len(big.by_cores) > 1:
        fewest = min(big.by_cores)
        rows.append(
            (
                f"full build faster on {full_cores} cores than on {fewest}",
                f"{build_s:.1f} s vs {big.by_cores[fewest][0]:.1f} s",
                verdict(build_s < big.by_cores[fewest][0], "not faster"),
            )
        )
    for name, limit in (("one note edited", 15), ("new article, 5 statements", 20)):
        seconds = big.incremental[name][0]
        rows.append(
            (
                f"{name}: incremental build within {limit} s",
                f"{seconds:.1f} s",
                verdict(seconds <= limit, f"{seconds - limit:.1f} s over"),
            )
        )
    if big.edit_s is not None:
        rows.append(
            (
                "an edit shows in serve within 2 s",
                f"{big.edit_s:.1f} s",
                verdict(big.edit_s < 2, f"{big.edit_s / 2:.1f}x the target"),
            )
        )
    lines = [f"Targets at {big.markdown_pages} pages:", "", "| target | measured | verdict |", "|---|---:|---|"]
    lines += [f"| {name} | {value} | {result} |" for name, value, result in rows]
    return "\n".join(lines)


def machine(load_at_start: tuple[float, float, float]) -> str:
    import importlib.metadata as md

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    start, end = (", ".join(f"{n:.1f}" for n in load) for load in (load_at_start, os.getloadavg()))
    return (
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores "
        f"(load average at the start of the run: {start}; at the end: {end}), {mem:.0f} GiB, "
        f"Python {platform.python_version()}, MkDocs {md.version('mkdocs')}, "
        f"Material {md.version('mkdocs-material')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="100,1000,5000", help="comma-separated page counts")
    parser.add_argument("--out", default=str(REPO / "benchmarks" / "RESULTS.md"), help="file, or - for stdout")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-visible measurement")
    parser.add_argument(
        "--cores",
        default="1,2",
        help="full builds on this many cores each (taskset), comma-separated; the last is used for the other figures",
    )
    args = parser.parse_args(argv)
    load_at_start = os.getloadavg()
    usable = len(os.sched_getaffinity(0))
    cores = [min(int(n), usable) for n in args.cores.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        results = [
            measure(int(n), Path(tmp), serve=not args.no_serve, cores=tuple(dict.fromkeys(cores)))
            for n in args.pages.split(",")
        ]
    command = f"python -m benchmarks.run --pages {args.pages} --cores {args.cores}" + (
        " --no-serve" if args.no_serve else ""
    )
    report = (
        f"# Benchmark results\n\nMachine: {machine(load_at_start)}\n\nCommand: `{command}`\n\n"
        f"{table(results)}\n\nFull build by cores (`taskset -c`):\n\n{cores_table(results)}\n\n"
        f"After a merge (each edit in turn, then `briefing build --incremental` on all cores):\n\n"
        f"{incremental_table(results)}\n\n{targets(results)}\n\n{notes(results)}\n"
    )
    if args.out == "-":
        print(report)
    else:
        Path(args.out).write_text(report)
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
