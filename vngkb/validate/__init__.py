"""Validation: Turtle syntax, the SHACL shapes, the quotes against the source, the QC checks."""
