"""Tell whether a whole number is even."""


def is_even(number: int) -> bool:
    return number % 2 == 0
