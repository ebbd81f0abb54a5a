"""The documents govdocs makes for a meeting, and what each is called: the one list the command line,
the render context and the pack read (kept free of imports, so `govdocs --help` stays fast)."""

TITLES = {"agenda": "Agenda", "minutes": "Minutes", "actions": "Action Log", "forward-plan": "Forward Plan",
          "highlight": "Highlight Report"}
KINDS = tuple(TITLES)
