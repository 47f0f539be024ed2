"""Count the lines of every CSV file in a folder."""

import sys
from pathlib import Path


def count_lines(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _ in handle)


if __name__ == "__main__":
    for path in sorted(Path(sys.argv[1]).glob("*.csv")):
        print(path.name, count_lines(path))
