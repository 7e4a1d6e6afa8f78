"""Running a user's SPARQL safely: the guard that reads the query first, the network
lock, the child process.
"""
