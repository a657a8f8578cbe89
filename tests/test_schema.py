"""The shipped JSON Schema is the notes format, and the shipped notes satisfy it."""

from __future__ import annotations

import json

import jsonschema
import yaml

from generator.schema import SCHEMA_DIR, schemas

from helpers import REPO

KIND_OF = {"actors": "actor", "issues": "issue", "events": "event"}


def test_committed_schemas_are_up_to_date():
    for name, text in schemas().items():
        assert (SCHEMA_DIR / name).read_text("utf-8") == text, f"run: python -m generator.schema ({name})"


def test_the_seed_notes_validate_against_the_schema():
    checked = 0
    for folder, kind in KIND_OF.items():
        schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text())
        for path in (REPO / "seeds" / folder).glob("*.yml"):
            jsonschema.validate(yaml.load(path.read_text(), Loader=yaml.BaseLoader), schema)
            checked += 1
    for name in ("source", "statements"):
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text())
        for path in (REPO / "seeds" / "sources").glob(f"*/{name}.yml"):
            jsonschema.validate(yaml.load(path.read_text(), Loader=yaml.BaseLoader), schema)
            checked += 1
    assert checked > 30


def test_the_schema_rejects_an_unknown_field():
    schema = json.loads((SCHEMA_DIR / "actor.schema.json").read_text())
    bad = {"id": "x", "kind": "person", "name": "X", "nickname": "y"}
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError as err:
        assert "nickname" in str(err)
    else:
        raise AssertionError("an unknown field passed the schema")
