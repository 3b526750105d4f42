"""The window's model, without Qt: the setup and its transitions, building it into runs, the
snapshots the views draw, the loss landscapes and the lessons. It sits on the engine; the Qt layer
(``gdsim.ui``) sits on it, and nothing flows the other way."""
