from hall_app.cli import main

raise SystemExit(main())
