"""The courses' own code, kept verbatim (apart from layout) as references.

Tests check keras-course against these for equality, and benchmarks and the
demo time both ways in one run. They are the notebooks' implementations:
slow and loop-based on purpose, and they never call keras-course's own
functions. (Until 0.9 this module lived in the test harness's package; it
moved here so that the demo, which is product code, does not import the
harness.)
"""

import numpy as np


def course_lab_series():
    """Course 4 lab: trend + seasonality + noise, split 1000 (1461 points)."""

    def trend(time, slope=0):
        return slope * time

    def seasonal_pattern(season_time):
        return np.where(
            season_time < 0.4,
            np.cos(season_time * 2 * np.pi),
            1 / np.exp(3 * season_time),
        )

    def seasonality(time, period, amplitude=1, phase=0):
        season_time = ((time + phase) % period) / period
        return amplitude * seasonal_pattern(season_time)

    def noise(time, noise_level=1, seed=None):
        rnd = np.random.RandomState(seed)
        return rnd.randn(len(time)) * noise_level

    time = np.arange(4 * 365 + 1, dtype="float32")
    baseline = 10
    amplitude = 40
    slope = 0.05
    noise_level = 5
    series = (
        baseline
        + trend(time, slope)
        + seasonality(time, period=365, amplitude=amplitude)
    )
    series += noise(time, noise_level, seed=42)
    return time, series


def course_moving_average_forecast(series, window_size):
    """Course 4 week 1: one mean per step, in a Python loop."""
    forecast = []
    for time in range(len(series) - window_size):
        forecast.append(series[time : time + window_size].mean())
    return np.array(forecast)


def course_windowed_dataset(series, window_size, batch_size, shuffle_buffer):
    """Course 4 week 2: `window` -> `flat_map` -> `shuffle` -> `map` -> `batch`."""
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices(series)
    dataset = dataset.window(window_size + 1, shift=1, drop_remainder=True)
    dataset = dataset.flat_map(lambda window: window.batch(window_size + 1))
    dataset = dataset.shuffle(shuffle_buffer)
    dataset = dataset.map(lambda window: (window[:-1], window[-1]))
    return dataset.batch(batch_size).prefetch(1)


def course_predict_loop(model, series, window_size):
    """Course 4 week 2: one `model.predict` per window."""
    return np.array(
        [
            model.predict(series[t : t + window_size][np.newaxis], verbose=0)[0, 0]
            for t in range(len(series) - window_size + 1)
        ]
    )


def course_ngram_sequences(tokenizer, corpus):
    """Course 3 week 4: every prefix of every line, pre-padded, one-hot labels."""
    import keras

    total_words = len(tokenizer.word_index) + 1
    input_sequences = []
    for line in corpus:
        token_list = tokenizer.texts_to_sequences([line])[0]
        for i in range(1, len(token_list)):
            n_gram_sequence = token_list[: i + 1]
            input_sequences.append(n_gram_sequence)
    max_sequence_len = max([len(x) for x in input_sequences])
    input_sequences = np.array(
        keras.utils.pad_sequences(
            input_sequences, maxlen=max_sequence_len, padding="pre"
        )
    )
    xs, labels = input_sequences[:, :-1], input_sequences[:, -1]
    ys = keras.utils.to_categorical(labels, num_classes=total_words)
    return xs, ys, max_sequence_len


def course_generate_text(model, tokenizer, seed_text, next_words, max_sequence_len):
    """Course 3 week 4: one `model.predict` per generated word, greedy."""
    import keras

    for _ in range(next_words):
        token_list = tokenizer.texts_to_sequences([seed_text])[0]
        token_list = keras.utils.pad_sequences(
            [token_list], maxlen=max_sequence_len - 1, padding="pre"
        )
        predicted = np.argmax(model.predict(token_list, verbose=0), axis=-1)
        output_word = ""
        for word, index in tokenizer.word_index.items():
            if index == predicted:
                output_word = word
                break
        seed_text += " " + output_word
    return seed_text


def course_string_to_int(string, length, vocab):
    """Course 5 week 3 `nmt_utils.string_to_int`, verbatim: note that an
    unknown character becomes the string "<unk>", not its id (the course's
    vocabulary is built from its data, so it never met one)."""
    string = string.lower()
    string = string.replace(",", "")
    if len(string) > length:
        string = string[:length]
    rep = list(map(lambda x: vocab.get(x, "<unk>"), string))  # noqa: C417
    if len(string) < length:
        rep += [vocab["<pad>"]] * (length - len(string))
    return rep


