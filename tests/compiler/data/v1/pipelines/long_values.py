import kfp
from kfp.components import create_component_from_func
from kfp.dsl import pipeline


@create_component_from_func
def a_component_with_a_really_quite_long_function_name_for_folding(first_parameter_name: str, second_parameter_name: str = "default value that is fairly long as well, with commas, and: colons") -> str:
    return first_parameter_name + second_parameter_name


@pipeline(name="A pipeline with a long name: for folding of the metadata annotations", description="A long description A long description A long description A long description A long description A long description A long description A long description ")
def long_values(a_long_pipeline_parameter_name: str = "a long default value a long default value a long default value a long default value a long default value a long default value ", other: str = "yes"):
    t = a_component_with_a_really_quite_long_function_name_for_folding(a_long_pipeline_parameter_name, other)
    a_component_with_a_really_quite_long_function_name_for_folding(t.output, "line one\nline two")
    a_component_with_a_really_quite_long_function_name_for_folding("x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x ")
    a_component_with_a_really_quite_long_function_name_for_folding("yes", "No")


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(long_values, __file__[:-3] + ".yaml")
