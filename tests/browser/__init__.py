"""Every page of the built site in a real browser: accessibility, keyboard, privacy, health."""
