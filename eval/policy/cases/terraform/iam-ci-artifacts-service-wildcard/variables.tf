variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "ci"
}

variable "artifact_bucket" {
  type    = string
  default = "acme-ci-artifacts"
}
