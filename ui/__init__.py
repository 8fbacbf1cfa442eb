"""Dock panels: a .ui file and a class each; they collect inputs and call core or algorithms."""
