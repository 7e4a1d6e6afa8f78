"""The ``vngkb`` command line: thin click commands over :mod:`vngkb.api`."""
