variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "staging"
}

variable "encrypt_storage" {
  type        = bool
  description = "Encrypt the database storage (production only, to save on KMS)."
  default     = false
}
