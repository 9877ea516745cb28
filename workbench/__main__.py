"""`python -m workbench` — same entry point as the console script."""

from workbench.cli import main

raise SystemExit(main())
