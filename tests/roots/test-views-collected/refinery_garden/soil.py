"""Soil for the beds."""


class Bed:
    """A bed of ``length`` metres."""

    def __init__(self, length):
        self.length = length

    def compost(self):
        """Litres of compost the bed needs."""
        return 10 * self.length
