"""Pagefind after a build: at once for a one-off build, in the background while serving."""

from __future__ import annotations

import logging
import threading

from generator.site import index_search

problems_log = logging.getLogger("briefing")


class BackgroundIndexer:
    """While serving, search is indexed after the page reloads: an edit shows without waiting.

    One run at a time; edits during a run start one more run when it ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = self._again = False

    def request(self, site_dir: str) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._run, args=(site_dir,), daemon=True).start()

    def _run(self, site_dir: str) -> None:
        while True:
            error = index_search(site_dir)
            if error:
                problems_log.error(error)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False
