"""Layers for the harness's own tests: one correct, several deliberately broken."""

import keras


@keras.saving.register_keras_serializable(package="harness_samples")
class GoodDense(keras.layers.Layer):
    def __init__(self, units, scale=1.0, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.scale = scale

    def build(self, input_shape):
        self.kernel = self.add_weight(
            name="kernel", shape=(input_shape[-1], self.units), initializer="ones"
        )

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.kernel) * self.scale

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units, "scale": self.scale}


@keras.saving.register_keras_serializable(package="harness_samples")
class MissingConfigArg(GoodDense):
    """Forgets `scale` in get_config: a reloaded layer silently uses 1.0."""

    def get_config(self):
        config = super().get_config()
        del config["scale"]
        return config


@keras.saving.register_keras_serializable(package="harness_samples")
class LambdaInside(keras.layers.Layer):
    """Wraps its work in a Lambda sub-layer, as the course notebooks do."""

    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor
        self.inner = keras.layers.Lambda(lambda x: x * factor)

    def call(self, inputs):
        return self.inner(inputs)

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.saving.register_keras_serializable(package="harness_samples")
class NonSerializableAttribute(keras.layers.Layer):
    """Keeps a Python callable in its config."""

    def __init__(self, fn=None, **kwargs):
        super().__init__(**kwargs)
        self.fn = fn if fn is not None else (lambda x: x + 1.0)

    def call(self, inputs):
        return self.fn(inputs)

    def get_config(self):
        return {**super().get_config(), "fn": self.fn}


class Unregistered(keras.layers.Layer):
    """Correct in every way but never registered for deserialization."""

    def call(self, inputs):
        return inputs * 2.0
