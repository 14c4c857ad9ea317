"""The secretary's desk: a small web application (Starlette) to import, correct, check and
publish documents from a browser, on the project's own core. ``python -m chibo.desk``."""
