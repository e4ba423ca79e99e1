"""Stage `tone`: the sentiment each sentence expresses toward each actor it names."""

from dossier.tone.finder import ToneData, find_tones, load_tone_data

__all__ = ["ToneData", "find_tones", "load_tone_data"]
