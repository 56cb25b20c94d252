"""Crossing alerts: /alerts handlers, per-chat settings store, the flash text and the job that sends it."""