def course_translate_loop(model, examples, human_vocab, inv_machine_vocab, tx):
    """Course 5 week 3: one `model.predict` per example, as the notebook does
    (our model takes ids and one-hot encodes inside, so the notebook's
    `to_categorical` and zero initial states are not passed)."""
    outputs = []
    for example in examples:
        source = course_string_to_int(example, tx, human_vocab)
        prediction = model.predict(np.array([source]), verbose=0)
        prediction = np.argmax(prediction, axis=-1)[0]
        outputs.append("".join(inv_machine_vocab[int(i)] for i in prediction))
    return outputs


def course_yolo_head(feats, anchors, num_classes):
    """Course 4 week 3 `yolo_head` (yad2k), in TensorFlow ops."""
    import tensorflow as tf

    num_anchors = len(anchors)
    anchors_tensor = tf.reshape(
        tf.constant(anchors, tf.float32), [1, 1, 1, num_anchors, 2]
    )
    conv_dims = tf.shape(feats)[1:3]
    conv_height_index = tf.range(0, conv_dims[0])
    conv_width_index = tf.range(0, conv_dims[1])
    conv_height_index = tf.tile(conv_height_index, [conv_dims[1]])
    conv_width_index = tf.tile(tf.expand_dims(conv_width_index, 0), [conv_dims[0], 1])
    conv_width_index = tf.reshape(tf.transpose(conv_width_index), [-1])
    conv_index = tf.transpose(tf.stack([conv_height_index, conv_width_index]))
    conv_index = tf.reshape(conv_index, [1, conv_dims[0], conv_dims[1], 1, 2])
    conv_index = tf.cast(conv_index, feats.dtype)
    feats = tf.reshape(
        feats, [-1, conv_dims[0], conv_dims[1], num_anchors, num_classes + 5]
    )
    conv_dims = tf.cast(tf.reshape(conv_dims, [1, 1, 1, 1, 2]), feats.dtype)
    box_confidence = tf.sigmoid(feats[..., 4:5])
    box_xy = tf.sigmoid(feats[..., :2])
    box_wh = tf.exp(feats[..., 2:4])
    box_class_probs = tf.nn.softmax(feats[..., 5:])
    box_xy = (box_xy + conv_index) / conv_dims
    box_wh = box_wh * anchors_tensor / conv_dims
    return box_xy, box_wh, box_confidence, box_class_probs


def course_yolo_eval(yolo_outputs, image_shape=(720.0, 1280.0), max_boxes=10,
                     score_threshold=0.6, iou_threshold=0.5):  # fmt: skip
    """Course 4 week 3 `yolo_eval` for one image (no batch axis), with its
    `yolo_boxes_to_corners`, `yolo_filter_boxes`, `scale_boxes` and
    `yolo_non_max_suppression`."""
    import tensorflow as tf

    box_xy, box_wh, box_confidence, box_class_probs = yolo_outputs
    box_mins = box_xy - (box_wh / 2.0)
    box_maxes = box_xy + (box_wh / 2.0)
    boxes = tf.concat(
        [
            box_mins[..., 1:2],
            box_mins[..., 0:1],
            box_maxes[..., 1:2],
            box_maxes[..., 0:1],
        ],
        axis=-1,
    )
    box_scores = box_confidence * box_class_probs
    box_classes = tf.math.argmax(box_scores, axis=-1)
    box_class_scores = tf.math.reduce_max(box_scores, axis=-1)
    filtering_mask = box_class_scores >= score_threshold
    scores = tf.boolean_mask(box_class_scores, filtering_mask)
    boxes = tf.boolean_mask(boxes, filtering_mask)
    classes = tf.boolean_mask(box_classes, filtering_mask)
    height, width = image_shape[0], image_shape[1]
    image_dims = tf.reshape(tf.stack([height, width, height, width]), [1, 4])
    boxes = boxes * tf.cast(image_dims, boxes.dtype)
    nms_indices = tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold)
    return (
        tf.gather(scores, nms_indices),
        tf.gather(boxes, nms_indices),
        tf.gather(classes, nms_indices),
    )


def course_iou(box1, box2):
    """Course 4 week 3 `iou` on (x1, y1, x2, y2) corners."""
    xi1, yi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
    xi2, yi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
    inter_area = max(xi2 - xi1, 0) * max(yi2 - yi1, 0)
    box1_area = (box1[3] - box1[1]) * (box1[2] - box1[0])
    box2_area = (box2[3] - box2[1]) * (box2[2] - box2[0])
    return inter_area / (box1_area + box2_area - inter_area)


