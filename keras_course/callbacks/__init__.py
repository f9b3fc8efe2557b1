"""keras_course.callbacks: components land here as their issues are resolved."""

__all__ = []
