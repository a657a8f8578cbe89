"""What changed: notes by the day the briefing's history says they were first noted and last changed."""

from __future__ import annotations

import re
import subprocess

from helpers import MINI_SOURCE, briefing, commit_notes


def sections(html: str) -> dict[str, str]:
    """The page's text under each day's heading."""
    body = html[html.index("<article") : html.index("</article>")]
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", body)
    return {
        re.sub(r"<[^>]+>", "", parts[n]).strip(): re.sub(r"<[^>]+>", "", parts[n + 1])
        for n in range(1, len(parts) - 1, 2)
    }


def test_a_returning_reader_sees_what_is_new_since_a_day(mini_project):
    subprocess.run(["git", "init", "-q", str(mini_project)], check=True)
    commit_notes(mini_project, "2024-03-06", "the gazette's article")
    statements = mini_project / "seeds" / "sources" / MINI_SOURCE / "statements.yml"
    text = statements.read_text("utf-8")
    assert "paraphrase: The union rejected the proposed wage freeze." in text
    statements.write_text(
        text.replace(
            "paraphrase: The union rejected the proposed wage freeze.",
            "paraphrase: The union rejected the wage freeze outright.",
        ),
        "utf-8",
    )
    commit_notes(mini_project, "2024-03-08", "reword a paraphrase")
    with statements.open("a", encoding="utf-8") as notes:
        notes.write(
            "\n  - id: okafor-next-week\n    speaker: ben-okafor\n"
            "    paraphrase: The two sides will meet again next week.\n"
            "    evidence:\n      passage: The two sides will meet again next week.\n"
        )
    commit_notes(mini_project, "2024-03-09", "a statement more")
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stderr

    days = sections((mini_project / "site" / "changes" / "index.html").read_text("utf-8"))
    assert list(days) == ["9 March 2024", "8 March 2024", "6 March 2024"]  # newest first
    assert "The two sides will meet again next week." in days["9 March 2024"] and "(new)" in days["9 March 2024"]
    assert "first noted 6 March 2024" in days["8 March 2024"] and "Ben Okafor" in days["8 March 2024"]
    assert "We are not there yet" in days["6 March 2024"]  # untouched since
    assert "Ada Lund" in days["6 March 2024"] and "next week" not in days["6 March 2024"]


def test_without_history_the_page_says_so(mini_project):
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stderr
    text = (mini_project / "site" / "changes" / "index.html").read_text("utf-8")
    assert "No history of the notes was found" in text
