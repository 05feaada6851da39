"""The Xiaomi EV briefing generator.

One pipeline, one direction: ``load`` → ``validate`` → ``model`` → ``render`` (→ ``build``).
No module imports a later stage.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
