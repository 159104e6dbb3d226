"""Transform: decide what each finding becomes (redact, mask, pseudonymise) and rewrite the call."""

from redactor.transform.policy import Policy, PolicyError
from redactor.transform.pseudonym import Pseudonymiser, load_key, KeyError_
from redactor.transform.call import transform_call, LeakError

__all__ = ["Policy", "PolicyError", "Pseudonymiser", "load_key", "KeyError_", "transform_call", "LeakError"]
