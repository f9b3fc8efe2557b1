"""
DLS C4W4: Neural style transfer
===============================

Course 4 week 4 paints a content picture (the Louvre) in the style of
another (a Monet) by optimising the *pixels* of a generated image: its VGG19
activations should match the content image's at ``block5_conv4`` and the
style image's Gram matrices at five layers. The costs are
:mod:`keras_course.ops` functions with the course's signatures, and the loop
is :class:`keras_course.applications.NeuralStyleTransfer`, one compiled step.

**What needs the ImageNet weights.** The *pictures*: style transfer works
because VGG19's ImageNet features describe textures and shapes. Keras
downloads those weights once (``weights="imagenet"``); the machine that
builds these pages cannot, so below ``weights=None``: the costs fall and the
code path is the course's, but the picture is just the content image
nudged by random features. On a machine with internet access, drop
``weights=None`` and use 400×400 photographs and a few thousand steps.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

from keras_course.applications import NeuralStyleTransfer
from keras_course.ops import content_cost, layer_style_cost, total_cost

# %%
# The course's costs
# ------------------
rng = np.random.default_rng(0)
a_C, a_G = rng.normal(size=(2, 1, 4, 4, 3)).astype("float32")
print("content_cost", float(content_cost(a_C, a_G)))
print("layer_style_cost", float(layer_style_cost(a_C, a_G)))
print("total_cost(0.2, 0.8) =", float(total_cost(0.2, 0.8)), "(the course checks 34)")

# %%
# Two generated pictures
# ----------------------
# A content image of soft shapes and a style image of stripes, 64×64, as
# pixels in [0, 255] (what ``transfer`` takes and returns).
yy, xx = np.mgrid[:64, :64] / 64.0
circle = (xx - 0.5) ** 2 + (yy - 0.5) ** 2 < 0.08
content = 255 * np.stack([0.3 + 0.5 * circle, 0.4 + 0.3 * yy, 0.6 - 0.3 * xx], axis=-1)
style = 255 * np.stack(
    [0.5 + 0.5 * np.sin(20 * (xx + yy)), 0.5 + 0.5 * np.cos(15 * xx), 0.4 + 0 * xx],
    axis=-1,
)

keras.utils.set_random_seed(0)
nst = NeuralStyleTransfer(weights=None)
generated = nst.transfer(
    content, style, steps=40, learning_rate=0.01, seed=0, verbose=0
)
print(f"cost {nst.history[0]:.4g} -> {nst.history[-1]:.4g} in 40 steps")

figure, axes = plt.subplots(1, 4, figsize=(14, 3.5))
for ax, picture, title in zip(
    axes[:3], (content, style, generated), ("content", "style", "generated"),
    strict=True,
):  # fmt: skip
    ax.imshow(np.clip(picture / 255, 0, 1))
    ax.set_title(title)
    ax.axis("off")
axes[3].plot(nst.history)
axes[3].set_xlabel("step")
axes[3].set_title("total cost")
plt.show()
