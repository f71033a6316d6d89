"""Cases for whole models (``conformance/checkers/model.py``): a Sequential network as data, trained by
each framework's own loop on a data set drawn from the case's seed, at most 50 updates.

The model is ``kwargs["layers"]``; ``setup`` holds the data, loss, optimizer, batch size (None: full
batch), epochs and whether each epoch is shuffled (the order drawn by the reference, fed to all three).
"""
from conformance.case import Case


def dense(n_in: int, n_out: int) -> tuple[str, dict]:
    return ("dense", {"in_features": n_in, "units": n_out})


def sequential(desc: str, layers: list, note: str = "", **setup) -> Case:
    return Case("sequential", "model", {}, kwargs={"layers": layers}, desc=desc, note=note, setup=setup)


BCE = ("bce", {"reduction": "mean"})
MSE = ("mse", {"reduction": "mean"})

CASES = [
    sequential("default", [dense(2, 2), ("tanh", {}), dense(2, 1), ("sigmoid", {})],
               note="XOR, 2-2-1 tanh/sigmoid, binary cross-entropy, full-batch gradient descent",
               data=("xor", {}), loss=BCE, optimizer=("sgd", {"learning_rate": 1.0}), batch_size=None, epochs=50),
    sequential("logistic_minibatch", [dense(2, 1), ("sigmoid", {})],
               note="logistic regression on two Gaussian blobs, mini-batch SGD (8 of 32) with shuffling",
               data=("blobs", {"n": 32, "features": 2}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.1}),
               batch_size=8, epochs=10, shuffle=True),
    sequential("logistic_online", [dense(2, 1), ("sigmoid", {})],
               note="logistic regression, online SGD (batch size 1) with shuffling",
               data=("blobs", {"n": 10, "features": 2}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.1}),
               batch_size=1, epochs=4, shuffle=True),
    sequential("planar", [dense(2, 4), ("tanh", {}), dense(4, 1), ("sigmoid", {})],
               note="2-layer tanh network, sigmoid output, planar two-class 'flower' data, mini-batch SGD "
                    "with momentum (the optimizer state is compared too)",
               data=("planar", {"n": 40}), loss=BCE, optimizer=("sgd", {"learning_rate": 0.5, "momentum": 0.9}),
               batch_size=10, epochs=10, shuffle=True),
    sequential("linear_regression", [dense(3, 1)],
               note="linear regression, MSE, full-batch gradient descent",
               data=("linear", {"n": 20, "features": 3}), loss=MSE, optimizer=("sgd", {"learning_rate": 0.1}),
               batch_size=None, epochs=30),
    sequential("softmax_regression_logits", [dense(2, 3)],
               note="softmax (multinomial logistic) regression written with logits and a from-logits loss "
                    "(torch CrossEntropyLoss, Keras CategoricalCrossentropy(from_logits=True)), full batch",
               data=("clusters", {"n": 30, "classes": 3}), loss=("softmax_crossentropy", {"reduction": "mean"}),
               optimizer=("sgd", {"learning_rate": 0.5}), batch_size=None, epochs=30),
    sequential("softmax_regression_probs", [dense(2, 3), ("softmax", {})],
               note="the same model as users often write it: the softmax inside the model and a loss on "
                    "probabilities (Keras's default CategoricalCrossentropy; torch NLLLoss of the log)",
               data=("clusters", {"n": 30, "classes": 3}), loss=("categorical_crossentropy", {"reduction": "mean"}),
               optimizer=("sgd", {"learning_rate": 0.5}), batch_size=None, epochs=30),
]
