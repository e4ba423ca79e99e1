from dossier.cli.commands import main

main()
