"""The service API: the only way the UI (and the CLI) reads and changes data.

Each function takes a `Store`, validates with the domain rules, and writes in one
transaction, so nothing is ever half-saved.
"""
