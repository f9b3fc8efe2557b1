from keras_course.applications.nmt.date_translator import DateTranslator
from keras_course.applications.nmt.seq2seq_translator import Seq2SeqTranslator

__all__ = ["DateTranslator", "Seq2SeqTranslator"]
