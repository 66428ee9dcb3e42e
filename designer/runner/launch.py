"""Getting a task's argv past the kernel's limits on command lines.

Linux refuses to start a program with any argument over 128 KiB (MAX_ARG_STRLEN) or
with all of them over about a quarter of the stack limit: "Argument list too long". kfp
passes a lightweight component's whole source and every input value on its command
line, so a large source or value cannot start. For the wrapper kfp writes around Python
functions (``sh -ec <write $0 to a file, run it> <source> <args>...``) the runner can do
what that wrapper does without the command line: the source goes to a file, the
arguments to a JSON file, and a short bootstrap sets ``sys.argv`` and runs the program
as ``__main__``, which then sees exactly the arguments kfp would have given it. Any
other command that is too long is refused with a message instead of a traceback.

A cluster has the same limit, so the run warns that such a task may not start there.
"""
from __future__ import annotations

import json
from pathlib import Path

# The v1 compiler's wrapper text, recognised to the byte (kfp 1.8.9 writes the same).
from designer.compiler.v1_program import _PROGRAM_LAUNCHER

ARG_LIMIT = 128 * 1024 - 1          # bytes per argument, its terminating NUL aside
TOTAL_LIMIT = 1024 * 1024           # bytes for all arguments (Linux: stack limit / 4, >= 2 MiB
                                    # with the default 8 MiB stack; the environment shares it)

# The program gets the argv kfp would give it; sys.path[0] as for `python3 program.py`.
_BOOTSTRAP = ("import json, os, runpy, sys\n"
              "program, arguments = sys.argv[1], sys.argv[2]\n"
              "with open(arguments, encoding='ascii') as f:\n"
              "    sys.argv = [program] + json.load(f)\n"
              "sys.path[0] = os.path.dirname(os.path.abspath(program))\n"
              "runpy.run_path(program, run_name='__main__')\n")


class TooLong(ValueError):
    """A command line the kernel would refuse, for a program the runner cannot relaunch."""


def _size(arg: str) -> int:
    return len(arg.encode("utf-8", "surrogateescape")) + 1


def oversize(argv: list[str]) -> str | None:
    """Why the kernel would refuse ``argv``, or None when it fits."""
    longest = max(argv, key=_size, default="")
    if _size(longest) > ARG_LIMIT:
        return (f"one argument is {_size(longest) // 1024} KiB; Linux starts no program with "
                f"an argument over 128 KiB")
    total = sum(_size(a) for a in argv)
    if total > TOTAL_LIMIT:
        return f"its arguments total {total // 1024} KiB, over the {TOTAL_LIMIT // 1024} KiB " \
               "a command line safely holds"
    return None


def launchable(argv: list[str], work_dir: Path) -> list[str]:
    """``argv`` itself when it fits; otherwise an equivalent that reads the program and its
    arguments from files written in ``work_dir``, or TooLong when there is none. An
    argument holding NUL is a ValueError either way: no command line can carry it (the
    files could, and the task would then see what a cluster never gives it)."""
    if any("\0" in a for a in argv):
        raise ValueError("an argument holds a NUL character, which no command line can carry")
    why = oversize(argv)
    if why is None:
        return argv
    if len(argv) >= 4 and argv[:3] == ["sh", "-ec", _PROGRAM_LAUNCHER]:
        work_dir.mkdir(parents=True, exist_ok=True)
        program = work_dir / "program.py"
        program.write_bytes(argv[3].encode("utf-8", "surrogateescape"))
        arguments = work_dir / "arguments.json"
        # ASCII JSON keeps lone surrogates (undecodable bytes of a value) as escapes.
        arguments.write_text(json.dumps(argv[4:]), encoding="ascii")
        launched = ["python3", "-u", "-c", _BOOTSTRAP, str(program), str(arguments)]
        if oversize(launched) is None:
            return launched
    raise TooLong(f"the task's command line cannot start: {why}")

