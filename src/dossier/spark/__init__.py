"""The same pipeline under PySpark: `dossier spark` writes every table as Parquet (docs/scale.md).

PySpark is imported only when a job runs, so this package loads without it.
"""

from dossier.spark.job import SparkOptions, run_spark_job

__all__ = ["SparkOptions", "run_spark_job"]
