from sigmakit.cli.entry import main

main()
