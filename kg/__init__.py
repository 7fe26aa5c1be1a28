"""reform-kg: a knowledge graph of Vietnamese public-administration reform initiatives."""

__version__ = "0.1.0"
