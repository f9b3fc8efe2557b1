from keras_course.applications.nlp.poetry import PoetryGenerator
from keras_course.applications.nlp.sentiment import SentimentClassifier

__all__ = ["PoetryGenerator", "SentimentClassifier"]
