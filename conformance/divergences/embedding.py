"""Divergences of the embedding layer (see the package docstring for the fields)."""
from conformance.divergences import Divergence

DIVERGENCES: list[Divergence] = [
    Divergence(
        component="embedding", framework="keras",
        what="Keras Embedding has no padding index: mask_zero=True only makes a mask, row 0 still learns",
        framework_value="Embedding(input_dim, output_dim, mask_zero=True), a Keras user's port of padding_idx=0: the "
                        "output is the same, the padding row's gradient is the sum of dy over its lookups "
                        "(grad_param:W 2.8 off on padding_idx, 12 lookups of row 0)",
        reference_value="padding_idx=0: row 0 is looked up as usual and its gradient is zero (torch's padding_idx)",
        mapping="composed: the lookup reads row padding_idx through ops.stop_gradient (tf_impl/layers/embedding.py "
                "PaddedEmbedding); native: mask_zero=True",
        variant="mask_zero", cases=("padding_idx",),
        source="keras/src/layers/core/embedding.py (mask_zero: compute_mask only)"),
]
