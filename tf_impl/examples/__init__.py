"""The TensorFlow/Keras ways of each example network (``conformance/study.py``): by hand
(``tf.Variable``, ``tf.GradientTape``, ``assign_sub``), ``keras.Sequential`` and the functional API, both
trained by ``compile`` and ``fit``. One module per network, named as in ``reference/examples/``."""
