"""
DLS C4W4: Face verification with a triplet loss
===============================================

Course 4 week 4 verifies faces with FaceNet: an image becomes a 128-d
encoding of norm 1, and two images show the same person when their
encodings are closer than 0.7. FaceNet was trained with the *triplet loss*:
an anchor should be nearer a positive (same person) than a negative by a
margin ``alpha``.

FaceNet's weights cannot be downloaded here, and no set of faces ships with
a package this project can install, so this page stands in the handwritten
digits that ship with scikit-learn (``sklearn.datasets.load_digits``,
1,797 8×8 images of 10 digits, from the UCI repository): each digit is an
"identity". The encoder (:func:`keras_course.applications.face_encoder`)
learns from digits 0-6 with :class:`keras_course.losses.TripletLoss`, and
:class:`keras_course.applications.FaceVerifier` is then asked about digits
7-9, which it never saw, the way a face verifier meets new people.
"""

import os
import tempfile

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from keras_course.applications import FaceVerifier, face_encoder, verification_sweep
from keras_course.ops import triplet_loss

# %%
# The triplet loss
# ----------------
# The course's formula on a batch: ``sum(max(|a-p|² - |a-n|² + alpha, 0))``.
rng = np.random.default_rng(0)
anchor, positive, negative = rng.normal(0, 0.1, (3, 16, 128)).astype("float32")
print("triplet_loss:", float(triplet_loss(anchor, positive, negative)))

# %%
# Training the encoder on seen identities
# ---------------------------------------
digits = load_digits()
# 8x8 digits (0-16) as 16x16 pixels in [0, 255], what image models take.
images = np.pad(digits.images * 255 / 16, ((0, 0), (4, 4), (4, 4)))[..., None]
images, labels = images.astype("float32"), digits.target
seen = labels < 7
keras.utils.set_random_seed(0)
verifier = FaceVerifier(face_encoder((16, 16, 1), 128, (32, 64)), mining="batch_hard")
history = verifier.fit(images[seen], labels[seen], epochs=15, batch_size=64, verbose=0)
print("triplet loss by epoch:", np.round(history.history["loss"], 3).tolist())

# %%
# Verification on identities it never saw
# ---------------------------------------
# Random pairs of images of digits 7-9, half of them the same digit, and the
# accuracy of "same" (distance < threshold) over thresholds.
distances, same = verifier.pair_distances(images[~seen], labels[~seen], 2000, seed=0)
sweep = verification_sweep(distances, same)
print(f"best accuracy {sweep['best_accuracy']:.3f} at threshold "
      f"{sweep['best_threshold']:.2f}; at the course's 0.7: "
      f"{np.mean((distances < 0.7) == same):.3f}")  # fmt: skip
figure, (roc, accuracy) = plt.subplots(1, 2, figsize=(10, 4))
roc.plot(sweep["false_accept"], sweep["true_accept"])
roc.set_xlabel("false accept rate")
roc.set_ylabel("true accept rate")
roc.set_title("ROC, unseen identities")
accuracy.plot(sweep["thresholds"], sweep["accuracy"])
accuracy.set_xlabel("distance threshold")
accuracy.set_ylabel("pair accuracy")
plt.show()

# %%
# The course's 0.7 suits FaceNet's encodings; this encoder's distances are
# smaller, so ``calibrate`` picks the threshold from pairs of held-out
# identities. Seven training identities are far too few for an encoder to
# generalise well (FaceNet learned from millions of faces of thousands of
# people): expect well under the accuracy it reaches on new images of the
# seen digits.
verifier.calibrate(images[~seen], labels[~seen], 2000, seed=1)
for digit in (7, 8, 9):
    verifier.add(f"digit {digit}", images[labels == digit][:5])
probe = images[labels == 8][10]
print("verify as 'digit 8':", verifier.verify(probe, "digit 8"))
print("identify:", verifier.identify(probe))

# %%
# The verifier is a Keras model: its encoder, threshold and database save in
# one ``.keras`` file, and a verifier loaded in safe mode answers the same.
path = os.path.join(tempfile.mkdtemp(), "verifier.keras")
verifier.save(path)
reloaded = keras.saving.load_model(path, safe_mode=True)
print("reloaded, identify:", reloaded.identify(probe))
