"""A garden of a few beds."""
