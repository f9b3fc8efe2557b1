from keras_course.applications.foundations.shallow import ShallowClassifier

__all__ = ["ShallowClassifier"]
