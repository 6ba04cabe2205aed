"""Event extraction: triggers, arguments, modality, claims, coreference, timeline, ACLED coding."""
