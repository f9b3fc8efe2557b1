"""A fix shared by the applications whose models take raw strings."""

import keras

from keras_course._keras_internals import symbolic_build


class StringInputsMixin:
    """Lets a model with string inputs train under `tf.distribute`.

    Under a strategy, Keras's TensorFlow trainer builds the model from the
    first batch averaged over the replicas ("MEAN"), and averaging strings
    fails (AddN). This builds from the first replica's batch instead: same
    shapes, same dtypes. (Keras 3.15, backend/tensorflow/trainer.py.)
    """

    # `FitMixin.fit` lets `x` hold raw strings.
    _accepts_text = True

    def _maybe_symbolic_build(self, iterator=None, data_batch=None):
        strategy = getattr(self, "_distribute_strategy", None)
        if strategy is None or iterator is None:
            return super()._maybe_symbolic_build(iterator, data_batch)
        import tensorflow as tf

        for _, _, batches in iterator:
            batch = next(batches)
            break
        batch = keras.tree.map_structure(
            lambda v: (
                strategy.experimental_local_results(v)[0]
                if isinstance(v, tf.distribute.DistributedValues)
                else v
            ),
            batch,
        )
        with strategy.scope():
            symbolic_build(self, batch)
