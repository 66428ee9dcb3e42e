from kfp import dsl


@dsl.component
def print_and_return_number(number: int) -> int:
    print(number)
    return number


@dsl.component
def sum_and_print_numbers(number_1: int, number_2: int):
    print(number_1 + number_2)


@dsl.pipeline(name="example_pipeline")
def example_pipeline(number_1: int, number_2: int):
    number_1_result = print_and_return_number(number=number_1)
    number_2_result = print_and_return_number(number=number_2)

    sum_result = sum_and_print_numbers(
        number_1=number_1_result.output, number_2=number_2_result.output
    )

