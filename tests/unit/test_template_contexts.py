"""The contract between the page builders and the templates (after Datasette's
test_template_context.py): every field of every template context is documented, typed without
``Any``, and read by the template(s) that show it. A field no template reads is computed for
nothing; an undocumented one leaves the next person to guess what it holds.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import io
import re
import tokenize
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

import generator
from generator.pages import contexts, links, overview_contexts, paging

TEMPLATES = Path(generator.__file__).parent / "templates"
BODIES = ["_section_part_body.md.j2", "_timeline_body.md.j2", "_positions_body.md.j2", "_quotes_body.md.j2"]

# Each context class: the templates that show it (a nested one: those of the context holding it).
# Templates they import or include by name are read too.
SHOWN_BY: dict[type, list[str]] = {
    contexts.StatementItem: ["_macros.md.j2"],
    contexts.Reported: ["_macros.md.j2", "issue.md.j2", "_timeline_body.md.j2"],
    contexts.Version: ["_macros.md.j2"],
    contexts.RoleShown: ["actor.md.j2"],
    contexts.IssueRuns: ["actor.md.j2"],
    contexts.ActorContext: ["actor.md.j2"],
    contexts.DatedEntry: ["issue.md.j2", "_timeline_body.md.j2"],
    contexts.StanceRow: ["issue.md.j2"],
    contexts.ActorStances: ["issue.md.j2"],
    contexts.IssueContext: ["issue.md.j2"],
    contexts.Participant: ["event.md.j2"],
    contexts.EventContext: ["event.md.j2"],
    contexts.Passage: ["source.md.j2"],
    contexts.SourceContext: ["source.md.j2"],
    overview_contexts.EventSummary: ["home.md.j2"],
    overview_contexts.ActorHeld: ["home.md.j2"],
    overview_contexts.StickingPoint: ["home.md.j2"],
    overview_contexts.HomeContext: ["home.md.j2"],
    overview_contexts.TimelineMonth: ["_timeline_body.md.j2"],
    overview_contexts.PositionRow: ["_positions_body.md.j2"],
    overview_contexts.IssuePositions: ["_positions_body.md.j2"],
    overview_contexts.IssueQuotes: ["_quotes_body.md.j2"],
    overview_contexts.SpeakerQuotes: ["_quotes_body.md.j2"],
    overview_contexts.OverviewContext: ["timeline.md.j2", "positions.md.j2", "quotes.md.j2"],
    overview_contexts.SectionEntry: ["section_index.md.j2", "_section_part_body.md.j2"],
    overview_contexts.SectionContext: ["section_index.md.j2"],
    paging.Group: ["section_index.md.j2"],
    paging.Part: ["group_index.md.j2", "group_part.md.j2", "_section_part_body.md.j2"],
    paging.GroupIndexContext: ["group_index.md.j2"],
    # ``body`` is included by name from the context: each body a group page may show.
    paging.GroupPartContext: ["group_part.md.j2", *BODIES],
}
# The contexts templates are given as ``c``: their fields must be read as ``c.<field>``.
GIVEN_AS_C = {
    contexts.ActorContext,
    contexts.IssueContext,
    contexts.EventContext,
    contexts.SourceContext,
    overview_contexts.HomeContext,
    overview_contexts.OverviewContext,
    overview_contexts.SectionContext,
    paging.GroupIndexContext,
    paging.GroupPartContext,
}
# Fields read in Python, not by a template, and why.
READ_IN_PYTHON = {
    (paging.Group, "key"): "names the group's page (paging.cut)",
}
# Fields that hold what differs by page family, and why they cannot say which type.
ANY_ALLOWED = {
    (paging.GroupPartContext, "groups"): "what an overview's body shows: each overview its own type",
    (paging.GroupIndexContext, "parts"): "a part holds a section's entries or an overview's",
    (paging.GroupPartContext, "part"): "as above",
    (paging.GroupPartContext, "previous"): "as above",
    (paging.GroupPartContext, "next"): "as above",
}


def context_classes() -> list[type]:
    """Every dataclass (and named tuple) defined in the modules of template contexts."""
    found = []
    for module in (contexts, overview_contexts, paging):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and value.__module__ == module.__name__
                and (dataclasses.is_dataclass(value) or hasattr(value, "_fields"))
            ):
                found.append(value)
    return found


def field_names(cls: type) -> list[str]:
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls)]
    return list(cls._fields)  # type: ignore[attr-defined]


def documented_fields(cls: type) -> set[str]:
    """Fields with a comment on their line or on the line above, or under ``Attributes:`` in the
    class docstring."""
    source = inspect.getsource(cls)
    tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    comments = {t.start[0] for t in tokens}
    above = {t.start[0] + 1 for t in tokens if t.line.lstrip().startswith("#")}  # a comment line above
    body = ast.parse(source).body[0]
    assert isinstance(body, ast.ClassDef)
    found = {
        node.target.id
        for node in body.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and (node.lineno in comments or node.lineno in above)
    }
    doc = inspect.getdoc(cls) or ""
    if "Attributes:" in doc:
        found |= {line.split(":")[0].strip() for line in doc.split("Attributes:", 1)[1].splitlines() if ":" in line}
    return found


_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES))


def names_read(template: str, seen: set[str] | None = None, of: str | None = None) -> set[str]:
    """Every attribute (``x.name``) and constant key (``x["name"]``) a template reads (only those
    of the variable ``of``, if given), with those of the templates it imports or includes by name."""
    seen = set() if seen is None else seen
    if template in seen:
        return set()
    seen.add(template)
    tree = _env.parse((TEMPLATES / template).read_text(encoding="utf-8"))
    names = {
        node.attr
        for node in tree.find_all(nodes.Getattr)
        if of is None or (isinstance(node.node, nodes.Name) and node.node.name == of)
    }
    names |= {
        node.arg.value
        for node in tree.find_all(nodes.Getitem)
        if of is None and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)
    }
    for node in tree.find_all((nodes.Import, nodes.FromImport, nodes.Include)):
        assert isinstance(node, nodes.Import | nodes.FromImport | nodes.Include)
        if isinstance(node.template, nodes.Const):
            names |= names_read(node.template.value, seen, of)
    return names


def names_read_by_link_helpers() -> set[str]:
    """Attributes the link helpers (``h``) read from what a template hands them (a statement's id)."""
    tree = ast.parse(inspect.getsource(links))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}


