"""The echoes settings a command line needs without loading the finder (numpy and all)."""

DEFAULT_MIN_WORDS = 12
LOWEST_MIN_WORDS = 4
