"""Pretrained ImageNet bases: a clear error when the download fails, and only
then."""


def download_failed(error):
    """Whether `error` is Keras's `get_file` failing to fetch or verify a
    file: it raises a bare `Exception` starting "URL fetch failure", a
    `ValueError` about an incomplete or corrupted file, or an `OSError` (no
    space, no permission). Anything else (a bad `input_shape`, say) is the
    caller's error and must surface as it is."""
    message = str(error)
    return (
        isinstance(error, OSError)
        or message.startswith("URL fetch failure")
        or "Incomplete or corrupted file detected" in message
    )


def imagenet_base(build, weights, name, filename, offline_hint):
    """`build()`; where it fails to download ImageNet weights, an `OSError`
    naming `name`, where Keras keeps `filename`, and `offline_hint`."""
    try:
        return build()
    except Exception as e:
        if weights != "imagenet" or not download_failed(e):
            raise
        raise OSError(
            f"Could not get the ImageNet weights of {name} ({e}). Keras "
            f"downloads them once into $KERAS_HOME/models ({filename}). "
            f"Offline: {offline_hint}"
        ) from e
