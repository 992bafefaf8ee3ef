from jet_desktop.starttijden import merk

merk("python")  # the interpreter is up (benchmarks/bench_startup.py)

from jet_desktop.cli import main  # noqa: E402

raise SystemExit(main())
