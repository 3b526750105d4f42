"""Memory the window gives back: large blocks go straight to the system once freed.

glibc's malloc serves a block of 128 KiB or more with mmap and unmaps it when freed, but each time
such a block is freed it raises that threshold to the block's size (up to 32 MiB). From then on the
blocks a window allocates again and again (a run's trajectory of a few MB at every change of setup,
a landscape's chunks, snapshots) come from the heaps of the threads that ask for them, and a heap
keeps what it once held. Fixing the threshold stops the drift: in a thousand random user actions
(tests/test_gui_stress.py) the process's RSS grew 56–76 MB after the first hundred with glibc's
moving threshold, and 14 MB with it fixed.
"""

import ctypes
import ctypes.util
import sys

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h); setting it also stops its adjustment
THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value


def return_large_blocks() -> bool:
    """Keep glibc's mmap threshold where it starts; True if it was set (False off glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(M_MMAP_THRESHOLD, THRESHOLD_BYTES))
    except (OSError, AttributeError):  # another C library (musl has no mallopt)
        return False
