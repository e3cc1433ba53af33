"""``python -m khabar`` runs the command line."""

from khabar.cli.launch import main

if __name__ == "__main__":  # not when a spawned worker process (clean.isolated) imports it
    main()
