"""``python -m awsbook.classroom`` runs the classroom command line."""

import sys

from awsbook.classroom.cli import main

sys.exit(main())
