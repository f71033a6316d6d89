"""The reference's normal-distribution names -> Keras VarianceScaling's ``distribution``.

Keras's "normal" means truncated; the untruncated normal is spelled "untruncated_normal"
(keras/src/initializers/random_initializers.py, VarianceScaling).
"""

NORMAL = {False: "untruncated_normal", True: "truncated_normal"}      # reference ``truncated`` -> Keras
