variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "production"
}

variable "versioning_status" {
  type        = string
  description = "Enabled or Suspended"
  default     = "Suspended"
}
