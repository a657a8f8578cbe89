"""Untrusted notes: script payloads in every field and in prose never run in a reader's browser."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import briefing

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
]
SOURCE = "gazette-2024-03-06-harbour-talks"


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True  # notes may not use YAML aliases


def dump(path: Path, data) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False), "utf-8")


def payload_story(root: Path) -> None:
    """Every payload in every field of the mini story (which conftest copied into root)."""
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
    meta.update(title=f"Harbour {pick(0)}", publisher=pick(1), byline=[pick(2)], additional_reporting=[pick(3)])
    dump(folder / "source.yml", meta)
    statements = yaml.safe_load((folder / "statements.yml").read_text())
    for i, (payload, line) in enumerate(zip(PAYLOADS, lines)):
        statements["statements"].append({
            "id": f"payload-{i}", "speaker": "ada-lund", "quote": payload, "paraphrase": pick(i + 5),
            "issues": ["wage-freeze"], "positions": [{"issue": "wage-freeze", "stance": "rejects"}],
            "evidence": {"passage": line}})
    dump(folder / "statements.yml", statements)
    actor = yaml.safe_load((seeds / "actors" / "ada-lund.yml").read_text())
    actor.update(name=f"Ada {pick(1)}", aliases=PAYLOADS[:10], about=prose, evidence=ev)
    actor["roles"].append({"title": pick(6), "evidence": ev})
    dump(seeds / "actors" / "ada-lund.yml", actor)
    issue = yaml.safe_load((seeds / "issues" / "wage-freeze.yml").read_text())
    issue.update(name=f"Wage {pick(2)}", summary=prose, evidence=ev)
    dump(seeds / "issues" / "wage-freeze.yml", issue)
    event_path = seeds / "events" / "harbour-talks-2024-03-05.yml"
    event = yaml.safe_load(event_path.read_text())
    event.update(name=f"Talks {pick(3)}", kind=pick(4), summary=prose, evidence=ev)
    event["place"]["value"] = pick(12)
    event["outcome"]["value"] = pick(16)
    dump(event_path, event)
    # A story: payloads in its headline and its Markdown body, each paragraph citing the article.
    (seeds / "stories").mkdir()
    body = "\n\n".join(f"{p} [[ada-lund]] [[{SOURCE}]]" for p in PAYLOADS)
    (seeds / "stories" / "payloads.md").write_text(
        f"---\ntitle: {yaml.safe_dump(pick(0)).splitlines()[0]}\nstatus: developing\nissues: [wage-freeze]\n---\n"
        f"{body}\n", "utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    from conftest import FIXTURES, make_project

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
  for (const s of document.scripts) if (s.textContent.includes('alert(')) bad.push('inline script');
  for (const tag of ['iframe', 'object', 'embed', 'base', 'form', 'meta[http-equiv]', 'style:not([data-md])'])
    for (const el of document.querySelectorAll('article ' + tag)) bad.push(el.tagName);
  return bad;
}"""


@pytest.mark.browser
def test_no_payload_runs_on_any_page(payload_site, serve, page):
    assert len(PAYLOADS) >= 30
    base = serve(payload_site / "site")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted(p for p in (payload_site / "site").rglob("index.html"))
    assert len(pages) > 10
    for html in pages:
        url = base + "/" + html.parent.relative_to(payload_site / "site").as_posix() + "/"
        page.goto(url.replace("//.", "/"))
        page.wait_for_timeout(50)
        assert page.evaluate(INJECTED) == [], url
    page.goto(base + "/404.html")
    assert page.evaluate(INJECTED) == []
    assert dialogs == []
    # The payloads are shown as text, not dropped.
    page.goto(base + f"/sources/{SOURCE}/")
    assert "<img src=x onerror=alert(1)>" in page.locator("article").inner_text()


@pytest.mark.browser
def test_no_payload_runs_in_search_results(payload_site, serve, page):
    base = serve(payload_site / "site")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "/")
    page.click("input.md-search__input")
    page.keyboard.type("onerror")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    page.wait_for_timeout(500)
    assert page.evaluate(INJECTED.replace("'article ' + tag", "'.md-search-result ' + tag")) == []
    assert dialogs == []


def test_a_javascript_url_on_a_source_is_a_located_error(mini_project):
    path = mini_project / "seeds" / "sources" / SOURCE / "source.yml"
    path.write_text(path.read_text() + "url: javascript:alert(1)\n")
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    assert f"seeds/sources/{SOURCE}/source.yml:6:" in result.stderr and "'url'" in result.stderr
