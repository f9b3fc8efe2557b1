from keras_course.applications.sequence.char_language_model import CharLanguageModel
from keras_course.applications.sequence.emojifier import Emojifier
from keras_course.applications.sequence.jazz import JazzImproviser
from keras_course.applications.sequence.trigger_word import TriggerWordDetector

__all__ = ["CharLanguageModel", "Emojifier", "JazzImproviser", "TriggerWordDetector"]
