"""Judgments and sentences: the registry's entries, appeals, finality and outcome statistics."""
from app.judgments import guards  # noqa: F401  (registers the pipeline's judgment and finality guards)
