"""The notes watcher hears what changes a note, and nothing of what only reads one."""

from __future__ import annotations

import time

from mkdocs.livereload import LiveReloadServer

from generator.notes_watch import NotesWatcher


def test_reading_notes_sends_the_watcher_nothing_and_writing_one_is_heard(tmp_path):
    # Each regeneration reads every note (so do editors and `git status`). Reported, those reads
    # were two events a note to the server's process: 21,628 per edit at 5,600 pages, which
    # overflowed the system's event queue (watchdog then walks all of seeds/ again).
    notes = tmp_path / "seeds"
    (notes / "actors").mkdir(parents=True)
    files = [notes / "actors" / f"actor-{n}.yml" for n in range(50)]
    for file in files:
        file.write_text("id: x\n")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    watcher, written = NotesWatcher(), []
    try:
        assert watcher.watch(server, str(notes), lambda: written.append(time.monotonic()))
        emitters = [emitter for observer in watcher._observers for emitter in observer.emitters]
        heard: list[str] = []
        for emitter in emitters:  # what the system reports, before the watcher's own filtering
            queue_event = emitter.queue_event
            emitter.queue_event = lambda event, queue_event=queue_event: (
                heard.append(event.event_type),
                queue_event(event),
            )
        for _ in range(20):
            for file in files:
                file.read_bytes()
        files[0].write_text("id: y\n")
        deadline = time.monotonic() + 10
        while not written and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop()
        server.server_close()
    assert written, "the edit was not heard"
    assert "opened" not in heard and "closed_no_write" not in heard, "reading a note was reported"
