"""``example``: show a piece of MyST source beside what it renders to.

Every example in these docs is written once, inside this directive, so the
source shown is exactly what was rendered, and building the docs with ``-W``
checks every example.
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective


class ExampleDirective(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict] = {"language": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        container = nodes.container(classes=["showcase"])
        if self.arguments:
            container += nodes.rubric("", self.arguments[0])
        code = nodes.literal_block(source, source, language=self.options.get("language", "md"))
        code["classes"].append("showcase-source")
        container += code
        result = nodes.container(classes=["showcase-result"])
        self.state.nested_parse(self.content, self.content_offset, result)
        container += result
        return [container]


def setup(app):
    app.add_directive("example", ExampleDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
