# kfp 2 task settings: display names, caching off, retries (count only, and with backoff),
# CPU/memory requests and limits (millicores, fractions, binary and decimal units), an
# accelerator type and count, environment variables, ignore_upstream_failure.
from kfp import compiler, dsl


@dsl.component
def step(text: str) -> str:
    return text


@dsl.component
def tidy(text: str = "none"):
    print(text)


@dsl.pipeline(name="task-settings")
def task_settings(text: str = "hi"):
    first = step(text=text).set_display_name("First step").set_caching_options(False)
    second = step(text=first.output).set_retry(3)
    third = step(text=second.output).set_retry(
        num_retries=2, backoff_duration="30s", backoff_factor=1.5, backoff_max_duration="1h")
    sized = step(text="sized")
    sized.set_cpu_request("500m").set_cpu_limit("2").set_memory_request("512Mi")
    sized.set_memory_limit("2G")
    gpu = step(text="gpu").set_accelerator_type("nvidia.com/gpu").set_accelerator_limit(2)
    gpu.set_env_variable("MODE", "fast").set_env_variable("LEVEL", "3")
    step(text="one gpu").set_accelerator_type("NVIDIA_TESLA_T4")
    step(text="cpu").set_cpu_limit("0.5").set_memory_limit("1Ki")
    tidy(text=third.output).ignore_upstream_failure()


if __name__ == "__main__":
    compiler.Compiler().compile(task_settings, "pipeline.yaml")
