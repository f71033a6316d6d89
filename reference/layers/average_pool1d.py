"""Average pooling over windows of sequences (N, L, C): ``average_pool2d``'s formula with one spatial axis.

Forward:   y[n, i, c] = (1/D) Σ over a < k of x_pad[n, i·s + a, c], D = the window's input cells
           (``divisor="input_cells"``, Keras) or k (``"window_size"``, torch's count_include_pad=True)
Backward:  dx[cell] = Σ over the windows covering it of dy[window] / D[window]
Shapes: x (N, L, C), y (N, L_out, C) (``reference/layers/pooling.py``).
"""
from __future__ import annotations

from reference.layers.average_pool2d import AveragePool2d
from reference.registry import register


@register("layer", "average_pool1d")
class AveragePool1d(AveragePool2d):
    d = 1
