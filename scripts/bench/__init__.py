"""The briefing's benchmark (``make bench``): a synthetic briefing of any size, measured.

``bench.generate`` writes a deterministic, valid synthetic fact set; the other modules
measure ``briefing check``, render and build (with every engine) on it and write the report,
``docs/benchmark.md``. Run ``python -m bench --help``.
"""
