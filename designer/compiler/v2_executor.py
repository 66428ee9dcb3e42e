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


def _pip_install(parts: list[str]) -> str:
    quoted = " ".join(repr(str(p)) for p in parts)
    return f"python3 -m pip install --quiet --no-warn-script-location {quoted}"


def install_command(packages: list[str], kfp_version: str) -> list[str]:
    """The ``sh -c`` pip prelude; kfp is not added when a package starts with "kfp"."""
    inject_kfp = not any(p.startswith("kfp") for p in packages)
    if not inject_kfp and not packages:
        return []
    commands = []
    if packages:
        commands.append(_pip_install(packages))
        if inject_kfp:
            commands.append(" && ")
    if inject_kfp:
        commands.append(_pip_install([f"kfp=={kfp_version}", "--no-deps",
                                      'typing-extensions>=3.7.4,<5; python_version<"3.9"']))
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
              packages: list[str], kfp_version: str) -> dict:
    """The executor's ``container`` mapping (as MessageToDict writes it)."""
    return {
        "args": ["--executor_input", "{{$}}", "--function_to_execute", function_name],
        "command": install_command(packages, kfp_version)
        + ["sh", "-ec", _RUN_SCRIPT, embedded_module(source)],
        "image": base_image or DEFAULT_BASE_IMAGE,
    }
