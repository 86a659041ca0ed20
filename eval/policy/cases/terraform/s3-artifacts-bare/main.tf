variable "region" {
  type    = string
  default = "us-east-1"
}

# Build artifacts, created in a hurry: no public access block, no
# encryption configuration, no versioning.
resource "aws_s3_bucket" "artifacts" {
  bucket = "acme-ci-build-artifacts"

  tags = {
    Name = "ci-build-artifacts"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id
  rule {
    id     = "expire-old-builds"
    status = "Enabled"
    filter {
      prefix = "builds/"
    }
    expiration {
      days = 30
    }
  }
}
