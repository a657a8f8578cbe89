"""The data download: the notes as CSV and JSON tables, described by a Frictionless data package.

Written into ``docs/data/`` with the pages (and owned like them, see write.py), so any
site builder copies it to ``site/data/``: ``<table>.csv`` and ``<table>.json`` for every
table of dataset.py, ``datapackage.json`` describing them, the notes' JSON Schemas under
``schema/``, and the Data page (``data/index.md``) that explains it all. The same notes
give the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

import jinja2

from .corpus import Corpus
from .dataset import TABLES, Column, Dataset, Table, build_dataset
from .link import Links
from .markup import SafeMarkdown, escape_html, escape_md
from .pages.page import Page
from .pages.templating import markdown_environment
from .schema import schemas
from .site_config import SiteConfig

FOLDER = "data"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). In the CSV
# files such a text gets a leading apostrophe, which spreadsheets hide; the JSON files are exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class DataFile:
    """A generated file that is not a page, relative to the docs folder.

    write.py writes every generated file the same way: it asks for the text by ``markdown()``.
    """

    path: str
    text: str
    origin: str | None = None  # made from every note: no one file to edit

    def markdown(self) -> str:
        return self.text


def _csv_cell(column: Column, value: Any) -> str:
    if value is None:
        return ""
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "array":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_csv(table: Table, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, and Frictionless' default dialect
    writer.writerow(table.column_names)
    for row in rows:
        writer.writerow([_csv_cell(column, row[column.name]) for column in table.columns])
    return out.getvalue()


def table_json(rows: list[dict[str, Any]]) -> str:
    """An array of row objects, one row a line."""
    return "[\n" + ",\n".join(json.dumps(row, ensure_ascii=False) for row in rows) + "\n]\n"


def _field(column: Column) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern
    described = {"name": column.name, "type": column.type, "description": column.description}
    return {**described, "constraints": constraints} if constraints else described


def _schema(table: Table) -> dict[str, Any]:
    foreign = [
        {
            "fields": c.name,
            "reference": {"resource": "" if c.references == table.name else c.references, "fields": "id"},
        }
        for c in table.columns
        if c.references
    ]
    schema: dict[str, Any] = {"fields": [_field(c) for c in table.columns], "primaryKey": "id", "missingValues": [""]}
    return {**schema, "foreignKeys": foreign} if foreign else schema


def datapackage(csv_texts: dict[str, str]) -> dict[str, Any]:
    """The Frictionless Data Package descriptor: every table, field, key and file checksum."""
    resources = []
    for table in TABLES:
        data = csv_texts[table.name].encode("utf-8")
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "description": table.description,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": _schema(table),
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "briefing",
        "title": "Briefing: who said what, about which issue, at which event, according to which source",
        "description": "The briefing's notes as tables. Each table is also in <name>.json, an array of "
        "objects with the same fields, where arrays are JSON arrays and text is exact (in "
        "the CSV files, a text starting with = + - @ gets a leading apostrophe so that "
        "spreadsheets do not run it). The notes' JSON Schemas are in schema/.",
        "resources": resources,
    }


@dataclass(frozen=True)
class DataPageContext:
    """``data.md.j2``: what the download holds, table by table."""

    tables: list[tuple[Table, int]]  # each table and its number of rows
    schemas: list[str]  # the notes' JSON Schema files
    data_url: str  # where the files are published, for the example; "" when the site's address is not set


def _environment() -> jinja2.Environment:
    """The data page's and What changed's templates (changes.py uses it too)."""
    env = markdown_environment()
    # raw: the download's own names (tables, fields, files), written here, not taken from the notes.
    env.filters.update(md=escape_md, html=escape_html, raw=SafeMarkdown)
    return env


def data_page(dataset: Dataset, schema_files: list[str], data_url: str = "") -> Page:
    context = DataPageContext([(t, len(dataset.rows[t.name])) for t in TABLES], schema_files, data_url)
    text = _environment().get_template("data.md.j2").render(c=context)
    return Page(f"{FOLDER}/index.md", "Data", text)


def export_files(corpus: Corpus, links: Links, site: SiteConfig | None = None) -> list[Page | DataFile]:
    """The data download's files and its page, sorted by path."""
    dataset = build_dataset(corpus, links, site.page_url) if site else build_dataset(corpus, links)
    csv_texts = {t.name: table_csv(t, dataset.rows[t.name]) for t in TABLES}
    files: list[Page | DataFile] = []
    for table in TABLES:
        files.append(DataFile(f"{FOLDER}/{table.name}.csv", csv_texts[table.name]))
        files.append(DataFile(f"{FOLDER}/{table.name}.json", table_json(dataset.rows[table.name])))
    files.append(
        DataFile(f"{FOLDER}/datapackage.json", json.dumps(datapackage(csv_texts), ensure_ascii=False, indent=1) + "\n")
    )
    schema_texts = schemas()
    files += [DataFile(f"{FOLDER}/schema/{name}", text) for name, text in sorted(schema_texts.items())]
    files.append(data_page(dataset, sorted(schema_texts), site.file_url(f"{FOLDER}/") if site else ""))
    return sorted(files, key=lambda f: f.path)
