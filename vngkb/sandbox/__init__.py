"""Running a user's SPARQL safely: the guard that reads the query first (``guard``,
``lexer``), the network lock (``netlock``), the bounds on a query process's life
(``lifetime``), and the one child-process runner (``runner``) that both ``vngkb query``
(``isolated``) and the endpoint's pool start their workers with.
"""
