locals {
  buckets = {
    state   = "acme-terraform-state"
    backups = "acme-db-backups"
  }
}

resource "aws_s3_bucket" "state" {
  bucket = local.buckets["state"]
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "backups" {
  bucket = lookup(local.buckets, "backups")

  versioning {
    enabled = true
  }
}
