"""keras_course.preprocessing: components land here as their issues are resolved."""

__all__ = []
