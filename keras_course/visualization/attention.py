"""Attention heatmaps (course 5 week 3's `plot_attention_map`)."""

import numpy as np

from keras_course.api_export import keras_course_export


@keras_course_export("keras_course.visualization.plot_attention")
def plot_attention(weights, input_tokens, output_tokens, ax=None, hide_padding="<pad>"):
    """A heatmap of attention weights: one row per output token, one column
    per input token.

    Args:
        weights: `(len(output_tokens), len(input_tokens))` array, e.g.
            `DateTranslator.attention_map(text)`.
        input_tokens: labels of the columns (e.g.
            `DateTranslator.input_tokens(text)`); a space shows as "␣".
        output_tokens: labels of the rows (e.g. the characters of the
            translation).
        ax: a matplotlib Axes, or None for a new figure.
        hide_padding: str or None: columns whose input token is this (and
            that carry no weight worth showing) are dropped. Defaults to
            `"<pad>"`.

    Returns:
        The matplotlib Axes.

    Example:

    >>> ax = plot_attention(np.eye(3), ["a", "b", "c"], ["x", "y", "z"])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['a', 'b', 'c']
    """
    import matplotlib.pyplot as plt

    weights = np.asarray(weights, dtype="float32")
    input_tokens, output_tokens = list(input_tokens), list(output_tokens)
    if weights.shape != (len(output_tokens), len(input_tokens)):
        raise ValueError(
            "`weights` must have shape (len(output_tokens), len(input_tokens)) = "
            f"({len(output_tokens)}, {len(input_tokens)}). Received: "
            f"{weights.shape}"
        )
    if hide_padding is not None:
        keep = [i for i, token in enumerate(input_tokens) if token != hide_padding]
        weights = weights[:, keep]
        input_tokens = [input_tokens[i] for i in keep]
    if ax is None:
        _, ax = plt.subplots(
            figsize=(
                max(4, 0.35 * len(input_tokens) + 1.5),
                0.35 * len(output_tokens) + 1.5,
            )
        )
    image = ax.imshow(weights, cmap="viridis", aspect="auto", vmin=0)
    ax.figure.colorbar(image, ax=ax, fraction=0.03)
    ax.set_xticks(
        range(len(input_tokens)), ["␣" if t == " " else t for t in input_tokens]
    )
    ax.set_yticks(range(len(output_tokens)), output_tokens)
    ax.set_xlabel("input")
    ax.set_ylabel("output")
    ax.set_title("attention weights")
    return ax
