"""`python -m workbench` — same entry point as the console script."""

from workbench.cli import main

if __name__ == "__main__":  # process-pool workers import this module as __mp_main__: they must not run the CLI
    raise SystemExit(main())
