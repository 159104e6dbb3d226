"""Transform: decide what each finding becomes (redact, mask, pseudonymise) and rewrite the call."""

from redactor.transform.call import LeakError, transform_call
from redactor.transform.policy import Policy, PolicyError
from redactor.transform.pseudonym import KeyError_, Pseudonymiser, load_key

__all__ = ["Policy", "PolicyError", "Pseudonymiser", "load_key", "KeyError_", "transform_call", "LeakError"]
