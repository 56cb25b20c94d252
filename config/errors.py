"""The one error type every layer may raise to a user, so the front end can catch it by type.

It lives at the bottom of the dependency chain (config) because the bot must recognise a user-safe
error from tools or retrieval without importing them (bot -> agent -> tools, retrieval -> config).
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose ``str()`` is one line written for the person who asked (no internals, no secrets)."""