def course_nst_train_step(vgg_model_outputs, a_S, a_C, style_layers, optimizer):
    """Course 4 week 4 `train_step` and its cost functions, in TensorFlow.

    Returns the step function `train_step(generated_image)` (a
    `tf.Variable`), eager: wrap it in `tf.function` for the notebook's
    `@tf.function()` version. `a_S`, `a_C`: the encoder's outputs (style
    layers then the content layer) for the style and content images.
    """
    import tensorflow as tf

    def compute_content_cost(content_output, generated_output):
        a_C = content_output[-1]
        a_G = generated_output[-1]
        _, n_H, n_W, n_C = a_G.get_shape().as_list()
        a_C_unrolled = tf.reshape(a_C, shape=[-1, n_H * n_W, n_C])
        a_G_unrolled = tf.reshape(a_G, shape=[-1, n_H * n_W, n_C])
        return tf.reduce_sum(tf.square(a_C_unrolled - a_G_unrolled)) / (
            4.0 * n_H * n_W * n_C
        )

    def gram_matrix(A):
        return tf.matmul(A, tf.transpose(A))

    def compute_layer_style_cost(a_S, a_G):
        _, n_H, n_W, n_C = a_G.get_shape().as_list()
        a_S = tf.transpose(tf.reshape(a_S, shape=[-1, n_C]))
        a_G = tf.transpose(tf.reshape(a_G, shape=[-1, n_C]))
        GS = gram_matrix(a_S)
        GG = gram_matrix(a_G)
        return tf.reduce_sum(tf.square(GS - GG)) / (4.0 * ((n_H * n_W * n_C) ** 2))

    def compute_style_cost(style_image_output, generated_image_output):
        J_style = 0
        a_S = style_image_output[:-1]
        a_G = generated_image_output[:-1]
        for i, weight in zip(range(len(a_S)), style_layers, strict=True):
            J_style += weight[1] * compute_layer_style_cost(a_S[i], a_G[i])
        return J_style

    def total_cost(J_content, J_style, alpha=10, beta=40):
        return alpha * J_content + beta * J_style

    def clip_0_1(image):
        return tf.clip_by_value(image, clip_value_min=0.0, clip_value_max=1.0)

    def train_step(generated_image):
        with tf.GradientTape() as tape:
            a_G = vgg_model_outputs(generated_image)
            J_style = compute_style_cost(a_S, a_G)
            J_content = compute_content_cost(a_C, a_G)
            J = total_cost(J_content, J_style, alpha=10, beta=40)
        grad = tape.gradient(J, generated_image)
        optimizer.apply_gradients([(grad, generated_image)])
        generated_image.assign(clip_0_1(generated_image))
        return J

    return train_step


def course_load_planar_dataset():
    """Course 1 week 3 `load_planar_dataset` (`X` is (2, 400), `Y` (1, 400))."""
    np.random.seed(1)  # noqa: NPY002 (the course's code)
    m = 400
    N = int(m / 2)
    D = 2
    X = np.zeros((m, D))
    Y = np.zeros((m, 1), dtype="uint8")
    a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2  # noqa: NPY002 (the course's code)
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2  # noqa: NPY002 (the course's code)
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def course_init_and_optimization_sets():
    """Course 2's `load_dataset`s: circles (week 1, seeds 1 and 2) and moons
    (week 2, seed 3), in the course's (features, samples) layout."""
    import sklearn.datasets

    np.random.seed(1)  # noqa: NPY002 (the course's code)
    train_X, train_Y = sklearn.datasets.make_circles(n_samples=300, noise=0.05)
    np.random.seed(2)  # noqa: NPY002 (the course's code)
    test_X, test_Y = sklearn.datasets.make_circles(n_samples=100, noise=0.05)
    np.random.seed(3)  # noqa: NPY002 (the course's code)
    moons_X, moons_Y = sklearn.datasets.make_moons(n_samples=300, noise=0.2)
    return {
        "circles_train": (train_X.T, train_Y.reshape((1, -1))),
        "circles_test": (test_X.T, test_Y.reshape((1, -1))),
        "moons": (moons_X.T, moons_Y.reshape((1, -1))),
    }


