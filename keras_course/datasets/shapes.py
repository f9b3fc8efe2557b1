"""Generated images of simple shapes, for demos, tests and tutorials."""

import numpy as np

from keras_course._validation import check_int, check_number
from keras_course.api_export import keras_course_export

SHAPES = ("circle", "square", "cross", "bar", "triangle")
# The range of skin colours (RGB in [0, 1]) of the drawn hands and faces.
SKIN = ([0.55, 0.35, 0.25], [0.95, 0.75, 0.6])


def _pixels(images):
    """Images drawn in [0, 1] as raw float32 pixels in [0, 255], what Keras's
    image loaders yield and the applications take."""
    return (np.clip(images, 0.0, 1.0) * 255.0).astype("float32")


def _mask(name, yy, xx, center, radius):
    dy, dx = np.abs(yy - center[0]), np.abs(xx - center[1])
    thin = max(1.0, radius / 4)
    if name == "circle":
        return dy**2 + dx**2 < radius**2
    if name == "square":
        return (dy < radius) & (dx < radius)
    if name == "cross":
        return ((dy < thin) & (dx < radius)) | ((dx < thin) & (dy < radius))
    if name == "bar":
        return (dy < thin) & (dx < radius * 1.3)
    # triangle: apex up, base at the bottom of the box
    depth = yy - (center[0] - radius)
    return (depth >= 0) & (depth < 2 * radius) & (dx < depth / 2)


def _extent(name, radius):
    """Half height and half width of a shape's box."""
    if name == "bar":
        return max(1.0, radius / 4), radius * 1.3
    if name == "triangle":
        return radius, radius
    return radius, radius


@keras_course_export("keras_course.datasets.synthetic_shapes")
def synthetic_shapes(
    num_images=512,
    image_size=32,
    classes=("circle", "square"),
    noise=0.1,
    seed=None,
    max_objects=None,
):
    """Images of one bright shape each on a dark background, with labels.

    A stand-in for the course's image sets where the real data cannot be had
    (no network): each image holds one shape of a random size and place, in
    a random bright color, plus Gaussian noise; the label is the shape's
    index in `classes`. A small CNN tells them apart in seconds.

    Args:
        num_images: int. Defaults to 512.
        image_size: int, the square size. Defaults to 32.
        classes: shape names, from `"circle"`, `"square"`, `"cross"`,
            `"bar"`, `"triangle"`.
        noise: float >= 0, the standard deviation of the added noise, as a
            fraction of the pixel range (0.1: 25.5 of 255).
        seed: int or None.
        max_objects: None for one shape per image (classification), or an
            int for a detection set: 1 to `max_objects` shapes per image,
            each of any class, size and place.

    Returns:
        `(images, labels)`: float32 `(num_images, image_size, image_size, 3)`
        raw pixels in [0, 255], and int32 `(num_images,)`. With `max_objects`, `labels`
        is a list of one dict per image: `boxes` `(n, 4)` float32 in pixels
        as `(y1, x1, y2, x2)` and `classes` `(n,)` int32.

    Example:

    >>> images, labels = synthetic_shapes(4, image_size=16, seed=0)
    >>> images.shape, labels.tolist()
    ((4, 16, 16, 3), [1, 1, 1, 0])
    """
    num_images = check_int("num_images", num_images)
    image_size = check_int("image_size", image_size, minimum=8)
    noise = check_number("noise", noise)
    if noise < 0:
        raise ValueError(f"`noise` must be >= 0. Received: noise={noise!r}")
    classes = list(classes)
    unknown = [name for name in classes if name not in SHAPES]
    if unknown or len(classes) < 2:
        raise ValueError(
            f"`classes` must be at least two of {list(SHAPES)}. Received: "
            f"classes={classes!r}"
        )
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:image_size, :image_size].astype("float32")
    if max_objects is not None:
        max_objects = check_int("max_objects", max_objects)
        return _detection_set(
            rng, yy, xx, num_images, image_size, classes, noise, max_objects
        )
    labels = rng.integers(0, len(classes), num_images).astype("int32")
    images = np.zeros((num_images, image_size, image_size, 3), "float32")
    for i, label in enumerate(labels):
        center = rng.uniform(0.3, 0.7, 2) * image_size
        radius = rng.uniform(0.15, 0.28) * image_size
        mask = _mask(classes[label], yy, xx, center, radius)
        images[i][mask] = rng.uniform(0.6, 1.0, 3)
    images += rng.normal(0.0, noise, images.shape).astype("float32")
    return _pixels(images), labels


