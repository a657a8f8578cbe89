"""Escaping at the point of output: every value a page template prints is Markdown-escaped once,
and a macro's output, escaped inside the macro, is printed as it is (not escaped a second time)."""

from __future__ import annotations

import jinja2
import pytest

from generator.pages.templating import MarkdownEnvironment, page_environment

MACRO = "{% macro em(x) %}*{{ x }}*{% endmacro %}"


def render(source: str, **values) -> str:
    return page_environment().from_string(source).render(**values)


@pytest.mark.parametrize(
    "source, values, shown",
    [
        ("{{ x }}", {"x": "a*b_[c](d)"}, r"a\*b\_\[c\](d)"),  # a value: escaped
        (MACRO + "{{ em(x) }}", {"x": "a*b"}, r"*a\*b*"),  # a macro's output: its value escaped, once
        (MACRO + "{{ em(em(x)) }}", {"x": "<b>"}, "**&lt;b&gt;**"),  # a macro's output handed to another
        (MACRO + "{{ em(x) ~ y }}", {"x": "a", "y": "*"}, r"\*a\*\*"),  # joined with a value: escaped as a whole
    ],
)
def test_values_are_escaped_once_and_macros_are_not_escaped_again(source, values, shown):
    assert render(source, **values) == shown


def test_imported_macros_are_markdown_too():
    env = page_environment()
    env.loader = jinja2.DictLoader({"m.j2": MACRO, "page.j2": '{% import "m.j2" as m %}{{ m.em(x) }}'})
    assert env.get_template("page.j2").render(x="_x_") == r"*\_x\_*"


def test_a_safe_md_filter_is_no_longer_there_to_forget_or_to_misuse():
    with pytest.raises(jinja2.TemplateAssertionError):
        page_environment().from_string("{{ x|safe_md }}")


def test_the_macro_definition_is_jinjas_own_but_for_its_class():
    """MarkdownEnvironment repeats Jinja's code for a macro definition: this fails if a Jinja
    release changes that code, so the copy is brought up to date rather than silently stale."""
    source = "{% macro m(a, b=1) %}{{ a }}{{ caller() if caller }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1) }}"
    ours = MarkdownEnvironment().compile(source, raw=True)
    assert "environment.macro_class(environment, macro, 'm'" in ours
    assert ours.replace("environment.macro_class(", "Macro(") == jinja2.Environment().compile(source, raw=True)
