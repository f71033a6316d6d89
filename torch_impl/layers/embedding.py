"""Embedding <-> ``torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=...)``: weight
(num_embeddings, embedding_dim), as the reference; the padding row's gradient is zero."""
import torch

from torch_impl.registry import Built, Param, register


@register("layer", "embedding")
def build(num_embeddings, embedding_dim, padding_idx=None):
    return Built(torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=padding_idx), {"W": Param("weight")})
