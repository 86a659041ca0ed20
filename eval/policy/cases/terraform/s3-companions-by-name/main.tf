variable "region" {
  type    = string
  default = "eu-west-1"
}

locals {
  environment = "production"
  prefix      = "acme-finance-${local.environment}"
  bucket_name = "${local.prefix}-reports"
}

resource "aws_s3_bucket" "reports" {
  bucket = local.bucket_name
}

# The companions name the bucket by its name rather than by reference.
resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = "acme-finance-production-reports"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "reports" {
  bucket = local.bucket_name
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse"
    }
  }
}

resource "aws_s3_bucket_versioning" "reports" {
  bucket = "${local.prefix}-reports"
  versioning_configuration {
    status = "Enabled"
  }
}
