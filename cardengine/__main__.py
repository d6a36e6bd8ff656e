import sys

from cardengine.cli import main

sys.exit(main())
