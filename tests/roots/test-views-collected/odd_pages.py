"""An extension that adds pages the odd ways ``html-collect-pages`` allows: one
pagename yielded twice (the second wins), one page without a body, and a link
to a page yielded after the page that links to it."""


def collect(app):
    later = app.builder.get_relative_uri("odd/twice", "odd/bodiless")
    yield "odd/twice", {"title": "Twice", "body": "<p>The first time.</p>"}, "page.html"
    body = f'<p>The second time. <a class="odd-link" href="{later}">No body</a></p>'
    yield "odd/twice", {"title": "Twice", "body": body}, "page.html"
    yield "odd/bodiless", {"title": "No body"}, "page.html"


def setup(app):
    app.connect("html-collect-pages", collect)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
