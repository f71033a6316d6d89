"""Embedding <-> ``keras.layers.Embedding(input_dim, output_dim)``: ``embeddings`` (input_dim, output_dim),
as the reference's W. Its gradient is a ``tf.IndexedSlices`` (the rows looked up), made dense by the runner.

Keras has no padding index: ``padding_idx`` is composed (``PaddedEmbedding``: the lookup reads the table
through ``ops.stop_gradient`` on that row, so the row is looked up as usual and never learns, as torch's).
``mask_zero=True``, what a Keras user reaches for, only gives the next layers a mask: row 0 still gets its
gradient (the variant ``mask_zero``)."""
import keras

from tf_impl.registry import Built, Param, register, variant


class PaddedEmbedding(keras.layers.Embedding):
    def __init__(self, input_dim, output_dim, padding_idx, **kwargs):
        super().__init__(input_dim, output_dim, **kwargs)
        self.padding_idx = padding_idx

    def call(self, inputs):
        frozen = keras.ops.expand_dims(keras.ops.arange(self.input_dim) == self.padding_idx, -1)   # (V, 1)
        table = keras.ops.where(frozen, keras.ops.stop_gradient(self.embeddings), self.embeddings)
        return keras.ops.take(table, keras.ops.cast(inputs, "int32"), axis=0)


@register("layer", "embedding", note="padding_idx composed: ops.stop_gradient on that row")
def build(num_embeddings, embedding_dim, padding_idx=None):
    if padding_idx is None:
        layer = keras.layers.Embedding(num_embeddings, embedding_dim)
    else:
        layer = PaddedEmbedding(num_embeddings, embedding_dim, padding_idx)
    return Built(layer, {"W": Param("embeddings")})


@variant("layer", "embedding", "mask_zero")
def build_mask_zero(num_embeddings, embedding_dim, padding_idx=None):
    """``Embedding(..., mask_zero=True)``: a Keras user's port of torch's padding_idx=0."""
    return Built(keras.layers.Embedding(num_embeddings, embedding_dim, mask_zero=True), {"W": Param("embeddings")})
