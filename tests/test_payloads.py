"""Untrusted notes: script payloads in every field and in prose never run in a reader's browser."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from helpers import briefing

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java&#x09;script:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="JAVASCRIPT:alert(1)">x</a>',
    'text { onclick="alert(1)" }',
    'text {: onclick="alert(1)" }',
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '![x](x" onerror="alert(1))',
    '<style>@import "javascript:alert(1)"</style>',
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "`<img src=x onerror=alert(1)>`",
    "<<script>alert(1)//<</script>",
    '--8<-- "/etc/passwd"',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "[x](vbscript:msgbox(1))",
    "<a href='jav&#x0A;ascript:alert(1)'>x</a>",
    # Characters above U+FFFF with Markdown and HTML: JSON front matter once broke on these, and
    # MkDocs then showed the title as Markdown, where a link became live.
    "🇺🇦 [click](javascript:alert(1))",
    "𠀀 <script>alert(1)</script>",
    "😀 ![x](http://evil.invalid/p.png)",
    "👨‍👩‍👧 <img src=x onerror=alert(1)>",
    "𝕏 [x](data:text/html,<script>alert(1)</script>)",
    "🏳️‍🌈 `<svg onload=alert(1)>`",
    "🎉[x](JaVaScRiPt:alert(1))🎉",
    "𓀀 </title><script>alert(1)</script>",
    "🇺🇦🇺🇦 \\\" onmouseover=alert(1) \\\"",
    "🙂 --- title: x",
    "🙂 [x](<javascript:alert(1)>)",
    "𐍈 *[x](vbscript:msgbox(1))*",
    # What front matter or YAML would read.
    "---",
    "title: x",
    "...",
    '"quoted" and \\ backslash',
    "'single' quotes",
    "# comment",
    "- item",
    "&anchor value",
    "*alias",
    "!!python/object/apply:os.system ['id']",
    "%YAML 1.1",
    "{flow: map}",
    "[flow, sequence]",
    "| literal",
    "> folded",
    "key: value: other",
    "@at `back`",
    # HTML that would load something from elsewhere or run.
    '<a href="http://evil.invalid/">x</a>',
    '<img src="http://evil.invalid/p.png">',
    "<link rel=stylesheet href=http://evil.invalid/x.css>",
    "<script src=http://evil.invalid/x.js></script>",
    '<svg><use href="data:image/svg+xml,<svg onload=alert(1)>"/></svg>',
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><script>alert(1)</script></template>",
    "<textarea></textarea><script>alert(1)</script>",
    "<xmp><script>alert(1)</script></xmp>",
    "<table background=javascript:alert(1)><tr><td>x</td></tr></table>",
    '<div style="background:url(http://evil.invalid/p.png)">x</div>',
    '<p style="x:expression(alert(1))">x</p>',
    '<a href="//evil.invalid/">protocol-relative</a>',
    '<img srcset="http://evil.invalid/p.png 1x">',
    '<video poster="http://evil.invalid/p.png"></video>',
    '<div data-pagefind-meta="title:pwned">x</div>',
    # Markdown that would link, load or add attributes.
    "[x](http://evil.invalid/p.png)",
    "![x](http://evil.invalid/p.png)",
    "![x][ref] [ref]: http://evil.invalid/p.png",
    "<http://evil.invalid/>",
    "<javascript:alert(1)>",
    "[x]: javascript:alert(1)",
    "[x](javascript&colon;alert(1))",
    "[x](#\" onmouseover=\"alert(1))",
    '[x](https://example.org "t\\" onmouseover=alert(1) x")',
    "{: .x onclick=alert(1)}",
    '<div markdown="1">*x* [y](javascript:alert(1))</div>',
    "<span markdown>[x](javascript:alert(1))</span>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "\\<script\\>alert(1)\\</script\\>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "| a | b |",
    "[![x](http://evil.invalid/p.png)](javascript:alert(1))",
    "[x](https://example.org/[y](javascript:alert(1)))",
    # Templates (Jinja, JavaScript) that must stay text.
    "{{ 7*7 }} {{ config }}",
    "{% raw %}x{% endraw %}",
    "${alert(1)}",
    # Characters that end a line or a string somewhere.
    "x\u2028[y](javascript:alert(1))",
    "x\u2029<script>alert(1)</script>",
    "x\u0085<img src=x onerror=alert(1)>",
    "line\ttab <b>bold</b>",
    "::error file=README.md,line=1::forged",
]
SOURCE = "gazette-2024-03-06-harbour-talks"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # notes may not use YAML aliases


def dump(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), "utf-8")


# A valid address that holds everything the rule lets through: it must stay one escaped anchor.
TRICKY_URL = "HTTPS://Example.org:8443/wiki/Talks_(2024)!*'~;,=+$@:x/Кот?q=%5Bx%5D(javascript:alert(1))&r=1#!(y)"
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


def payload_story(root: Path) -> None:
    """Every payload in every field of the mini story (which conftest copied into root), and
    further actors, issues and events named with them."""
    seeds = root / "seeds"
    folder = seeds / "sources" / SOURCE
    lines = [f"Payload {i}: {p}" for i, p in enumerate(PAYLOADS)]
    article = folder / "article.txt"
    article.write_text(article.read_text("utf-8") + "\n".join(lines) + "\n", "utf-8")
    prose = "\n\n".join(PAYLOADS)
    ev = [{"source": SOURCE, "passage": lines[0]}]

    def pick(i):
        return PAYLOADS[i % len(PAYLOADS)]

    meta = yaml.safe_load((folder / "source.yml").read_text())
    meta.update(title=f"Harbour 🇺🇦 {pick(7)}", publisher=f"𝔊azette {pick(1)}", byline=PAYLOADS,
                additional_reporting=PAYLOADS[::3], url=TRICKY_URL)
    dump(folder / "source.yml", meta)
    statements = yaml.safe_load((folder / "statements.yml").read_text())
    for i, (payload, line) in enumerate(zip(PAYLOADS, lines, strict=False)):
        statements["statements"].append({
            # A paraphrase may not contain quotation marks (only exact words are shown in them).
            "id": f"payload-{i}", "speaker": "ada-lund" if i % 2 else f"payload-actor-{i - i % 4}",
            "quote": payload, "paraphrase": pick(i + 5).replace('"', "'"),
            "issues": ["wage-freeze", f"payload-issue-{i - i % 4}"],
            "positions": [{"issue": "wage-freeze", "stance": "rejects"}],
            "evidence": {"passage": line}})
    dump(folder / "statements.yml", statements)
    actor = yaml.safe_load((seeds / "actors" / "ada-lund.yml").read_text())
    actor.update(name=f"Ada 🇺🇦 {pick(34)}", aliases=PAYLOADS, about=prose, evidence=ev)
    actor["roles"] += [{"title": p, "evidence": ev} for p in PAYLOADS[::2]]
    dump(seeds / "actors" / "ada-lund.yml", actor)
    other = yaml.safe_load((seeds / "actors" / "ben-okafor.yml").read_text())
    other.update(name=f"Ben 𠀀 {pick(41)}", about=prose, evidence=ev)
    dump(seeds / "actors" / "ben-okafor.yml", other)
    issue = yaml.safe_load((seeds / "issues" / "wage-freeze.yml").read_text())
    issue.update(name=f"Wage {pick(2)}", summary=prose, evidence=ev)
    dump(seeds / "issues" / "wage-freeze.yml", issue)
    for i in range(0, len(PAYLOADS), 4):  # pages of their own, titled with a payload
        dump(seeds / "actors" / f"payload-actor-{i}.yml", {
            "id": f"payload-actor-{i}", "kind": "organisation" if i % 8 else "person",
            "name": f"Actor {pick(i)}", "aliases": [pick(i + 1)], "about": pick(i + 2), "evidence": ev})
        dump(seeds / "issues" / f"payload-issue-{i}.yml", {
            "id": f"payload-issue-{i}", "name": f"Issue {pick(i + 1)}", "summary": pick(i + 3),
            "related": ["wage-freeze"], "evidence": ev})
        dump(seeds / "events" / f"payload-event-{i}.yml", {
            "id": f"payload-event-{i}", "name": f"Event {pick(i + 2)}", "kind": pick(i + 3),
            "status": "conditional", "summary": pick(i), "evidence": ev,
            "condition": {"value": pick(i + 1), "evidence": ev},
            "place": {"value": pick(i + 2), "evidence": ev}, "outcome": {"value": pick(i + 3), "evidence": ev},
            "participants": [{"actor": f"payload-actor-{i}", "evidence": ev}],
            "issues": [f"payload-issue-{i}"]})
    event_path = seeds / "events" / "harbour-talks-2024-03-05.yml"
    event = yaml.safe_load(event_path.read_text())
    event.update(name=f"Talks 👨‍👩‍👧 {pick(3)}", kind=pick(4), summary=prose, evidence=ev)
    event["place"]["value"] = pick(12)
    event["outcome"]["value"] = pick(16)
    event["duration"]["value"] = pick(40)
    dump(event_path, event)
    # A story: payloads in its headline and its Markdown body, each paragraph citing the article.
    (seeds / "stories").mkdir()
    body = "\n\n".join(f"{p} [[ada-lund]] [[{SOURCE}]]" for p in PAYLOADS)
    (seeds / "stories" / "payloads.md").write_text(
        f"---\ntitle: {yaml.safe_dump(pick(0)).splitlines()[0]}\nstatus: developing\nissues: [wage-freeze]\n---\n"
        f"{body}\n", "utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    from helpers import FIXTURES, make_project

    root = make_project(tmp_path_factory.mktemp("payloads") / "p", FIXTURES / "mini" / "seeds")
    payload_story(root)
    result = briefing(root, "build")
    assert result.returncode == 0, result.stderr
    return root


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


def block_outside_requests(page) -> list[str]:
    """Intercept every request the page makes; record and refuse those to another origin."""
    outside: list[str] = []

    def route(request_route):
        if urlsplit(request_route.request.url).hostname != "127.0.0.1":
            outside.append(request_route.request.url)
            request_route.abort()
        else:
            request_route.continue_()

    page.route("**/*", route)
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
        page.wait_for_timeout(50)
        assert page.evaluate(INJECTED) == [], url
        # MkDocs read every page's front matter: none of it is shown as text.
        assert "generated_by" not in page.locator("body").inner_text(), url
    page.goto(base + "/404.html")
    assert page.evaluate(INJECTED) == []
    assert dialogs == []
    assert outside == []
    assert refused == []
    # The payloads are shown as text, not dropped, in titles too.
    page.goto(base + f"/sources/{SOURCE}/")
    assert "<img src=x onerror=alert(1)>" in page.locator("article").inner_text()
    page.goto(base + "/actors/ada-lund/")
    assert page.title() == f"Ada 🇺🇦 {PAYLOADS[34]} — Briefing"
    assert page.locator("h1").inner_text() == f"Ada 🇺🇦 {PAYLOADS[34]}"


@pytest.mark.browser
def test_the_source_address_is_one_escaped_anchor(payload_site, serve, page):
    base = serve(payload_site / "site")
    outside = block_outside_requests(page)
    page.goto(base + f"/sources/{SOURCE}/")
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
        (folder / "article.txt").write_text((sources / SOURCE / "article.txt").read_text("utf-8"), "utf-8")
        text = (sources / SOURCE / "source.yml").read_text("utf-8").replace(SOURCE, folder.name)
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
    path = mini_project / "seeds" / "sources" / SOURCE / "source.yml"
    path.write_text(path.read_text() + "url: javascript:alert(1)\n")
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    assert f"seeds/sources/{SOURCE}/source.yml:6:" in result.stderr and "'url'" in result.stderr
