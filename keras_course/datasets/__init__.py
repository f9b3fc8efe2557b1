"""Dataset loaders and generators for the course data."""

from keras_course.datasets.course_csv import load_daily_min_temperatures, load_sunspots
from keras_course.datasets.course_images import (
    load_cats_vs_dogs,
    load_fashion_mnist,
    load_horses_or_humans,
    load_rock_paper_scissors,
)
from keras_course.datasets.dates import generate_dates
from keras_course.datasets.glove import load_glove
from keras_course.datasets.images import (
    ImageFolderSplit,
    image_folder_dataset,
    split_image_folder,
)
from keras_course.datasets.music import load_folk_melodies
from keras_course.datasets.planar import circles, moons, noisy_boundary, planar_flower
from keras_course.datasets.sequences import reversal_pairs
from keras_course.datasets.shapes import (
    synthetic_happy_faces,
    synthetic_segmentation,
    synthetic_shapes,
    synthetic_signs,
)
from keras_course.datasets.text import (
    load_emoji_sentences,
    load_first_names,
    load_imdb_reviews,
    load_poetry_corpus,
    load_sarcasm,
)
from keras_course.datasets.timeseries import synthetic_series
from keras_course.datasets.trigger_word import (
    synthesize_trigger_clips,
    synthetic_trigger_words,
)
from keras_course.datasets.windows import forecast_windows, windowed_dataset

__all__ = [
    "ImageFolderSplit",
    "circles",
    "forecast_windows",
    "generate_dates",
    "image_folder_dataset",
    "load_cats_vs_dogs",
    "load_daily_min_temperatures",
    "load_emoji_sentences",
    "load_first_names",
    "load_folk_melodies",
    "load_fashion_mnist",
    "load_glove",
    "load_horses_or_humans",
    "load_imdb_reviews",
    "load_poetry_corpus",
    "load_rock_paper_scissors",
    "load_sarcasm",
    "load_sunspots",
    "moons",
    "noisy_boundary",
    "planar_flower",
    "reversal_pairs",
    "split_image_folder",
    "synthetic_segmentation",
    "synthesize_trigger_clips",
    "synthetic_series",
    "synthetic_shapes",
    "synthetic_happy_faces",
    "synthetic_signs",
    "synthetic_trigger_words",
    "windowed_dataset",
]
