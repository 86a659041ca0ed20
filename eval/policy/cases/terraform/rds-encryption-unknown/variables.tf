variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "production"
}

# Given by each environment's pipeline (-var), no default.
variable "encrypt_storage" {
  type = bool
}
