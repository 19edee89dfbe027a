"""Entry script of the frozen program: the same ``entry_point()`` as the ``welcomedly`` console script.

A separate file (rather than ``welcomedly_desktop/__main__.py`` itself) keeps the package's
``__main__`` an ordinary module inside the bundle and gives ``freeze_support`` its required place.
"""

import multiprocessing

if __name__ == "__main__":
    # A frozen Windows program that ever starts a multiprocessing child must call this first.
    multiprocessing.freeze_support()
    from welcomedly_desktop.__main__ import entry_point

    entry_point()
