from keras_course.applications.yolo.detector import YOLODetector

__all__ = ["YOLODetector"]
