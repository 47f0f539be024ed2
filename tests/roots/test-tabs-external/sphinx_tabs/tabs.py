"""A stand-in for ``sphinx_tabs.tabs``: registers ``tabs`` and ``tab`` of its own."""

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class FakeTabs(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self):
        node = nodes.container(classes=["fake-sphinx-tabs"])
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def setup(app):
    app.add_directive("tabs", FakeTabs)
    app.add_directive("tab", FakeTabs)
    return {"parallel_read_safe": True}
