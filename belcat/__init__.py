"""belcat: a desktop catalog of the Belarus Hi-Tech Park."""

__version__ = "0.1.0"
