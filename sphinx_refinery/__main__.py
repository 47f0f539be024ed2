"""``python -m sphinx_refinery``: the ``sphinx-refinery`` command."""

from .cli.main import main

raise SystemExit(main())
