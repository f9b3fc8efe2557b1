"""Extra import time of keras_course over Keras itself (target: < 0.3 s).

Each measurement starts a fresh Python process, so nothing is cached in
`sys.modules`; the median of several runs is reported.
"""

import argparse
import statistics
import subprocess
import sys

TIMER = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"


def measure(stmt, repeats):
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", TIMER.format(stmt=stmt)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    reference = measure("import keras", args.repeats)
    ours = measure("import keras; import keras_course", args.repeats)
    print(f"ours       {ours:.3f} s  (import keras; import keras_course)")
    print(f"reference  {reference:.3f} s  (import keras)")
    print(f"extra      {ours - reference:.3f} s  (target < 0.3 s)")
    print(f"ratio      {ours / reference:.3f}")


if __name__ == "__main__":
    main()
