"""The course's neural style transfer (DLS course 4 week 4) as one object."""

import keras
import numpy as np
from keras import ops

from keras_course._backend import check_backend, compile_function, value_and_grad
from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export
from keras_course.applications._weights import imagenet_base
from keras_course.ops.style import (
    COURSE_STYLE_LAYERS,
    content_cost,
    style_cost,
    total_cost,
)


def _vgg19(weights):
    return imagenet_base(
        lambda: keras.applications.VGG19(
            include_top=False, weights=weights, input_shape=(None, None, 3)
        ),
        weights,
        "VGG19",
        "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5",
        "pass weights=None (random weights: the costs and the optimisation "
        "run, but the picture means nothing), or a path to a local copy.",
    )


@keras_course_export("keras_course.applications.NeuralStyleTransfer")
class NeuralStyleTransfer:
    """Paints a content image in the style of another, as the course does.

    A procedure, not a model: it optimises one picture and has nothing of
    its own to train or save (its base is a frozen Keras model; save that,
    or the picture). Its verb follows the applications' contract: raw
    pixels in, raw pixels out, `transfer(content, style)` for one pair.

    A frozen convolutional base (VGG19 by default) gives the activations of
    the style layers and the content layer; the generated image starts as
    the content image plus uniform noise in ±0.25 (clipped to [0, 1]) and
    is optimised with Adam on `alpha · J_content + beta · J_style`
    (`keras_course.ops.content_cost`, `style_cost`, `total_cost`), clipped
    back to [0, 1] after every step. The whole step (forward pass, gradient
    with respect to the image, Adam update, clip) is one compiled function:
    `tf.function` on TensorFlow, `jax.jit` on JAX.

    Meaningful pictures need `weights="imagenet"`, which Keras downloads
    once; offline that fails with a message saying so. With `weights=None`
    everything runs, on random features.

    `transfer` takes pixels in [0, 255] and works, as the course does, on
    the image scaled to [0, 1], which goes to the base as it is; pass
    `preprocess=keras.applications.vgg19.preprocess_input` (on 0-255
    values: it is given `255 * image`) to feed VGG19 what it was trained on.
    `encode`, `initial_image` and `make_step` work on that [0, 1] image.

    Args:
        backbone: `"vgg19"`, or a Keras model (a conv base) holding the
            layers named in `content_layer` and `style_layers` (keras-hub's
            word for the network an application is built on, as
            `YOLODetector(backbone=)`).
        content_layer: name of the content layer. Defaults to
            `"block5_conv4"`.
        style_layers: `(name, weight)` pairs. Defaults to the course's.
        alpha, beta: the cost weights. Defaults 10 and 40.
        weights: for `backbone="vgg19"`: `"imagenet"`, None or a file path.
        preprocess: None, or a function of a 0-255 image batch.

    Example:

    >>> nst = NeuralStyleTransfer(weights=None)
    >>> rng = np.random.default_rng(0)
    >>> content, style = rng.uniform(0, 255, size=(2, 32, 32, 3))
    >>> nst.transfer(content, style, steps=2, verbose=0).shape
    (32, 32, 3)
    """

    def __init__(
        self,
        backbone="vgg19",
        content_layer="block5_conv4",
        style_layers=COURSE_STYLE_LAYERS,
        alpha=10,
        beta=40,
        weights="imagenet",
        preprocess=None,
    ):
        check_backend(type(self).__name__)
        base = backbone
        if isinstance(base, str):
            if base != "vgg19":
                raise ValueError(
                    f"`backbone` must be 'vgg19' or a keras.Model. Received: {base!r}"
                )
            base = _vgg19(weights)
        elif not isinstance(base, keras.Model):
            raise ValueError(
                f"`backbone` must be 'vgg19' or a keras.Model. Received: {base!r:.80}"
            )
        self.style_layers = [(str(name), float(w)) for name, w in style_layers]
        self.content_layer = content_layer
        names = [layer.name for layer in base.layers]
        unknown = [
            n for n, _ in [*self.style_layers, (content_layer, 1)] if n not in names
        ]
        if unknown:
            raise ValueError(
                f"{unknown} are not layers of {base.name}. Its layers: {names}"
            )
        self.alpha = check_number("alpha", alpha, positive=True)
        self.beta = check_number("beta", beta, positive=True)
        self.preprocess = preprocess
        base.trainable = False
        outputs = [base.get_layer(n).output for n, _ in self.style_layers]
        outputs.append(base.get_layer(content_layer).output)
        self.encoder = keras.Model(base.input, outputs, name="nst_encoder")
        self.history = []

    def encode(self, image):
        """The style layers' activations then the content layer's, for a
        `(1, height, width, 3)` image in [0, 1]."""
        if self.preprocess is not None:
            image = self.preprocess(255.0 * image)
        return self.encoder(image)

    def costs(self, a_S, a_C, a_G):
        """`(J, J_content, J_style)` of the generated activations `a_G`."""
        n = len(self.style_layers)
        J_content = content_cost(a_C[n], a_G[n])
        J_style = style_cost(a_S[:n], a_G[:n], self.style_layers)
        return total_cost(J_content, J_style, self.alpha, self.beta), J_content, J_style

    def initial_image(self, content_image, seed=None):
        """The course's start: the content image plus U(-0.25, 0.25) noise."""
        rng = np.random.default_rng(seed)
        noise = rng.uniform(-0.25, 0.25, content_image.shape).astype("float32")
        return np.clip(content_image + noise, 0.0, 1.0)

    def make_step(self, style_image, content_image, learning_rate=0.01):
        """The compiled step `state -> (state, J)`, state = (image, m, v, t).

        Adam (beta_1 0.9, beta_2 0.999, epsilon 1e-7, as Keras's) is written
        out on the image, so the whole step compiles as one function.
        """
        a_S = [ops.stop_gradient(a) for a in self.encode(style_image)]
        a_C = [ops.stop_gradient(a) for a in self.encode(content_image)]

        def cost(image):
            return self.costs(a_S, a_C, self.encode(image))[0]

        def adam(image, gradient, m, v, t):
            t = t + 1.0
            m = 0.9 * m + 0.1 * gradient
            v = 0.999 * v + 0.001 * ops.square(gradient)
            rate = learning_rate * ops.sqrt(1.0 - 0.999**t) / (1.0 - 0.9**t)
            image = image - rate * m / (ops.sqrt(v) + 1e-7)
            return ops.clip(image, 0.0, 1.0), m, v, t

        with_gradient = value_and_grad(cost, "NeuralStyleTransfer")

        def step(image, m, v, t):
            J, gradient = with_gradient(image)
            return (*adam(image, gradient, m, v, t), J)

        return compile_function(step, "NeuralStyleTransfer")

    def transfer(
        self,
        content_image,
        style_image,
        steps=200,
        learning_rate=0.01,
        seed=None,
        verbose=1,
    ):
        """Optimises the generated image; returns it, `(height, width, 3)`
        pixels in [0, 255].

        Args:
            content_image, style_image: `(height, width, 3)` or `(1, height,
                width, 3)` pixels in [0, 255], the same size.
            steps: int. The course runs 2,501 at 400×400.
            learning_rate: float, Adam's. Defaults to the course's 0.01.
            seed: int or None, for the starting noise.
            verbose: 1 for a progress bar with the cost, 0 for none.

        The costs are kept in `self.history` (one per step).
        """
        content = _image(content_image, "content_image")
        style = _image(style_image, "style_image")
        if content.shape != style.shape:
            raise ValueError(
                "`content_image` and `style_image` must have the same size (the "
                f"course resizes both to 400x400). Received: {content.shape} "
                f"and {style.shape}"
            )
        steps = check_int("steps", steps)
        learning_rate = check_number("learning_rate", learning_rate, positive=True)
        step = self.make_step(style, content, learning_rate)
        image = ops.convert_to_tensor(self.initial_image(content, seed))
        m, v = ops.zeros_like(image), ops.zeros_like(image)
        t = ops.convert_to_tensor(0.0)
        bar = keras.utils.Progbar(steps, verbose=verbose, stateful_metrics=["cost"])
        self.history = []
        for index in range(steps):
            image, m, v, t, J = step(image, m, v, t)
            self.history.append(float(J))
            bar.update(index + 1, [("cost", self.history[-1])])
        return 255.0 * ops.convert_to_numpy(image)[0]


def _image(image, name):
    image = np.asarray(image, "float32")
    if image.ndim == 3:
        image = image[None]
    if image.ndim != 4 or image.shape[0] != 1 or image.shape[-1] != 3:
        raise ValueError(
            f"`{name}` must be one RGB image (height, width, 3). Received: "
            f"shape {image.shape}"
        )
    if image.min() < 0 or image.max() > 255:
        raise ValueError(
            f"`{name}` must hold pixels in [0, 255]. Received values in "
            f"[{image.min():.3g}, {image.max():.3g}]"
        )
    return image / 255.0
