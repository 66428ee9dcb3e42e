"""Pure-data pipeline IR (stdlib only)."""
from .errors import InputError
from .model import (Argument, Component, Constant, OutputRef, ParamRef, Pipeline, PipelineParam,
                    Task, new_id)
from .signature import (SINGLE_OUTPUT, InputSpec, OutputSpec, Signature, SignatureError,
                        signature_from_source)
from .types import KINDS, compatible, kind_of, value_fits
from .validate import Code, Diagnostic, errors, validate

__all__ = [
    "Argument", "Component", "Constant", "OutputRef", "ParamRef", "Pipeline", "PipelineParam",
    "Task", "new_id", "SINGLE_OUTPUT", "InputSpec", "OutputSpec", "Signature", "SignatureError",
    "signature_from_source", "KINDS", "compatible", "kind_of", "value_fits", "Diagnostic",
    "errors", "validate", "InputError", "Code",
]
