# kfp 2 resources given by a pipeline parameter or a task output: kfp writes placeholders in
# the new resource fields, adds the values as task inputs, and (its own quirk) makes no
# dependency on the producing task; inside a loop the reference is not passed into the loop.
# Literal resources set memory first: kfp 2 writes them the same either way.
from kfp import compiler, dsl


@dsl.component
def memory() -> str:
    return "1Gi"


@dsl.component
def work(n: int) -> int:
    return n


@dsl.pipeline(name="resources-from-values")
def resources_from_values(cpu: str = "500m", gpus: str = "1", kind: str = "nvidia.com/gpu"):
    mem = memory()
    work(n=1).set_cpu_limit(cpu).set_memory_limit(mem.output).set_cpu_request("250m")
    work(n=2).set_accelerator_type(kind).set_accelerator_limit(gpus)
    with dsl.ParallelFor([1, 2]) as item:
        work(n=item).set_cpu_limit(cpu)
    work(n=3).set_memory_limit("1G").set_cpu_limit("1")   # (the order kfp 1 would keep)


if __name__ == "__main__":
    compiler.Compiler().compile(resources_from_values, "pipeline.yaml")
