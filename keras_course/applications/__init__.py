"""keras_course.applications: components land here as their issues are resolved."""

__all__ = []
