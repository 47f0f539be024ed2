"""The ``sphinx-refinery`` command and what it drives: the lesson template
(new, update), the lesson check, and the Carpentries import."""

from .main import main

__all__ = ["main"]
