"""Trigger-word training clips (DLS course 5 week 3), made from arrays."""

import numpy as np

from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export

SAMPLE_RATE = 44_100


def _check_range(name, value, minimum=0):
    low, high = (value, value) if isinstance(value, int) else tuple(value)
    check_int(f"{name}[0]", low, minimum=minimum)
    check_int(f"{name}[1]", high, minimum=minimum)
    if low > high:
        raise ValueError(
            f"`{name}` must be (low, high), low <= high. Received: {value}"
        )
    return low, high


def _check_clips(name, clips, allow_empty=False):
    if isinstance(clips, np.ndarray) and clips.ndim == 1:
        raise ValueError(f"`{name}` must be a list of 1-D arrays, not one array.")
    clips = [np.asarray(c, "float32") for c in clips]
    if not clips and not allow_empty:
        raise ValueError(f"`{name}` is empty.")
    for index, clip in enumerate(clips):
        if clip.ndim != 1 or not len(clip):
            raise ValueError(
                f"Every item of `{name}` must be 1-D, non-empty audio. Item "
                f"{index} has shape {clip.shape}"
            )
    return clips


@keras_course_export("keras_course.datasets.synthesize_trigger_clips")
def synthesize_trigger_clips(backgrounds, activates, negatives, num_clips,
                             seed=None, output_steps=1375, label_steps=50,
                             activates_per_clip=(1, 4), negatives_per_clip=(0, 2),
                             background_gain_db=-20.0):  # fmt: skip
    """The course's `create_training_example`, on arrays, for many clips.

    For each clip: a random background, lowered by 20 dB as the course does;
    1-4 random "activate" words and then 0-2 negative words (the course:
    `randint(0, 5)` and `randint(0, 3)`), each at a random start where it
    overlaps no word placed before (the course retries until it fits; here
    at most 100 tries, then the word is left out); the clip scaled to an RMS
    of -20 dBFS (the course's `match_target_amplitude`). The labels are the
    course's `insert_ones`: after each activate ending at output step
    `e = int(end * output_steps / len(clip))`, steps `e+1 .. e+50` are 1.

    Args:
        backgrounds: list of 1-D arrays, each as long as a clip (the course:
            10 s at 44.1 kHz).
        activates: list of 1-D arrays, the trigger word's recordings.
        negatives: list of 1-D arrays, other words (may be empty).
        num_clips: int.
        seed: int or None.
        output_steps: int, the model's output length. Defaults to 1375.
        label_steps: int, ones after each trigger. Defaults to 50.
        activates_per_clip, negatives_per_clip: `(low, high)` ints, both
            included.
        background_gain_db: float. Defaults to -20.

    Returns:
        `(clips, labels, trigger_ends)`: float32 `(num_clips, samples)`,
        float32 `(num_clips, output_steps)` and, per clip, the sorted sample
        indices where its activates end.

    Example:

    >>> rng = np.random.default_rng(0)
    >>> background = [rng.normal(size=8000)]
    >>> words = [np.ones(500)]
    >>> clips, labels, ends = synthesize_trigger_clips(
    ...     background, words, [], 2, seed=0, output_steps=100, label_steps=5)
    >>> clips.shape, labels.shape, int(labels[0].sum()) == 5 * len(ends[0])
    ((2, 8000), (2, 100), True)
    """
    backgrounds = _check_clips("backgrounds", backgrounds)
    activates = _check_clips("activates", activates)
    negatives = _check_clips("negatives", negatives, allow_empty=True)
    num_clips = check_int("num_clips", num_clips)
    output_steps = check_int("output_steps", output_steps)
    label_steps = check_int("label_steps", label_steps)
    activates_range = _check_range("activates_per_clip", activates_per_clip)
    negatives_range = _check_range("negatives_per_clip", negatives_per_clip)
    if negatives_range[1] > 0 and not negatives:
        negatives_range = (0, 0)
    gain = 10.0 ** (check_number("background_gain_db", background_gain_db) / 20.0)
    length = len(backgrounds[0])
    if any(len(b) != length for b in backgrounds):
        raise ValueError(
            "Every background must have the same length (one clip's). "
            f"Received lengths {sorted({len(b) for b in backgrounds})}"
        )
    too_long = [len(w) for w in activates + negatives if len(w) >= length]
    if too_long:
        raise ValueError(
            f"Words must be shorter than a clip ({length} samples). Received a "
            f"word of {too_long[0]} samples"
        )
    rng = np.random.default_rng(seed)
    clips = np.empty((num_clips, length), "float32")
    labels = np.zeros((num_clips, output_steps), "float32")
    all_ends = []
    for row in range(num_clips):
        clip = backgrounds[rng.integers(len(backgrounds))] * gain  # a new array
        placed, ends = [], []
        words = [
            (activates[i], True)
            for i in rng.integers(0, len(activates), rng.integers(
                activates_range[0], activates_range[1] + 1))
        ] + [
            (negatives[i], False)
            for i in rng.integers(0, max(len(negatives), 1), rng.integers(
                negatives_range[0], negatives_range[1] + 1))
        ]  # fmt: skip
        for word, is_trigger in words:
            for _ in range(100):
                start = int(rng.integers(0, length - len(word)))
                end = start + len(word) - 1
                if all(start > e or end < s for s, e in placed):
                    break
            else:
                continue
            placed.append((start, end))
            clip[start : end + 1] += word
            if is_trigger:
                ends.append(end)
                step = int(end * output_steps / length)
                labels[row, step + 1 : step + 1 + label_steps] = 1.0
        rms = np.sqrt(np.mean(np.square(clip)))
        clips[row] = clip * (0.1 / rms) if rms > 0 else clip
        all_ends.append(sorted(ends))
    return clips, labels, all_ends


