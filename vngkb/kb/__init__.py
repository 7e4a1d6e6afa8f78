"""The knowledge base: loading its Turtle files, the computed layer above them, the
named graphs.
"""
