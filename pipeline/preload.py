"""Imported by the worker pool's forkserver, once, before it forks any worker.

It parses a tiny document so that the parsers' lazily loaded word lists and compiled
patterns are already in memory: every worker forked afterwards (and every replacement of a
retired or killed worker) starts ready, sharing them copy-on-write, instead of spending a
serial start-up on loading them itself.
"""

from pipeline.workers import warm_up

warm_up()
