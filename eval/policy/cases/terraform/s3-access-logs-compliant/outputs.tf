output "bucket_arn" {
  value = aws_s3_bucket.access_logs.arn
}
