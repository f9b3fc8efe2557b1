from keras_course.applications.cnn.mobilenet_transfer import MobileNetV2Transfer
from keras_course.applications.cnn.resnet import CourseResNet50
from keras_course.applications.cnn.unet import UNet

__all__ = ["CourseResNet50", "MobileNetV2Transfer", "UNet"]
