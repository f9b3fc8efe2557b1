"""DateTranslator: exact-match accuracy over seeds, training time, and the
speed of `translate` against the course's per-example loop.

Quality: per seed, a fresh `DateTranslator()` trains with
`fit_generated(seed=seed)` at its defaults (or with `--examples`, `--epochs`
where given) and is scored on
2,000 freshly generated dates of another seed: the fraction whose whole ISO
string is right (exact match; per-character accuracy is not enough). With
`--course-optimizer` it also trains with the course's decaying Adam.

Speed: 1,000 dates through `translate` (one forward pass) against the
notebook's loop (`string_to_int`, one `model.predict` per example, argmax),
same model, outputs checked equal, plus the floor: one `predict_on_batch` of
the already encoded ids.

    python benchmarks/date_translator.py [--seeds 5] [--first-seed 0]
        [--examples N] [--epochs N] [--workers 2]
"""

import argparse
import os
import time

import numpy as np
from _parallel import run_jobs


def quality(seed, examples, epochs, optimizer=None, keep_model=True):
    import keras

    from keras_course.applications import DateTranslator
    from keras_course.datasets import generate_dates

    keras.utils.set_random_seed(seed)
    model = DateTranslator(optimizer=optimizer)
    given = {"num_examples": examples, "epochs": epochs}
    start = time.perf_counter()
    model.fit_generated(
        seed=seed, verbose=0, **{k: v for k, v in given.items() if v is not None}
    )
    seconds = time.perf_counter() - start
    held_out = generate_dates(2000, seed=10_000 + seed)
    return (model if keep_model else None), model.exact_match(held_out), seconds


def speed(model, count, repeats):
    from keras_course.datasets import generate_dates
    from keras_course.reference import course_translate_loop

    texts = [human for human, _ in generate_dates(count, seed=99)]
    vocab = {t: i for i, t in enumerate(model.human_vocabulary.tokens)}
    inverse = dict(enumerate(model.machine_vocabulary.tokens))
    start = time.perf_counter()
    course = course_translate_loop(model, texts, vocab, inverse, model.sequence_length)
    course_seconds = time.perf_counter() - start
    ours_seconds, floor_seconds = [], []
    ids = model.encode_inputs(texts)
    model.translate(texts)
    model.predict_on_batch(ids)
    for _ in range(repeats):
        start = time.perf_counter()
        ours = model.translate(texts)
        ours_seconds.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.predict_on_batch(ids)
        floor_seconds.append(time.perf_counter() - start)
    assert ours == course, "translate differs from the course loop"
    ours_seconds, floor_seconds = np.array(ours_seconds), np.array(floor_seconds)
    print(f"\n{count} dates: course loop {course_seconds:.1f} s")
    print(f"translate: {ours_seconds.min():.3f}-{ours_seconds.max():.3f} s")
    print(
        f"floor (predict_on_batch of encoded ids): {floor_seconds.min():.3f}-"
        f"{floor_seconds.max():.3f} s"
    )
    print(
        f"speed-up: {course_seconds / ours_seconds.max():.0f}x-"
        f"{course_seconds / ours_seconds.min():.0f}x; same output: yes"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--examples", type=int, help="default: fit_generated's")
    parser.add_argument("--epochs", type=int, help="default: fit_generated's")
    parser.add_argument("--course-optimizer", action="store_true")
    parser.add_argument("--speed-count", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--workers", type=int, default=1, help="train the seeds in N processes"
    )
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()

    import keras

    from keras_course.applications.nmt.date_translator import COURSE_ADAM

    settings = [("Adam(0.005), the default", None)]
    if args.course_optimizer:
        settings.append(("the course's Adam(0.005, decay=0.01)", COURSE_ADAM))
    print(
        f"backend {keras.backend.backend()}; fit_generated(num_examples="
        f"{args.examples or 'default'}, epochs={args.epochs or 'default'}); exact "
        "match on 2,000 held-out dates"
    )
    seeds = range(args.first_seed, args.first_seed + args.seeds)
    model = None
    for name, optimizer in settings:
        jobs = [(seed, args.examples, args.epochs, optimizer) for seed in seeds]
        results = run_jobs(
            quality, [(*job, args.workers <= 1) for job in jobs], args.workers
        )
        scores, times = [], []
        for seed, (trained, score, seconds) in zip(seeds, results, strict=True):
            model = model or trained
            scores.append(score)
            times.append(seconds)
            print(f"  {name}, seed {seed}: exact match {score:.4f}, {seconds:.0f} s")
        scores, times = np.array(scores), np.array(times)
        print(
            f"{name}: exact match median {np.median(scores):.4f}, range "
            f"{scores.min():.4f}-{scores.max():.4f}; training {times.min():.0f}-"
            f"{times.max():.0f} s"
        )
    if args.skip_speed:
        return
    if model is None:
        model = quality(args.first_seed, args.examples, args.epochs)[0]
    speed(model, args.speed_count, args.repeats)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
