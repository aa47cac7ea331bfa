"""Spaced review: cards made from a learner's mistakes and from the glossary, scheduled by FSRS."""
