from keras_course.applications.cnn.convolution_models import (
    HappyHouseClassifier,
    SignsClassifier,
)
from keras_course.applications.cnn.face_verification import (
    FaceVerifier,
    face_encoder,
    verification_sweep,
)
from keras_course.applications.cnn.mobilenet_transfer import MobileNetV2Transfer
from keras_course.applications.cnn.resnet import CourseResNet50
from keras_course.applications.cnn.style_transfer import NeuralStyleTransfer
from keras_course.applications.cnn.unet import UNet

__all__ = [
    "CourseResNet50",
    "FaceVerifier",
    "HappyHouseClassifier",
    "MobileNetV2Transfer",
    "NeuralStyleTransfer",
    "SignsClassifier",
    "UNet",
    "face_encoder",
    "verification_sweep",
]
