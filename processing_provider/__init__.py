"""The Processing provider ``fibreresilience``."""
