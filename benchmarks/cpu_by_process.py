"""Where a command's CPU goes, by kind of process: ``python -m benchmarks.cpu_by_process -- CMD ...``.

Used on the test suite (``python -m benchmarks.cpu_by_process -- scripts/test -q``): it starts
hundreds of processes (briefing, MkDocs, Pagefind, chromium), and a whole-run wall time varies by
10-30 s between runs of the same code, so what a change saves is read per kind of process.

Every 0.1 s it reads each process's CPU time from /proc; a process is counted with the last value
seen, so one that lives less than 0.1 s may be missed or undercounted. It also prints how busy all
cores were over the run (/proc/stat), which says whether wall time can only drop with CPU time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def kind(command: str, name: str) -> str:
    """The kind of process, from its command line and its name."""
    if "chrom" in name or "chrom" in command:
        found = re.search(r"--type=(\S+)", command)
        return f"chromium {found[1] if found else 'browser'}"
    for marker, label in (
        ("generator.mkdocs_build", "MkDocs page builder"),
        ("pagefind", "pagefind"),
        ("-m generator", "briefing"),
        ("mkdocs", "mkdocs (plain)"),
        ("exec(eval(sys", "pytest worker"),
        ("pytest", "pytest"),
        ("playwright", "playwright driver"),
        ("mypy", "mypy"),
        ("pip install", "pip"),
    ):
        if marker in command:
            return label
    return f"other: {name}"


def _cpu_seconds(stat: str) -> tuple[str, float, str]:
    """(name, CPU seconds, start time) from /proc/PID/stat."""
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    return name, (int(fields[11]) + int(fields[12])) / TICKS, fields[19]


def _busy_idle() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, idle


def sample(command: list[str]) -> tuple[int, Counter[str], Counter[str], float]:
    """Run ``command``: its exit code, CPU seconds and process count per kind, and the share of busy cores."""
    before = {p for p in os.listdir("/proc") if p.isdigit()}  # what ran before is not counted
    seen: dict[tuple[str, str], list] = {}
    busy0, idle0 = _busy_idle()
    process = subprocess.Popen(command)
    while process.poll() is None:
        for pid in os.listdir("/proc"):
            if not pid.isdigit() or pid in before:  # this process is among those before
                continue
            try:
                name, cpu, started = _cpu_seconds(Path(f"/proc/{pid}/stat").read_text())
                if (pid, started) not in seen:
                    line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                    seen[pid, started] = [kind(line.decode(errors="replace"), name), cpu]
                else:
                    seen[pid, started][1] = max(seen[pid, started][1], cpu)
            except (OSError, ValueError, IndexError):  # the process ended meanwhile
                continue
        time.sleep(0.1)
    busy1, idle1 = _busy_idle()
    seconds: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for label, cpu in seen.values():
        seconds[label] += cpu
        counts[label] += 1
    busy = busy1 - busy0
    return process.returncode, seconds, counts, busy / max(1, busy + idle1 - idle0)


def main(argv: list[str]) -> int:
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    if not command:
        print(__doc__, file=sys.stderr)
        return 2
    code, seconds, counts, busy = sample(command)
    for label, cpu in seconds.most_common():
        if cpu >= 0.5:
            print(f"{cpu:8.1f} s CPU  {counts[label]:5d} processes  {label}", file=sys.stderr)
    print(f"{sum(seconds.values()):8.1f} s CPU in all; cores busy {busy:.0%} of the run", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
