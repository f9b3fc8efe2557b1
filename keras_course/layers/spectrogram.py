"""The trigger-word assignment's spectrogram (DLS course 5 week 3) as a layer."""

import warnings

import keras
from keras import ops

from keras_course._validation import check_choice, check_int, check_number
from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.layers.Spectrogram")
class Spectrogram(keras.layers.Layer):
    """The course's `graph_spectrogram`: audio in, `(frames, 101)` out.

    The course calls `plt.specgram(x, NFFT=200, Fs=8000, noverlap=120)`: a
    200-sample symmetric Hann window every 80 samples, the one-sided power
    spectral density, 101 frequency bins; 10 s of 44.1 kHz audio (441,000
    samples) give the model's 5,511 frames. This wraps
    `keras.layers.STFTSpectrogram(mode="psd", frame_length=200,
    frame_step=80, fft_length=200, periodic=False)`, which equals
    matplotlib's PSD times `fs` (tested), and divides by the course's
    `fs=8000`, so the values are the course's to float precision.
    `scale="log"` returns `10 log10(psd + 1e-10)` instead (decibels).

    Args:
        frame_length: int, the window (course `nfft`). Defaults to 200.
        frame_step: int, the hop (`nfft - noverlap`). Defaults to 80.
        fs: float, the rate the course passes to `specgram` (it scales the
            density only). Defaults to 8000.
        scale: `"linear"` (the course) or `"log"`.

    Call arguments:
        audio: `(batch, samples)` or `(batch, samples, 1)` floats, at least
            `frame_length` samples.

    Returns:
        `(batch, 1 + (samples - frame_length) // frame_step,
        frame_length // 2 + 1)`.

    Example:

    >>> spectrogram = Spectrogram()
    >>> tuple(spectrogram(np.zeros((1, 441_000), "float32")).shape)
    (1, 5511, 101)
    """

    def __init__(self, frame_length=200, frame_step=80, fs=8000.0, scale="linear",
                 **kwargs):  # fmt: skip
        super().__init__(**kwargs)
        self.frame_length = check_int("frame_length", frame_length, minimum=2)
        self.frame_step = check_int("frame_step", frame_step)
        if self.frame_step > self.frame_length:
            raise ValueError(
                "`frame_step` must be <= `frame_length`. Received: "
                f"frame_step={frame_step}, frame_length={frame_length}"
            )
        self.fs = check_number("fs", fs, positive=True)
        self.scale = check_choice("scale", scale, ("linear", "log"))
        with warnings.catch_warnings():  # the course's 200 is no power of 2
            warnings.filterwarnings("ignore", "`fft_length` is recommended")
            self.stft = keras.layers.STFTSpectrogram(
                mode="psd", frame_length=self.frame_length,
                frame_step=self.frame_step, fft_length=self.frame_length,
                window="hann", periodic=False, scaling="density",
                padding="valid", dtype=self.dtype_policy, name="stft",
            )  # fmt: skip

    def _check(self, shape):
        shape = tuple(shape)
        if len(shape) not in (2, 3) or (len(shape) == 3 and shape[-1] != 1):
            raise ValueError(
                "Spectrogram expects mono audio (batch, samples) or (batch, "
                f"samples, 1). Received: input_shape={shape}"
            )
        if shape[1] is not None and shape[1] < self.frame_length:
            raise ValueError(
                f"Spectrogram needs at least frame_length={self.frame_length} "
                f"samples. Received: {shape[1]} samples"
            )
        return (*shape[:2], 1)

    def build(self, input_shape):
        self.stft.build(self._check(input_shape))
        self.built = True

    def call(self, audio):
        self._check(audio.shape)
        if len(audio.shape) == 2:
            audio = ops.expand_dims(audio, -1)
        psd = self.stft(audio) / self.fs
        if self.scale == "log":
            return 10.0 * ops.log10(psd + 1e-10)
        return psd

    def compute_output_shape(self, input_shape):
        batch, samples, _ = self._check(input_shape)
        frames = None
        if samples is not None:
            frames = 1 + (samples - self.frame_length) // self.frame_step
        return (batch, frames, self.frame_length // 2 + 1)

    def get_config(self):
        config = super().get_config()
        config.update(
            frame_length=self.frame_length,
            frame_step=self.frame_step,
            fs=self.fs,
            scale=self.scale,
        )
        return config
