"""Would a sharded Pagefind index search as the one index does? (issue 16: the measurement that rules it out)

    .venv/bin/python -m benchmarks.shards SITE                 # a built site; the shipped story's queries
    .venv/bin/python -m benchmarks.shards SITE --shards 8 --queries "ceasefire|Boris Berg"

An incremental build re-indexes the whole site with Pagefind, which has no incremental mode. Splitting
the index into shards (pages assigned by a hash of their path, each shard indexed apart, the shards
merged in the browser with Pagefind's ``mergeIndex``) would let a build re-index only the shards whose
pages changed. This measures, on a built site: the CPU seconds to index the whole site and each shard,
and, in Debian's chromium, whether the top results of each query are the same pages in the same order
from the sharded index as from the one index. Pagefind ranks each index on its own page count and word
frequencies (BM25) and sorts the merged results by those scores, so they need not be.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from generator.site import PAGEFIND_OPTIONS, pagefind_command

from .run import CHROMIUM, CHROMIUM_ARGS, _Quiet, children_cpu

# The queries the search tests ask of the shipped story (tests/test_search_*.py), and a few topics.
SEED_QUERIES = (
    "Zelensky|Zelenskiy|Yury Ushakov|Dmitri Peskov|opposes|2 December 2025|ceasefire|territory"
    "|sanctions|Witkoff|Putin|security guarantees"
)

ONE = "const pf = await import('/pagefind/pagefind.js');"
MERGED = (
    "const pf = await import('/shard-0/pagefind.js');"
    "for (let i = 1; i < {shards}; i++) await pf.mergeIndex('/shard-' + i + '/');"
)
PAGE = (
    "<!doctype html><meta charset=utf-8><script type=module>{load}"
    "await pf.options({{excerptLength: 24}}); window.pf = pf; window.ready = true;</script>"
)


def shard_of(path: str, shards: int) -> int:
    return int(hashlib.sha256(path.encode()).hexdigest(), 16) % shards


def index(site: Path, output: Path) -> float:
    """Pagefind over ``site`` into ``output``, with the build's options: CPU seconds."""
    before = children_cpu()
    result = pagefind_command(site, output)
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    return children_cpu() - before


def sharded_copy(site: Path, work: Path, shards: int) -> tuple[float, list[tuple[int, float]]]:
    """``work`` = the site's pages (hard links), its one index in pagefind/, shard k's in shard-k/.
    The CPU seconds of the one index, and (pages, CPU seconds) of each shard."""
    shutil.copytree(site, work, ignore=shutil.ignore_patterns("pagefind"), copy_function=os.link)
    whole = index(work, work / "pagefind")
    groups: dict[int, list[Path]] = {}
    for page in sorted(work.rglob("*.html")):
        groups.setdefault(shard_of(page.relative_to(work).as_posix(), shards), []).append(page)
    measured = []
    for k in range(shards):
        with tempfile.TemporaryDirectory(dir=work.parent) as part:
            for page in groups.get(k, []):
                target = Path(part) / page.relative_to(work)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(page, target)
            measured.append((len(groups.get(k, [])), index(Path(part), work / f"shard-{k}")))
    return whole, measured


def top_results(work: Path, shards: int | None, queries: list[str], shown: int) -> dict[str, list[str]]:
    """Each query's first ``shown`` result addresses, from the one index or the merged shards."""
    from playwright.sync_api import sync_playwright

    load = ONE if shards is None else MERGED.format(shards=shards)
    (work / "shards-probe.html").write_text(PAGE.format(load=load), "utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(work)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/shards-probe.html")
            page.wait_for_function("window.ready === true", timeout=60000)
            found = {
                query: page.evaluate(
                    """async ([query, shown]) => {
                const found = await pf.search(query);
                return Promise.all(found.results.slice(0, shown).map(async (r) => (await r.data()).url)); }""",
                    [query, shown],
                )
                for query in queries
            }
            browser.close()
    finally:
        server.shutdown()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site (site/ after `briefing build`)")
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--queries", default=SEED_QUERIES, help="|-separated")
    parser.add_argument("--shown", type=int, default=10, help="results compared per query")
    args = parser.parse_args(argv)
    queries = args.queries.split("|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "site"
        whole, measured = sharded_copy(args.site.resolve(), work, args.shards)
        one, merged = top_results(work, None, queries, args.shown), top_results(work, args.shards, queries, args.shown)
    pages = sum(n for n, _ in measured)
    print(f"Pagefind options: {' '.join(PAGEFIND_OPTIONS)}\n")
    print(
        f"{pages} pages: one index {whole:.2f} s CPU; {args.shards} shards "
        + ", ".join(f"{n} pages {cpu:.2f} s" for n, cpu in measured)
        + " (CPU)\n"
    )
    print(f"| query | same top {args.shown}, same order | same first result | same pages in the top {args.shown} |")
    print("|---|---|---|---|")
    for query in queries:
        a, b = one[query], merged[query]
        print(
            f"| {query} | {'yes' if a == b else 'no'} | {'yes' if a[:1] == b[:1] else 'no'} "
            f"| {'yes' if set(a) == set(b) else 'no'} |"
        )
    same = sum(one[q] == merged[q] for q in queries)
    print(f"\n{same} of {len(queries)} queries give the same top {args.shown} from {args.shards} shards")
    return 0


if __name__ == "__main__":
    sys.exit(main())
