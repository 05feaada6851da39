"""Start an engine before its pages are ready: ``python -m briefing.launch MODULE ARGS...``
imports the engine's command line and warms the search index's Chinese word segmenter
(jieba, used by Material's search), then waits for a line on its standard input. On ``go``
it runs ``python -m MODULE ARGS...`` in this process, exactly as that command would; on
anything else (the build was called off: the facts have problems) it exits with status 3.

``briefing build`` starts it first and renders the pages meanwhile, so the engine's start
(a second or two at 10,000 claims) overlaps the generator's work on the other core. This
module is run as the engine's process; the generator itself imports no engine.
"""

from __future__ import annotations

import contextlib
import importlib
import runpy
import sys

CALLED_OFF = 3


def warm(module: str) -> None:
    """Import what the engine will need; nothing here may change what it builds."""
    with contextlib.suppress(Exception):
        importlib.import_module(f"{module}.__main__")
    with contextlib.suppress(Exception):
        import jieba  # type: ignore[import-not-found, import-untyped, unused-ignore]

        jieba.initialize()


def main(argv: list[str]) -> int:
    module, *args = argv
    warm(module)
    if sys.stdin.readline().strip() != "go":
        return CALLED_OFF
    sys.argv = [module, *args]
    sys.modules.pop(f"{module}.__main__", None)  # run as __main__, as `python -m` does
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
