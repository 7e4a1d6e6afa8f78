"""The version of vngkb (one place; the package, the cache keys and the DCAT description
read it)."""

__version__ = "0.1.0"
