"""``python -m gaps`` runs the command line."""

from gaps.cli import main

if __name__ == "__main__":
    main()
