variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "production"
}

variable "table_arn" {
  type    = string
  default = "arn:aws:dynamodb:eu-west-1:123456789012:table/carts"
}
