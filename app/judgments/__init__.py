"""Judgments and sentences: the registry's entries, appeals, finality and outcome statistics."""