def _detection_set(rng, yy, xx, num_images, image_size, classes, noise, max_objects):
    images = rng.uniform(0.0, 0.3, (num_images, 1, 1, 3)).astype("float32")
    images = np.repeat(np.repeat(images, image_size, 1), image_size, 2)
    targets = []
    for image in images:
        boxes, labels = [], []
        for _ in range(int(rng.integers(1, max_objects + 1))):
            label = int(rng.integers(len(classes)))
            radius = rng.uniform(0.08, 0.18) * image_size
            half_h, half_w = _extent(classes[label], radius)
            center = rng.uniform(
                [half_h, half_w], [image_size - half_h, image_size - half_w]
            )
            mask = _mask(classes[label], yy, xx, center, radius)
            if not mask.any():
                continue
            image[mask] = rng.uniform(0.5, 1.0, 3)
            rows, columns = np.nonzero(mask)
            boxes.append([rows.min(), columns.min(), rows.max() + 1, columns.max() + 1])
            labels.append(label)
        targets.append(
            {
                "boxes": np.asarray(boxes, "float32").reshape(-1, 4),
                "classes": np.asarray(labels, "int32"),
            }
        )
    images += rng.normal(0.0, noise, images.shape).astype("float32")
    return _pixels(images), targets


def _size_pair(image_size):
    if np.isscalar(image_size):
        image_size = (image_size, image_size)
    if len(image_size) != 2:
        raise ValueError(
            "`image_size` must be an int or (height, width). Received: "
            f"image_size={image_size!r}"
        )
    return tuple(check_int("image_size", v, minimum=8) for v in image_size)


def _backgrounds(rng, num_images, height, width):
    """Dark backgrounds with a random colour gradient and stripes."""
    yy, xx = np.mgrid[:height, :width].astype("float32")
    base = rng.uniform(0.0, 0.3, (num_images, 1, 1, 3))
    tilt = rng.uniform(-0.15, 0.15, (num_images, 2, 1, 1, 1))
    ramp = tilt[:, 0] * (yy / height)[..., None] + tilt[:, 1] * (xx / width)[..., None]
    period = rng.uniform(6, 20, (num_images, 1, 1, 1))
    stripes = 0.05 * np.sin(2 * np.pi * (xx + yy)[..., None] / period)
    return (base + ramp + stripes).astype("float32")


@keras_course_export("keras_course.datasets.synthetic_segmentation")
def synthetic_segmentation(
    num_images=256,
    image_size=(96, 128),
    num_classes=4,
    max_objects=4,
    noise=0.1,
    seed=None,
):
    """Images of overlapping shapes with a class for every pixel.

    The offline stand-in for the course's CARLA self-driving masks: each
    image has 1 to `max_objects` shapes of random class, size, colour and
    place over a textured background (a colour gradient and faint stripes,
    plus noise); later shapes cover earlier ones. Class 0 is the
    background; classes 1 to `num_classes - 1` are the shapes `circle`,
    `square`, `triangle`, `cross`, `bar`, in that order.

    Args:
        num_images: int. Defaults to 256.
        image_size: int or `(height, width)`. Defaults to CARLA's (96, 128).
        num_classes: int from 2 to 6, the background included. Defaults to 4.
        max_objects: int. Defaults to 4.
        noise: float >= 0, the standard deviation of the added noise, as a
            fraction of the pixel range (0.1: 25.5 of 255).
        seed: int or None.

    Returns:
        `(images, masks)`: float32 `(n, height, width, 3)` pixels in
        [0, 255] and
        int32 `(n, height, width)` class indices.

    Example:

    >>> images, masks = synthetic_segmentation(2, image_size=(32, 48), seed=0)
    >>> images.shape, masks.shape, sorted(set(masks.ravel().tolist()))[0]
    ((2, 32, 48, 3), (2, 32, 48), 0)
    """
    num_images = check_int("num_images", num_images)
    height, width = _size_pair(image_size)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    if num_classes > 6:
        raise ValueError(
            "`num_classes` must be at most 6 (the background and five shapes). "
            f"Received: num_classes={num_classes}"
        )
    max_objects = check_int("max_objects", max_objects)
    noise = check_number("noise", noise)
    if noise < 0:
        raise ValueError(f"`noise` must be >= 0. Received: noise={noise!r}")
    names = ("circle", "square", "triangle", "cross", "bar")[: num_classes - 1]
    rng = np.random.default_rng(seed)
    images = _backgrounds(rng, num_images, height, width)
    masks = np.zeros((num_images, height, width), "int32")
    yy, xx = np.mgrid[:height, :width].astype("float32")
    side = min(height, width)
    for image, mask in zip(images, masks, strict=True):
        for _ in range(int(rng.integers(1, max_objects + 1))):
            label = int(rng.integers(len(names)))
            radius = rng.uniform(0.15, 0.35) * side
            center = rng.uniform(
                [0.1 * height, 0.1 * width], [0.9 * height, 0.9 * width]
            )
            shape = _mask(names[label], yy, xx, center, radius)
            image[shape] = rng.uniform(0.4, 1.0, 3)
            mask[shape] = label + 1
    images += rng.normal(0.0, noise, images.shape).astype("float32")
    return _pixels(images), masks


