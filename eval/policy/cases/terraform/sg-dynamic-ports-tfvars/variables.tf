variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "public_ports" {
  type        = list(number)
  description = "Ports open to the internet."
  default     = [443]
}
