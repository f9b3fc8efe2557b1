from keras_course.applications.vision.classifiers import (
    CatsVsDogsClassifier,
    FashionMNISTClassifier,
    HorseOrHumanClassifier,
    RockPaperScissorsClassifier,
)
from keras_course.applications.vision.transfer_learning import (
    TransferLearningClassifier,
)

__all__ = [
    "CatsVsDogsClassifier",
    "FashionMNISTClassifier",
    "HorseOrHumanClassifier",
    "RockPaperScissorsClassifier",
    "TransferLearningClassifier",
]
