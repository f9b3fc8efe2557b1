"""
DLS C5W3: Trigger-word detection
================================

Course 5 week 3 builds a detector for the word "activate": 10-second clips
are mixed from a background and a few recorded words, turned into
spectrograms (5,511 frames x 101 frequencies), and a Conv1D + two GRU model
(523,329 parameters) says for each of 1,375 output steps whether the word
has just ended; a chime plays at the first step past 0.5, and not again
for 75 steps.

- :func:`keras_course.datasets.synthesize_trigger_clips` is the course's
  clip synthesis on arrays (non-overlapping words, 50 ones after each
  "activate");
- :class:`keras_course.layers.Spectrogram` is the course's
  ``graph_spectrogram`` as a layer (Keras's ``STFTSpectrogram`` with the
  course's window, equal to matplotlib's ``specgram`` to float precision);
- :class:`keras_course.applications.TriggerWordDetector` is the model, and
  ``detect(audio)`` returns the times where it fires.

**Which sounds.** The course's recordings cannot be downloaded here.
:func:`keras_course.datasets.synthetic_trigger_words` makes tones instead:
the "activate" is a rising sweep then a higher steady tone, negatives are
other sweeps, backgrounds are brown noise with hum. The detector learns to
spot a sound pattern, as the course's does; it says nothing about speech.
This page uses 3-second clips to train in about a minute;
``benchmarks/trigger_word_quality.py`` runs the course's 10-second size
(see :doc:`/benchmarks`).
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import TriggerWordDetector
from keras_course.datasets import synthesize_trigger_clips, synthetic_trigger_words
from keras_course.ops import event_f1

# %%
# A detector for 3-second clips
# -----------------------------
# 1,652 spectrogram frames give 410 output steps; the course's 10 s give
# 5,511 and 1,375. The defaults go beyond the course: log spectrograms, a
# normalization of each frequency bin, dropout 0.5 (the course: 0.8) and
# Adam(1e-3) (the course: 1e-4); see :doc:`/benchmarks`. The default rate
# is the one that held at the course's size; at this page's size (300
# clips of 3 s, 12 epochs) the course's 0.8 did better in our runs (F1
# 0.81-0.96 against 0.74-0.80, seeds 0-3, printed output), so this page
# uses it.
keras.utils.set_random_seed(0)
detector = TriggerWordDetector(input_shape=(1652, 101), dropout=0.8)
seconds = detector.audio_samples / 44_100
steps = detector.output_shape[1]
print(f"{detector.audio_samples} samples = {seconds:.2f} s -> {steps} output steps")

# %%
# Words, backgrounds and clips
# ----------------------------
train_words = synthetic_trigger_words(40, 40, 5, clip_seconds=seconds, seed=0)
test_words = synthetic_trigger_words(40, 40, 5, clip_seconds=seconds, seed=1)
clips, labels, ends = synthesize_trigger_clips(*train_words, 300, seed=0,
                                               output_steps=steps)  # fmt: skip
spectrograms = detector.spectrograms(clips)

fig, axes = plt.subplots(3, 1, figsize=(8, 6), sharex=True)
time = np.arange(len(clips[0])) / 44_100
axes[0].plot(time, clips[0], linewidth=0.3)
axes[0].set(ylabel="audio")
axes[1].imshow(spectrograms[0].T, origin="lower", aspect="auto",
               extent=(0, seconds, 0, 101))  # fmt: skip
axes[1].set(ylabel="frequency bin")
axes[2].plot(np.arange(steps) * seconds / steps, labels[0])
axes[2].set(ylabel="label", xlabel="seconds")
for end in ends[0]:
    axes[0].axvline(end / 44_100, color="red", linestyle=":")
plt.show()

# %%
# Training
# --------
# ``normalize=True`` standardises each frequency bin before the
# convolution. Without it, the convolution's outputs on raw spectrograms
# have a mean tens of times their spread, BatchNorm's moving averages lag
# behind training, and the trained model predicts all zeros at inference.
history = detector.fit(spectrograms, labels[..., None], epochs=12, batch_size=16,
                       verbose=2)  # fmt: skip

# %%
# Detecting on new clips
# ----------------------
# New recordings and backgrounds, never trained on. ``detect`` takes raw
# audio: the spectrogram, the model and the course's chime rule.
test_clips, test_labels, test_ends = synthesize_trigger_clips(
    *test_words, 100, seed=1, output_steps=steps
)
found = detector.detect(test_clips)
expected = [[end / 44_100 for end in clip_ends] for clip_ends in test_ends]
precision, recall, f1 = event_f1(found, expected, tolerance=75 * seconds / steps)
print(f"precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f} (one run)")
print("first clip: words end at", [round(t, 2) for t in expected[0]],
      "s; detections at", found[0])  # fmt: skip

probabilities = detector.predict(detector.spectrograms(test_clips[:1]), verbose=0)
fig, ax = plt.subplots(figsize=(8, 2.5))
ax.plot(np.arange(steps) * seconds / steps, probabilities[0, :, 0], label="model")
ax.plot(np.arange(steps) * seconds / steps, test_labels[0], label="label", alpha=0.6)
for t in found[0]:
    ax.axvline(t, color="red", linestyle=":")
ax.set(xlabel="seconds", ylabel="probability")
ax.legend()
plt.show()
