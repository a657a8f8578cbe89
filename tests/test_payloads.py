"""Untrusted notes: script payloads in every field and in prose never run in a reader's browser."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import FIXTURES, MINI_SOURCE, briefing, make_project
from payloads import PAYLOADS, TRICKY_URL, payload_story

# Addresses that passed the old check (it looked only at the prefix) and made a live link or
# loaded an outside image on the source page.
BAD_URLS = [
    "https://example.org/[Original](javascript:alert(document.domain))",
    "https://example.org/[Original](JaVaScRiPt:alert(1))",
    "https://example.org/[Original](\x01javascript:alert(1))",
    "https://example.org/![x](http://evil.invalid/p.png)",
    "https://example.org/<img src=x onerror=alert(1)>",
    'https://example.org/" onmouseover="alert(1)',
    "https://example.org/a|b",
    "https://example.org/`x`",
    "https://example.org@evil.invalid/",
    "https://example.org/\u202egnp.exe",
    "https://example.org/a\u200bb",
    "JaVaScRiPt:alert(1)//https://example.org/",
    "\x01https://example.org/",
    "https:/\\evil.invalid/",
    "https:evil.invalid",
    "https://exa mple.org/",
    "https://example.org/%zz",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def payload_site(built_once):
    def make_site(folder: Path) -> Path:
        root = make_project(folder / "p", FIXTURES / "mini" / "seeds")
        payload_story(root)
        result = briefing(root, "build")
        assert result.returncode == 0, result.stderr
        return root

    return built_once("payloads", make_site)


INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.replace(/\\s/g, '').toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'data', 'formaction'].includes(name) &&
          /^(javascript|vbscript|data):/.test(value)) bad.push(el.tagName + ' ' + name + '=' + value);
    }
  }
  // A JSON-LD block is data the browser never runs; its text may hold a note's words.
  for (const s of document.scripts)
    if (s.type !== 'application/ld+json' && s.textContent.includes('alert(')) bad.push('inline script');
  for (const tag of ['iframe', 'object', 'embed', 'base', 'form', 'meta[http-equiv]', 'style:not([data-md])'])
    for (const el of document.querySelectorAll('article ' + tag)) bad.push(el.tagName);
  return bad;
}"""


# After the load event, the next frame painted and the timers it queued run: what INJECTED finds
# then, and the page's text, in one round trip.
AFTER_A_FRAME = f"""async () => {{
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return [({INJECTED})(), document.body.innerText];
}}"""


# Every address but the test server's. A pattern the browser side matches: the server's own requests
# (scripts, styles, on every page) go on without a round trip through this process.
OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1(:\d+)?(/|$))")


def block_outside_requests(page) -> list[str]:
    """Record and refuse every request the page makes to another origin."""
    outside: list[str] = []

    def route(request_route):
        outside.append(request_route.request.url)
        request_route.abort()

    page.route(OUTSIDE, route)
    return outside


@pytest.mark.browser
def test_no_payload_runs_on_any_page(payload_site, serve, page):
    assert len(PAYLOADS) >= 100
    base = serve(payload_site / "site")
    outside = block_outside_requests(page)
    dialogs, refused = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    # The escaping holds on its own: nothing even tries what the Content-Security-Policy would refuse.
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    pages = sorted(p for p in (payload_site / "site").rglob("index.html"))
    assert len(pages) > 80
    for built in pages:
        url = base + "/" + built.parent.relative_to(payload_site / "site").as_posix() + "/"
        page.goto(url.replace("//.", "/"))
        injected, text = page.evaluate(AFTER_A_FRAME)
        assert injected == [], url
        # MkDocs read every page's front matter: none of it is shown as text.
        assert "generated_by" not in text, url
    page.goto(base + "/404.html")
    assert page.evaluate(INJECTED) == []
    assert dialogs == []
    assert outside == []
    assert refused == []
    # The payloads are shown as text, not dropped, in titles too.
    page.goto(base + f"/sources/{MINI_SOURCE}/")
    assert "<img src=x onerror=alert(1)>" in page.locator("article").inner_text()
    page.goto(base + "/actors/ada-lund/")
    assert page.title() == f"Ada 🇺🇦 {PAYLOADS[34]} — Briefing"
    assert page.locator("h1").inner_text() == f"Ada 🇺🇦 {PAYLOADS[34]}"


@pytest.mark.browser
def test_the_source_address_is_one_escaped_anchor(payload_site, serve, page):
    base = serve(payload_site / "site")
    outside = block_outside_requests(page)
    page.goto(base + f"/sources/{MINI_SOURCE}/")
    links = page.locator("article a").filter(has_text=re.compile("^" + re.escape(TRICKY_URL) + "$"))
    assert links.count() == 1
    assert links.first.inner_text() == TRICKY_URL
    assert links.first.get_attribute("rel") == "nofollow noopener noreferrer"
    # It opens the address the note gives, and nothing else.
    target = urlsplit(links.first.evaluate("a => a.href"))
    written = urlsplit(TRICKY_URL)
    assert (target.scheme, target.hostname, target.port) == ("https", "example.org", 8443)
    assert unquote(target.path) == written.path and unquote(target.query) == unquote(written.query)
    assert target.fragment == written.fragment
    assert outside == []


def test_every_generated_page_gives_mkdocs_its_front_matter(payload_site):
    from mkdocs.utils.meta import get_data

    from generator.write import read_manifest

    generated = read_manifest(payload_site / "docs")
    assert len(generated) > 80
    for path in (p for p in generated if p.endswith(".md")):  # not the data download's files
        body, meta = get_data((payload_site / "docs" / path).read_text("utf-8"))
        assert meta.get("generated_by") == "briefing", path
        assert not body.startswith("---"), path
    _, actor = get_data((payload_site / "docs" / "actors" / "ada-lund.md").read_text("utf-8"))
    assert html.unescape(actor["title"]) == f"Ada 🇺🇦 {PAYLOADS[34]}"


def test_bad_source_addresses_are_located_errors_in_one_run(mini_project):
    sources = mini_project / "seeds" / "sources"
    for n, url in enumerate(BAD_URLS):
        folder = sources / f"bad-url-{n}"
        folder.mkdir()
        (folder / "article.txt").write_text((sources / MINI_SOURCE / "article.txt").read_text("utf-8"), "utf-8")
        text = (sources / MINI_SOURCE / "source.yml").read_text("utf-8").replace(MINI_SOURCE, folder.name)
        (folder / "source.yml").write_text(text + f"url: {json.dumps(url)}\n", "utf-8")
    result = briefing(mini_project, "generate")
    assert result.returncode == 1
    for n, _ in enumerate(BAD_URLS):
        assert re.search(rf"^seeds/sources/bad-url-{n}/source.yml:6:\d+: 'url': .+; .+", result.stderr, re.M), n
    assert not (mini_project / "docs" / "sources").exists()


@pytest.mark.browser
def test_no_payload_runs_in_search_results(payload_site, serve, page):
    base = serve(payload_site / "site")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "/")
    page.click("input.briefing-search__input")
    page.keyboard.type("onerror")
    page.locator(".briefing-search__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(500)
    assert page.evaluate(INJECTED.replace("'article ' + tag", "'.briefing-search__results ' + tag")) == []
    assert dialogs == []


def test_a_javascript_url_on_a_source_is_a_located_error(mini_project):
    path = mini_project / "seeds" / "sources" / MINI_SOURCE / "source.yml"
    path.write_text(path.read_text() + "url: javascript:alert(1)\n")
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    assert f"seeds/sources/{MINI_SOURCE}/source.yml:6:" in result.stderr and "'url'" in result.stderr
