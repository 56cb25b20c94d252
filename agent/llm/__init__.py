"""The LLM agent: chat models from settings, the agent loop, its tools and their schemas, the prompt, grounding."""
