"""Sentences about news in the offline answers."""
