"""Bringing the past in: a board's published minutes (Word, PDF, text, ModernGov pages) read into a draft
record of each meeting, with every line of the source either placed or reported."""
