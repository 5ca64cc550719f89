"""Starter plans that ``cascade init`` copies: one folder per seed, read with importlib.resources."""
