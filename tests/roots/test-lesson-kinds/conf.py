from sphinx_refinery.blocks.custom import BlockDirective

project = "Lesson kinds"
extensions = ["sphinx_refinery"]
html_theme = "sphinx_refinery"
exclude_patterns = ["_build"]
copyright = "2026, The test authors"

refinery_block_kinds = [
    {
        "name": "signature",
        "title": "Signature",
        "icon": "keyboard",
        "colour": "blue",
        "latex_colour": "1565C0",
    },
    {"name": "puzzle", "title": "Puzzle", "colour": "orange", "exercise": True},
    {"name": "backstage", "audience": "instructor", "collapsible": True},
]


# Declared as sphinx-lesson lessons did, with a class per kind.
class Walk_ThroughDirective(BlockDirective):
    extra_classes = ["toggle-shown", "dropdown"]


class DemoDirective(BlockDirective):
    extra_classes = ["dropdown"]
    title_text = "Live demo"


def setup(app):
    for directive in (Walk_ThroughDirective, DemoDirective):
        app.add_directive(directive.get_cssname(), directive)
