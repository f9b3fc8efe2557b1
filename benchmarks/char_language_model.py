"""Names, character by character: training curve, quality and sampling speed.

1. `CharLanguageModel.from_names(load_first_names())` (the course's 50-unit
   SimpleRNN over 27 characters) trained `--epochs` epochs on the shipped
   census names, for `--seeds` seeds: the per-character loss each epoch,
   median and range, next to the uniform guess ln(27) and the unigram
   (character-frequency) floor a model with no memory reaches; and the
   share of 1,000 sampled names not in the training list.
2. `sample` for `--names` names, greedy, against the course-style loop (one
   `model.predict` per character on the name so far): time per generated
   character, over `--repeats` runs, and a check that both give the same
   names. Sampling at temperature 1 is timed too.

Writes `results/char_language_model.json` (1) and
`results/speed_char_language_model.json` (2).

    python benchmarks/char_language_model.py [--seeds 5] [--epochs 20]
"""

import argparse
import os
import time

import numpy as np
from _report import RESULTS, new_record, write_record, write_speed_record


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--names", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    import keras

    from keras_course.applications import CharLanguageModel
    from keras_course.datasets import load_first_names
    from keras_course.reference import course_sample_per_character

    names = load_first_names()
    print(f"backend {keras.backend.backend()}, {os.cpu_count()} cores; "
          f"{len(names)} names")  # fmt: skip
    text = "".join(n + "\n" for n in names)
    counts = np.unique(list(text), return_counts=True)[1]
    unigram = -np.sum(counts / counts.sum() * np.log(counts / counts.sum()))
    curves, novel, models = [], [], []
    for seed in range(args.seeds):
        keras.utils.set_random_seed(seed)
        model = CharLanguageModel.from_names(names)
        start = time.perf_counter()
        history = model.fit(epochs=args.epochs, batch_size=32, verbose=0)
        seconds = time.perf_counter() - start
        curves.append(history.history["loss"])
        sampled = model.sample(1000, seed=seed)
        novel.append(np.mean([n not in set(names) for n in sampled]))
        print(f"seed {seed}: loss {curves[-1][-1]:.3f} after {args.epochs} epochs "
              f"({seconds:.0f} s), e.g. {', '.join(sampled[:6])}")  # fmt: skip
        models.append(model)
    curves = np.array(curves)
    size = len(model.characters)
    print(f"uniform guess ln({size}) = {np.log(size):.3f}; "
          f"unigram floor {unigram:.3f}")  # fmt: skip
    for epoch in sorted({0, 4, 9, args.epochs - 1} & set(range(args.epochs))):
        column = curves[:, epoch]
        print(f"epoch {epoch + 1:>2}: loss median {np.median(column):.3f} "
              f"({column.min():.3f}-{column.max():.3f})")  # fmt: skip
    print(f"novel names: median {np.median(novel):.3f} "
          f"({min(novel):.3f}-{max(novel):.3f})")  # fmt: skip
    record = new_record(names=len(names), epochs=args.epochs,
                        uniform=float(np.log(size)), unigram=float(unigram),
                        runs=[{"seed": seed, "loss": [float(v) for v in curve],
                               "novel": float(share)}
                              for seed, (curve, share) in
                              enumerate(zip(curves, novel, strict=True))])  # fmt: skip
    write_record(RESULTS / "char_language_model.json", record)

    model = models[0]
    model.sample(args.names, temperature=0)  # compile once
    model.sample(args.names, seed=0)
    ours, sampled_ours, course = [], [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        ids = model.sample_ids(args.names, temperature=0)
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        model.sample_ids(args.names, seed=1)
        sampled_ours.append(time.perf_counter() - start)
    characters = sum(int(np.argmax(row == 0)) + 1 for row in ids)
    for _ in range(max(1, args.repeats // 2)):
        start = time.perf_counter()
        reference = course_sample_per_character(model, model.start_id, args.names)
        course.append(time.perf_counter() - start)
    ours_names = model.sample(args.names, temperature=0)
    course_names = ["".join(model.characters[i] for i in r) for r in reference]
    assert ours_names == course_names, (ours_names[:2], course_names[:2])
    per_char = 1e6 / characters
    print(f"{args.names} names, greedy ('{ours_names[0]}', {characters} "
          "characters with the end tokens), the same names both ways")  # fmt: skip
    print(f"sample: {min(ours) * per_char:.0f}-{max(ours) * per_char:.0f} us per "
          f"character; at temperature 1 {min(sampled_ours) * 1e3:.1f}-"
          f"{max(sampled_ours) * 1e3:.1f} ms per batch")  # fmt: skip
    print(f"course loop (predict per character): {min(course) * per_char:.0f}-"
          f"{max(course) * per_char:.0f} us per character")  # fmt: skip
    print(f"ratio {min(course) / max(ours):.0f}-{max(course) / min(ours):.0f}x")
    write_speed_record(
        "char_language_model",
        f"{args.names} greedy names ({characters} characters) from the course's "
        "names model, the same names checked",
        {"ours": "``CharLanguageModel.sample(32, temperature=0)``",
         "course": "one ``model.predict`` per character on the names so far "
                   "(DLS C5W1)"},
        [{"case": f"{args.names} names", "headline": "``CharLanguageModel.sample``",
          "seconds": {"ours": ours, "course": course}}],
    )  # fmt: skip


if __name__ == "__main__":
    main()
