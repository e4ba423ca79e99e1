"""The same pipeline under PySpark: `dossier spark` writes every table as Parquet (docs/scale.md).

PySpark is imported only when a job runs, so this package loads without it.
"""

from dossier.spark.job import SparkOptions, SparkReport, run_spark_job
from dossier.spark.provenance import provenance_rows

__all__ = ["SparkOptions", "SparkReport", "provenance_rows", "run_spark_job"]
