"""A synthetic story of any size, written as valid notes (every passage really in its article).

For the benchmarks (benchmarks/run.py) and the tests that need a long story; the briefing command
never uses it.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

WORDS = (
    "talks ceasefire sanctions territory envoy proposal guarantees pressure summit delegation "
    "agreement security economy energy border negotiators progress statement ministers plan"
).split()
FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas"]
LAST = ["Berg", "Cole", "Duval", "Ernst", "Frost", "Gray", "Hale", "Ivers", "Jones", "Kurz", "Lind", "Moss"]


class _Plain(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def _dump(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False), "utf-8")


def sizes_for_pages(pages: int) -> int:
    """Sources needed for about ``pages`` pages (sources + actors + issues + events + 8 overviews)."""
    return max(2, round((pages - 8) / 1.8))


def write_corpus(seeds: Path, sources: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    n_actors, n_issues, n_events = max(2, sources // 2), max(2, sources // 10), max(1, sources * 3 // 10)
    actors = [f"actor-{i}" for i in range(n_actors)]
    names = {
        a: f"{FIRST[i % 10]} {LAST[(i // 10) % 12]}{'' if i < 120 else '-' + str(i)}" for i, a in enumerate(actors)
    }
    issues = [f"issue-{i}" for i in range(n_issues)]
    events = [f"event-{i}" for i in range(n_events)]
    start = dt.date(2025, 1, 6)  # a Monday
    role_source: dict[str, tuple[str, str]] = {}
    event_source: dict[str, tuple[str, str, dt.date]] = {}
    statements = 0
    spoken: set[str] = set()
    for s in range(sources):
        sid = f"wire-{s:05d}"
        published = start + dt.timedelta(days=s % 300)
        speakers = rng.sample(actors, min(3, len(actors)))
        spoken.update(speakers)
        event = events[s % n_events]
        held = published - dt.timedelta(days=1)
        lines = [f"Report {s} on the {rng.choice(WORDS)} {rng.choice(WORDS)}", ""]
        lines.append(
            f"{names[speakers[0]]}, envoy number {s}, met {names[speakers[1]]} at meeting {event} "
            f"on {held.strftime('%A')}."
        )
        body = []
        for k, speaker in enumerate(speakers):
            words = " ".join(rng.choice(WORDS) for _ in range(8))
            sentence = f"“We discussed the {words} number {s}-{k},” {names[speaker]} said."
            lines.append(sentence + " " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".")
            body.append(
                {
                    "id": f"st-{s}-{k}",
                    "speaker": speaker,
                    "quote": f"We discussed the {words} number {s}-{k},",
                    "issues": [issues[(s + k) % n_issues]],
                    "about_events": [event],
                    "positions": [
                        {"issue": issues[(s + k) % n_issues], "stance": rng.choice(["accepts", "rejects", "mixed"])}
                    ],
                    "evidence": {"passage": sentence},
                }
            )
        for _ in range(rng.randint(8, 14)):  # realistic article length: 400-800 words
            lines.append(" ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + ".")
        folder = seeds / "sources" / sid
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "article.txt").write_text("\n".join(lines) + "\n", "utf-8")
        _dump(
            folder / "source.yml",
            {"id": sid, "title": f"Report {s}", "publisher": "Synthetic Wire", "published": published.isoformat()},
        )
        _dump(folder / "statements.yml", {"statements": body})
        statements += len(body)
        meeting_sentence = lines[2]
        if s == 0:
            first_meeting = meeting_sentence
        for a in speakers[:2]:
            role_source.setdefault(a, (sid, meeting_sentence))
        event_source.setdefault(event, (sid, meeting_sentence, held))
    for a in actors:  # every actor must be cited: one nobody quotes gets a role from the first report
        if a not in role_source and a not in spoken:
            role_source[a] = ("wire-00000", first_meeting)
    for a in actors:
        data: dict[str, Any] = {"id": a, "kind": "person", "name": names[a], "aliases": []}
        if a in role_source:
            sid, passage = role_source[a]
            data["roles"] = [{"title": "envoy", "evidence": {"source": sid, "passage": passage}}]
        _dump(seeds / "actors" / f"{a}.yml", data)
    for i, issue in enumerate(issues):
        _dump(
            seeds / "issues" / f"{issue}.yml",
            {
                "id": issue,
                "name": f"Issue {i} on {WORDS[i % len(WORDS)]}",
                "summary": "A synthetic issue for the benchmark.",
                "related": [issues[(i + 1) % n_issues]] if n_issues > 1 else [],
            },
        )
    for e in events:
        data = {"id": e, "name": f"Meeting {e}", "kind": "meeting", "status": "held", "issues": [issues[0]]}
        if e in event_source:
            sid, passage, held = event_source[e]
            ev = {"source": sid, "passage": passage}
            data["date"] = {"value": held.isoformat(), "phrase": f"on {held.strftime('%A')}", "evidence": ev}
            data["participants"] = [
                {"actor": a, "evidence": dict(ev)} for a in sorted({x for x in actors if names[x] in passage})
            ]
        _dump(seeds / "events" / f"{e}.yml", data)
    return {
        "sources": sources,
        "actors": n_actors,
        "issues": n_issues,
        "events": n_events,
        "statements": statements,
        "pages": sources + n_actors + n_issues + n_events + 8,
    }
