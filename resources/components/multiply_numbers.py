"""Multiply two numbers and return the product."""


def multiply_numbers(a: float, b: float) -> float:
    return a * b
