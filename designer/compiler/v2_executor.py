"""The container a kfp 2 lightweight Python component runs in.

Mirrors kfp 2.17.3's ``dsl/component_factory.py``: a ``sh -c`` prelude that pip
installs the packages and kfp itself, then ``sh -ec`` writing the embedded
module (kfp's imports plus the function's source) to a file that
``kfp.dsl.executor_main`` runs.
"""
from __future__ import annotations

import itertools
import textwrap

DEFAULT_KFP_VERSION = "2.17.3"
# kfp 2.17.3's default (a FutureWarning says it moves to python:3.12 in 2027).
DEFAULT_BASE_IMAGE = "python:3.11"
EXECUTOR_MODULE = "kfp.dsl.executor_main"

_INSTALL_SCRIPT = '''
if ! [ -x "$(command -v pip)" ]; then
    python3 -m ensurepip || python3 -m ensurepip --user || apt-get install python3-pip
fi

PIP_DISABLE_PIP_VERSION_CHECK=1 {pip_install_commands} && "$0" "$@"
'''

# Written exactly as kfp writes it: the backslash-newlines join the lines, so the
# indentation of the continued lines stays inside the command.
_RUN_SCRIPT = textwrap.dedent(f'''\
                    program_path=$(mktemp -d)

                    printf "%s" "$0" > "$program_path/ephemeral_component.py"
                    _KFP_RUNTIME=true python3 -m {EXECUTOR_MODULE} \
                        --component_module_path \
                        "$program_path/ephemeral_component.py" \
                        "$@"
                ''')

_IMPORTS = "\n".join(["import kfp", "from kfp import dsl", "from kfp.dsl import *",
                      "from typing import *"])


def _pip_install(parts: list[str], index_options: str = "") -> str:
    quoted = " ".join(repr(str(p)) for p in parts)
    return f"python3 -m pip install --quiet --no-warn-script-location {index_options}{quoted}"


def index_options(urls: list[str] | tuple[str, ...]) -> str:
    """kfp's ``make_index_url_options`` without trusted hosts of its own: the first URL
    is the index, the others extra ones, and each is also a trusted host."""
    if not urls:
        return ""
    options = [f"--index-url {urls[0]}", *(f"--extra-index-url {u}" for u in urls[1:]),
               *(f"--trusted-host {u}" for u in urls)]
    return " ".join(options) + " "


def kfp_package_problem(path: str) -> str | None:
    """Why kfp 2.17.3's output for this ``kfp_package_path`` cannot be known here: it adds
    ``--no-deps`` when the value is a path that exists where kfp compiles."""
    if "://" in path or "@refs/pull/" in path:
        return None
    if "/" in path or "\\" in path or path.startswith((".", "~")) or path.endswith(
            (".whl", ".tar.gz", ".zip")):
        return ("it names a local file, and kfp adds `--no-deps` when that file exists "
                "where kfp compiles, which the designer cannot know; give a URL or a "
                "requirement such as kfp==2.17.3")
    return None


def install_command(packages: list[str], kfp_version: str, *,
                    kfp_package_path: str | None = None,
                    pip_index_urls: list[str] | tuple[str, ...] = (),
                    target_image: str | None = None) -> list[str]:
    """The ``sh -c`` pip prelude (kfp 2.17.3's ``_get_packages_to_install_command``); kfp
    is not added when a package starts with "kfp", nor for a target image."""
    inject_kfp = target_image is None and not any(p.startswith("kfp") for p in packages)
    if not inject_kfp and not packages:
        return []
    options = index_options(pip_index_urls)
    commands = []
    if packages:
        commands.append(_pip_install(packages, options))
        if inject_kfp:
            commands.append(" && ")
    if inject_kfp and kfp_package_path:
        extra = ["--no-deps"] if "@refs/pull/" in kfp_package_path else []
        commands.append(_pip_install([kfp_package_path, *extra], options))
    elif inject_kfp:
        commands.append(_pip_install([f"kfp=={kfp_version}", "--no-deps",
                                      'typing-extensions>=3.7.4,<5; python_version<"3.9"'],
                                     options))
    return ["sh", "-c", _INSTALL_SCRIPT.format(pip_install_commands=" ".join(commands))]


def function_source(source: str) -> str:
    """The function text as kfp 2 embeds it: ``inspect.getsource`` (whole lines, one
    final newline), dedented, with anything before the ``def`` line dropped."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    text = textwrap.dedent("\n".join(lines) + "\n")
    return "\n".join(itertools.dropwhile(lambda line: not line.startswith("def"),
                                         text.split("\n")))


def embedded_module(source: str) -> str:
    return f"\n{_IMPORTS}\n\n{function_source(source)}\n"


def container(*, function_name: str, source: str, base_image: str | None,
              packages: list[str], kfp_version: str, kfp_package_path: str | None = None,
              pip_index_urls: list[str] | tuple[str, ...] = (),
              target_image: str | None = None) -> dict:
    """The executor's ``container`` mapping (as MessageToDict writes it). With a target
    image (a containerized Python component) the image holds the function's module:
    kfp runs ``kfp.dsl.executor_main`` there, after the packages' install if any."""
    install = install_command(packages, kfp_version, kfp_package_path=kfp_package_path,
                              pip_index_urls=pip_index_urls, target_image=target_image)
    args = ["--executor_input", "{{$}}", "--function_to_execute", function_name]
    if target_image:
        return {"args": args, "command": install + ["python3", "-m", EXECUTOR_MODULE],
                "image": target_image}
    return {
        "args": args,
        "command": install + ["sh", "-ec", _RUN_SCRIPT, embedded_module(source)],
        "image": base_image or DEFAULT_BASE_IMAGE,
    }
