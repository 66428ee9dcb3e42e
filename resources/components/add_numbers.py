"""Add two numbers and return the sum."""


def add_numbers(a: float, b: float) -> float:
    return a + b
