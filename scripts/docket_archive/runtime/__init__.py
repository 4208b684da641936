"""Machinery any stage may use: the same work spread over the cores, the build date, printing safely to a terminal."""
