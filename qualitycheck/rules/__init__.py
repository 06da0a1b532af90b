"""Built-in rule modules, one per rule, at ``qualitycheck/rules/<category>/<name>.py``."""
