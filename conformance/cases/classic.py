"""Cases for the classic algorithms of the "model" family (``conformance/checkers/classic.py``): linear
regression by the normal equations (least squares and ridge, closed form) and the perceptron learning
rule. Linear, logistic and softmax regression by gradient descent are Sequential cases
(``conformance/cases/models.py``).

The data are drawn from the case's seed (``setup["data"]``: a data set of
``reference/models/datasets.py``); x ~ N(0, 1) keeps XᵀX well-conditioned (κ of a few units), so the
float32 solve is judged by the rounding bound the checker derives, with no override.
"""
from conformance.case import Case


def normal_equations(desc: str, note: str, data, **kwargs) -> Case:
    return Case("normal_equations", "model", {}, kwargs=kwargs, desc=desc, note=note, setup={"data": data})


def perceptron(desc: str, note: str, data, epochs: int, shuffle: bool, init: str = "zeros", **kwargs) -> Case:
    return Case("perceptron", "model", {}, kwargs=kwargs, desc=desc, note=note,
                setup={"data": data, "epochs": epochs, "shuffle": shuffle, "init": init})


CASES = [
    normal_equations("default", "ordinary least squares with an intercept (the Gaussian maximum-likelihood "
                     "solution), 20 samples of 3 features", ("linear", {"n": 20, "features": 3}),
                     l2=0.0, fit_intercept=True),
    normal_equations("ridge", "ridge, λ = 5 on the sum of squares, the intercept not penalized (the MAP "
                     "solution under a Gaussian prior on w)", ("linear", {"n": 20, "features": 3}),
                     l2=5.0, fit_intercept=True),
    normal_equations("multi_output", "ridge with two outputs solved together (one XᵀX, two right-hand sides), "
                     "λ = 0.5", ("linear", {"n": 30, "features": 4, "outputs": 2}), l2=0.5, fit_intercept=True),
    normal_equations("no_intercept", "least squares through the origin (fit_intercept=False: b = 0, the data "
                     "not centred)", ("linear", {"n": 20, "features": 3}), l2=0.0, fit_intercept=False),
    perceptron("default", "separable blobs (±1 labels, centres 3 apart, moved off the origin by 2 so the bias "
               "has to be learned), zero start, learning rate 1, 4 shuffled epochs of 12 samples: mistakes "
               "4, 3, 2, then none", ("signed_blobs", {"n": 12, "separation": 3.0, "offset": 2.0}), epochs=4,
               shuffle=True),
    perceptron("nonseparable", "overlapping blobs (centres 1 apart) that no line separates, a random start, "
               "learning rate 0.1, 5 shuffled epochs of 10: mistakes in every epoch",
               ("signed_blobs", {"n": 10, "separation": 1.0}), epochs=5, shuffle=True, init="normal",
               learning_rate=0.1),
]
