"""The read stage: files, folders, JSONL, HTML, WARC and feeds to `Article` records, one error per bad document."""

from dossier.read.readers import ReadOptions, jsonl_record_to_article, read_articles, read_bytes_safely

__all__ = ["ReadOptions", "jsonl_record_to_article", "read_articles", "read_bytes_safely"]
