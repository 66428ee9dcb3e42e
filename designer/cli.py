"""`kfp-designer`: the designer (default) and its command-line tools.

Only `gui` loads Qt; compile, validate, export-python and run never do.
"""
from __future__ import annotations

import argparse
import os
import sys

from designer import __version__
from designer.ir import Pipeline, errors, validate
from designer.ir.errors import InputError, one_line
from designer.ir.lines import FileLines

COMMANDS = ("gui", "compile", "validate", "export-python", "convert", "run", "cache", "upload",
            "submit", "runs", "endpoints")
EPILOG = """examples:
  kfp-designer                                  open the designer
  kfp-designer --example                        open the designer on the tutorial pipeline
  kfp-designer compile pipeline.py -o out.yaml  kfp Python or .kfpd project -> KFP v1 YAML
  kfp-designer compile p.kfpd --target v2       -> KFP v2 PipelineSpec YAML on stdout
  kfp-designer export-python p.kfpd --target v2 -> kfp v2 Python source
  kfp-designer validate p.kfpd                  list problems; exit 1 on errors
  kfp-designer convert pipeline.py -o p.kfpd    kfp Python -> a project, laid out
  kfp-designer run pipeline.py --param number_1=1 --param number_2=2
  kfp-designer endpoints add local http://localhost:8080   a Kubeflow Pipelines endpoint
  kfp-designer submit p.kfpd --endpoint local --param number_1=1 --watch
  kfp-designer runs p.kfpd --endpoint local     its runs; `--open RUN_ID --save old.kfpd`
  kfp-designer compile several.py --pipeline training   one pipeline of a file with several
  kfp-designer cache info                       where the run cache is, its size; `cache clear`

environment:
  KFP_DESIGNER_CACHE  folder of the run cache (runs-cache/) and task environments (venvs/);
                      default $XDG_CACHE_HOME/kfp-designer or ~/.cache/kfp-designer
"""


def load_input(path: str, args: argparse.Namespace | None = None,
               lines: FileLines | None = None,
               target: str | None = None) -> tuple[Pipeline, dict]:
    """A pipeline and its layout from any file the designer reads, never executing it;
    ``lines`` learns where its objects are in the file; ``target``: the kfp version it is
    read to be compiled for (``ReadOptions.target``)."""
    from dataclasses import replace

    from designer.inputs import ReadOptions, load_project, read_options
    options = read_options(args) if args is not None else ReadOptions()
    project = load_project(path, replace(options, target=target), lines)
    return project.pipeline, project.layout


def where(path: str, lines: FileLines, d) -> str:
    """``path:line`` of the file line a diagnostic is about (``path`` alone if none)."""
    line = lines.line_of(d)
    return f"{path}:{line}" if line else path


def write_output(text: str, out: str | None) -> None:
    """``-o``: stdout for ``-`` or none; else written without damaging anything (fileio:
    devices and FIFOs written through, symlinks kept, read-only files refused)."""
    from designer import fileio
    try:
        fileio.write_output(text, "-" if out is None else out)
    except BrokenPipeError:
        raise
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror or e}", out) from None


def _at_file_line(error: InputError, path: str, lines: FileLines,
                  pipeline: Pipeline) -> InputError:
    """A writer's refusal of a task or component, at that object's line of ``path`` (a
    component defined out of sight: the first call of it)."""
    use = getattr(error, "use", None)
    if error.path is not None or use is None:
        return error
    task_id = use.task_id
    if task_id is None and use.component_id not in lines.components:
        task_id = next((t.id for t in pipeline.tasks if t.component_id == use.component_id),
                       None)
    return InputError(error.message, path,
                      lines.line_of_use(task_id, use.component_id, use.feature))


def _report_errors(pipeline: Pipeline, path: str, lines: FileLines) -> bool:
    """Print the pipeline's errors, one line each; True when there were any."""
    problems = errors(pipeline)
    for d in problems:
        print(one_line(f"{where(path, lines, d)}: error: {d.message}"), file=sys.stderr)
    return bool(problems)


def cmd_compile(args: argparse.Namespace) -> int:
    from designer.compiler import compile_pipeline
    lines = FileLines()
    pipeline, _ = load_input(args.input, args, lines, args.target)
    if _report_errors(pipeline, args.input, lines):
        return 2
    try:
        text = compile_pipeline(pipeline, args.target, kfp_version=args.kfp_version)
    except InputError as e:
        raise _at_file_line(e, args.input, lines, pipeline) from None
    write_output(text, args.output)
    return 0


def cmd_export_python(args: argparse.Namespace) -> int:
    from designer.compiler.python_source import export_python
    lines = FileLines()
    pipeline, _ = load_input(args.input, args, lines)
    if _report_errors(pipeline, args.input, lines):
        return 2
    try:
        text = export_python(pipeline, args.target)
    except InputError as e:
        raise _at_file_line(e, args.input, lines, pipeline) from None
    write_output(text, args.output)
    return 0


