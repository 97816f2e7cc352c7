from kinerja.cli import main

main()
