"""Messages to the user, routed the way Keras routes its own."""

import logging
import sys

import keras

logger = logging.getLogger("keras_course")


def print_msg(message):
    """Writes `message` to stdout, or to logging when Keras's interactive
    logging is off (`keras.config.disable_interactive_logging()`)."""
    if keras.config.is_interactive_logging_enabled():
        sys.stdout.write(f"{message}\n")
        sys.stdout.flush()
    else:
        logger.info(message)
