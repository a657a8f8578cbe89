"""The notes format as JSON Schema, generated from the models for editors and reviewers.

Regenerate after changing generator/model.py:  python -m generator.schema
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import MODEL_OF

SCHEMA_DIR = Path(__file__).parent / "schema"


def schemas() -> dict[str, str]:
    """File name -> schema text, one per kind of notes file."""
    out = {}
    for kind, model in sorted(MODEL_OF.items()):
        schema = model.model_json_schema()
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{kind}.schema.json", **schema}
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def main() -> int:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in schemas().items():
        (SCHEMA_DIR / name).write_text(text, "utf-8")
        print(f"wrote {SCHEMA_DIR / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
