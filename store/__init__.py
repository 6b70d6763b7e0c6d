"""sorot's headless core: articles, their reading, and what users keep about them.

Nothing in this package imports Textual; scripts, tests and other front ends
use it directly.
"""

__version__ = "0.1.0"