def course_schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Course 2 week 2 `schedule_lr_decay`."""
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


def course_read_glove_vecs(glove_file):
    """Course 5 week 2 `read_glove_vecs`: one Python float array per line."""
    with open(glove_file, encoding="utf-8") as f:
        words = set()
        word_to_vec_map = {}
        for line in f:
            line = line.strip().split()
            curr_word = line[0]
            words.add(curr_word)
            word_to_vec_map[curr_word] = np.array(line[1:], dtype=np.float64)
        i = 1
        words_to_index = {}
        index_to_words = {}
        for w in sorted(words):
            words_to_index[w] = i
            index_to_words[i] = w
            i = i + 1
    return words_to_index, index_to_words, word_to_vec_map


def _course_cosine_similarity(u, v):
    if np.all(u == v):
        return 1
    dot = np.dot(u, v)
    norm_u = np.sqrt(np.sum(u * u))
    norm_v = np.sqrt(np.sum(v * v))
    if np.isclose(norm_u * norm_v, 0, atol=1e-32):
        return 0
    return dot / (norm_u * norm_v)


def course_complete_analogy(word_a, word_b, word_c, word_to_vec_map):
    """Course 5 week 2 `complete_analogy`: a Python loop over every word."""
    word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
    e_a, e_b, e_c = (word_to_vec_map[w] for w in (word_a, word_b, word_c))
    words = word_to_vec_map.keys()
    max_cosine_sim = -100
    best_word = None
    for w in words:
        if w in [word_a, word_b, word_c]:
            continue
        cosine_sim = _course_cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)
        if cosine_sim > max_cosine_sim:
            max_cosine_sim = cosine_sim
            best_word = w
    return best_word


def course_neutralize(word, g, word_to_vec_map):
    """Course 5 week 2 `neutralize`."""
    e = word_to_vec_map[word]
    e_biascomponent = np.dot(e, g) / np.sum(g * g) * g
    return e - e_biascomponent


def course_equalize(pair, bias_axis, word_to_vec_map):
    """Course 5 week 2 `equalize`."""
    w1, w2 = pair
    e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis
    corrected_e_w1B = (
        np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
        * (e_w1B - mu_B)
        / np.linalg.norm((e_w1 - mu_orth) - mu_B)
    )
    corrected_e_w2B = (
        np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth)))
        * (e_w2B - mu_B)
        / np.linalg.norm((e_w2 - mu_orth) - mu_B)
    )
    return corrected_e_w1B + mu_orth, corrected_e_w2B + mu_orth


def course_sample_per_character(model, start_id, num_names, end_id=0, seed=None,
                                greedy=True):  # fmt: skip
    """Course 5 week 1's `sample`, Keras style: one `model.predict` per
    character on the name so far, the argmax (or `np.random.choice` on the
    probabilities, as the course), until the newline id or 50 characters.
    Returns lists of ids, newline excluded."""
    rng = np.random.default_rng(seed)
    names = []
    for _ in range(num_names):
        indices, ids = [start_id], []
        counter = 0
        while counter != 50:
            probs = model.predict(np.array([indices]), verbose=0)[0, -1]
            if greedy:
                idx = int(np.argmax(probs))
            else:
                probs = probs.astype("float64") / probs.sum()
                idx = int(rng.choice(len(probs), p=probs))
            if idx == end_id:
                break
            ids.append(idx)
            indices.append(idx)
            counter += 1
        names.append(ids)
    return names


def course_insert_ones(y, segment_end_ms, Ty=1375):
    """Course 5 week 3's `insert_ones`: 50 ones after the segment's end."""
    segment_end_y = int(segment_end_ms * Ty / 10000.0)
    for i in range(segment_end_y + 1, segment_end_y + 51):
        if i < Ty:
            y[0, i] = 1
    return y


def course_chime_steps(predictions, threshold=0.5, Ty=1375):
    """Course 5 week 3's `chime_on_activate`, returning the steps it chimes
    at instead of overlaying a chime."""
    steps = []
    consecutive_timesteps = 0
    for i in range(Ty):
        consecutive_timesteps += 1
        if predictions[0, i, 0] > threshold and consecutive_timesteps > 75:
            steps.append(i)
            consecutive_timesteps = 0
    return steps


def course_positional_encoding(positions, d):
    """Course 5 week 4's `positional_encoding` (via `get_angles`), in numpy:
    `(1, positions, d)`, sine on even and cosine on odd dimensions."""
    i = np.arange(d)[np.newaxis, :]
    pos = np.arange(positions)[:, np.newaxis]
    angle_rads = pos / np.power(10000, (2 * (i // 2)) / np.float32(d))
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
    return angle_rads[np.newaxis, ...].astype("float32")


def course_encoder_layer(
    embedding_dim, num_heads, fully_connected_dim, dropout_rate=0.1, layernorm_eps=1e-6
):
    """Course 5 week 4's `EncoderLayer` class, as the notebook writes it (its
    `FullyConnected` helper included): a new instance."""
    import keras

    def FullyConnected(embedding_dim, fully_connected_dim):
        return keras.Sequential(
            [
                keras.layers.Dense(fully_connected_dim, activation="relu"),
                keras.layers.Dense(embedding_dim),
            ]
        )

    class EncoderLayer(keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.mha = keras.layers.MultiHeadAttention(
                num_heads=num_heads, key_dim=embedding_dim, dropout=dropout_rate
            )
            self.ffn = FullyConnected(embedding_dim, fully_connected_dim)
            self.layernorm1 = keras.layers.LayerNormalization(epsilon=layernorm_eps)
            self.layernorm2 = keras.layers.LayerNormalization(epsilon=layernorm_eps)
            self.dropout_ffn = keras.layers.Dropout(dropout_rate)

        def call(self, x, training=False, mask=None):
            # The notebook's `self.mha(x, x, x, mask)`: in tf.keras 2 the
            # fourth argument is `attention_mask` (in Keras 3, `query_mask`).
            self_mha_output = self.mha(x, x, x, attention_mask=mask, training=training)
            skip_x_attention = self.layernorm1(x + self_mha_output)
            ffn_output = self.ffn(skip_x_attention)
            ffn_output = self.dropout_ffn(ffn_output, training=training)
            return self.layernorm2(skip_x_attention + ffn_output)

    return EncoderLayer()


# -- DLS course 4 week 1, "Convolutional Model: step by step" ----------------------


def course_zero_pad(X, pad):
    """`zero_pad`: pads the height and width of a batch `(m, n_H, n_W, n_C)`."""
    return np.pad(
        X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant",
        constant_values=(0, 0),
    )  # fmt: skip


def course_conv_single_step(a_slice_prev, W, b):
    """`conv_single_step`: one filter `W` on one slice, plus the bias."""
    s = np.multiply(a_slice_prev, W)
    Z = np.sum(s)
    Z = Z + float(np.squeeze(b))
    return Z


def course_conv_forward(A_prev, W, b, hparameters):
    """`conv_forward`: the convolution's forward pass, four nested loops.

    `A_prev` `(m, n_H_prev, n_W_prev, n_C_prev)`, `W` `(f, f, n_C_prev, n_C)`,
    `b` `(1, 1, 1, n_C)`, `hparameters` `{"stride": s, "pad": p}`. Returns
    `(Z, cache)`, `Z` of shape `(m, n_H, n_W, n_C)`.
    """
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    n_H = int((n_H_prev + 2 * pad - f) / stride) + 1
    n_W = int((n_W_prev + 2 * pad - f) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = course_zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice_prev = a_prev_pad[
                        vert_start:vert_end, horiz_start:horiz_end, :
                    ]
                    weights = W[:, :, :, c]
                    biases = b[:, :, :, c]
                    Z[i, h, w, c] = course_conv_single_step(
                        a_slice_prev, weights, biases
                    )
    cache = (A_prev, W, b, hparameters)
    return Z, cache


def course_pool_forward(A_prev, hparameters, mode="max"):
    """`pool_forward`: max or average pooling, no padding, four nested loops.

    `hparameters` `{"f": f, "stride": s}`. Returns `(A, cache)`.
    """
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]
    n_H = int(1 + (n_H_prev - f) / stride)
    n_W = int(1 + (n_W_prev - f) / stride)
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[
                        i, vert_start:vert_end, horiz_start:horiz_end, c
                    ]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    return A, cache


# -- DLS course 5 week 1, "Building your Recurrent Neural Network: step by step" ---


def _course_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _course_softmax(x):
    e_x = np.exp(x - np.max(x))
    return e_x / e_x.sum(axis=0)


def course_rnn_cell_forward(xt, a_prev, parameters):
    """`rnn_cell_forward`: one step, column vectors (`xt` `(n_x, m)`,
    `a_prev` `(n_a, m)`); parameters `Wax`, `Waa`, `Wya`, `ba`, `by`."""
    Wax = parameters["Wax"]
    Waa = parameters["Waa"]
    Wya = parameters["Wya"]
    ba = parameters["ba"]
    by = parameters["by"]
    a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba)
    yt_pred = _course_softmax(np.dot(Wya, a_next) + by)
    cache = (a_next, a_prev, xt, parameters)
    return a_next, yt_pred, cache


def course_rnn_forward(x, a0, parameters):
    """`rnn_forward`: the cell over `x` `(n_x, m, T_x)`. Returns
    `(a, y_pred, caches)`, `a` `(n_a, m, T_x)`, `y_pred` `(n_y, m, T_x)`."""
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wya"].shape
    a = np.zeros((n_a, m, T_x))
    y_pred = np.zeros((n_y, m, T_x))
    a_next = a0
    for t in range(T_x):
        xt = x[:, :, t]
        a_next, yt_pred, cache = course_rnn_cell_forward(xt, a_next, parameters)
        a[:, :, t] = a_next
        y_pred[:, :, t] = yt_pred
        caches.append(cache)
    caches = (caches, x)
    return a, y_pred, caches


def course_lstm_cell_forward(xt, a_prev, c_prev, parameters):
    """`lstm_cell_forward`: one LSTM step on `concat = [a_prev; xt]`;
    parameters `Wf`, `bf`, `Wi`, `bi`, `Wc`, `bc`, `Wo`, `bo`, `Wy`, `by`,
    each gate's `W` of shape `(n_a, n_a + n_x)`."""
    Wf = parameters["Wf"]
    bf = parameters["bf"]
    Wi = parameters["Wi"]
    bi = parameters["bi"]
    Wc = parameters["Wc"]
    bc = parameters["bc"]
    Wo = parameters["Wo"]
    bo = parameters["bo"]
    Wy = parameters["Wy"]
    by = parameters["by"]
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = _course_sigmoid(np.dot(Wf, concat) + bf)
    it = _course_sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = _course_sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)
    yt_pred = _course_softmax(np.dot(Wy, a_next) + by)
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)
    return a_next, c_next, yt_pred, cache


