"""One-line applications: course architectures with their data handling."""

from keras_course.applications._presets import list_presets
from keras_course.applications.cnn import (
    CourseResNet50,
    FaceVerifier,
    HappyHouseClassifier,
    MobileNetV2Transfer,
    NeuralStyleTransfer,
    SignsClassifier,
    UNet,
    face_encoder,
    verification_sweep,
)
from keras_course.applications.forecasting import TimeSeriesForecaster
from keras_course.applications.foundations import ShallowClassifier
from keras_course.applications.nlp import PoetryGenerator, SentimentClassifier
from keras_course.applications.nmt import DateTranslator, Seq2SeqTranslator
from keras_course.applications.sequence import (
    CharLanguageModel,
    Emojifier,
    JazzImproviser,
    TriggerWordDetector,
)
from keras_course.applications.vision import (
    CatsVsDogsClassifier,
    FashionMNISTClassifier,
    HorseOrHumanClassifier,
    RockPaperScissorsClassifier,
    TransferLearningClassifier,
)
from keras_course.applications.yolo import YOLODetector

__all__ = [
    "CatsVsDogsClassifier",
    "CharLanguageModel",
    "CourseResNet50",
    "DateTranslator",
    "Emojifier",
    "FaceVerifier",
    "FashionMNISTClassifier",
    "HappyHouseClassifier",
    "HorseOrHumanClassifier",
    "JazzImproviser",
    "MobileNetV2Transfer",
    "NeuralStyleTransfer",
    "PoetryGenerator",
    "RockPaperScissorsClassifier",
    "SentimentClassifier",
    "Seq2SeqTranslator",
    "ShallowClassifier",
    "SignsClassifier",
    "TimeSeriesForecaster",
    "TransferLearningClassifier",
    "TriggerWordDetector",
    "UNet",
    "YOLODetector",
    "face_encoder",
    "list_presets",
    "verification_sweep",
]
