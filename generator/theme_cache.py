"""Compiled theme templates, kept in memory for the life of ``mkdocs serve``."""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """``mkdocs serve`` makes a new theme environment for every rebuild, which compiled the
    Material templates again (a quarter of a second); Jinja still recompiles a template
    whose source changed (it checks a checksum).
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
