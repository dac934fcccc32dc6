"""The suite's deep stack (tests/deep_stack.py): calls across the Python stack's chunk
boundaries stop costing fresh pages from the system."""

import resource
import threading

from tests.deep_stack import run_deep

# A frame of about 1 KiB: 24 of them span more than a 16 KiB chunk of the Python stack.
_SOURCE = (
    "def descend(depth):\n"
    "    if False:\n"
    f"        {' = '.join(f'x{i}' for i in range(120))} = None\n"
    "    return depth if depth == 0 else descend(depth - 1)\n"
)
_namespace: dict = {}
exec(compile(_SOURCE, __file__, "exec"), _namespace)  # noqa: S102  (fixed source above)
descend = _namespace["descend"]


def faults_of_descents(deep: bool) -> int:
    """Minor page faults of a fresh thread that goes 40 frames down and back 500 times."""
    faults = []

    def descents():
        start = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
        for _ in range(500):
            descend(40)
        faults.append(resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - start)

    # A new thread starts with a stack of one chunk, as the live server's request threads do.
    thread = threading.Thread(target=(lambda: run_deep(descents)) if deep else descents)
    thread.start()
    thread.join()
    return faults[0]


def test_each_descent_takes_new_pages_without_the_deep_stack():
    assert faults_of_descents(deep=False) >= 500


def test_the_deep_stack_keeps_its_pages():
    assert faults_of_descents(deep=True) < 50


def test_playwright_leaves_the_deep_frame_out_of_the_stacks_it_records():
    # Reading the frame's 70,000 locals at each browser step would cost more than the step.
    from playwright._impl.utils.stack_trace import filter_stack_file

    assert not filter_stack_file(run_deep.__code__.co_filename)
    assert filter_stack_file(__file__)
