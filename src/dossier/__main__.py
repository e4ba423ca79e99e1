if __name__ == "__main__":
    # Imported here, not above: a worker process of `python -m dossier run --processes N` imports this module
    # again (as __mp_main__) and needs none of the command line.
    from dossier.cli.commands import main

    main()
