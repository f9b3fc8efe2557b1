"""One compiled loop that samples a next-token model step by step.

Shared by the models that feed each step's choice back as the next input
(`CharLanguageModel`, `JazzImproviser`): a frozen one-hot table named
`"one_hot"` (its last row, the start id, is zeros), a recurrent layer named
`"rnn"` and a softmax `Dense` named `"next"`.
"""

import keras
import numpy as np

from keras_course._backend import compile_function
from keras_course._validation import check_number


def recurrent_sampler(model, caller):
    """`sample(noise, temperature, greedy) -> ids (batch, steps)` for `model`,
    compiled once (`tf.function` / `jax.jit`).

    `noise` is Gumbel noise `(batch, steps, vocabulary)`: the argmax of
    `log p / temperature + noise` draws from `softmax(log p / temperature)`;
    with `greedy` the noise is ignored (the argmax of `p`, as the courses'
    loops do). The recurrent state is carried from step to step; nothing
    returns to Python until the last step.
    """
    cell = model.get_layer("rnn").cell
    dense = model.get_layer("next")
    table = model.get_layer("one_hot")
    variables = model.trainable_variables + model.non_trainable_variables
    start_id = model.start_id
    ops = keras.ops

    def sample(values, noise, temperature, greedy):
        mapping = list(zip(variables, values, strict=True))
        with keras.StatelessScope(state_mapping=mapping):
            batch, steps = ops.shape(noise)[0], ops.shape(noise)[1]
            sizes = cell.state_size if isinstance(cell.state_size, list) else [
                cell.state_size
            ]  # fmt: skip
            states = [ops.zeros((batch, s)) for s in sizes]
            previous = ops.full((batch,), start_id, "int32")
            ids = ops.zeros((batch, steps), "int32")

            def body(step, carry):
                states, previous, ids = carry
                output, states = cell(table(previous), states)
                states = list(keras.tree.flatten(states))
                logits = ops.log(ops.maximum(dense(output), 1e-30))
                scored = ops.where(greedy, logits, logits / temperature
                                   + noise[:, step])  # fmt: skip
                chosen = ops.cast(ops.argmax(scored, axis=-1), "int32")
                ids = ops.slice_update(ids, (0, step), chosen[:, None])
                return states, chosen, ids

            return ops.fori_loop(0, steps, body, (states, previous, ids))[2]

    function = compile_function(sample, caller)
    return lambda *args: function([v.value for v in variables], *args)


def gumbel_noise(seed, shape):
    """Gumbel(0, 1) noise of `shape`, float32, from numpy's generator."""
    uniform = np.random.default_rng(seed).uniform(
        np.finfo("float32").tiny, 1.0, shape
    ).astype("float32")  # fmt: skip
    return -np.log(-np.log(uniform))


def sampling_temperature(temperature):
    """`(temperature, greedy)` for the compiled loop, `temperature` >= 0."""
    temperature = check_number("temperature", temperature)
    if temperature < 0:
        raise ValueError(
            "`temperature` must be >= 0 (0: greedy, the most likely "
            f"token each step). Received: temperature={temperature}"
        )
    return np.float32(max(temperature, 1e-6)), np.bool_(temperature == 0)
