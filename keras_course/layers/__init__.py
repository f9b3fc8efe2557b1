"""Layers that replace the courses' Lambda layers and notebook code."""

from keras_course.layers.conv1d_lstm_block import Conv1DLSTMBlock
from keras_course.layers.course_augmentation import course_augmentation
from keras_course.layers.expand_dims import ExpandDims
from keras_course.layers.one_step_attention import OneStepAttention
from keras_course.layers.pretrained_embedding import pretrained_embedding
from keras_course.layers.random_shear import RandomShear
from keras_course.layers.resnet_blocks import ConvolutionalBlock, IdentityBlock
from keras_course.layers.scale import Scale
from keras_course.layers.sentences_to_indices import SentencesToIndices
from keras_course.layers.seq2seq_attention import BahdanauAttention, LuongAttention
from keras_course.layers.sliding_window import SlidingWindow
from keras_course.layers.spectrogram import Spectrogram
from keras_course.layers.transformer import (
    Decoder,
    DecoderLayer,
    Encoder,
    EncoderLayer,
    Transformer,
)
from keras_course.layers.unet_blocks import UNetDecoderBlock, UNetEncoderBlock
from keras_course.layers.yolo_head import YOLOHead

__all__ = [
    "BahdanauAttention",
    "Conv1DLSTMBlock",
    "ConvolutionalBlock",
    "Decoder",
    "DecoderLayer",
    "Encoder",
    "EncoderLayer",
    "ExpandDims",
    "IdentityBlock",
    "LuongAttention",
    "OneStepAttention",
    "RandomShear",
    "Scale",
    "SentencesToIndices",
    "SlidingWindow",
    "Spectrogram",
    "Transformer",
    "UNetDecoderBlock",
    "UNetEncoderBlock",
    "YOLOHead",
    "course_augmentation",
    "pretrained_embedding",
]
