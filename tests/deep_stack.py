"""Each test run on a Python stack that never crosses from one chunk of memory into the next.

CPython keeps the frames of a thread in chunks of 16 KiB. Up to 3.12 a chunk is handed back
to the system (munmap) as soon as the last frame in it returns, and taken again (mmap, then
fresh pages zeroed by the kernel) at the next call that does not fit in the chunk before it.
A request through Django's middleware, views and templates goes up and down across such a
boundary about a hundred times, and each crossing costs about 10 µs of system time: a tenth
of the policy walk's time, a sixth of the whole suite's (CPython issue gh-142183, fixed from
3.13.x by keeping one spare chunk).

`run_deep` calls a function from a frame of about 560 KiB (70,000 local slots, never set).
CPython gives a frame that large a chunk of its own, 1 MiB, so the call made from it and
everything below it (some 2,000 frames more) stay in the rest of that chunk, which lives until
`run_deep` returns. Every test runs inside it (the root conftest's `pytest_runtest_protocol`),
and so does each request of the browser tests' live server.

On a Python that keeps a spare chunk this changes nothing but one large frame per test.

The frame's code is named "<run_deep>", as code without a source file is. Playwright records
the caller's stack at each of its calls and reads the locals of every frame of a file of the
suite's own (to name its class): all 70,000 slots of this one, a fifth of the browser tests'
time in the test process. It leaves out the frames of code without a source file.
"""

from collections.abc import Callable

SLOTS = 70_000

_SOURCE = (
    "def run_deep(call):\n"
    "    if False:\n"
    f"        {' = '.join(f'slot{i}' for i in range(SLOTS))} = None\n"
    "    return call()\n"
)
_namespace: dict[str, object] = {}
exec(compile(_SOURCE, "<run_deep>", "exec"), _namespace)  # noqa: S102  (fixed source above)

run_deep: Callable[[Callable[[], object]], object] = _namespace["run_deep"]
run_deep.__doc__ = "call(), from a frame whose chunk of the Python stack holds all it calls."
