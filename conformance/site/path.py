"""The learning path of ``rosetta docs``: the curriculum's steps in order, as data.

Each step has a key (``study.Example.step`` names it), a title, a paragraph that says what the step
teaches, and the catalog components that belong to it (``family/name``; a name that is not in the
catalog fails ``tests/test_docs_site.py``). A component may sit in several steps (the sigmoid is
logistic regression's and the MLP's); a component in none is still in the index by family, and the
path page lists those under "Beyond the path".
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    text: str                       # one paragraph, plain text
    components: tuple[str, ...]     # "family/name", in reading order


STEPS: tuple[Step, ...] = (
    Step("neuron_perceptron", "The neuron and the perceptron",
         "A neuron is a weighted sum of its inputs passed through an activation. With a threshold (step or "
         "sign) activation it is Rosenblatt's perceptron, trained by its own rule: move the weights towards "
         "each misclassified sample. It learns any linearly separable problem, and nothing else (XOR).",
         ("activation/step", "activation/sign", "activation/identity", "model/perceptron")),
    Step("linear_logistic", "Linear and logistic regression",
         "A dense layer without activation and the mean squared error is linear regression, solvable in closed "
         "form (the normal equations) or by gradient descent. Put a sigmoid on the output and train on the "
         "binary cross-entropy and it is logistic regression: the same gradient, prediction minus target.",
         ("layer/dense", "loss/mse", "model/normal_equations", "activation/sigmoid", "loss/bce",
          "loss/bce_with_logits", "metric/binary_accuracy")),
    Step("softmax", "Softmax regression",
         "For K classes the output is a softmax over K scores and the loss the categorical cross-entropy. "
         "Computing them together on logits (log-softmax, log-sum-exp) is what keeps large scores finite; "
         "frameworks differ in whether their loss takes probabilities, logits or log-probabilities, and one-hot "
         "or integer labels.",
         ("activation/softmax", "activation/log_softmax", "loss/softmax_crossentropy",
          "loss/sparse_softmax_crossentropy", "loss/categorical_crossentropy",
          "loss/sparse_categorical_crossentropy", "loss/nll", "metric/accuracy")),
    Step("mlp_backprop", "The multilayer perceptron and backpropagation",
         "Stack dense layers with a nonlinearity between them and the network can bend its decision boundary "
         "(XOR is solved by a 2-2-1 network). Backpropagation is the chain rule applied layer by layer in "
         "reverse: each component's backward pass takes the gradient of its output and returns those of its "
         "input and parameters.",
         ("activation/tanh", "activation/relu", "activation/leaky_relu", "activation/gelu", "activation/silu",
          "model/sequential", "model/functional")),
    Step("losses", "Losses",
         "The loss says what the network is asked to do. Regression losses (squared, absolute, Huber) differ "
         "in how they treat outliers; classification losses are cross-entropies. Reductions (mean, sum, none) "
         "and clipping epsilons are where the frameworks quietly disagree.",
         ("loss/mse", "loss/half_sse", "loss/mae", "loss/huber", "loss/bce", "loss/categorical_crossentropy",
          "metric/mean_absolute_error")),
    Step("optimizers", "Optimizers",
         "Gradient descent moves the parameters against the gradient; momentum adds a velocity, and the "
         "adaptive methods (Adagrad, RMSprop, Adam) divide by a running size of the gradient. Where ε goes, how "
         "momentum is written and the default hyperparameters differ between PyTorch and Keras: the divergence "
         "tables measure by how much. Schedules change the learning rate over time; clipping bounds the step.",
         ("optimizer/sgd", "optimizer/adagrad", "optimizer/rmsprop", "optimizer/adadelta", "optimizer/adam",
          "optimizer/adamw", "optimizer/adamax", "optimizer/nadam", "schedule/step_decay",
          "schedule/exponential_decay", "schedule/cosine_decay", "clipping/global_norm")),
    Step("initialization", "Initialization",
         "The starting weights decide whether signals and gradients keep their size through a deep network. "
         "Glorot (Xavier) scales by both fans for tanh and sigmoid, He by the fan-in for ReLU, LeCun for SELU; "
         "orthogonal matrices keep every direction's length.",
         ("initializer/zeros", "initializer/random_normal", "initializer/random_uniform",
          "initializer/truncated_normal", "initializer/glorot_uniform", "initializer/glorot_normal",
          "initializer/he_normal", "initializer/he_uniform", "initializer/lecun_normal",
          "initializer/lecun_uniform", "initializer/orthogonal")),
    Step("regularization", "Regularization",
         "A penalty on the weights (L2 weight decay, L1 for sparsity), a bound on their norm, or stopping when "
         "the validation loss stops improving: each trades a little training loss for a smaller gap between "
         "training and validation.",
         ("regularizer/l2", "regularizer/l1", "regularizer/l1_l2", "regularizer/max_norm",
          "regularizer/early_stopping", "optimizer/adamw")),
    Step("dropout_batch_norm", "Dropout and batch normalization",
         "Dropout zeroes random units in training and scales the rest, so evaluation is the identity. Batch "
         "normalization standardizes each feature over the batch in training and keeps running statistics "
         "for evaluation: explicit state, and the place where momentum means opposite things in the two "
         "frameworks.",
         ("layer/dropout", "layer/spatial_dropout1d", "layer/spatial_dropout2d", "layer/alpha_dropout",
          "layer/gaussian_dropout", "layer/gaussian_noise", "layer/batch_norm", "layer/batch_norm_2d",
          "layer/layer_norm")),
)

KEYS = tuple(s.key for s in STEPS)


def step(key: str) -> Step:
    """The step named ``key``; KeyError naming the valid keys."""
    for s in STEPS:
        if s.key == key:
            return s
    raise KeyError(f"learning-path step {key!r} does not exist; valid steps: {', '.join(KEYS)}")
