"""Writes keras_course/datasets/data/folk_melodies.txt from music21's corpus.

The melodies behind `keras_course.datasets.load_folk_melodies` (the stand-in
for DLS C5W1's jazz solo): the first `--tunes` tunes of *Ryan's Mammoth
Collection* (1883, public domain) as the `music21` package (BSD licence)
ships them in its corpus, `ryansMammoth/*.abc`, sorted by file name. Each tune
becomes one line of "values" in the spirit of the course's: for every note
or rest of its first part, `<pitch>,<duration>`, the pitch in semitones
above the tune's tonic (music21's key analysis; `R` for a rest; chords by
their top note), the duration in quarter notes snapped to the nearest of
0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4. Needs `pip install music21`; run once:

    python benchmarks/make_folk_melodies.py [--tunes 400]
"""

import argparse
import pathlib

DURATIONS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)
OUT = pathlib.Path("keras_course/datasets/data/folk_melodies.txt")


def values(score):
    part = score.parts[0] if score.parts else score
    tonic = score.analyze("key").tonic.midi % 12
    out = []
    for element in part.flatten().notesAndRests:
        duration = float(element.quarterLength)
        if duration <= 0:
            continue  # grace notes
        duration = min(DURATIONS, key=lambda d: abs(d - duration))
        if element.isRest:
            pitch = "R"
        else:
            midi = element.pitches[-1].midi
            pitch = str(midi - 60 - tonic)  # semitones above the tonic below C4
        out.append(f"{pitch},{duration:g}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tunes", type=int, default=400)
    args = parser.parse_args()
    from music21 import corpus

    paths = sorted(
        (p for p in corpus.getCorePaths() if "ryansMammoth" in str(p)),
        key=lambda p: p.name,
    )[: args.tunes]
    lines = []
    for path in paths:
        tune = values(corpus.parse(path))
        if len(tune) >= 31:  # one course window (Tx = 30) and its target
            lines.append(f"{path.stem}\t{' '.join(tune)}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"{len(lines)} tunes, {sum(len(t.split()) - 1 for t in lines)} values")


if __name__ == "__main__":
    main()
