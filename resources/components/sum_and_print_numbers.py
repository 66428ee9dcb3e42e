"""Print the sum of two numbers (from the tutorial)."""


def sum_and_print_numbers(number_1: int, number_2: int):
    print(number_1 + number_2)
