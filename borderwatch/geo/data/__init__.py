"""Data files of the geo stage (a package so that packaging ships them)."""
