"""Print a number and pass it on (from the tutorial)."""


def print_and_return_number(number: int) -> int:
    print(number)
    return number
