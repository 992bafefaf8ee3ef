"""JET Desktop: the Jeugdexpertteam's desktop application."""

__version__ = "0.11.0"
