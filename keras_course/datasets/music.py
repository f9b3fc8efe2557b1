"""Melodies as sequences of values, for DLS C5W1's "jazz solo" model."""

import os

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.datasets.load_folk_melodies")
def load_folk_melodies():
    """400 fiddle tunes as sequences of values: the stand-in for the jazz solo.

    DLS course 5 week 1 trains its `djmodel` on values taken from a Pat
    Metheny solo, which cannot be shipped. These are the first 400 tunes of
    *Ryan's Mammoth Collection* (1883, public domain) as the `music21`
    package (BSD licence) ships them in its corpus, converted by
    `benchmarks/make_folk_melodies.py`: each note or rest of a tune's melody
    becomes one value `"<pitch>,<duration>"`, the pitch in semitones above
    the tune's tonic (0 is the tonic above middle C; `"R"` for a rest), the
    duration in quarter notes on a grid of 0.25 to 4 (46,338 values, 178
    distinct). Reels, jigs and hornpipes, not jazz: a model trained on them
    improvises folk.

    Returns:
        A list of 400 lists of value strings, one per tune.

    Example:

    >>> melodies = load_folk_melodies()
    >>> len(melodies), melodies[0][:3]
    (400, ['7,0.5', '3,0.25', '0,0.75'])
    """
    path = os.path.join(os.path.dirname(__file__), "data", "folk_melodies.txt")
    with open(path, encoding="ascii") as f:
        return [line.split("\t")[1].split() for line in f if line.strip()]
