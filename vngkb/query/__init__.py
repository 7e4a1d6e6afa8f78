"""Questions and answers: the catalogue of canned questions, the stores that answer
them, the output formats.
"""
