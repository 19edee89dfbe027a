"""Use cases over the database.  Plain Python: take a Session and an Actor, enforce roles, raise typed errors.

Services flush but never commit (except auth.login, which must keep its failure record); the caller's
unit of work (``Database.session()``) commits, so one user action is one transaction.
"""
