"""Extra import time of keras_course over Keras itself (target: < 0.3 s).

Each measurement starts a fresh Python process, so nothing is cached in
`sys.modules`; the median of several runs is reported, with the range.

Three figures: `import keras_course` right after `import keras` (what a user
sees), the same after a `gc.collect()` (keras_course's own work), and that
`gc.collect()` alone. Importing Keras and TensorFlow leaves a full garbage
collection pending over their millions of objects; Python runs it during
whichever allocation crosses its threshold next, often inside our import
(cProfile then charges it to whatever line allocated: `lr_finder`'s module
body, the export decorator). Deferring it (`gc.disable()` around our import)
would only move it into the user's next lines, so we do not.

    python benchmarks/import_time.py [--repeats 9]
"""

import argparse
import statistics
import subprocess
import sys

SCRIPT = """
import gc, time
t = time.perf_counter(); import keras; keras_seconds = time.perf_counter() - t
collect = {collect}
t = time.perf_counter()
if collect: gc.collect()
gc_seconds = time.perf_counter() - t
t = time.perf_counter(); import keras_course; ours = time.perf_counter() - t
print(keras_seconds, gc_seconds, ours)
"""


def measure(collect, repeats):
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT.format(collect=collect)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append([float(v) for v in out.stdout.strip().splitlines()[-1].split()])
    return list(zip(*runs, strict=True))


def span(values):
    return (
        f"median {statistics.median(values):.3f} s "
        f"({min(values):.3f}-{max(values):.3f})"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    keras_plain, _, plain = measure(False, args.repeats)
    _, pending, own = measure(True, args.repeats)
    print(f"import keras                               {span(keras_plain)}")
    print(f"import keras_course after it (as a user)   {span(plain)}  target < 0.3 s")
    print(f"  the garbage collection Keras left       {span(pending)}")
    print(f"  keras_course's own work (after collect)  {span(own)}")


if __name__ == "__main__":
    main()
