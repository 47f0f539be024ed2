"""``python -m sphinx_refinery``: the ``sphinx-refinery`` command."""

from .cli import main

raise SystemExit(main())
