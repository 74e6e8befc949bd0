"""Instructor tools: ``coursekit release`` (exercises from solutions) and ``coursekit grade``.

Kept apart from the student package: ``pip install coursekit`` gives the models, widgets, checks
and data; ``pip install "coursekit[instructor]"`` adds what these tools need (nbformat, nbclient,
tqdm). Grading also needs bubblewrap (``apt-get install bubblewrap``) for its sandbox.
"""
