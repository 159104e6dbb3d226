"""Detect: run Presidio with the Swedish recognizers and our spaCy pipeline over text."""

from redactor.detect.analyzer import Detection, Detector

__all__ = ["Detection", "Detector"]
