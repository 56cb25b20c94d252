"""Typed settings shared by every layer (the bottom of the dependency chain)."""

from config.settings import LLMEndpoint, Settings, get_settings

__all__ = ["LLMEndpoint", "Settings", "get_settings"]
