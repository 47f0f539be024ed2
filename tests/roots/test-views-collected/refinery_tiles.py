"""Tiles for a small floor."""


def area(width, height):
    """The area of a floor of ``width`` by ``height``."""
    return width * height


def tiles_needed(width, height, tile=1):
    """How many square tiles of side ``tile`` cover the floor."""
    return -(-area(width, height) // (tile * tile))
