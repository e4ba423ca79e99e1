"""spark-submit's entry point: this file, given the arguments of `dossier spark`, runs that command.

It lives on the CLI side so that `dossier.spark` never imports the CLI (the
library does not depend on its adapter). spark-submit takes a Python file,
not a module, so docs/scale.md passes this file's path:

    spark-submit --master yarn "$(python -c 'import dossier.cli.spark_submit as s; print(s.__file__)')" \\
        s3a://crawl/2024/ --output s3a://results/2024/
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    """Run `dossier spark` with `argv` (default: this process's arguments)."""
    from dossier.cli.commands import app

    app(["spark", *(sys.argv[1:] if argv is None else argv)], prog_name="dossier")


if __name__ == "__main__":
    main()
