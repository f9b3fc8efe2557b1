from keras_course.applications.vision.classifiers import (
    CatsVsDogsClassifier,
    FashionMNISTClassifier,
    HorseOrHumanClassifier,
    RockPaperScissorsClassifier,
)

__all__ = [
    "CatsVsDogsClassifier",
    "FashionMNISTClassifier",
    "HorseOrHumanClassifier",
    "RockPaperScissorsClassifier",
]
