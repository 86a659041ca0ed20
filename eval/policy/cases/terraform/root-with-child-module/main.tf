variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "production"
}

module "raw_bucket" {
  source     = "./modules/bucket"
  name       = "acme-ingest-raw-${var.environment}"
  versioning = true
}

module "staging_bucket" {
  source     = "./modules/bucket"
  name       = "acme-ingest-staging-${var.environment}"
  versioning = true
}
