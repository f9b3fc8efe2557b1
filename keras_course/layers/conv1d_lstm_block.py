import keras

from keras_course._validation import check_fraction, check_int
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.Conv1DLSTMBlock")
class Conv1DLSTMBlock(keras.layers.Layer):
    """Causal Conv1D followed by stacked LSTMs: the course's sunspot block.

    Course 4, week 4 puts `Conv1D(filters, 5, padding="causal", activation="relu")`
    in front of two `LSTM(..., return_sequences=True)` layers. This is that stack
    as one layer, with the LSTMs optionally bidirectional.

    Args:
        filters: int, Conv1D filters. Defaults to 32.
        kernel_size: int, Conv1D kernel size. Defaults to 5.
        lstm_units: tuple of ints, units of each stacked LSTM. Defaults to
            `(64, 64)`.
        bidirectional: bool, wrap each LSTM in `Bidirectional`.
        dropout: float in [0, 1), input dropout of each LSTM.
        return_sequences: bool, return every step of the last LSTM (the
            course's seq-to-seq set-up) or only the last step. Defaults to True.

    Call arguments:
        inputs: tensor of shape `(batch, time, features)`.
        training: bool, whether dropout is active.

    Returns:
        `(batch, time, units)` if `return_sequences`, else `(batch, units)`, with
        `units = lstm_units[-1]` (twice that if bidirectional).

    Example:

    >>> block = Conv1DLSTMBlock(filters=8, lstm_units=(16,), return_sequences=False)
    >>> tuple(block(np.zeros((2, 30, 1), "float32")).shape)
    (2, 16)
    """

    def __init__(
        self,
        filters=32,
        kernel_size=5,
        lstm_units=(64, 64),
        bidirectional=False,
        dropout=0.0,
        return_sequences=True,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.filters = check_int("filters", filters)
        self.kernel_size = check_int("kernel_size", kernel_size)
        if isinstance(lstm_units, int) or not lstm_units:
            raise ValueError(
                "`lstm_units` must be a non-empty tuple of positive ints. "
                f"Received: lstm_units={lstm_units!r}"
            )
        self.lstm_units = tuple(
            check_int(f"lstm_units[{i}]", u) for i, u in enumerate(lstm_units)
        )
        self.bidirectional = bool(bidirectional)
        self.dropout = check_fraction("dropout", dropout)
        self.return_sequences = bool(return_sequences)

        self.conv = keras.layers.Conv1D(
            self.filters,
            self.kernel_size,
            padding="causal",
            activation="relu",
            name="conv",
        )
        self.lstms = []
        for i, units in enumerate(self.lstm_units):
            last = i == len(self.lstm_units) - 1
            kwargs = {
                "return_sequences": self.return_sequences or not last,
                "dropout": self.dropout,
            }
            lstm = keras.layers.LSTM(units, name=f"lstm_{i}", **kwargs)
            if self.bidirectional:
                lstm = keras.layers.Bidirectional(lstm, name=f"bidirectional_{i}")
                if _cudnn_reverses_backward_half(**kwargs):
                    lstm.backward_layer.use_cudnn = False
            self.lstms.append(lstm)

    def build(self, input_shape):
        if len(input_shape) != 3:
            raise ValueError(
                "Conv1DLSTMBlock expects inputs of shape (batch, time, features); "
                "put ExpandDims() before it for a (batch, time) window. "
                f"Received: input_shape={input_shape}"
            )
        self.conv.build(input_shape)
        shape = self.conv.compute_output_shape(input_shape)
        for lstm in self.lstms:
            lstm.build(shape)
            shape = lstm.compute_output_shape(shape)

    def call(self, inputs, training=None):
        x = self.conv(inputs)
        for lstm in self.lstms:
            x = lstm(x, training=training)
        return x

    def compute_output_shape(self, input_shape):
        units = self.lstm_units[-1] * (2 if self.bidirectional else 1)
        if self.return_sequences:
            return (input_shape[0], input_shape[1], units)
        return (input_shape[0], units)

    def get_config(self):
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": self.kernel_size,
            "lstm_units": list(self.lstm_units),
            "bidirectional": self.bidirectional,
            "dropout": self.dropout,
            "return_sequences": self.return_sequences,
        }


def _cudnn_reverses_backward_half(return_sequences, dropout):
    """Whether a Bidirectional LSTM's backward half must keep off cuDNN.

    Under JAX on a GPU, Keras (3.14-3.15) runs an LSTM through cuDNN and
    returns a `go_backwards` LSTM's sequence in input order, which
    `Bidirectional` reverses once more: each step would read another step's
    backward state. Without dropout, `Bidirectional` fuses both directions
    into one cuDNN call that gets the order right; with dropout it runs them
    one by one, so the backward half keeps to Keras's own loop. (Its
    `use_cudnn` is not serialized: the block sets it again when rebuilt.)
    The test harness shows the difference on a CPU (docs: Conventions, GPU
    numerics).
    """
    return bool(return_sequences and dropout) and keras.backend.backend() == "jax"