def _tone(rng, seconds, f_start, f_end, sample_rate, harmonics=3):
    t = np.arange(int(seconds * sample_rate)) / sample_rate
    frequency = np.linspace(f_start, f_end, len(t))
    phase = 2 * np.pi * np.cumsum(frequency) / sample_rate
    wave = sum(np.sin(k * phase) / k for k in range(1, harmonics + 1))
    envelope = np.sin(np.pi * np.linspace(0, 1, len(t))) ** 0.5
    return wave * envelope


@keras_course_export("keras_course.datasets.synthetic_trigger_words")
def synthetic_trigger_words(num_activates=40, num_negatives=40, num_backgrounds=5,
                            clip_seconds=10.0, sample_rate=SAMPLE_RATE,
                            seed=None):  # fmt: skip
    """Stand-ins for the course's recordings: tones, not speech.

    The course's "activate", negative-word and background recordings cannot
    be downloaded here. These are their shape in sound: an "activate" is
    two harmonic syllables, a rising sweep then a higher steady tone (about
    0.5-0.8 s, pitch and timing varied per recording); a negative word is
    one to three syllables of other sweeps and pitches; a background is
    brown noise with a mains-like hum. A detector trained on them learns to
    spot a sound pattern, as the course's does, but says nothing about
    speech.

    Args:
        num_activates, num_negatives, num_backgrounds: ints.
        clip_seconds: float, a background's length. Defaults to 10 (the
            course).
        sample_rate: int. Defaults to 44,100 (the course).
        seed: int or None.

    Returns:
        `(backgrounds, activates, negatives)`: lists of float32 1-D arrays,
        what `synthesize_trigger_clips` takes.

    Example:

    >>> backgrounds, activates, negatives = synthetic_trigger_words(
    ...     2, 2, 1, clip_seconds=1.0, sample_rate=8000, seed=0)
    >>> len(backgrounds[0]), 0.4 < len(activates[0]) / 8000 < 0.9
    (8000, True)
    """
    for name, value in [("num_activates", num_activates),
                        ("num_negatives", num_negatives)]:  # fmt: skip
        check_int(name, value, minimum=0)
    check_int("num_backgrounds", num_backgrounds)
    sample_rate = check_int("sample_rate", sample_rate, minimum=1000)
    clip_seconds = check_number("clip_seconds", clip_seconds, positive=True)
    rng = np.random.default_rng(seed)

    def activate():
        pitch, pace = rng.uniform(0.93, 1.07), rng.uniform(0.85, 1.2)
        first = _tone(rng, 0.28 * pace, 500 * pitch, 900 * pitch, sample_rate)
        gap = np.zeros(int(rng.uniform(0.02, 0.06) * sample_rate))
        second = _tone(rng, 0.3 * pace, 1300 * pitch, 1300 * pitch, sample_rate)
        return np.concatenate([first, gap, second]) * rng.uniform(0.6, 1.0)

    def negative():
        parts = []
        for _ in range(rng.integers(1, 4)):
            kind = rng.integers(3)
            start = rng.uniform(300, 2000)
            end = {0: start * 0.6, 1: start, 2: start * 1.5}[int(kind)]
            parts.append(_tone(rng, rng.uniform(0.12, 0.3), start, end, sample_rate))
            parts.append(np.zeros(int(rng.uniform(0.02, 0.08) * sample_rate)))
        return np.concatenate(parts) * rng.uniform(0.6, 1.0)

    def background():
        n = int(clip_seconds * sample_rate)
        brown = np.cumsum(rng.normal(size=n))
        brown -= np.convolve(brown, np.ones(2001) / 2001, mode="same")
        brown /= np.std(brown) + 1e-9
        t = np.arange(n) / sample_rate
        hum = rng.uniform(0, 0.5) * np.sin(2 * np.pi * rng.choice([50, 60]) * t)
        return brown + hum

    backgrounds = [background().astype("float32") for _ in range(num_backgrounds)]
    activates = [activate().astype("float32") for _ in range(num_activates)]
    negatives = [negative().astype("float32") for _ in range(num_negatives)]
    return backgrounds, activates, negatives
