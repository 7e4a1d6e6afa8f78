"""Foundations every layer uses: the library's exceptions, its version, where the data lives,
the cache on disk.
"""
