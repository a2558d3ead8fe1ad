"""`python -m celiatool`."""

from celiatool.cli import main

if __name__ == "__main__":
    main()
