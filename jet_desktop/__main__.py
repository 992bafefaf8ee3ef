from jet_desktop.cli import main

raise SystemExit(main())
