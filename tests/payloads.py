"""Hostile notes, shared by the tests of escaping: script payloads and an address that holds every
character the rule lets through, put into every field of the mini story."""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers import MINI_SOURCE, dump

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
    '🇺🇦🇺🇦 \\" onmouseover=alert(1) \\"',
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
    '[x](#" onmouseover="alert(1))',
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

# A valid address that holds everything the rule lets through: it must stay one escaped anchor.
TRICKY_URL = "HTTPS://Example.org:8443/wiki/Talks_(2024)!*'~;,=+$@:x/Кот?q=%5Bx%5D(javascript:alert(1))&r=1#!(y)"


def payload_story(root: Path) -> None:
    """Every payload in every field of the mini story (which conftest copied into root), and
    further actors, issues and events named with them."""
    seeds = root / "seeds"
    folder = seeds / "sources" / MINI_SOURCE
    lines = [f"Payload {i}: {p}" for i, p in enumerate(PAYLOADS)]
    article = folder / "article.txt"
    article.write_text(article.read_text("utf-8") + "\n".join(lines) + "\n", "utf-8")
    prose = "\n\n".join(PAYLOADS)
    ev = [{"source": MINI_SOURCE, "passage": lines[0]}]

    def pick(i):
        return PAYLOADS[i % len(PAYLOADS)]

    meta = yaml.safe_load((folder / "source.yml").read_text())
    meta.update(
        title=f"Harbour 🇺🇦 {pick(7)}",
        publisher=f"𝔊azette {pick(1)}",
        byline=PAYLOADS,
        additional_reporting=PAYLOADS[::3],
        url=TRICKY_URL,
    )
    dump(folder / "source.yml", meta)
    statements = yaml.safe_load((folder / "statements.yml").read_text())
    for i, (payload, line) in enumerate(zip(PAYLOADS, lines, strict=False)):
        statements["statements"].append(
            {
                # A paraphrase may not contain quotation marks (only exact words are shown in them).
                "id": f"payload-{i}",
                "speaker": "ada-lund" if i % 2 else f"payload-actor-{i - i % 4}",
                "quote": payload,
                "paraphrase": pick(i + 5).replace('"', "'"),
                "issues": ["wage-freeze", f"payload-issue-{i - i % 4}"],
                "positions": [{"issue": "wage-freeze", "stance": "rejects"}],
                "evidence": {"passage": line},
            }
        )
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
        dump(
            seeds / "actors" / f"payload-actor-{i}.yml",
            {
                "id": f"payload-actor-{i}",
                "kind": "organisation" if i % 8 else "person",
                "name": f"Actor {pick(i)}",
                "aliases": [pick(i + 1)],
                "about": pick(i + 2),
                "evidence": ev,
            },
        )
        dump(
            seeds / "issues" / f"payload-issue-{i}.yml",
            {
                "id": f"payload-issue-{i}",
                "name": f"Issue {pick(i + 1)}",
                "summary": pick(i + 3),
                "related": ["wage-freeze"],
                "evidence": ev,
            },
        )
        dump(
            seeds / "events" / f"payload-event-{i}.yml",
            {
                "id": f"payload-event-{i}",
                "name": f"Event {pick(i + 2)}",
                "kind": pick(i + 3),
                "status": "conditional",
                "summary": pick(i),
                "evidence": ev,
                "condition": {"value": pick(i + 1), "evidence": ev},
                "place": {"value": pick(i + 2), "evidence": ev},
                "outcome": {"value": pick(i + 3), "evidence": ev},
                "participants": [{"actor": f"payload-actor-{i}", "evidence": ev}],
                "issues": [f"payload-issue-{i}"],
            },
        )
    event_path = seeds / "events" / "harbour-talks-2024-03-05.yml"
    event = yaml.safe_load(event_path.read_text())
    event.update(name=f"Talks 👨‍👩‍👧 {pick(3)}", kind=pick(4), summary=prose, evidence=ev)
    event["place"]["value"] = pick(12)
    event["outcome"]["value"] = pick(16)
    event["duration"]["value"] = pick(40)
    dump(event_path, event)
    # A story: payloads in its headline and its Markdown body, each paragraph citing the article.
    (seeds / "stories").mkdir()
    body = "\n\n".join(f"{p} [[ada-lund]] [[{MINI_SOURCE}]]" for p in PAYLOADS)
    (seeds / "stories" / "payloads.md").write_text(
        f"---\ntitle: {yaml.safe_dump(pick(0)).splitlines()[0]}\nstatus: developing\nissues: [wage-freeze]\n---\n"
        f"{body}\n",
        "utf-8",
    )
