"""briefing: notes on news articles in, a searchable static briefing site out.

Stages, one module each: load -> validate (+ evidence) -> link -> render -> write.
"""