@keras_course_export("keras_course.datasets.synthetic_signs")
def synthetic_signs(num_images=1080, image_size=64, seed=None):
    """A SIGNS-like set: a hand-like blob holding up 0 to 5 fingers.

    The offline stand-in for the course's SIGNS pictures (64×64 photos of
    hands showing 0 to 5 fingers, 6 classes): a skin-coloured palm near the
    bottom with `label` upright finger-like bars above it, of random length,
    spacing and colour, on a random light background with noise.
    Not photographs: a model that learns these has learned to count bars.

    Args:
        num_images: int. Defaults to SIGNS's 1,080 training pictures.
        image_size: int. Defaults to 64.
        seed: int or None.

    Returns:
        `(images, labels)`: float32 `(n, size, size, 3)` pixels in [0, 255]
        and int32 `(n,)` finger counts 0 to 5.

    Example:

    >>> images, labels = synthetic_signs(3, seed=0)
    >>> images.shape, labels.dtype.name
    ((3, 64, 64, 3), 'int32')
    """
    num_images = check_int("num_images", num_images)
    size = check_int("image_size", image_size, minimum=16)
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:size, :size].astype("float32") / size
    labels = rng.integers(0, 6, num_images).astype("int32")
    images = rng.uniform(0.6, 0.95, (num_images, 1, 1, 3)) * np.ones((1, size, size, 1))
    for image, label in zip(images, labels, strict=True):
        skin = rng.uniform(*SKIN)
        cx, top = rng.uniform(0.4, 0.6), rng.uniform(0.55, 0.65)
        palm = ((xx - cx) / 0.22) ** 2 + ((yy - top - 0.2) / 0.2) ** 2 < 1
        image[palm] = skin
        spacing = rng.uniform(0.09, 0.11)
        for finger in range(label):
            fx = cx + (finger - (label - 1) / 2) * spacing
            length = rng.uniform(0.25, 0.4)
            bar = (np.abs(xx - fx) < spacing * 0.3) & (yy < top) & (yy > top - length)
            image[bar] = skin * rng.uniform(0.9, 1.1)
    images = images + rng.normal(0, 0.05, images.shape)
    return _pixels(images), labels


@keras_course_export("keras_course.datasets.synthetic_happy_faces")
def synthetic_happy_faces(num_images=600, image_size=64, seed=None):
    """A Happy-House-like set: drawn faces that smile (1) or do not (0).

    The offline stand-in for the course's "Happy House" pictures (64×64
    photos of faces, labelled happy or not; 600 for training, 150 for
    testing): a skin-coloured oval of random size and place on a random
    background, two dark eyes, and a mouth that curves up at its corners
    (a smile, label 1) or is flat or turned down (label 0), plus noise.
    Not photographs: a model that learns these has learned a mouth's curve.

    Args:
        num_images: int. Defaults to the course's 600 training pictures.
        image_size: int. Defaults to 64.
        seed: int or None.

    Returns:
        `(images, labels)`: float32 `(n, size, size, 3)` pixels in [0, 255]
        and int32 `(n,)` labels, 1 for happy.

    Example:

    >>> images, labels = synthetic_happy_faces(4, seed=0)
    >>> images.shape, sorted(set(labels.tolist())) <= [0, 1]
    ((4, 64, 64, 3), True)
    """
    num_images = check_int("num_images", num_images)
    size = check_int("image_size", image_size, minimum=16)
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[:size, :size].astype("float32") / size
    labels = rng.integers(0, 2, num_images).astype("int32")
    images = rng.uniform(0.0, 1.0, (num_images, 1, 1, 3)) * np.ones((1, size, size, 1))
    for image, label in zip(images, labels, strict=True):
        skin = rng.uniform(*SKIN)
        cy, cx = rng.uniform(0.4, 0.6, 2)
        ry, rx = rng.uniform(0.28, 0.36), rng.uniform(0.22, 0.3)
        image[((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 < 1] = skin
        eye_y, eye_dx = cy - 0.3 * ry, rng.uniform(0.3, 0.45) * rx
        for side in (-1, 1):
            eye = (yy - eye_y) ** 2 + (xx - cx - side * eye_dx) ** 2 < 0.035**2
            image[eye] = rng.uniform(0.0, 0.2, 3)
        # The mouth: a parabola whose middle sits `bend` below its corners.
        width = rng.uniform(0.5, 0.7) * rx
        bend = rng.uniform(0.06, 0.1) if label else rng.uniform(-0.08, 0.0)
        mouth_y = cy + 0.45 * ry + bend * (1 - ((xx - cx) / width) ** 2) - bend / 2
        mouth = (np.abs(yy - mouth_y) < 0.03) & (np.abs(xx - cx) < width)
        image[mouth] = rng.uniform([0.4, 0.0, 0.0], [0.7, 0.15, 0.15])
    images = images + rng.normal(0, 0.05, images.shape)
    return _pixels(images), labels
