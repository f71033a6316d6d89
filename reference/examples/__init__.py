"""The NumPy way of each example network ("examples three ways", ``conformance/study.py``): forward,
backward and update written out by hand. One module per network; the examples that share a network
(XOR and the planar flower) share its module and differ only in data and sizes."""
