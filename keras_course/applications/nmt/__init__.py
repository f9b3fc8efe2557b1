from keras_course.applications.nmt.date_translator import DateTranslator

__all__ = ["DateTranslator"]
