"""Fixtures shared by the agent tests: real facades over tmp data dirs (see offline_env)."""

from tests.agent.offline_env import controlled_news, ctx, demo_ctx, demo_news, market  # noqa: F401
