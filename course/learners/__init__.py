"""Learners: whoever makes progress, a signed-in user or an anonymous browser."""
