"""Views for people and tools: totals per year, counts, the flat and the detailed view
of a measure.
"""
