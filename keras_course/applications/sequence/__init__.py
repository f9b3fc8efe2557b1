from keras_course.applications.sequence.emojifier import Emojifier

__all__ = ["Emojifier"]
