import keras

from keras_course._validation import check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.OneStepAttention")
class OneStepAttention(keras.layers.Layer):
    """The course's `one_step_attention` (course 5 week 3), as one layer.

    For encoder states `a` of shape `(batch, Tx, 2 * n_a)` and the previous
    decoder state `s_prev` of shape `(batch, n_s)`: repeat `s_prev` over the
    `Tx` steps, concatenate it after `a`, Dense(`energy_units`, tanh) →
    Dense(1, relu) gives one energy per step, a softmax over the time axis
    gives the attention weights, and their weighted sum of `a` is the context.
    Same weights and parameter count as the course's shared
    `RepeatVector`/`Concatenate`/`Dense`/`Dense`/`Activation`/`Dot` graph, in
    `keras.ops` (no Lambda), and it can return the weights the course model
    keeps hidden.

    `keras.layers.AdditiveAttention` scores `v · tanh(q + k)` without the
    learned projections or the ReLU energy; this layer is the course's exact
    scoring.

    Under JAX on an NVIDIA GPU, give the LSTM that computes `a`
    `use_cudnn=False` (as `DateTranslator` does): on an H200, Keras's cuDNN
    LSTM got wrong weight gradients (relative error about 1) whenever its
    outputs fed this layer's weighted sum, because jaxlib lets XLA hand
    cuDNN the gradient in a layout it does not read (see "GPU numerics" in
    the conventions page). Other backends and CPUs are not affected.

    Args:
        energy_units: int, the tanh layer's width (the course's 10).

    Call arguments:
        inputs: `[a, s_prev]`.
        return_attention_scores: bool: also return the weights.
        mask: optional `(batch, Tx)` boolean mask of `a`'s valid steps;
            masked steps get zero weight.

    Returns:
        The context `(batch, 2 * n_a)`, and with `return_attention_scores`
        also the weights `(batch, Tx)`.

    Example:

    >>> layer = OneStepAttention(10)
    >>> context, weights = layer(
    ...     [np.ones((2, 30, 64)), np.zeros((2, 64))], return_attention_scores=True
    ... )
    >>> tuple(context.shape), tuple(weights.shape), layer.count_params()
    ((2, 64), (2, 30), 1301)
    """

    def __init__(self, energy_units=10, **kwargs):
        super().__init__(**kwargs)
        self.energy_units = check_int("energy_units", energy_units)
        self.energy_hidden = keras.layers.Dense(
            self.energy_units, activation="tanh", name="energy_hidden"
        )
        self.energy = keras.layers.Dense(1, activation="relu", name="energy")
        self.supports_masking = True  # it reads the mask of `a`

    def compute_mask(self, inputs, mask=None):
        return None  # the context has no time axis left to mask

    def build(self, input_shape):
        if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2:
            raise ValueError(
                "OneStepAttention takes [a, s_prev]. Received: input_shape="
                f"{input_shape}"
            )
        a_shape, s_shape = input_shape
        if len(a_shape) != 3 or len(s_shape) != 2:
            raise ValueError(
                "OneStepAttention takes a of shape (batch, Tx, features) and "
                f"s_prev of shape (batch, units). Received: {a_shape} and {s_shape}"
            )
        features = a_shape[-1] + s_shape[-1]
        self.energy_hidden.build((None, None, features))
        self.energy.build((None, None, self.energy_units))

    def call(self, inputs, return_attention_scores=False, mask=None):
        ops = keras.ops
        a, s_prev = inputs
        steps = ops.shape(a)[1]
        repeated = ops.repeat(ops.expand_dims(s_prev, 1), steps, axis=1)
        concat = ops.concatenate([a, ops.cast(repeated, a.dtype)], axis=-1)
        energies = ops.squeeze(self.energy(self.energy_hidden(concat)), -1)
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if mask is not None:
            energies = ops.where(mask, energies, ops.full_like(energies, -1e9))
        weights = ops.softmax(energies, axis=1)
        context = ops.einsum("bt,btf->bf", weights, a)
        if return_attention_scores:
            return context, weights
        return context

    def compute_output_spec(self, inputs, return_attention_scores=False, mask=None):
        a, _ = inputs
        context = keras.KerasTensor((a.shape[0], a.shape[2]), dtype=self.compute_dtype)
        if return_attention_scores:
            weights = keras.KerasTensor(a.shape[:2], dtype=self.compute_dtype)
            return context, weights
        return context

    def get_config(self):
        return {**super().get_config(), "energy_units": self.energy_units}
