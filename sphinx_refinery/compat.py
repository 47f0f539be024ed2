"""Small shims over Sphinx APIs that differ between Sphinx 8.2 and 9."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def builder_of(env: BuildEnvironment) -> Builder:
    """The running builder (``SphinxTransform.app`` is deprecated in Sphinx 9)."""
    app = getattr(env, "_app", None) or env.app  # Sphinx 9 renamed env.app
    return app.builder
