"""RReLU <-> ``torch.nn.RReLU`` (native: slopes ~ U(lower, upper) in train mode, their mean in
eval mode). The slopes torch drew are read back from the output as y / x. They come from torch's
default generator (``nn.RReLU`` takes none of its own): ``runner.run_module`` seeds it with
``torch.manual_seed(ctx.seed)`` (the case's seed), so that a case draws the same slopes on every run."""
from functools import partial

import torch

from reference.activations.rrelu import slopes_from_output
from torch_impl.registry import Built, register


@register("activation", "rrelu")
def build(lower=1 / 8, upper=1 / 3):
    module = torch.nn.RReLU(lower=lower, upper=upper)
    return Built(module, recover_noise=partial(slopes_from_output, fill=(lower + upper) / 2))
