"""Raw pixels in: the image input every image application starts with."""

import keras

from keras_course._validation import check_image_shape


def image_input(input_shape, channels=None, scale=1 / 255, offset=0.0):
    """`(inputs, x)`: the model's image input, raw pixels in [0, 255], and
    those pixels rescaled by a `Rescaling` layer named `"rescale"` (no
    parameters, so the course's counts hold): the course's `1/255` by
    default."""
    input_shape = check_image_shape(input_shape, channels)
    inputs = keras.Input(input_shape, name="image")
    return inputs, keras.layers.Rescaling(scale, offset, name="rescale")(inputs)
