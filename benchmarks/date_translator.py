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
same model, outputs checked equal; beside them one `model.predict` of the
encoded dates (what a user would write today) and the floor, one
`predict_on_batch` of them. The speed part writes
`results/speed_date_translator.json`; `--seeds 1 --epochs 1` trains just
enough for it. `--out PATH` writes the quality runs as a JSON record.

    python benchmarks/date_translator.py [--seeds 5] [--first-seed 0]
        [--examples N] [--epochs N] [--workers 2]
"""

import argparse
import os
import time

import numpy as np
from _parallel import run_jobs
from _report import new_record, timed, write_record, write_speed_record


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
    course_out, course = timed(
        lambda: course_translate_loop(
            model, texts, vocab, inverse, model.sequence_length
        )
    )
    ids = model.encode_inputs(texts)
    model.translate(texts)
    model.predict(ids, verbose=0)
    model.predict_on_batch(ids)
    ours_out, ours = timed(lambda: model.translate(texts), repeats)
    _, fair = timed(lambda: model.predict(ids, verbose=0), repeats)
    _, floor = timed(lambda: model.predict_on_batch(ids), repeats)
    assert ours_out == course_out, "translate differs from the course loop"
    print(f"\n{count} dates: course loop {course[0]:.1f} s")
    for name, seconds in (("translate", ours), ("one predict", fair),
                          ("floor", floor)):  # fmt: skip
        print(f"{name}: {min(seconds):.3f}-{max(seconds):.3f} s")
    write_speed_record(
        "date_translator",
        f"{count:,} generated dates to ISO, same outputs checked",
        {"ours": "``DateTranslator.translate(texts)``",
         "course": "``string_to_int``, ``model.predict``, argmax, per date "
                   "(DLS C5W3)",
         "fair": "one ``model.predict`` over the encoded dates (no decoding)",
         "floor": "one ``predict_on_batch`` of the encoded dates"},
        [{"case": "1,000 dates", "headline": "``DateTranslator.translate``",
          "seconds": {"ours": ours, "course": course, "fair": fair,
                      "floor": floor}}],
    )  # fmt: skip


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
    parser.add_argument("--out", help="write the quality runs to this JSON record")
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
    record = new_record(examples=args.examples, epochs=args.epochs, settings={})
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
        record["settings"][name] = [
            {"seed": seed, "exact_match": float(score), "seconds": float(seconds)}
            for seed, score, seconds in zip(seeds, scores, times, strict=True)
        ]
        scores, times = np.array(scores), np.array(times)
        print(
            f"{name}: exact match median {np.median(scores):.4f}, range "
            f"{scores.min():.4f}-{scores.max():.4f}; training {times.min():.0f}-"
            f"{times.max():.0f} s"
        )
    if args.out:
        write_record(args.out, record)
    if args.skip_speed:
        return
    if model is None:
        model = quality(args.first_seed, args.examples, args.epochs)[0]
    speed(model, args.speed_count, args.repeats)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    main()
