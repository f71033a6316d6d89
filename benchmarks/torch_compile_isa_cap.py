"""torch.compile's training step under ``ATEN_CPU_CAPABILITY=avx2`` on an AVX-512 CPU: a finding of
``rosetta bench`` (docs/findings.md), reduced to one script.

    ATEN_CPU_CAPABILITY=avx2 .venv/bin/python benchmarks/torch_compile_isa_cap.py        # wrong
    .venv/bin/python benchmarks/torch_compile_isa_cap.py                                  # right
    ATEN_CPU_CAPABILITY=avx2 .venv/bin/python benchmarks/torch_compile_isa_cap.py --no-vec # right

A 784-256-256-10 ReLU network, one cross-entropy loss and its gradients, eager against ``torch.compile``
from the same weights and batch. Prints both losses, the largest gradient difference and the vector ISA
inductor picked; exit status 1 when they differ by more than float32 round-off.
"""
import copy
import sys

import torch
import torch._inductor.config as inductor
from torch._inductor import cpu_vec_isa

if "--no-vec" in sys.argv:
    inductor.cpp.vec_isa_ok = False          # inductor's scalar C++ kernels instead of its vectorized ones

torch.manual_seed(0)
eager = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 256), torch.nn.ReLU(),
                            torch.nn.Linear(256, 10))
compiled = copy.deepcopy(eager)
x, y = torch.randn(32, 784), torch.randint(0, 10, (32,))
loss_eager = torch.nn.functional.cross_entropy(eager(x), y)
loss_eager.backward()
loss_compiled = torch.nn.functional.cross_entropy(torch.compile(compiled)(x), y)
loss_compiled.backward()
worst = max((a.grad - b.grad).abs().max().item() for a, b in zip(eager.parameters(), compiled.parameters()))
print(f"torch {torch.__version__}, ATen capability {torch.backends.cpu.get_cpu_capability()}, inductor vector ISA "
      f"{cpu_vec_isa.pick_vec_isa() if inductor.cpp.vec_isa_ok is not False else 'off'}")
print(f"loss eager {loss_eager.item():.7g}, compiled {loss_compiled.item():.7g}; largest gradient difference {worst:.3g}")
sys.exit(0 if abs(loss_eager.item() - loss_compiled.item()) < 1e-5 and worst < 1e-5 else 1)
