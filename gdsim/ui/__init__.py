"""The window: a Qt front end (PySide6, pyqtgraph) over the engine. Importing this imports Qt."""
