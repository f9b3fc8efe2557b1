from keras_course.applications.sequence.char_language_model import CharLanguageModel
from keras_course.applications.sequence.emojifier import Emojifier

__all__ = ["CharLanguageModel", "Emojifier"]
