"""The DateTranslator recipe on a GPU, three ways: which setting fixes it.

Issue 31, item 4: on an H200 under JAX the recipe that reaches 0.998-1.000
exact match on CPU reached 0.006-0.86. Per seed, a fresh `DateTranslator()`
trains with `fit_generated(seed=seed)` (the defaults, or `--epochs`) and is
scored on 2,000 held-out dates, as `date_translator.py` does, under:

- `default`: the backends' defaults (TF32 float32 products on Ampere on),
  the encoder on Keras's cuDNN path, as `DateTranslator` had it before
  0.16.0 (the run puts `use_cudnn="auto"` back on both halves of its
  `Bidirectional`);
- `highest`: the same after `keras_course.config.set_matmul_precision(
  "highest")`;
- `no_cudnn`: the encoder's LSTMs on Keras's own loop, TF32 left on: since
  0.16.0, `DateTranslator()` as it comes under JAX.

Each (way, seed) runs in a process of its own (the precision is global to
a process), `--workers` of them at a time (on a GPU they share it, each
allocating as it goes). Each run counts the traced calls of JAX's cuDNN
LSTM (`jax.experimental.rnn.lstm`), so the record shows which path ran.
Prints the device, each run and each way's median and range; `--out PATH`
writes them as a JSON record. On a CPU the three ways are the same
computation (a smoke test: `--seeds 1 --epochs 1 --examples 500`).

    python benchmarks/gpu_numerics.py [--seeds 3] [--workers N] [--out PATH]
"""

import argparse
import os
import time

import numpy as np
from _parallel import run_jobs
from _report import new_record, write_record

WAYS = ("default", "highest", "no_cudnn")


def run(way, seed, examples, epochs):
    import keras

    from keras_course.applications import DateTranslator
    from keras_course.config import set_matmul_precision
    from keras_course.datasets import generate_dates

    cudnn_calls = _count_cudnn_lstm_calls()
    if way == "highest":
        set_matmul_precision("highest")
    keras.utils.set_random_seed(seed)
    model = DateTranslator()  # under JAX, the encoder on Keras's loop
    if way != "no_cudnn":  # on cuDNN, as before 0.16.0
        model.encoder.forward_layer.use_cudnn = "auto"
        model.encoder.backward_layer.use_cudnn = "auto"
    given = {"num_examples": examples, "epochs": epochs}
    start = time.perf_counter()
    model.fit_generated(
        seed=seed, verbose=0, **{k: v for k, v in given.items() if v is not None}
    )
    seconds = time.perf_counter() - start
    score = model.exact_match(generate_dates(2000, seed=10_000 + seed))
    devices = [str(d) for d in keras.distribution.list_devices()]
    print(
        f"  {way}, seed {seed}: exact match {score:.4f}, {seconds:.0f} s, "
        f"{len(cudnn_calls)} cuDNN LSTM traces",
        flush=True,
    )
    return float(score), seconds, devices, len(cudnn_calls)


def _count_cudnn_lstm_calls():
    """A list that grows by one each time Keras traces JAX's cuDNN LSTM
    (Keras imports `jax.experimental.rnn.lstm` at each call)."""
    calls = []
    if os.environ.get("KERAS_BACKEND") != "jax":
        return calls
    import jax.experimental.rnn as jax_rnn

    fused = jax_rnn.lstm

    def counted(*args, **kwargs):
        calls.append(kwargs.get("bidirectional", False))
        return fused(*args, **kwargs)

    jax_rnn.lstm = counted
    return calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--examples", type=int, help="default: fit_generated's")
    parser.add_argument("--epochs", type=int, help="default: fit_generated's")
    parser.add_argument("--ways", default=",".join(WAYS))
    parser.add_argument("--workers", type=int, default=1, help="runs at a time")
    parser.add_argument("--out", help="write the runs to this JSON record")
    args = parser.parse_args()
    ways = args.ways.split(",")
    jobs = [
        (way, seed, args.examples, args.epochs)
        for way in ways
        for seed in range(args.seeds)
    ]
    # Several processes on one GPU: each takes memory as it needs it.
    os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
    results = run_jobs(run, jobs, workers=args.workers, fresh=True)
    record = new_record(examples=args.examples, epochs=args.epochs, runs=[])
    record["devices"] = results[0][2]
    if os.environ.get("KERAS_BACKEND") == "jax":
        import jax

        record["jax"] = jax.__version__
    print(f"devices: {', '.join(record['devices'])}")
    for (way, seed, *_), (score, seconds, _, fused) in zip(jobs, results, strict=True):
        record["runs"].append(
            {
                "way": way,
                "seed": seed,
                "exact_match": score,
                "seconds": seconds,
                "cudnn_lstm_traces": fused,
            }
        )
    for way in ways:
        scores = np.array([r["exact_match"] for r in record["runs"] if r["way"] == way])
        print(
            f"{way}: exact match median {np.median(scores):.4f}, range "
            f"{scores.min():.4f}-{scores.max():.4f}"
        )
    if args.out:
        write_record(args.out, record)


if __name__ == "__main__":
    main()
