variable "name" {
  type        = string
  description = "The bucket's name."
}

variable "versioning" {
  type    = bool
  default = true
}

variable "kms_key_arn" {
  type    = string
  default = null
}
