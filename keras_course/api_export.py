"""The one decorator that makes a symbol public.

`keras_course_export("keras_course.layers.SlidingWindow")` records the public name
(used by `keras-course list`, the docs and the `__all__` sync test) and registers
the object with `keras.saving.register_keras_serializable(package="keras_course")`
so that a saved `.keras` file loads with `safe_mode=True` and no `custom_objects`
once `keras_course` is imported.
"""

import inspect

import keras

PACKAGE = "keras_course"

# Public name ("keras_course.layers.SlidingWindow") -> the exported object.
REGISTRY = {}


def _needs_registration(symbol):
    # Classes Keras can serialize have `get_config`; plain functions (losses,
    # activations) serialize by name. Other classes (result objects, datasets)
    # are only recorded.
    if inspect.isclass(symbol):
        return hasattr(symbol, "get_config")
    return inspect.isfunction(symbol)


def keras_course_export(name):
    """Marks `symbol` public under `name` and registers it for `.keras` loading.

    Args:
        name: str, the full public name, `"keras_course.<namespace>.<Symbol>"`.
            The last part must be the symbol's own `__name__`.
    """
    parts = name.split(".") if isinstance(name, str) else []
    if len(parts) != 3 or parts[0] != PACKAGE:
        raise ValueError(
            "`name` must look like 'keras_course.<namespace>.<Symbol>'. "
            f"Received: name={name!r}"
        )

    def decorator(symbol):
        if symbol.__name__ != parts[-1]:
            raise ValueError(
                f"The exported name {name!r} must end with the symbol's own name "
                f"{symbol.__name__!r}."
            )
        if name in REGISTRY and REGISTRY[name] is not symbol:
            raise ValueError(f"{name!r} is exported twice.")
        if _needs_registration(symbol):
            keras.saving.register_keras_serializable(package=PACKAGE)(symbol)
        REGISTRY[name] = symbol
        return symbol

    return decorator


def public_names(namespace):
    """Sorted short names exported under `keras_course.<namespace>`."""
    prefix = f"{PACKAGE}.{namespace}."
    return sorted(n[len(prefix) :] for n in REGISTRY if n.startswith(prefix))
