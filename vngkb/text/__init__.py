"""Dutch text as words, forms, stems and stop words (``dutch``): the one text pipeline
that the search and ``vngkb vraag`` share. It imports nothing of vngkb, so neither
caller pays for the other's modules.
"""
