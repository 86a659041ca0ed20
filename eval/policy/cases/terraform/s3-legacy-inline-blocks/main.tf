variable "region" {
  type    = string
  default = "eu-central-1"
}

# Written for the AWS provider v3: versioning and encryption as blocks of
# the bucket itself (deprecated in v4+, still honoured).
resource "aws_s3_bucket" "warehouse_exports" {
  bucket = "acme-warehouse-exports"
  acl    = "private"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }

  lifecycle_rule {
    id      = "glacier"
    enabled = true
    transition {
      days          = 90
      storage_class = "GLACIER"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "warehouse_exports" {
  bucket                  = aws_s3_bucket.warehouse_exports.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
