variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "production"
}

variable "create_bastion" {
  type        = bool
  description = "Create an SSH bastion (only for incident response)."
  default     = false
}
