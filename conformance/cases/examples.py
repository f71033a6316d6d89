"""Cases of the "example" family: one per example of ``conformance/study.py`` (component: the example's
network, desc: its name), each checked by ``conformance/checkers/example.py``. The examples themselves are
data in ``study.EXAMPLES``; this file only hands them to the catalog."""
from conformance import study

CASES = [study.case(name) for name in study.EXAMPLES]
