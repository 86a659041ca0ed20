locals {
  prefix = "acme-${var.environment}"
}

variable "environment" {
  type = string
}

resource "aws_s3_bucket" "logs" {
  bucket = "${local.prefix}-logs"
}

# Linked by the bucket's name, as older modules do.
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket = "${local.prefix}-logs"

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "reports" {
  bucket_prefix = "${local.prefix}-reports-"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket = aws_s3_bucket.reports.bucket

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
