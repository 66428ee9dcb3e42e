# `packages_to_install`: kfp prepends a pip install to the container command.
import sys

import kfp
from kfp import dsl
from kfp.components import create_component_from_func


def fetch_status(url: str) -> int:
    import requests
    return requests.get(url, timeout=10).status_code


def summarize(values: list) -> float:
    import numpy
    return float(numpy.mean(values))


fetch_status_op = create_component_from_func(fetch_status, packages_to_install=["requests==2.31.0"])
summarize_op = create_component_from_func(
    summarize, base_image="python:3.10", packages_to_install=["numpy<2", "pandas"])


@dsl.pipeline(name="packages-to-install")
def packages_to_install(url: str = "https://example.com"):
    fetch_status_op(url=url)
    summarize_op(values=[3, 1, 4, 1, 5])


if __name__ == "__main__":
    kfp.compiler.Compiler().compile(packages_to_install, sys.argv[1])
