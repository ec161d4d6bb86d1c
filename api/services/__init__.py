"""Writes of the API app, split by noun (tokens)."""
