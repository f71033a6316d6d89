"""Cases for the embedding layer: integer indices (the harness draws ``indices``; no input gradient),
repeated indices (their gradients add up in the row), a padding index."""
from conformance.case import Case
from conformance.inputs import indices

CASES = [
    Case("embedding", "layer", {"x": indices(4, 6, classes=10)}, {"num_embeddings": 10, "embedding_dim": 3},
         note="(N, L) token ids; 24 lookups in 10 rows: repeats"),
    Case("embedding", "layer", {"x": indices(7, classes=5)}, {"num_embeddings": 5, "embedding_dim": 4}, desc="1d",
         note="(N,) indices → (N, dim)"),
    Case("embedding", "layer", {"x": indices(8, 16, classes=3)}, {"num_embeddings": 3, "embedding_dim": 5},
         desc="repeated", note="128 lookups in 3 rows: each row's gradient is a float32 sum of ~40 terms"),
    Case("embedding", "layer", {"x": indices(4, 6, classes=4)}, {"num_embeddings": 4, "embedding_dim": 3,
                                                                 "padding_idx": 0}, desc="padding_idx",
         gradcheck=False, note="row 0 is looked up as usual and gets no gradient: a convention (torch's padding_idx), "
                               "not the derivative, which finite differences see"),
]
