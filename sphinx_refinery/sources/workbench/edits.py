"""The lines of a page and the changes planned for them, and the new text they
make: added lines take the place of spare empty lines next to them, so that
the lines after keep their numbers."""

from __future__ import annotations


class LineEdits:
    """Changes to ``lines``: lines replaced, lines added before or after a line."""

    def __init__(self, lines: list[str], *, keep_lines: bool = True) -> None:
        self.lines = lines
        self.keep_lines = keep_lines
        #: Line index -> new text of that line.
        self.main: dict[int, str] = {}
        #: Line index -> lines added before it (index len(lines): at the end).
        self.before: dict[int, list[str]] = {}
        #: Line index -> lines added right after it.
        self.after: dict[int, list[str]] = {}
        #: Empty lines (outside code) that may give way to added lines.
        self.spare: set[int] = set()
        #: Lines that are fences or labels written here.
        self.structural: set[int] = set()

    def add_before(self, index: int, *texts: str) -> None:
        self.before.setdefault(index, []).extend(texts)

    def set_line(self, index: int, text: str, *, structural: bool = True) -> None:
        self.main[index] = text
        if structural:
            self.structural.add(index)
        if not text.strip():
            self.spare.add(index)

    @property
    def changed(self) -> bool:
        return bool(self.main or self.before or self.after)

    def render(self) -> list[str]:
        """The new lines; added lines take the place of spare empty lines next to them."""
        # (text, source index or -1 if added, structural)
        items: list[tuple[str, int, bool]] = []
        lines = self.lines
        for index in range(len(lines) + 1):
            items.extend((text, -1, True) for text in self.before.get(index, ()))
            if index == len(lines):
                break
            text = self.main.get(index, lines[index])
            items.append((text, index, index in self.structural))
            items.extend((text, -1, True) for text in self.after.get(index, ()))
        dropped = [False] * len(items)
        if not self.keep_lines:
            # For a person's eyes: no runs of empty lines where headings became titles.
            out: list[str] = []
            for text, index, _ in items:
                if not (out and not out[-1].strip() and index in self.spare and not text.strip()):
                    out.append(text)
            return out

        def spare(position: int) -> bool:
            text, index, _ = items[position]
            last = index == len(lines) - 1  # the end of the text stays where it is
            return index in self.spare and not text.strip() and not dropped[position] and not last

        def outside_ok(position: int, step: int) -> bool:
            """An empty line may go unless it ends an HTML block on the other side."""
            other = position + step
            while 0 <= other < len(items) and dropped[other]:
                other += step
            return not (0 <= other < len(items)) or not items[other][0].lstrip().startswith("<")

        for position, (_text, index, _structural) in enumerate(items):
            if index != -1:
                continue
            for step in (-1, 1):
                other = position + step
                while 0 <= other < len(items) and (dropped[other] or items[other][2]):
                    other += step
                if 0 <= other < len(items) and spare(other) and outside_ok(other, step):
                    dropped[other] = True
                    break
        return [text for (text, _, _), gone in zip(items, dropped, strict=True) if not gone]