def course_lstm_forward(x, a0, parameters):
    """`lstm_forward`: the LSTM cell over `x` `(n_x, m, T_x)`, the memory
    starting at zero. Returns `(a, y, c, caches)`."""
    caches = []
    n_x, m, T_x = x.shape
    n_y, n_a = parameters["Wy"].shape
    a = np.zeros((n_a, m, T_x))
    c = np.zeros((n_a, m, T_x))
    y = np.zeros((n_y, m, T_x))
    a_next = a0
    c_next = np.zeros((n_a, m))
    for t in range(T_x):
        xt = x[:, :, t]
        a_next, c_next, yt, cache = course_lstm_cell_forward(
            xt, a_next, c_next, parameters
        )
        a[:, :, t] = a_next
        c[:, :, t] = c_next
        y[:, :, t] = yt
        caches.append(cache)
    caches = (caches, x)
    return a, y, c, caches


# -- DLS course 5 week 1, "Improvise a jazz solo with an LSTM network" -----------


def course_music_inference_model(LSTM_cell, densor, Ty=100):
    """`music_inference_model`: the shared `LSTM_cell` (an
    `LSTM(n_a, return_state=True)`) and `densor` unrolled `Ty` steps in one
    functional model, each step's argmax one-hot fed back as the next input.
    (Keras 3 needs `keras.ops` where the notebook calls `tf.math.argmax` and
    `tf.one_hot` on symbolic tensors.)"""
    import keras
    from keras.layers import Input, RepeatVector
    from keras.models import Model

    n_values = densor.units
    n_a = LSTM_cell.units
    x0 = Input(shape=(1, n_values))
    a0 = Input(shape=(n_a,), name="a0")
    c0 = Input(shape=(n_a,), name="c0")
    a = a0
    c = c0
    x = x0
    outputs = []
    for _ in range(Ty):
        a, _, c = LSTM_cell(x, initial_state=[a, c])
        out = densor(a)
        outputs.append(out)
        x = keras.ops.argmax(out, axis=-1)
        x = keras.ops.one_hot(x, n_values)
        x = RepeatVector(1)(x)
    inference_model = Model(inputs=[x0, a0, c0], outputs=outputs)
    return inference_model


def course_predict_and_sample(inference_model, x_initializer, a_initializer,
                              c_initializer):  # fmt: skip
    """`predict_and_sample`: one `predict` of the inference model; returns
    `(results, indices)`, one-hot `(Ty, n_values)` and `(Ty, 1)`."""
    import keras

    n_values = x_initializer.shape[2]
    pred = inference_model.predict(
        [x_initializer, a_initializer, c_initializer], verbose=0
    )
    indices = np.argmax(pred, axis=-1)
    results = keras.utils.to_categorical(indices, num_classes=n_values)
    return results, indices
