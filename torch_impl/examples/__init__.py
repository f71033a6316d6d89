"""The PyTorch ways of each example network (``conformance/study.py``): by hand (tensors with
``requires_grad``, ``loss.backward()``, the update under ``torch.no_grad()``) and high level
(``nn.Sequential`` and ``torch.optim``). One module per network, named as in ``reference/examples/``."""
