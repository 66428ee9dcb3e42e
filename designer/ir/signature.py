"""Component signatures read from a function's source text with ``ast``.

Nothing here executes user code: defaults must be literals, annotations are
kept as the text the user wrote.
"""
from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from typing import Any

from . import deep_ast
from .values import value_problem


class SignatureError(ValueError):
    """The source is not a usable component function; ``line`` is 1-based within it."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


# How a port's data reaches the program (kfp's "passing style"):
VALUE = "value"          # a parameter value (int, str, list...): argv / JSON
PATH = "path"            # a local file path: kfp 1 InputPath/OutputPath/...TextFile/...BinaryFile,
                         # component-spec inputPath/outputPath, kfp 2 InputPath/OutputPath
ARTIFACT = "artifact"    # a kfp 2 artifact object: Input[Dataset], Output[Model], -> Dataset
PASSINGS = (VALUE, PATH, ARTIFACT)


@dataclass(frozen=True)
class InputSpec:
    """An input port. ``name`` is the name the component declares (for a function: its
    parameter name, as written; kfp 1 strips ``_path``/``_file`` from file inputs, which
    its compiler and Python writer do). ``annotation`` is the Python annotation text
    (function components), ``type`` the kfp type as declared (``CSV`` of
    ``InputPath('CSV')``, ``Dataset`` of ``Input[Dataset]``, a component spec's
    ``type``); either may be None."""
    name: str
    annotation: str | None = None
    default: Any = None
    has_default: bool = False
    passing: str = VALUE
    type: str | None = None
    description: str | None = None
    # kfp 1 ContainerOp artifact inputs (``dsl.InputArgumentPath``): where the file is put.
    path: str | None = None


@dataclass(frozen=True)
class OutputSpec:
    """An output port: a return value (``Output``, NamedTuple fields, kfp 2 ``-> Dataset``)
    or a parameter the function writes (``param``: the function parameter annotated
    ``OutputPath``/``Output[...]``; kfp 1 names the output without ``_path``/``_file``).
    ``path``: where a container writes it (kfp 1 ContainerOp ``file_outputs``)."""
    name: str
    annotation: str | None = None
    passing: str = VALUE
    type: str | None = None
    description: str | None = None
    param: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Signature:
    function_name: str
    inputs: tuple[InputSpec, ...] = ()
    outputs: tuple[OutputSpec, ...] = ()
    return_annotation: str | None = None
    docstring: str | None = None
    # True when outputs come from a NamedTuple (named fields) rather than one "Output".
    named_outputs: bool = False

    def input(self, name: str) -> InputSpec | None:
        return next((i for i in self.inputs if i.name == name), None)

    def output(self, name: str) -> OutputSpec | None:
        return next((o for o in self.outputs if o.name == name), None)


SINGLE_OUTPUT = "Output"
_NAMED_TUPLE = {"NamedTuple", "typing.NamedTuple"}

# Annotations that make a function parameter a file or artifact port (the last dotted part
# is compared: ``kfp.components.InputPath`` and ``dsl.InputPath`` alike).
_INPUT_FILES = {"InputPath", "InputTextFile", "InputBinaryFile", "InputArtifact"}
_OUTPUT_FILES = {"OutputPath", "OutputTextFile", "OutputBinaryFile", "OutputArtifact"}
# kfp 2 artifact classes (dsl.Artifact...), usable bare as a return or inside Input[]/Output[].
ARTIFACT_TYPES = ("Artifact", "Dataset", "Model", "Metrics", "ClassificationMetrics",
                  "SlicedClassificationMetrics", "HTML", "Markdown")


def _last_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def port_kind(annotation: ast.expr | None) -> tuple[str, str, str | None]:
    """(direction, passing, kfp type) of a parameter annotation: direction "in" or "out".

    ``InputPath('CSV')`` -> ("in", PATH, "CSV"); ``OutputPath(str)`` -> ("out", PATH, "str");
    ``Input[Dataset]`` -> ("in", ARTIFACT, "Dataset"); ``Output[Model]`` -> ("out", ...);
    ``Optional[X]`` is X's kind; ``dsl.PipelineTaskFinalStatus`` -> ("in", VALUE,
    "PipelineTaskFinalStatus") (kfp 2 fills it in an exit task; callers pass nothing);
    anything else -> ("in", VALUE, None)."""
    if annotation is None:
        return "in", VALUE, None
    if (isinstance(annotation, ast.Subscript) and _last_name(annotation.value) == "Optional"
            and not isinstance(annotation.slice, ast.Tuple)):
        direction, passing, type_text = port_kind(annotation.slice)
        if passing != VALUE:
            return direction, passing, type_text
    if _last_name(annotation) == "PipelineTaskFinalStatus" and isinstance(
            annotation, (ast.Name, ast.Attribute)):
        return "in", VALUE, "PipelineTaskFinalStatus"
    if isinstance(annotation, ast.Call):
        name = _last_name(annotation.func)
        if name in _INPUT_FILES or name in _OUTPUT_FILES:
            arg = annotation.args[0] if annotation.args else next(
                (k.value for k in annotation.keywords if k.arg == "type"), None)
            type_text = None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                type_text = arg.value
            elif arg is not None:
                type_text = ast.unparse(arg)
            return ("in" if name in _INPUT_FILES else "out"), PATH, type_text
    if isinstance(annotation, ast.Subscript):
        name = _last_name(annotation.value)
        if name in ("Input", "Output"):
            inner = annotation.slice
            inner_name = _last_name(inner) if isinstance(inner, (ast.Name, ast.Attribute)) else None
            return ("in" if name == "Input" else "out"), ARTIFACT, inner_name or ast.unparse(inner)
    if isinstance(annotation, (ast.Name, ast.Attribute)) and _last_name(annotation) in (
            _INPUT_FILES | _OUTPUT_FILES):
        name = _last_name(annotation)
        return ("in" if name in _INPUT_FILES else "out"), PATH, None
    return "in", VALUE, None


def literal(node: ast.expr, what: str) -> Any:
    """Value of a literal expression, or a SignatureError naming ``what``."""
    try:
        with deep_ast.recursion_room(2 * deep_ast.depth(node)):
            value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        raise SignatureError(
            f"{what} must be a literal value (number, string, bool, None, list or dict), "
            f"not `{deep_ast.brief(node)}`", node.lineno, node.col_offset) from None
    problem = value_problem(value, json_like=False)
    if problem:
        raise SignatureError(f"{what} {problem}", node.lineno, node.col_offset)
    return value


# No type is written deeper (``List[Dict[str, ...]]`` is 3 or 4); compilers walk types
# recursively, so deeper "types" (a 1,000-term sum) are refused here and in validation.
MAX_TYPE_DEPTH = 100


def source_text(node: ast.expr, what: str) -> str:
    """The source text of an annotation, or a SignatureError when it is absurdly deep."""
    if deep_ast.depth(node) > MAX_TYPE_DEPTH:
        raise SignatureError(f"{what} is nested too deeply (over {MAX_TYPE_DEPTH} levels) to "
                             "be a type", node.lineno, node.col_offset)
    text = deep_ast.unparse(node)
    if text is None:
        raise SignatureError(f"{what} holds an integer too long to write", node.lineno,
                             node.col_offset)
    return text


def annotation_problem(text: str) -> str | None:
    """Why ``text`` cannot be a type annotation (a Python expression, not absurdly deep)."""
    try:
        node = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "is not a Python expression"
    if deep_ast.depth(node) > MAX_TYPE_DEPTH:
        return f"is nested more than {MAX_TYPE_DEPTH} levels deep"
    return None


def parse_function(source: str) -> ast.FunctionDef:
    """The single top-level function of ``source``."""
    try:
        module = ast.parse(source)
    except SyntaxError as e:
        raise SignatureError(f"syntax error: {e.msg}", e.lineno, e.offset) from None
    except (ValueError, RecursionError, MemoryError) as e:
        # A lone surrogate (not encodable), or nesting beyond the parser's limit.
        raise SignatureError(f"cannot be parsed: {e}", 1) from None
    funcs = [n for n in module.body if isinstance(n, ast.FunctionDef)]
    if not funcs:
        raise SignatureError("no function definition found (a component is one `def`)", 1)
    if len(module.body) != 1:
        extra = next(n for n in module.body if n is not funcs[0])
        raise SignatureError(
            "a component's source is one function; put imports and helpers inside it",
            extra.lineno)
    return funcs[0]


def _outputs(func: ast.FunctionDef) -> tuple[tuple[OutputSpec, ...], bool]:
    ret = func.returns
    if ret is None or (isinstance(ret, ast.Constant) and ret.value is None):
        return (), False
    if _last_name(ret) in ARTIFACT_TYPES and isinstance(ret, (ast.Name, ast.Attribute)):
        # kfp 2: ``-> Dataset`` returns an artifact (the function writes ``.path``).
        return (OutputSpec(SINGLE_OUTPUT, source_text(ret, "the return type"), ARTIFACT,
                           _last_name(ret)),), False
    if isinstance(ret, ast.Call) and deep_ast.unparse(ret.func) in _NAMED_TUPLE:
        if (len(ret.args) == 1 and ret.keywords
                and all(k.arg is not None for k in ret.keywords)):
            # The keyword form: NamedTuple('Outputs', a=int, b=str).
            return tuple(OutputSpec(k.arg, source_text(k.value, "an output's type"))
                         for k in ret.keywords), True
        if len(ret.args) != 2 or not isinstance(ret.args[1], (ast.List, ast.Tuple)):
            raise SignatureError(
                "NamedTuple outputs are written NamedTuple('Outputs', [('name', type), ...]) "
                "or NamedTuple('Outputs', name=type, ...)", ret.lineno, ret.col_offset)
        outs = []
        for field in ret.args[1].elts:
            if (not isinstance(field, (ast.Tuple, ast.List)) or len(field.elts) != 2
                    or not isinstance(field.elts[0], ast.Constant)
                    or not isinstance(field.elts[0].value, str)):
                raise SignatureError("each NamedTuple field is a ('name', type) pair",
                                     field.lineno, field.col_offset)
            outs.append(OutputSpec(field.elts[0].value,
                                   source_text(field.elts[1], "an output's type")))
        names = [o.name for o in outs]
        dup = next((n for n in names if names.count(n) > 1), None)
        if dup:
            raise SignatureError(f"output `{dup}` is declared twice", ret.lineno)
        return tuple(outs), True
    return (OutputSpec(SINGLE_OUTPUT, source_text(ret, "the return type")),), False


def signature_of(func: ast.FunctionDef) -> Signature:
    args = func.args
    if args.vararg or args.kwarg:
        star = args.vararg or args.kwarg
        raise SignatureError("components cannot take *args or **kwargs", star.lineno)
    if args.posonlyargs:
        raise SignatureError("components cannot take positional-only parameters",
                             args.posonlyargs[0].lineno)
    positional = args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
    defaults += list(args.defaults)
    pairs = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    inputs = []
    param_outputs = []
    for arg, default in pairs:
        annotation = (source_text(arg.annotation, f"the type of `{arg.arg}`")
                      if arg.annotation is not None else None)
        direction, passing, type_text = port_kind(arg.annotation)
        if direction == "out":
            param_outputs.append(OutputSpec(arg.arg, annotation, passing, type_text,
                                            param=arg.arg))
            continue
        if default is None:
            inputs.append(InputSpec(arg.arg, annotation, passing=passing, type=type_text))
        else:
            value = literal(default, f"the default of `{arg.arg}`")
            inputs.append(InputSpec(arg.arg, annotation, value, True, passing, type_text))
    outputs, named = _outputs(func)
    # kfp lists the function's output parameters first, then the returned outputs.
    outputs = tuple(param_outputs) + outputs
    names = [o.name for o in outputs]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup:
        raise SignatureError(f"output `{dup}` is declared twice", func.lineno)
    return Signature(
        function_name=func.name,
        inputs=tuple(inputs),
        outputs=outputs,
        return_annotation=(source_text(func.returns, "the return type")
                           if func.returns is not None else None),
        docstring=ast.get_docstring(func),
        named_outputs=named,
    )


def signature_from_source(source: str) -> Signature:
    """Signature of the one function in ``source``; raises SignatureError.

    Remembered for the last few sources: one component's source is read again and again
    (made, validated, compiled, run), and a Signature is immutable."""
    return _signature_cached(source)


@functools.lru_cache(maxsize=256)
def _signature_cached(source: str) -> Signature:
    return signature_of(parse_function(source))
