# kfp 2 `@dsl.component` install options: `kfp_package_path` (what pip installs instead of
# kfp==<version>; a pull request's ref adds --no-deps), `pip_index_urls` (the first one is the
# index, each one a trusted host, for the packages and for kfp) and `target_image` (a
# containerized Python component: its image already holds kfp and the function).
from kfp import compiler, dsl

REPO = "git+https://github.com/kubeflow/pipelines"


@dsl.component(base_image="python:3.11",
               kfp_package_path=REPO + "#egg=kfp&subdirectory=sdk/python")
def from_git(n: int) -> int:
    return n + 1


@dsl.component(base_image="python:3.11",
               kfp_package_path=f"{REPO}@refs/pull/1/head#subdirectory=sdk/python")
def from_pull_request(n: int) -> int:
    return n * 2


@dsl.component(base_image="python:3.11", packages_to_install=["numpy"],
               pip_index_urls=["https://pypi.org/simple", "https://mirror.example/simple"])
def from_mirror(n: int) -> str:
    return str(n)


@dsl.component(base_image="python:3.11", target_image="registry.example/team/steps:v1",
               packages_to_install=["requests"])
def in_its_image(text: str) -> str:
    return text.upper()


@dsl.pipeline(name="install-options")
def install_options(n: int = 1):
    a = from_git(n=n)
    b = from_pull_request(n=a.output)
    c = from_mirror(n=b.output)
    in_its_image(text=c.output)


if __name__ == "__main__":
    compiler.Compiler().compile(install_options, "install_options.yaml")
