"""dossier: news reports in, structured and traceable knowledge out."""

__version__ = "0.1.0"
