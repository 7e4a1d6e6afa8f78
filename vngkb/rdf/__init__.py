"""Reading inputs: files with a size bound, Turtle, typed literals, RDF terms and
namespaces, the letter's source text.
"""
