# kfp 2 task settings: display names, caching, retries with backoff, resources (cpu,
# memory, accelerators; set_accelerator_type's default count), environment variables (set
# twice), ignore_upstream_failure, string-building arguments with parameters and run
# placeholders. Read by test_kfp_python_structure.py (kfp-kubernetes settings are covered
# by test_kfp_python_settings.py: the kfp 2 oracle venv does not carry it).
from kfp import dsl


@dsl.component
def train(epochs: int, tag: str = "") -> str:
    return f"{epochs}{tag}"


@dsl.pipeline(name="settings-v2")
def settings(epochs: int = 3, name: str = "run"):
    t = (train(epochs=epochs, tag=f"{name}-{dsl.PIPELINE_JOB_NAME_PLACEHOLDER}")
         .set_display_name("Train")
         .set_caching_options(False)
         .set_retry(3, backoff_duration="10s", backoff_factor=2.0,
                    backoff_max_duration="600s"))
    t.set_cpu_request("500m").set_cpu_limit("2").set_memory_request("1G")
    t.set_memory_limit("4Gi").set_accelerator_type("NVIDIA_TESLA_T4")
    t.set_env_variable("MODE", "fast").set_env_variable("LEVEL", "1")
    t.set_env_variable("MODE", "slow")
    u = train(epochs=1, tag="%s/%s" % (name, dsl.PIPELINE_TASK_ID_PLACEHOLDER))
    u.set_accelerator_limit(2).set_accelerator_type("TPU_V3")
    train(epochs=2, tag="{}:{}".format(name, t.output)).ignore_upstream_failure()