def cmd_convert(args: argparse.Namespace) -> int:
    """INPUT as a project file with every node placed (as the designer would place them on
    opening INPUT, with estimated text widths: no Qt here)."""
    from designer import persist
    from designer.inputs import load_project, with_readable_ids
    from designer.model.node_geometry import initial_layout
    project = load_project(args.input)
    if not args.input.lower().endswith(persist.EXTENSION):
        project = with_readable_ids(project)      # imported ids are random
    project.layout = initial_layout(project.pipeline, project.layout)
    write_output(persist.dumps(project), args.output)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    lines = FileLines()
    pipeline, _ = load_input(args.input, args, lines)
    problems = validate(pipeline)
    for d in problems:
        print(one_line(f"{where(args.input, lines, d)}: {d.severity}: {d.message}"))
    n_err = sum(d.is_error for d in problems)
    if not problems:
        print(one_line(f"{args.input}: ok ({len(pipeline.tasks)} tasks, {len(pipeline.params)} "
                       "parameters)"))
    return 1 if n_err else 0


def cmd_gui(args: argparse.Namespace) -> int:
    # Before Qt loads: Qt aborts the process when it cannot open a display or load its
    # platform plugin, with no word of the packages to install or of the CLI.
    from designer.display import display_problem, report
    problem = display_problem(os.environ)
    if problem:
        print(report(problem), file=sys.stderr)
        return 2
    from designer.ui.app import run_gui
    return run_gui(args.file, example=args.example)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; the runner's options are loaded only when ``command`` is run (start-up time)."""
    parser = argparse.ArgumentParser(
        prog="kfp-designer", description="Build Kubeflow pipelines visually; compile them to "
        "KFP v1/v2 YAML and kfp Python.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the designer (the default command)")
    gui.add_argument("file", nargs="?", help="a .kfpd project or kfp Python file to open")
    gui.add_argument("--example", action="store_true", help="open the bundled tutorial pipeline")
    gui.set_defaults(func=cmd_gui)

    def with_input(p: argparse.ArgumentParser) -> None:
        p.add_argument("input", nargs="?", help="kfp Python file (.py) or project (.kfpd)")
        p.add_argument("--example", action="store_true",
                       help="use the bundled tutorial pipeline as INPUT")
        from designer.inputs import add_read_options
        add_read_options(p)

    comp = sub.add_parser("compile", help="compile to KFP YAML")
    with_input(comp)
    comp.add_argument("-o", "--output", help="output file ('-' or omitted: stdout)")
    comp.add_argument("--target", choices=("v1", "v2"), default="v1",
                      help="v1: Argo Workflow as kfp 1.8.9 writes it; v2: PipelineSpec (kfp 2.x)")
    comp.add_argument("--kfp-version", help="v2: the kfp version the executors pip-install")
    comp.set_defaults(func=cmd_compile)

    exp = sub.add_parser("export-python", help="write the pipeline as kfp Python source")
    with_input(exp)
    exp.add_argument("-o", "--output", help="output file ('-' or omitted: stdout)")
    exp.add_argument("--target", choices=("v1", "v2"), default="v1",
                     help="kfp SDK style: v1 (kfp 1.8 DSL) or v2 (kfp 2 DSL); what that SDK "
                          "lacks (v1: If/Elif/Else, artifacts, OneOf; v2: ContainerOp, "
                          "VolumeOp, PipelineConf) is refused")
    exp.set_defaults(func=cmd_export_python)

    conv = sub.add_parser("convert", help="write INPUT as a designer project (.kfpd), laid out")
    with_input(conv)
    conv.add_argument("-o", "--output", help="the project file ('-' or omitted: stdout)")
    conv.set_defaults(func=cmd_convert)

    val = sub.add_parser("validate", help="list the pipeline's problems; exit 1 on errors")
    with_input(val)
    val.set_defaults(func=cmd_validate)

    run = sub.add_parser("run", help="run the pipeline locally (see run --help)")
    with_input(run)
    if command in ("run", None):
        from designer.runner.cli import add_arguments, run_main
        add_arguments(run)
        run.set_defaults(func=run_main)
    if command in ("upload", "submit", "runs", "endpoints", None):
        from designer.cluster.cli import add_arguments as add_cluster_arguments
        add_cluster_arguments(sub)

    cache = sub.add_parser("cache", help="show or empty the run cache (see cache --help)")
    if command in ("cache", None):
        from designer.runner import cache_cli
        cache_cli.add_arguments(cache)
        cache.set_defaults(func=cache_cli.cache_main)
    return parser


def unknown_command(word: str) -> str | None:
    """Why ``word`` (the first argument) is neither a command nor a file to open; None when
    it may be a file. A word with no file suffix that names no file is a mistyped command."""
    import difflib
    if os.path.exists(word) or os.path.splitext(word)[1]:
        return None
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    if close:
        return f"unknown command '{word}' (did you mean '{close[0]}'?)"
    return (f"'{word}' is neither a command ({', '.join(COMMANDS)}) nor a file to open")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and not argv[0].startswith("-"):
        problem = unknown_command(argv[0])
        if problem:
            build_parser("gui").error(problem)   # usage and the message on stderr, exit 2
    if not argv or (argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version")):
        argv.insert(0, "gui")
    args = build_parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    if getattr(args, "example", False) and args.command != "gui":
        if args.input:
            print(f"kfp-designer {args.command}: give INPUT or --example, not both",
                  file=sys.stderr)
            return 2
        from designer.inputs import example_path
        args.input = str(example_path())
    optional = ("gui", "endpoints", "cache", "runs")     # runs: --name or --open will do
    if args.command not in optional and not args.input:
        print(f"kfp-designer {args.command}: INPUT is required (or --example)", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except InputError as e:
        print(str(e) if e.path else f"kfp-designer: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
