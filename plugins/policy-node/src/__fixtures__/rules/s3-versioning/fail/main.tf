resource "aws_s3_bucket" "datalake" {
  bucket = "acme-datalake-raw"
}

resource "aws_s3_bucket_versioning" "datalake" {
  bucket = aws_s3_bucket.datalake.id

  versioning_configuration {
    status = var.versioning_status
  }
}