def test_every_context_class_says_which_templates_show_it():
    assert set(context_classes()) == set(SHOWN_BY) >= GIVEN_AS_C
    for templates in SHOWN_BY.values():
        for template in templates:
            assert (TEMPLATES / template).is_file(), template


@pytest.mark.parametrize("cls", context_classes(), ids=lambda cls: cls.__name__)
def test_every_field_is_documented(cls):
    missing = [name for name in field_names(cls) if name not in documented_fields(cls)]
    assert not missing, f"{cls.__name__}: document {missing} (a comment on or above the field)"


@pytest.mark.parametrize("cls", context_classes(), ids=lambda cls: cls.__name__)
def test_every_field_is_typed_without_any(cls):
    hints = {name: str(hint) for name, hint in inspect.get_annotations(cls).items()}
    loose = [name for name, hint in hints.items() if re.search(r"\bAny\b", hint) and (cls, name) not in ANY_ALLOWED]
    assert not loose, f"{cls.__name__}: {loose} typed with Any; use the model's types or a named dataclass"


@pytest.mark.parametrize("cls", context_classes(), ids=lambda cls: cls.__name__)
def test_every_field_is_read_by_its_templates(cls):
    if cls in GIVEN_AS_C:
        read = set().union(*(names_read(t, of="c") for t in SHOWN_BY[cls]))
    else:
        read = set().union(*(names_read(t) for t in SHOWN_BY[cls])) | names_read_by_link_helpers()
    unread = [name for name in field_names(cls) if name not in read and (cls, name) not in READ_IN_PYTHON]
    assert not unread, f"{cls.__name__}: no template of {SHOWN_BY[cls]} reads {unread}; drop them or show them"
