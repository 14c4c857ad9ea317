"""Core of the cell's document site: text helpers, the document model and its rules.

Nothing in this package imports MkDocs, so it can be used and tested on its own.
"""
