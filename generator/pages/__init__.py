"""Stage 4, render: the linked notes as Markdown pages, through Jinja2 templates.

Python chooses and orders what a page shows (a context dataclass, contexts.py); the template
decides how it looks. Every value a template prints is escaped unless it is ``SafeMarkdown``
(links, citations, sanitised prose). One module per noun:

- ``page``: the generated page and the URLs between pages; ``shown_dates``: dates as pages print them
- ``links``: the link helpers a template calls (``h``); ``templating``: the Jinja environment
- ``contexts``, ``overview_contexts``: what each template is given (entity pages; home, overview
  and section pages)
- ``paging``: long listing and overview pages cut into group pages
- ``builder``: what every page builder shares; ``entity_pages``, ``overview_pages``,
  ``section_indexes``: the builders by family; ``renderer``: all of them, as ``render_all`` runs them
"""
