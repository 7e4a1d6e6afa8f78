"""vngkb: the VNG ledenbrief on the Miljoenennota 2020 as linked data."""

__version__ = "0.1.0"
