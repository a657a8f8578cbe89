"""The Jinja environment pages are rendered with: Markdown escaping at the point of output.

Every value a template prints passes ``finalize`` (``escape_md``) unless it is ``SafeMarkdown``:
links, citations and sanitised prose, made by the link helpers (links.py), and the output of
a template's own macros, which escaped every value inside them. A macro's output is marked so
here, once, instead of by a ``|safe_md`` at every call that, forgotten, escapes it twice.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.compiler import CodeGenerator, Frame, MacroRef
from jinja2.runtime import Macro

from ..markup import SafeMarkdown, escape_html, escape_md
from ..model import EventStatus
from ..positions import STANCE_SIGN
from ..story_page import prose_with_refs
from ..urls import href
from ..wording import quoted
from .shown_dates import format_date


class MarkdownMacro(Macro):
    """A template macro whose output is Markdown already escaped inside it."""

    def _invoke(self, arguments: list[Any], autoescape: bool) -> str:
        return SafeMarkdown(super()._invoke(arguments, autoescape))


class _MacroCodeGenerator(CodeGenerator):
    def macro_def(self, macro_ref: MacroRef, frame: Frame) -> None:
        """Jinja's own macro definition (jinja2/compiler.py), made with the environment's
        ``macro_class``; tests/unit/test_templating.py fails if a Jinja release changes it."""
        arg_tuple = ", ".join(repr(x.name) for x in macro_ref.node.args)
        name = getattr(macro_ref.node, "name", None)
        if len(macro_ref.node.args) == 1:
            arg_tuple += ","
        self.write(
            f"environment.macro_class(environment, macro, {name!r}, ({arg_tuple}),"
            f" {macro_ref.accesses_kwargs!r}, {macro_ref.accesses_varargs!r},"
            f" {macro_ref.accesses_caller!r}, context.eval_ctx.autoescape)"
        )


class MarkdownEnvironment(jinja2.Environment):
    """Templates that write Markdown: values escaped as they are printed, macros' output not again."""

    code_generator_class = _MacroCodeGenerator
    macro_class = MarkdownMacro


def markdown_environment() -> jinja2.Environment:
    """Templates in generator/templates that write Markdown: every printed value escaped (``finalize``),
    an unknown name an error; each user adds the filters its templates use."""
    return MarkdownEnvironment(
        loader=jinja2.PackageLoader("generator", "templates"),
        finalize=escape_md,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def page_environment() -> jinja2.Environment:
    """The environment of the page templates (generator/templates)."""
    env = markdown_environment()
    env.filters.update(date=format_date, html=escape_html, md=escape_md, href=href, quoted=quoted)
    env.globals.update(EventStatus=EventStatus, prose_with_refs=prose_with_refs, STANCE_SIGN=STANCE_SIGN)
    return env
