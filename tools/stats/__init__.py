"""Turnover statistics over any period: period specs, typed queries and results, computation, text."""
