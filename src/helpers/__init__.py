"""Orient: customer-oriented performance design (客户导向绩效) as a Jupyter workbook kit.

Notebooks import this package; each method step has its own module (``intake``,
``diagnosis``, ...). Importing the package itself stays cheap: modules are imported by
the code that needs them.
"""

from helpers import _fastimport

_fastimport.skip_slow_optional_imports()

__version__ = "0.1.0"
