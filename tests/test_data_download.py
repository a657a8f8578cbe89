"""The data download (site/data/): loaded with real libraries, counted against the notes."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import (
    FIXTURES,
    MINI_SOURCE,
    REPO,
    briefing,
    dump,
    make_project,
    note_ids,
    read_links,
    statements,
    tree_bytes,
)

SEEDS = REPO / "seeds"
TABLES = ("sources", "actors", "roles", "issues", "events", "event_claims", "statements", "positions", "citations")
FACT_TABLES = ("roles", "event_claims", "statements", "positions", "citations")


def _notes(folder: str) -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((SEEDS / folder).glob("*.yml"))]


def _passages(data) -> int:
    """Evidence passages anywhere in a note, counted from the YAML as a contributor wrote it."""
    if isinstance(data, list):
        return sum(_passages(item) for item in data)
    if not isinstance(data, dict):
        return 0
    found = 0
    for key, value in data.items():
        if key == "evidence":
            found += len(value) if isinstance(value, list) else 1
        else:
            found += _passages(value)
    return found


def _claims(event: dict) -> int:
    def count(value):
        return 0 if value is None else len(value) if isinstance(value, list) else 1

    return sum(count(event.get(name)) for name in ("date", "place", "duration", "outcome", "condition")) + len(
        event.get("participants", [])
    )


@pytest.fixture(scope="module")
def package(seed_site):
    from frictionless import Package

    return Package(str(seed_site / "site" / "data" / "datapackage.json"))


def test_the_package_is_valid_with_its_keys_and_checksums(seed_site):
    from frictionless import validate

    report = validate(str(seed_site / "site" / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.name for task in report.tasks] == list(TABLES)


def test_every_table_and_field_is_described(package):
    for resource in package.resources:
        assert resource.title and resource.description
        with open(Path(package.basepath) / resource.path, newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header == resource.schema.field_names
        for field in resource.schema.fields:
            assert field.description, f"{resource.name}.{field.name} has no description"


def test_counts_match_the_notes(package):
    rows = {r.name: r.read_rows() for r in package.resources}
    actors, issues, events = _notes("actors"), _notes("issues"), _notes("events")
    said = statements(SEEDS)
    sources = sorted(p.parent.name for p in (SEEDS / "sources").glob("*/source.yml"))
    assert [r["id"] for r in rows["actors"]] == note_ids(SEEDS, "actors")
    assert [r["id"] for r in rows["issues"]] == note_ids(SEEDS, "issues")
    assert [r["id"] for r in rows["events"]] == note_ids(SEEDS, "events")
    assert [r["id"] for r in rows["sources"]] == sources
    assert sorted(r["id"] for r in rows["statements"]) == sorted(s["id"] for s in said)
    assert len(rows["roles"]) == sum(len(a.get("roles", [])) for a in actors) > 0
    assert len(rows["positions"]) == sum(len(s.get("positions", [])) for s in said) > 0
    assert len(rows["event_claims"]) == sum(_claims(e) for e in events) > 0
    assert len(rows["citations"]) == sum(_passages(n) for n in actors + issues + events + said) > 0


def test_actors_and_issues_carry_their_aliases(seed_site, package):
    """Other spellings a reader may search or match on ("Zelenskiy", "Donbas") are in both the CSV and the JSON."""
    assert any(note.get("aliases") for note in _notes("actors")), "the seed notes give no aliases to check"
    for table, folder in (("actors", "actors"), ("issues", "issues")):
        noted = {note["id"]: note.get("aliases", []) for note in _notes(folder)}
        rows = {row["id"]: row["aliases"] for row in package.get_resource(table).read_rows()}
        assert rows == noted
        downloaded = json.loads((seed_site / "site" / "data" / f"{table}.json").read_text("utf-8"))
        assert {row["id"]: row["aliases"] for row in downloaded} == noted


def test_every_fact_cites_a_sentence_of_its_source(seed_site, package):
    site = seed_site / "site"
    anchors = {}
    checked = 0
    for table in FACT_TABLES:
        for row in package.get_resource(table).read_rows():
            source = row["source"]
            if source not in anchors:
                anchors[source] = read_links(site / "sources" / source / "index.html").ids
            assert row["anchor"] in anchors[source], (table, row["id"], row["anchor"])
            assert row["passage"]
            checked += 1
    assert checked > 100


def test_statements_keep_the_exact_quote_and_paraphrase_apart(seed_site):
    rows = {r["id"]: r for r in json.loads((seed_site / "site" / "data" / "statements.json").read_text("utf-8"))}
    for note in statements(SEEDS):
        assert rows[note["id"]]["quote"] == note.get("quote")
        assert rows[note["id"]]["paraphrase"] == note.get("paraphrase")


def test_the_json_files_hold_the_same_rows_under_the_same_schema(seed_site, package, tmp_path):
    """Every CSV's JSON twin, checked as a data package of its own (keys included)."""
    import shutil

    from frictionless import Package, validate
    from frictionless.resources import TableResource

    data = shutil.copytree(seed_site / "site" / "data", tmp_path / "data")
    descriptor = json.loads((data / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        resource.update(path=resource["name"] + ".json", format="json", mediatype="application/json")
        del resource["hash"], resource["bytes"]
    (data / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    as_json = Package(str(data / "datapackage.json"))
    for name in TABLES:
        from_json, from_csv = as_json.get_resource(name), package.get_resource(name)
        assert isinstance(from_json, TableResource) and isinstance(from_csv, TableResource), name  # rows, not files
        json_rows = [row.to_dict() for row in from_json.read_rows()]
        assert json_rows == [row.to_dict() for row in from_csv.read_rows()], name


def test_the_notes_schemas_are_beside_the_data(seed_site):
    shipped = {p.name: p.read_bytes() for p in (REPO / "generator" / "schema").glob("*.json")}
    published = {p.name: p.read_bytes() for p in (seed_site / "site" / "data" / "schema").glob("*.json")}
    assert published == shipped and len(published) == 5


def test_the_data_pages_pandas_example_runs(seed_site, tmp_path):
    """The Python example on the Data page, as printed, run on the downloaded files."""
    pytest.importorskip("pandas")
    html = (seed_site / "site" / "data" / "index.html").read_text("utf-8")
    block = re.search(r'<code class="language-python">(.*?)</code>', html, re.S)
    assert block, "no Python example on the Data page"
    code = re.sub(r"<[^>]+>", "", block.group(1))
    import html as html_module

    code = html_module.unescape(code)
    assert "pd.read_csv" in code
    code = re.sub(r'^base = "[^"]*"', f'base = "{(seed_site / "site" / "data").as_posix()}/"', code, flags=re.M)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = {a["id"]: a["name"] for a in _notes("actors")}
    quoted = [s for s in statements(SEEDS) if s.get("quote")]
    lines = result.stdout.splitlines()
    assert len(lines) == len(quoted) > 10
    for statement in quoted:
        said = f"{names[statement['speaker']]}: “{statement['quote']}” ("
        assert any(line.startswith(said) for line in lines), said


def test_the_data_page_lists_every_table_with_its_count(seed_site, package):
    text = (seed_site / "site" / "data" / "index.html").read_text("utf-8")
    for resource in package.resources:
        count = len(resource.read_rows())
        assert re.search(rf">{re.escape(resource.title)}</a></td>\s*<td>{count}</td>", text), resource.name
        assert f'href="{resource.name}.csv"' in text and f'href="{resource.name}.json"' in text


def test_rebuilding_gives_the_same_bytes(tmp_path):
    trees = []
    for name in ("a", "b"):
        root = make_project(tmp_path / name, FIXTURES / "mini" / "seeds")
        assert briefing(root, "generate").returncode == 0
        trees.append(tree_bytes(root / "docs" / "data"))
        again = briefing(root, "generate")
        assert "0 written" in again.stdout, again.stdout
    assert len(trees[0]) == 2 * len(TABLES) + 1 + 5 + 1
    assert trees[0] == trees[1]


FORMULA = '=HYPERLINK("http://example.invalid","</script>🦊")'


def test_a_formula_in_a_note_is_text_in_the_csv_and_exact_in_the_json(mini_project):
    folder = mini_project / "seeds" / "sources" / MINI_SOURCE
    (folder / "article.txt").write_text(
        (folder / "article.txt").read_text("utf-8") + f"A sign read {FORMULA} on the gate.\n", "utf-8"
    )
    notes = yaml.safe_load((folder / "statements.yml").read_text("utf-8"))
    notes["statements"].append(
        {
            "id": "sign",
            "speaker": "ada-lund",
            "quote": FORMULA,
            "paraphrase": "-1 for the harbour",
            "evidence": {"passage": f"A sign read {FORMULA}"},
        }
    )
    dump(folder / "statements.yml", notes)
    result = briefing(mini_project, "generate")
    assert result.returncode == 0, result.stderr
    data = mini_project / "docs" / "data"
    row = next(r for r in json.loads((data / "statements.json").read_text("utf-8")) if r["id"] == "sign")
    assert row["quote"] == FORMULA and row["paraphrase"] == "-1 for the harbour"
    with open(data / "statements.csv", newline="", encoding="utf-8") as handle:
        cells = next(r for r in csv.DictReader(handle) if r["id"] == "sign")
    assert cells["quote"] == "'" + FORMULA and cells["paraphrase"] == "'-1 for the harbour"
