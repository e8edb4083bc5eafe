from sigmakit.cli.main import main

main()
