"""The list of whole numbers from start up to (not including) stop."""


def make_range(start: int, stop: int) -> list:
    return list(range(start, stop))
