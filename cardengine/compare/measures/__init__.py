"""Workshops -> tidy comparison tables: the facts read from each workshop file and every measure computed on
them (pick rates, feasibility means, rankings, agreement, bootstrap intervals, comments, SDGs, provenance)."""
